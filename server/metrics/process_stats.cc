#include "server/metrics/process_stats.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

namespace atelier::metrics {

std::optional<ProcessStats> ReadProcessStats() {
  ProcessStats stats;
  FILE* statm = std::fopen("/proc/self/statm", "re");
  if (statm == nullptr) return std::nullopt;
  unsigned long long size_pages = 0;
  unsigned long long resident_pages = 0;
  const int read = std::fscanf(statm, "%llu %llu", &size_pages, &resident_pages);
  std::fclose(statm);
  if (read != 2) return std::nullopt;
  stats.resident_bytes = resident_pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));

  DIR* fds = opendir("/proc/self/fd");
  if (fds == nullptr) return std::nullopt;
  while (const dirent* entry = readdir(fds)) {
    if (entry->d_name[0] != '.') ++stats.open_fds;
  }
  closedir(fds);
  if (stats.open_fds > 0) --stats.open_fds;  // the one opendir itself holds

  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) stats.max_fds = limit.rlim_cur;
  return stats;
}

}  // namespace atelier::metrics
