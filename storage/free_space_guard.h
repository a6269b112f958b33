// FreeSpaceGuard: keeps a reserve of free space on the disk holding the event log, so that the
// log refuses appends cleanly ("retry later") before the disk fills up under it.
//
// Check(bytes) says whether `bytes` more may be written: kNoSpace, with a message for the
// client and the operator, when the free space less `bytes` would fall below the reserve. The
// free space is measured (a statvfs, through `measure`) at most once per `refresh`; in
// between, the guard subtracts what was written since (Wrote), so that a burst of appends
// cannot run through the reserve between two measures. A failed measure refuses nothing (the
// write itself will say what is wrong) and keeps the previous estimate. A reserve of 0 turns
// the guard off: it still measures, for the stats, but never refuses.
//
// Thread safety: every method may be called from any thread (a mutex; Check measures on the
// calling thread when the last measure is stale, which is at most every `refresh`).
#ifndef ATELIER_STORAGE_FREE_SPACE_GUARD_H_
#define ATELIER_STORAGE_FREE_SPACE_GUARD_H_

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "storage/status.h"

namespace atelier::storage {

// The time, for what waits or caches: std::chrono::steady_clock::now, or a test's fake.
using Clock = std::function<std::chrono::steady_clock::time_point()>;

class FreeSpaceGuard {
 public:
  // Free bytes on the disk now.
  using Measure = std::function<Result<uint64_t>()>;

  static constexpr std::chrono::milliseconds kRefresh{100};

  // `what` names the disk in messages, e.g. "the disk holding the event log at /var/lib/x".
  FreeSpaceGuard(uint64_t min_free_bytes, std::string what, Measure measure, Clock clock,
                 std::chrono::milliseconds refresh = kRefresh);

  // Success when `bytes` may be written now; kNoSpace (nothing should be written) otherwise.
  Result<void> Check(uint64_t bytes);

  // Counts bytes written since the last measure.
  void Wrote(uint64_t bytes);

  // The last estimate of the free space (0 before the first good measure).
  uint64_t free_bytes() const;
  // Whether the last Check refused.
  bool refusing() const;
  uint64_t min_free_bytes() const { return min_free_bytes_; }

 private:
  const uint64_t min_free_bytes_;
  const std::string what_;
  const Measure measure_;
  const Clock clock_;
  const std::chrono::milliseconds refresh_;

  mutable std::mutex mu_;
  std::optional<std::chrono::steady_clock::time_point> measured_at_;  // guarded by mu_
  std::optional<uint64_t> measured_;  // guarded by mu_: free bytes at the last good measure
  uint64_t written_since_ = 0;        // guarded by mu_: bytes written since that measure
  bool refusing_ = false;             // guarded by mu_
};

// The free bytes of the filesystem holding `path`, as an unprivileged process may use them
// (statvfs's f_bavail): what the guard measures.
Result<uint64_t> FreeBytesAt(const std::filesystem::path& path);

// "12 MiB", "300 KiB" or "512 bytes": sizes in messages for operators.
std::string FormatBytes(uint64_t bytes);

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_FREE_SPACE_GUARD_H_
