// What the process uses, as the kernel reports it: resident memory (/proc/self/statm), open
// descriptors (the entries of /proc/self/fd) and their limit (RLIMIT_NOFILE's soft value).
// Thread-safe; each call reads /proc afresh (a few hundred microseconds with 10,000
// descriptors: meant for a scrape, not a hot path).
#ifndef ATELIER_SERVER_METRICS_PROCESS_STATS_H_
#define ATELIER_SERVER_METRICS_PROCESS_STATS_H_

#include <cstdint>
#include <optional>

namespace atelier::metrics {

struct ProcessStats {
  uint64_t resident_bytes = 0;
  uint64_t open_fds = 0;
  uint64_t max_fds = 0;
};

// Empty when /proc/self cannot be read (not Linux, /proc not mounted).
std::optional<ProcessStats> ReadProcessStats();

}  // namespace atelier::metrics

#endif  // ATELIER_SERVER_METRICS_PROCESS_STATS_H_
