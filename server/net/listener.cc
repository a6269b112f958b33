#include "server/net/listener.h"

#include <boost/asio/strand.hpp>
#include <algorithm>

#include "server/log/log.h"

namespace atelier::net {

namespace asio = boost::asio;
namespace beast = boost::beast;

Listener::Listener(asio::io_context& ioc, const ServerContext& context, bool metrics_only)
    : ioc_(ioc),
      acceptor_(asio::make_strand(ioc)),
      context_(context),
      metrics_only_(metrics_only),
      backoff_(acceptor_.get_executor()) {}

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
    self->backoff_.cancel();
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
  if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
      ec == asio::error::no_memory || ec.value() == ENFILE) {
    return BackOff(ec);
  }
  backoff_delay_ = std::chrono::milliseconds(0);
  if (!ec) {
    socket.set_option(asio::ip::tcp::no_delay(true), ec);
    // A fixed kernel send buffer bounds what a connection that stops reading holds in the
    // kernel; past it, frames wait in the session's bounded queue (see websocket_session.h).
    socket.set_option(asio::socket_base::send_buffer_size(kSocketSendBuffer), ec);
    Admission admission = Admit(socket);
    if (admission.slot || admission.ticket || metrics_only_) {
      std::make_shared<HttpSession>(std::move(socket), context_, std::move(admission),
                                    metrics_only_)
          ->Run();
    }
    // else: refused with no capacity left to say so; the socket closes here.
  }
  DoAccept();
}

Admission Listener::Admit(const asio::ip::tcp::socket& socket) {
  Admission admission;
  if (metrics_only_) return admission;
  beast::error_code ec;
  const asio::ip::address peer = socket.remote_endpoint(ec).address();
  const auto& proxies = context_.trusted_proxies;
  const bool proxied = std::find(proxies.begin(), proxies.end(), peer) != proxies.end();
  auto slot = context_.connections.Open(AddressKey::Of(peer), proxied);
  if (slot) {
    admission.slot = *std::move(slot);
    return admission;
  }
  context_.edge_metrics.CountRefusal(slot.error());
  admission.refused = slot.error();
  admission.ticket = context_.connections.StartRefusal();
  return admission;
}

void Listener::BackOff(beast::error_code ec) {
  context_.edge_metrics.CountRefusal(metrics::Limit::kDescriptors);
  const bool evicted = context_.connections.EvictOldestIdle();
  ++failures_since_warning_;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_warning_ >= std::chrono::minutes(1)) {
    log::Warning("cannot accept connections: " + ec.message() + " (" +
                 std::to_string(failures_since_warning_) +
                 " times since the last warning); waiting" +
                 (evicted ? ", an idle connection closed to make room" : ""));
    last_warning_ = now;
    failures_since_warning_ = 0;
  }
  backoff_delay_ = std::clamp(backoff_delay_ * 2, std::chrono::milliseconds(10),
                              std::chrono::milliseconds(1000));
  backoff_.expires_after(backoff_delay_);
  backoff_.async_wait([self = shared_from_this()](beast::error_code wait) {
    if (wait || !self->acceptor_.is_open()) return;
    self->DoAccept();
  });
}

}  // namespace atelier::net
