// atelier-raw-fanout: the machine's ceiling for the benchmarks. Speaks the minimal protocol
// (see README.md) with the least work per delivery: one thread, no storage, no rules; each
// broadcast serialized once and its bytes shared by every connection's write queue.
//
//   atelier-raw-fanout [--listen HOST:PORT] [--max-queue-bytes N] [--coalesce]
//
// Prints "raw-fanout listening on HOST:PORT" first (port 0: a free port). SIGTERM or SIGINT:
// exits 0 at once, connections dropped.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdlib>
#include <iostream>
#include <string>

#include "bench/raw_fanout/http_session.h"

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr char kUsage[] =
    "usage: atelier-raw-fanout [--listen ADDRESS:PORT] [--max-queue-bytes N] [--coalesce]\n"
    "  --listen           default 127.0.0.1:8082; port 0 picks a free port, printed first\n"
    "  --max-queue-bytes  per connection, what may wait to be sent before the client is closed\n"
    "                     with 4001 (too slow), as Atelier does. Default 4194304\n"
    "  --coalesce         send the events waiting for a connection as one EventBatch frame, as\n"
    "                     Atelier does (default: one frame per event)\n";

void Accept(tcp::acceptor& acceptor, const atelier::bench::HttpContext& context) {
  acceptor.async_accept([&acceptor, &context](boost::system::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      // Frames go out as soon as they are written: latency matters more than packet count.
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<atelier::bench::HttpSession>(std::move(socket), context)->Run();
    }
    Accept(acceptor, context);
  });
}

}  // namespace

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  unsigned long port = 8082;
  atelier::bench::WebSocketSession::Options websocket;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--listen" && value) {
      const std::string listen = argv[++i];
      const size_t colon = listen.rfind(':');
      char* end = nullptr;
      if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
        return std::cerr << kUsage, 2;
      }
      host = listen.substr(0, colon);
      port = std::strtoul(listen.c_str() + colon + 1, &end, 10);
      if (*end != '\0' || port > 65535) return std::cerr << kUsage, 2;
    } else if (arg == "--max-queue-bytes" && value) {
      websocket.max_queued_bytes = std::strtoull(argv[++i], nullptr, 10);
      if (websocket.max_queued_bytes < 1024) return std::cerr << kUsage, 2;
    } else if (arg == "--coalesce") {
      websocket.coalesce = true;
    } else {
      std::cerr << "atelier-raw-fanout: unknown argument '" << arg << "'\n" << kUsage;
      return 2;
    }
  }

  try {
    // Concurrency hint 1: one thread, so Asio takes no locks.
    asio::io_context ioc(1);
    tcp::acceptor acceptor(ioc);
    const tcp::endpoint endpoint(asio::ip::make_address(host), static_cast<uint16_t>(port));
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);

    atelier::bench::Rooms rooms;
    const atelier::bench::HttpContext context{rooms, websocket};
    Accept(acceptor, context);

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&ioc](boost::system::error_code, int) { ioc.stop(); });

    const tcp::endpoint bound = acceptor.local_endpoint();
    std::cout << "raw-fanout listening on " << bound.address().to_string() << ":" << bound.port()
              << std::endl;
    ioc.run();
  } catch (const std::exception& e) {
    std::cerr << "atelier-raw-fanout: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
