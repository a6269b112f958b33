#include "server/net/listener.h"

#include <boost/asio/strand.hpp>

namespace atelier::net {

namespace asio = boost::asio;
namespace beast = boost::beast;

Listener::Listener(asio::io_context& ioc, const ServerContext& context, bool metrics_only)
    : ioc_(ioc), acceptor_(asio::make_strand(ioc)), context_(context), metrics_only_(metrics_only) {}

std::expected<std::shared_ptr<Listener>, std::string> Listener::Open(
    asio::io_context& ioc, const asio::ip::tcp::endpoint& endpoint, const ServerContext& context,
    bool metrics_only) {
  std::shared_ptr<Listener> listener(new Listener(ioc, context, metrics_only));
  beast::error_code ec;
  auto fail = [&](const char* what) {
    return std::unexpected(std::string(what) + " " + endpoint.address().to_string() + ":" +
                           std::to_string(endpoint.port()) + ": " + ec.message());
  };
  listener->acceptor_.open(endpoint.protocol(), ec);
  if (ec) return fail("cannot open");
  listener->acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("cannot set options on");
  listener->acceptor_.bind(endpoint, ec);
  if (ec) return fail("cannot bind");
  listener->acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("cannot listen on");
  return listener;
}

asio::ip::tcp::endpoint Listener::endpoint() const { return acceptor_.local_endpoint(); }

void Listener::Run() { DoAccept(); }

void Listener::Stop() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->acceptor_.close(ec);
  });
}

void Listener::DoAccept() {
  const asio::any_io_executor executor =
      context_.single_thread ? asio::any_io_executor(ioc_.get_executor())
                             : asio::any_io_executor(asio::make_strand(ioc_));
  acceptor_.async_accept(executor,
                         beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
}

void Listener::OnAccept(beast::error_code ec, asio::ip::tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (!ec) {
    socket.set_option(asio::ip::tcp::no_delay(true), ec);
    // A fixed kernel send buffer bounds what a connection that stops reading holds in the
    // kernel; past it, frames wait in the session's bounded queue (see websocket_session.h).
    socket.set_option(asio::socket_base::send_buffer_size(kSocketSendBuffer), ec);
    std::make_shared<HttpSession>(std::move(socket), context_, metrics_only_)->Run();
  }
  DoAccept();
}

}  // namespace atelier::net
