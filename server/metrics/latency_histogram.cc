#include "server/metrics/latency_histogram.h"

#include <algorithm>

namespace atelier::metrics {

void LatencyHistogram::Observe(std::chrono::nanoseconds latency) noexcept {
  latency = std::max(latency, std::chrono::nanoseconds(0));
  // The first bound not below the latency: "le" means less than or equal.
  const size_t bucket = std::lower_bound(kBounds.begin(), kBounds.end(), latency) - kBounds.begin();
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_nanos_.fetch_add(static_cast<uint64_t>(latency.count()), std::memory_order_relaxed);
}

LatencyHistogram::Snapshot LatencyHistogram::Read() const noexcept {
  Snapshot snapshot;
  uint64_t running = 0;
  for (size_t i = 0; i < buckets_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    snapshot.cumulative[i] = running;
  }
  snapshot.count = running;
  snapshot.sum_seconds = static_cast<double>(sum_nanos_.load(std::memory_order_relaxed)) / 1e9;
  return snapshot;
}

}  // namespace atelier::metrics
