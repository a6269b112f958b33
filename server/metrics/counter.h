// The atomic cells the server's metrics are made of: a Counter only goes up, a Gauge goes both
// ways.
//
// Thread-safe and lock-free: updates are relaxed atomic operations, so they cost one atomic add
// on hot paths and order nothing else. A reader sees every update eventually, not in any order
// relative to other cells. Each cell sits on its own cache line so that threads updating
// neighbouring metrics do not slow each other down.
#ifndef ATELIER_SERVER_METRICS_COUNTER_H_
#define ATELIER_SERVER_METRICS_COUNTER_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace atelier::metrics {

inline constexpr size_t kCacheLineBytes = 64;

class alignas(kCacheLineBytes) Counter {
 public:
  void Increment(uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t Value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

class alignas(kCacheLineBytes) Gauge {
 public:
  void Increment(int64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  void Decrement(int64_t n = 1) noexcept { value_.fetch_sub(n, std::memory_order_relaxed); }
  void Set(int64_t value) noexcept { value_.store(value, std::memory_order_relaxed); }
  int64_t Value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> value_{0};
};

}  // namespace atelier::metrics

#endif  // ATELIER_SERVER_METRICS_COUNTER_H_
