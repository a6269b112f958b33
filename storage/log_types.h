// Vocabulary of the event log: what callers hand to it and get back from it.
#ifndef ATELIER_STORAGE_LOG_TYPES_H_
#define ATELIER_STORAGE_LOG_TYPES_H_

#include <cstdint>
#include <functional>
#include <string>

#include "atelier/v1/log.pb.h"
#include "storage/status.h"

namespace atelier::storage {

// The last durable event of a workshop: seq 0 and an empty hash when it has none.
struct LogHead {
  uint64_t seq = 0;
  std::string hash;  // 32 raw bytes when seq > 0
  friend bool operator==(const LogHead&, const LogHead&) = default;
};

// Called exactly once per Append: with success once every event of the append is durable (see
// EventLogOptions::sync), or with the reason none of them was written, or that the write failed.
using AppendCallback = std::function<void(const Result<void>&)>;

// A caller-serialized workshop state as of event `seq`. Opaque to storage.
struct Snapshot {
  uint64_t seq = 0;
  std::string bytes;
};

// Counters of the append path, for tests and metrics. Monotonic since Open, except where a
// field says "now".
struct EventLogStats {
  uint64_t batches = 0;     // WriteBatches written successfully (one sync each when sync=true)
  uint64_t events = 0;      // events written by those batches
  uint64_t refused = 0;     // appends refused: bad sequence, chain mismatch, queue full, closed,
                            // no space
  uint64_t busy = 0;        // of those, refused because the queue was full (kBusy)
  uint64_t no_space = 0;    // of those, refused by the free-space guard (kNoSpace, nothing written)
  uint64_t failed = 0;      // appends whose batch failed to write, or that came while the log
                            // could not write yet after such a failure
  uint64_t recoveries = 0;  // times the log became writable again after a failed write
  uint64_t queued = 0;      // events waiting for the writer now
  uint64_t free_bytes = 0;  // free space on the log's disk now, as the guard last estimated it
  bool low_space = false;   // now: the guard refuses appends (free_bytes below min_free_bytes)
  bool write_failing = false;  // now: a write failed and the log has not recovered yet
};

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_LOG_TYPES_H_
