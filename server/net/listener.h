// Listener: accepts TCP connections and gives each an HttpSession on its own strand. The
// metrics listener (--metrics-listen) serves only /metrics and /healthz, and its connections
// are not counted against the connection limits (an operator must still see the metrics of a
// server at its limits).
//
// Each accepted connection is admitted by the ConnectionRegistry (server_context.h) under its
// peer's address (a trusted proxy's connections are counted once their client is known), or
// refused: then, while fewer than ConnectionRegistry::kMaxRefusing are being refused, it gets
// a session that answers its request with the refusal (503/429, or a WebSocket "overloaded"
// and 1013); past that it is closed at once.
//
// Out of descriptors (EMFILE, ENFILE) or kernel memory, accept fails at once for as long as
// the connection waits in the backlog: rather than spin, the listener evicts the oldest idle
// connection and waits (10 ms, doubling to 1 s while it lasts) before accepting again. Each
// such failure counts as a refusal (limit "descriptors"), with a log line at most once a
// minute.
#ifndef ATELIER_SERVER_NET_LISTENER_H_
#define ATELIER_SERVER_NET_LISTENER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <expected>
#include <memory>
#include <string>

#include "server/net/http_session.h"

namespace atelier::net {

// SO_SNDBUF of every accepted connection (the kernel doubles it for its bookkeeping): enough
// for a room's burst on a LAN, small enough that a stalled client costs little.
inline constexpr int kSocketSendBuffer = 256 << 10;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens; port 0 picks a free port (see endpoint()).
  static std::expected<std::shared_ptr<Listener>, std::string> Open(
      boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint,
      const ServerContext& context, bool metrics_only = false);

  void Run();
  void Stop();  // stops accepting; open sessions go on
  boost::asio::ip::tcp::endpoint endpoint() const;

 private:
  Listener(boost::asio::io_context& ioc, const ServerContext& context, bool metrics_only);
  void DoAccept();
  void OnAccept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);
  // Accept failed for want of descriptors or memory: evict, wait, accept again.
  void BackOff(boost::beast::error_code ec);
  Admission Admit(const boost::asio::ip::tcp::socket& socket);

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  const ServerContext& context_;
  bool metrics_only_;
  boost::asio::steady_timer backoff_;
  std::chrono::milliseconds backoff_delay_{0};
  std::chrono::steady_clock::time_point last_warning_{};
  uint64_t failures_since_warning_ = 0;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_LISTENER_H_
