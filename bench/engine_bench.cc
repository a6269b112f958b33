// Reopening a long workshop: the time from opening the log to a workshop ready to take
// commands, with 1,000,000 events. Aim: under 3 s. With snapshots (every 10,000 events, as the
// engine saves them) and, for comparison, folding every event from the first.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "bench/long_workshop.h"
#include "server/engine/workshop_loader.h"
#include "storage/event_log.h"

namespace atelier::engine {
namespace {

namespace fs = std::filesystem;
constexpr uint64_t kEvents = 1'000'000;
constexpr char kWorkshop[] = "long-workshop";

const fs::path& LogDir() {
  static const fs::path dir = [] {
    std::string pattern = (fs::temp_directory_path() / "atelier-reopen-XXXXXX").string();
    fs::path made = mkdtemp(pattern.data());
    BuildLongWorkshop(made, kWorkshop, kEvents);
    return made;
  }();
  return dir;
}

void BM_ReopenWorkshop1M(benchmark::State& bench) {
  const bool snapshots = bench.range(0) != 0;
  const fs::path& dir = LogDir();
  LoadStats stats;
  for (auto _ : bench) {
    auto log = storage::EventLog::Open(dir);
    if (!log) {
      bench.SkipWithError(log.error().message.c_str());
      return;
    }
    auto state = LoadWorkshop(**log, kWorkshop, {.use_snapshots = snapshots}, &stats);
    if (!state || state->seq != kEvents) {
      bench.SkipWithError("reopen failed");
      return;
    }
  }
  bench.counters["events"] = static_cast<double>(kEvents);
  bench.counters["events_folded"] = static_cast<double>(stats.events_folded);
}
BENCHMARK(BM_ReopenWorkshop1M)
    ->ArgName("snapshots")
    ->Arg(1)
    ->Arg(0)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace atelier::engine
