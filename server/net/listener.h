// Listener: accepts TCP connections and gives each an HttpSession on its own strand. The
// metrics listener (--metrics-listen) serves only /metrics and /healthz.
#ifndef ATELIER_SERVER_NET_LISTENER_H_
#define ATELIER_SERVER_NET_LISTENER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
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

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  const ServerContext& context_;
  bool metrics_only_;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_LISTENER_H_
