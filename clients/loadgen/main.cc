// atelier-loadgen: many simulated tablets and observers against atelier-server (or a baseline
// speaking the same minimal protocol). See runs.h for the modes and --help for the options.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "clients/loadgen/runs.h"

namespace {

constexpr const char* kUsage =
    "Usage: atelier-loadgen MODE [options]\n"
    "\n"
    "Modes:\n"
    "  broadcast    senders post ideas; every client's command-to-delivery latency, deliveries/s\n"
    "  storm        every client drops at once and resumes: time until all are current\n"
    "  connections  many idle connections: the server's memory per connection (needs --server-pid)\n"
    "  realistic    ideation workshops at human pace: ideas, grouping, votes, reveal\n"
    "  flood        one table floods, the others post at human pace: their latency before, during\n"
    "               and after the flood, disconnections, the server's peak memory\n"
    "  peak         one evaluation workshop (--tables tablets, --seats phones each, observers):\n"
    "               every phone scores every idea on every criterion within the last minute\n"
    "  idle         --workshops x --tables WebSockets opened and left silent: the server's memory\n"
    "               per idle connection (needs --server-pid; Atelier with --hello-timeout 600)\n"
    "\n"
    "Options:\n"
    "  --server HOST:PORT   default 127.0.0.1:8080; several, separated by commas: the nodes of a\n"
    "                       cluster (workshops made on the first, connections spread over all)\n"
    "  --create-on HOST:PORT the node that makes the workshops (default: the first of --server)\n"
    "  --observer-results live|reveal  when observers see the results (default live: ten\n"
    "                       times a second each)\n"
    "  --minimal            the server is a baseline (bench/baseline, raw fan-out): no HTTP, no phases\n"
    "  --workshops N        default 1\n"
    "  --tables N           table connections per workshop, default 300\n"
    "  --observers N        observer connections per workshop, default 0\n"
    "  --senders N          tables per workshop that post ideas, default 10\n"
    "  --window N           commands in flight per sender, default 1\n"
    "  --rate R             ideas per second in all; 0 (default): as fast as the server answers\n"
    "  --warmup S           seconds before measuring, default 2\n"
    "  --duration S         seconds measured, default 10\n"
    "  --text-bytes N       idea text length, default 150 (the event is about 100 bytes more)\n"
    "  --connect-parallel N handshakes in progress at once, default 256\n"
    "  --speed X            realistic: play the 8-minute script X times faster, default 1\n"
    "  --server-pid PID     read the server's CPU time and memory from /proc\n"
    "  --ideas-per-table N  the workshops' max_ideas_per_table, default 100000 (0: not set, for\n"
    "                       servers older than the setting)\n"
    "  --flood-window N     flood: the flooding table's commands in flight, default 1000\n"
    "  --human-gap S        flood: mean seconds between a human table's ideas, default 2\n"
    "  --seats N            peak: phones per table, default 3\n"
    "  --ideas N            peak: ideas to score, default 10\n"
    "  --criteria N         peak: criteria per idea, default 3\n"
    "  --peak S             peak: the real seconds in which everyone scores (divided by --speed),\n"
    "                       default 60\n"
    "\n"
    "Prints a report and a line \"RESULT {json}\". Exit 0 when every client received every idea\n"
    "exactly once and every connection was made; 1 otherwise; 2 on a usage error.\n";

bool ParseOne(std::string_view value, std::string& host, uint16_t& port_out) {
  const size_t colon = value.rfind(':');
  if (colon == std::string_view::npos) return false;
  host = std::string(value.substr(0, colon));
  const long port = std::strtol(std::string(value.substr(colon + 1)).c_str(), nullptr, 10);
  if (port <= 0 || port > 65535) return false;
  port_out = static_cast<uint16_t>(port);
  return true;
}

// HOST:PORT, or several separated by commas (the nodes of a cluster: the first one creates the
// workshops, the connections are spread over all of them in turn).
bool ParseServer(std::string_view value, atelier::loadgen::ServerTarget& target) {
  target.nodes.clear();
  size_t start = 0;
  while (start <= value.size()) {
    const size_t comma = value.find(',', start);
    const std::string_view one =
        value.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                            : comma - start);
    std::string host;
    uint16_t port = 0;
    if (!ParseOne(one, host, port)) return false;
    if (target.nodes.empty()) {
      target.host = host;
      target.port = port;
    }
    target.nodes.emplace_back(std::move(host), port);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return !target.nodes.empty();
}

// Thousands of sockets: raise the open-files limit to what the system allows.
void RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

int main(int argc, char** argv) {
  using atelier::loadgen::RunOptions;
  if (argc < 2 || std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h") {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string mode = argv[1];
  RunOptions o;
  std::string create_host;
  uint16_t create_port = 0;
  for (int i = 2; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--minimal") {
      o.target.atelier = false;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "atelier-loadgen: %s needs a value\n%s", argv[i], kUsage);
      return 2;
    }
    const char* value = argv[++i];
    char* end = nullptr;
    const double number = std::strtod(value, &end);
    const bool numeric = end != value && *end == '\0' && number >= 0;
    if (flag == "--server") {
      if (!ParseServer(value, o.target)) {
        std::fprintf(stderr, "atelier-loadgen: --server wants HOST:PORT[,HOST:PORT...], got %s\n", value);
        return 2;
      }
      continue;
    }
    if (flag == "--create-on") {
      if (!ParseOne(value, create_host, create_port)) {
        std::fprintf(stderr, "atelier-loadgen: --create-on wants HOST:PORT, got %s\n", value);
        return 2;
      }
      continue;
    }
    if (flag == "--observer-results") {
      const std::string_view v = value;
      if (v != "live" && v != "reveal") {
        std::fprintf(stderr, "atelier-loadgen: --observer-results wants live or reveal\n");
        return 2;
      }
      o.live_results = v == "live";
      continue;
    }
    if (!numeric) {
      std::fprintf(stderr, "atelier-loadgen: %s wants a number >= 0, got %s\n", argv[i - 1], value);
      return 2;
    }
    const auto count = static_cast<size_t>(number);
    if (flag == "--workshops") o.workshops = count;
    else if (flag == "--tables") o.tables = count;
    else if (flag == "--observers") o.observers = count;
    else if (flag == "--senders") o.senders = count;
    else if (flag == "--window") o.window = static_cast<int>(count);
    else if (flag == "--rate") o.rate = number;
    else if (flag == "--warmup") o.warmup_s = number;
    else if (flag == "--duration") o.duration_s = number;
    else if (flag == "--text-bytes") o.text_bytes = count;
    else if (flag == "--connect-parallel") o.connect_parallel = count;
    else if (flag == "--speed" && number > 0) o.speed = number;
    else if (flag == "--server-pid") o.server_pid = static_cast<int>(count);
    else if (flag == "--ideas-per-table" && count <= 100'000) o.ideas_per_table = static_cast<uint32_t>(count);
    else if (flag == "--flood-window" && count >= 1) o.flood_window = static_cast<int>(count);
    else if (flag == "--human-gap" && number > 0) o.human_gap_s = number;
    else if (flag == "--seats" && count >= 1 && count <= 10) o.seats = static_cast<uint32_t>(count);
    else if (flag == "--ideas" && count >= 1 && count <= 1000) o.ideas = count;
    else if (flag == "--criteria" && count >= 1 && count <= 10) o.criteria = count;
    else if (flag == "--peak" && number > 0) o.peak_s = number;
    else {
      std::fprintf(stderr, "atelier-loadgen: unknown option %s\n%s", argv[i - 1], kUsage);
      return 2;
    }
  }
  if (o.workshops == 0 || o.tables + o.observers == 0 || o.window < 1 || o.connect_parallel == 0 ||
      o.duration_s <= 0) {
    std::fprintf(stderr, "atelier-loadgen: --workshops, --tables + --observers, --window, "
                         "--connect-parallel and --duration must be positive\n");
    return 2;
  }
  if (create_port != 0) {
    // The workshops are made there (their owner, in a cluster); the connections go to --server.
    if (o.target.nodes.empty()) o.target.nodes.emplace_back(o.target.host, o.target.port);
    o.target.host = create_host;
    o.target.port = create_port;
  }
  RaiseFileLimit();
  if (mode == "broadcast") return atelier::loadgen::RunBroadcast(o);
  if (mode == "storm") return atelier::loadgen::RunStorm(o);
  if (mode == "connections") return atelier::loadgen::RunConnections(o);
  if (mode == "realistic") return atelier::loadgen::RunRealistic(o);
  if (mode == "flood") return atelier::loadgen::RunFlood(o);
  if (mode == "peak") return atelier::loadgen::RunPeak(o);
  if (mode == "idle") return atelier::loadgen::RunIdle(o);
  std::fprintf(stderr, "atelier-loadgen: unknown mode %s\n%s", mode.c_str(), kUsage);
  return 2;
}
