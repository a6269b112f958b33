// The idle mode: what an open connection that says nothing costs the server. Opens `tables` x
// `workshops` WebSockets (upgraded, no Hello, nothing sent after), at most `connect_parallel`
// handshakes at once; once all are open and the server has settled, reads its resident size
// again. Bytes per connection = the growth / the connections. Every connection must still be
// open at the second reading: a server that dropped some would look cheaper than it is. Against
// Atelier, its Hello timeout must be longer than the run (`--hello-timeout 600`).
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clients/loadgen/report.h"
#include "clients/loadgen/runs.h"
#include "clients/loadgen/ws_client.h"

namespace atelier::loadgen {

namespace asio = boost::asio;

int RunIdle(const RunOptions& options) {
  if (options.server_pid == 0) {
    std::fprintf(stderr, "atelier-loadgen idle: needs --server-pid (the server's memory is the figure)\n");
    return 2;
  }
  asio::io_context ioc;
  boost::system::error_code ec;
  const asio::ip::address address = asio::ip::make_address(options.target.host, ec);
  if (ec) {
    std::fprintf(stderr, "atelier-loadgen idle: --server needs an address, not %s\n", options.target.host.c_str());
    return 2;
  }
  const asio::ip::tcp::endpoint endpoint(address, options.target.port);
  const size_t count = options.workshops * options.tables;
  Report report("idle", options);

  std::vector<std::unique_ptr<WsClient>> clients;
  clients.reserve(count);
  size_t started = 0, opened = 0, closed = 0;
  std::string last_close;
  bool all_opened = false;
  const std::optional<ProcessSample> before = SampleProcess(options.server_pid);
  std::optional<ProcessSample> after;
  const auto connect_start = std::chrono::steady_clock::now();
  asio::steady_timer settle(ioc);

  std::function<void()> start_next = [&] {
    if (started == count) return;
    auto& client = clients.emplace_back(std::make_unique<WsClient>(ioc, endpoint));
    ++started;
    client->Connect({
        .on_open =
            [&] {
              if (++opened < count) return start_next();
              all_opened = true;
              const double seconds =
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - connect_start).count();
              std::printf("opened %zu connections in %.2f s\n", count, seconds);
              report.Field("connections", static_cast<double>(count));
              report.Field("connect_s", seconds);
              // Let the server settle (handshake buffers freed), then read its memory.
              settle.expires_after(std::chrono::seconds(2));
              settle.async_wait([&](boost::system::error_code) {
                after = SampleProcess(options.server_pid);
                ioc.stop();
              });
            },
        .on_message = [](const v1::ServerMessage&) {},
        .on_closed =
            [&](const std::string& why, int code) {
              ++closed;
              last_close = why + (code ? " (" + std::to_string(code) + ")" : "");
              if (!all_opened) {
                std::fprintf(stderr, "atelier-loadgen idle: a connection ended before all were open: %s\n",
                             last_close.c_str());
                ioc.stop();
              }
            },
    });
  };
  for (size_t i = 0; i < options.connect_parallel && i < count; ++i) start_next();
  ioc.run();

  const bool ok = all_opened && closed == 0 && before && after;
  if (ok) report.Memory(count, before, after);
  std::printf("check: every connection opened and still open: %s (%zu of %zu opened, %zu ended%s%s)\n",
              ok ? "yes" : "NO", opened, count, closed, closed ? ", the last: " : "", last_close.c_str());
  return report.Result(ok);
}

}  // namespace atelier::loadgen
