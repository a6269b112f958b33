#include "bench/raw_fanout/http_session.h"

#include <boost/beast/websocket/rfc6455.hpp>

namespace atelier::bench {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;

HttpSession::HttpSession(asio::ip::tcp::socket&& socket, const HttpContext& context)
    : socket_(std::move(socket)), context_(context) {}

void HttpSession::DoRead() {
  request_ = {};
  bhttp::async_read(socket_, buffer_, request_,
                    beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

void HttpSession::OnRead(beast::error_code ec, size_t) {
  if (ec) return;  // end of stream, or a bad request: drop the connection
  if (request_.target() == "/ws" && beast::websocket::is_upgrade(request_)) {
    // The bytes read past the request stay in buffer_; a client does not send frames before
    // the 101, so none are lost by leaving buffer_ behind.
    std::make_shared<WebSocketSession>(std::move(socket_), context_.rooms, context_.websocket)
        ->Run(std::move(request_));
    return;
  }
  const bool health = request_.method() == bhttp::verb::get && request_.target() == "/healthz";
  response_ = {health ? bhttp::status::ok : bhttp::status::not_found, request_.version()};
  response_.set(bhttp::field::content_type, "text/plain");
  response_.body() = health ? "ok" : "not found";
  response_.keep_alive(request_.keep_alive());
  response_.prepare_payload();
  bhttp::async_write(
      socket_, response_,
      beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), request_.keep_alive()));
}

void HttpSession::OnWrite(bool keep_alive, beast::error_code ec, size_t) {
  if (ec) return;
  if (!keep_alive) {
    socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    return;
  }
  DoRead();
}

}  // namespace atelier::bench
