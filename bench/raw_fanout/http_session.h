// HttpSession: one HTTP connection to the raw fan-out. GET /healthz answers 200 "ok", an
// upgrade on /ws becomes a WebSocketSession, anything else 404. One request at a time
// (keep-alive). Lifetime: shared_ptr held by its pending operations. One thread.
#ifndef ATELIER_BENCH_RAW_FANOUT_HTTP_SESSION_H_
#define ATELIER_BENCH_RAW_FANOUT_HTTP_SESSION_H_

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>

#include "bench/raw_fanout/room.h"
#include "bench/raw_fanout/websocket_session.h"

namespace atelier::bench {

struct HttpContext {
  Rooms& rooms;
  WebSocketSession::Options websocket;
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, const HttpContext& context);
  void Run() { DoRead(); }

 private:
  void DoRead();
  void OnRead(boost::beast::error_code ec, size_t bytes);
  void OnWrite(bool keep_alive, boost::beast::error_code ec, size_t bytes);

  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  boost::beast::http::request<boost::beast::http::string_body> request_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  const HttpContext& context_;  // outlives every session (main's)
};

}  // namespace atelier::bench

#endif  // ATELIER_BENCH_RAW_FANOUT_HTTP_SESSION_H_
