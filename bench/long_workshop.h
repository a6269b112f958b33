// A long workshop written straight into an event log, for the benchmarks that reopen or restart
// with a big log: 100 tables and 300 ideas, then votes and re-votes until `events` events, with
// a snapshot every 10,000 events as the server saves them. Written without fsync (it is only
// built to be read). Aborts on a storage error: a benchmark cannot go on without its log.
#ifndef ATELIER_BENCH_LONG_WORKSHOP_H_
#define ATELIER_BENCH_LONG_WORKSHOP_H_

#include <cstdint>
#include <filesystem>
#include <string>

namespace atelier::engine {

void BuildLongWorkshop(const std::filesystem::path& dir, const std::string& workshop_id,
                       uint64_t events);

}  // namespace atelier::engine

#endif  // ATELIER_BENCH_LONG_WORKSHOP_H_
