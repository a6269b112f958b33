#include "clients/loadgen/stats.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <sstream>

namespace atelier::loadgen {

double LatencySamples::Percentile(double q) {
  if (samples_.empty()) return 0;
  if (!sorted_) {
    std::sort(samples_.begin(), samples_.end());
    sorted_ = true;
  }
  const double rank = std::ceil(q * static_cast<double>(samples_.size()));
  const size_t index = std::clamp<size_t>(static_cast<size_t>(rank), 1, samples_.size()) - 1;
  return samples_[index];
}

double LatencySamples::Mean() const {
  if (samples_.empty()) return 0;
  const double sum = std::accumulate(samples_.begin(), samples_.end(), 0.0);
  return sum / static_cast<double>(samples_.size());
}

std::optional<ProcessSample> SampleProcess(int pid) {
  ProcessSample sample;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return std::nullopt;
  // Fields after the command name, which is in parentheses and may hold spaces.
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  sample.cpu_seconds = static_cast<double>(utime + stime) / ticks;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  while (std::getline(status, line)) {
    unsigned long long kb = 0;
    if (std::sscanf(line.c_str(), "VmRSS: %llu kB", &kb) == 1) sample.rss_bytes = kb * 1024;
    if (std::sscanf(line.c_str(), "VmHWM: %llu kB", &kb) == 1) sample.hwm_bytes = kb * 1024;
  }
  return sample;
}

std::string FormatMicros(double micros) {
  char text[32];
  if (micros >= 1000) {
    std::snprintf(text, sizeof text, "%.2f ms", micros / 1000);
  } else {
    std::snprintf(text, sizeof text, "%.0f µs", micros);
  }
  return text;
}

}  // namespace atelier::loadgen
