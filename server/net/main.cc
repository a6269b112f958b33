// atelier-server: the workshop server. Flags: see --help.
#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <string>

#include "server/net/server.h"

namespace {

constexpr char kUsage[] =
    "usage: atelier-server [--listen ADDRESS:PORT] [--data DIR] [--static DIR] [--threads N]\n"
    "                      [--max-queue-bytes N] [--snapshot-every N] [--rounds-in-flight N]\n"
    "                      [--min-free-bytes N]\n"
    "  --listen   where to accept HTTP and WebSocket connections (default 127.0.0.1:8080;\n"
    "             port 0 picks a free port, printed on the first line of output)\n"
    "  --data     the event log's directory (default ./data)\n"
    "  --static   the web app's files (default: a plain page)\n"
    "  --threads  I/O threads (default 2)\n"
    "  --max-queue-bytes  per connection, what may wait to be sent before the client is closed\n"
    "             as too slow (code 4001; it resumes without loss). Default 4194304\n"
    "  --snapshot-every  save each workshop's state every N events, so that a restart folds\n"
    "             few (default 10000; 0: never)\n"
    "  --rounds-in-flight  per workshop, rounds of commands waiting for the disk at once\n"
    "             (default 1: each round waits for the one before to be durable; more\n"
    "             lowers latency on a slow disk, at some throughput on a busy core)\n"
    "  --min-free-bytes  free space kept in reserve on the disk holding --data: below it,\n"
    "             commands are refused (nothing written) until there is room again\n"
    "             (default 268435456, 256 MiB; 0: no reserve)\n";

bool ParseListen(const std::string& value, atelier::net::ServerOptions& options) {
  size_t colon = value.rfind(':');
  if (colon == std::string::npos) return false;
  options.address = value.substr(0, colon);
  char* end = nullptr;
  long port = std::strtol(value.c_str() + colon + 1, &end, 10);
  if (*end != '\0' || port < 0 || port > 65535 || colon + 1 == value.size()) return false;
  options.port = static_cast<uint16_t>(port);
  return !options.address.empty();
}

}  // namespace

int main(int argc, char** argv) {
  atelier::net::ServerOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--listen") {
      const char* v = value();
      if (!v || !ParseListen(v, options)) {
        std::cerr << "atelier-server: --listen takes ADDRESS:PORT, e.g. 127.0.0.1:8080\n" << kUsage;
        return 2;
      }
    } else if (arg == "--data") {
      const char* v = value();
      if (!v) return std::cerr << kUsage, 2;
      options.data_dir = v;
    } else if (arg == "--static") {
      const char* v = value();
      if (!v) return std::cerr << kUsage, 2;
      options.static_dir = v;
    } else if (arg == "--threads") {
      const char* v = value();
      options.threads = v ? std::atoi(v) : 0;
      if (options.threads < 1 || options.threads > 64) {
        std::cerr << "atelier-server: --threads takes 1 to 64\n";
        return 2;
      }
    } else if (arg == "--max-queue-bytes") {
      const char* v = value();
      long long bytes = v ? std::atoll(v) : 0;
      if (bytes < 1024) {
        std::cerr << "atelier-server: --max-queue-bytes takes at least 1024\n";
        return 2;
      }
      options.max_queued_bytes = static_cast<size_t>(bytes);
    } else if (arg == "--snapshot-every") {
      const char* v = value();
      char* end = nullptr;
      const long long every = v ? std::strtoll(v, &end, 10) : -1;
      if (!v || *v == '\0' || *end != '\0' || every < 0) {
        std::cerr << "atelier-server: --snapshot-every takes a number of events (0: never)\n";
        return 2;
      }
      options.snapshot_every = static_cast<uint64_t>(every);
    } else if (arg == "--rounds-in-flight") {
      const char* v = value();
      const int rounds = v ? std::atoi(v) : 0;
      if (rounds < 1 || rounds > 64) {
        std::cerr << "atelier-server: --rounds-in-flight takes 1 to 64\n";
        return 2;
      }
      options.rounds_in_flight = static_cast<size_t>(rounds);
    } else if (arg == "--min-free-bytes") {
      const char* v = value();
      char* end = nullptr;
      errno = 0;
      const unsigned long long bytes = v ? std::strtoull(v, &end, 10) : 0;
      if (!v || *v == '\0' || *v == '-' || *end != '\0' || errno == ERANGE) {
        std::cerr << "atelier-server: --min-free-bytes takes a number of bytes (0: no reserve)\n";
        return 2;
      }
      options.min_free_bytes = bytes;
    } else {
      std::cerr << "atelier-server: unknown argument '" << arg << "'\n" << kUsage;
      return 2;
    }
  }
  return atelier::net::RunServer(options);
}
