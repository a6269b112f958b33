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

// Counters of the append path, for tests and metrics. Monotonic since Open.
struct EventLogStats {
  uint64_t batches = 0;  // WriteBatches written successfully (one sync each when sync=true)
  uint64_t events = 0;   // events written by those batches
  uint64_t refused = 0;  // appends refused (bad sequence, chain mismatch, queue full, closed)
  uint64_t busy = 0;     // of those, refused because the queue was full (kBusy)
  uint64_t failed = 0;   // appends whose batch failed to write
  uint64_t queued = 0;   // events waiting for the writer now (not monotonic)
};

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_LOG_TYPES_H_
