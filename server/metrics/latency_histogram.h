// A latency histogram with fixed buckets, for Prometheus: how many observations fell at or
// under each bound, their sum and their count.
//
// Thread-safe and lock-free: Observe() is two relaxed atomic adds. Snapshot() reads the cells
// one by one while others may be adding, so a snapshot taken under load may lag by a few
// observations; it is always self-consistent in the way Prometheus requires (cumulative
// buckets, the last one equal to the count), because the count is derived from the buckets.
// The sum is read separately and may disagree with the count by the observations in flight.
#ifndef ATELIER_SERVER_METRICS_LATENCY_HISTOGRAM_H_
#define ATELIER_SERVER_METRICS_LATENCY_HISTOGRAM_H_

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>

namespace atelier::metrics {

class LatencyHistogram {
 public:
  // Upper bounds in seconds as Prometheus prints them ("le" labels), then as durations. An
  // implicit last bucket, +Inf, takes everything above the last bound.
  static constexpr std::array<std::string_view, 13> kBoundLabels = {
      "0.00005", "0.0001", "0.00025", "0.0005", "0.001", "0.002", "0.005",
      "0.01",    "0.02",   "0.05",    "0.1",    "0.25",  "1"};
  static constexpr std::array<std::chrono::nanoseconds, 13> kBounds = {
      std::chrono::microseconds(50),  std::chrono::microseconds(100),
      std::chrono::microseconds(250), std::chrono::microseconds(500),
      std::chrono::milliseconds(1),   std::chrono::milliseconds(2),
      std::chrono::milliseconds(5),   std::chrono::milliseconds(10),
      std::chrono::milliseconds(20),  std::chrono::milliseconds(50),
      std::chrono::milliseconds(100), std::chrono::milliseconds(250),
      std::chrono::seconds(1)};

  struct Snapshot {
    // cumulative[i]: observations <= kBounds[i]; cumulative.back() is +Inf, equal to count.
    std::array<uint64_t, kBounds.size() + 1> cumulative{};
    uint64_t count = 0;
    double sum_seconds = 0;
  };

  // Counts one observation; a negative duration counts as zero.
  void Observe(std::chrono::nanoseconds latency) noexcept;

  Snapshot Read() const noexcept;

 private:
  std::array<std::atomic<uint64_t>, kBounds.size() + 1> buckets_{};  // not cumulative
  std::atomic<uint64_t> sum_nanos_{0};
};

}  // namespace atelier::metrics

#endif  // ATELIER_SERVER_METRICS_LATENCY_HISTOGRAM_H_
