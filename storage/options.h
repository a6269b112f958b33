// Options of the event log. Durability is stated on each option.
#ifndef ATELIER_STORAGE_OPTIONS_H_
#define ATELIER_STORAGE_OPTIONS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace atelier::storage {

struct EventLogOptions {
  // true (the default): each batch of appends is written with an fsync of the write-ahead log
  // before any of its callbacks is called, so an acknowledged event survives a power loss.
  // false: only for tests and benchmarks that say so. An acknowledged event then survives a crash
  // of the process but may be lost with the machine (the log stays a valid, shorter chain).
  // Also applies to PutSnapshot.
  bool sync = true;

  // Most events one WriteBatch (one fsync) carries. The writer takes everything queued up to
  // this many; larger values raise throughput under load and the latency of a batch.
  size_t max_batch_events = 1024;

  // Most appends waiting for the writer. At the bound Append refuses at once with kBusy (nothing
  // written, callback called on the caller's thread): the caller rejects or retries the command
  // instead of blocking its thread on the disk.
  size_t max_queued_events = 65536;

  // Free space kept in reserve on the disk holding the log, in bytes. When the free space (as
  // statvfs reports it for unprivileged users, measured at most every 100 ms, less what the log
  // wrote since) falls below it, appends and snapshots are refused with kNoSpace before anything
  // is written, so that the disk never fills up under the log; they are accepted again once it
  // is back above. 0 turns the guard off (only for tests that fill a disk on purpose). The
  // default leaves room for RocksDB's flushes and compactions on a server.
  uint64_t min_free_bytes = uint64_t{256} << 20;

  // After a write failed (disk full, I/O error, failed fsync), the log makes its database
  // writable again before its next write, at most this often; appends arriving between two
  // attempts fail at once with the last error (nothing written). No durability effect.
  std::chrono::milliseconds recover_interval{250};

  // Files RocksDB keeps open at most (its table cache closes the least used). Bounded so that
  // the server's descriptor reserve (atelier-server --fd-reserve, 384) holds them with room to
  // spare; -1: RocksDB's own default (unbounded). No durability effect.
  int max_open_files = 128;
};

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_OPTIONS_H_
