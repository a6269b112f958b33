// HttpSession: one HTTP connection. Serves the JSON API, /healthz, /metrics and the web app's
// static files, and hands a WebSocket upgrade on /ws to a WebSocketSession.
//
// One request at a time (keep-alive); a request body over 64 KiB is refused with 413. Answers
// that wait on a room (creating a workshop, reading results) come back on the room's strand and
// are posted to this session's strand before writing. Lifetime: shared_ptr held by its pending
// operations.
#ifndef ATELIER_SERVER_NET_HTTP_SESSION_H_
#define ATELIER_SERVER_NET_HTTP_SESSION_H_

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <memory>
#include <optional>

#include "server/http/metrics.h"
#include "server/net/websocket_session.h"
#include "server/room/hub.h"

namespace atelier::net {

struct HttpContext {
  room::Hub& hub;
  http::Metrics& metrics;
  std::filesystem::path static_dir;  // empty: a default page
  SessionLimits limits;
  // The server runs one I/O thread: the io_context is then an implicit strand and connections
  // need no strand of their own (saving a lock and a queue hop on every write).
  bool single_thread = false;
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, const HttpContext& context);
  void Run();

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;

  void DoRead();
  void OnRead(boost::beast::error_code ec, size_t bytes);
  void Route();
  void ServeStatic();
  void SendJson(unsigned status, std::string body);
  void SendText(unsigned status, std::string content_type, std::string body);
  template <class Response>
  void Send(Response response);
  void OnWrite(bool keep_alive, boost::beast::error_code ec, size_t bytes);

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  const HttpContext& context_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  Request request_;
  std::shared_ptr<void> response_;  // the response being written
  std::string allow_;               // the Allow header of a 405
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_HTTP_SESSION_H_
