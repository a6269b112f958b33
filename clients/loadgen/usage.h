// What a measured window costs, read at its start and at its end: the server's CPU (from
// /proc/PID/stat), the load generator's own CPU, each core's busy time (from /proc/stat: per
// process figures are sometimes wrong on a VM, the two must agree), and, from an Atelier server,
// its /metrics histograms of where a round's time goes (the stages of room/room_observer.h) and
// of its writes.
//
// Reading /metrics is a blocking HTTP request on loopback (about a millisecond): taken only at
// the two ends of a window.
#ifndef ATELIER_CLIENTS_LOADGEN_USAGE_H_
#define ATELIER_CLIENTS_LOADGEN_USAGE_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clients/loadgen/fleet.h"
#include "clients/loadgen/stats.h"

namespace atelier::loadgen {

// One latency histogram of the server, as /metrics gives it: cumulative counts per upper bound
// (seconds; +Inf last), and the sum.
struct Histogram {
  std::vector<std::pair<double, double>> buckets;  // (le, cumulative count)
  double sum = 0;
  double count() const { return buckets.empty() ? 0 : buckets.back().second; }
};

struct UseSample {
  std::chrono::steady_clock::time_point at;
  std::optional<ProcessSample> server;
  double self_cpu_seconds = 0;
  // Per core, from /proc/stat: jiffies busy (everything but idle and iowait) and in all.
  std::vector<std::pair<uint64_t, uint64_t>> cores;
  std::map<std::string, Histogram> histograms;  // by metric name, without _bucket
};

// server_pid 0: no server figures; metrics_from null: no histograms.
UseSample SampleUse(int server_pid, const ServerTarget* metrics_from);

// The histograms of `text` (Prometheus text format) whose names end in _seconds.
std::map<std::string, Histogram> ParseHistograms(const std::string& text);

// The observations between two readings of one histogram; the q-quantile of them, in seconds,
// interpolated within its bucket (+Inf: the last finite bound); 0 when there are none.
Histogram Difference(const Histogram& end, const Histogram& start);
double Quantile(const Histogram& h, double q);

}  // namespace atelier::loadgen

#endif  // ATELIER_CLIENTS_LOADGEN_USAGE_H_
