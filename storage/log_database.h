// LogDatabase: the RocksDB database behind the event log, seen through byte-level operations.
//
// The only class that touches RocksDB (its implementation lives in log_database.cc; no RocksDB
// type appears here). It knows the key layout of log_keys.h and stores values as given; the
// meaning of the values (chains, heads, snapshots) is EventLog's.
//
// RocksDB's info log is ours: its warnings and errors go to stderr (operator_log.h), the rest is
// dropped, and it writes no LOG file. The other files RocksDB writes on its own (MANIFEST,
// OPTIONS, CURRENT, IDENTITY) report a failed write as an error status.
//
// After a failed write (BatchSink::Recover): RocksDB stops writes until DB::Resume(). Resume
// flushes the memtables and, when one holds data, moves on to a new write-ahead log; but when
// every memtable is empty it keeps the WAL file whose write failed, and RocksDB 7.8 (built with
// assertions, as Debian's is) aborts on the next write to it. An error Resume refuses (fatal:
// an I/O error or a failed fsync of the WAL) also needs more. In those two cases Recover
// reopens the database in place, which reads back what the disk holds. Recover tries nothing
// while the disk has less than 4 MiB free (kNoSpace). RocksDB's own recovery from "no space"
// (which waits for 64 MiB free and meanwhile refuses Resume) is turned off: the log decides
// when to retry.
//
// Thread safety: every method may be called concurrently, except Close(), which the owner calls
// once no other call is running or will start. A reopen waits for the calls in progress and
// holds the next ones until it ends; if it fails, every call fails with kIo until a later
// Recover reopens the database.
#ifndef ATELIER_STORAGE_LOG_DATABASE_H_
#define ATELIER_STORAGE_LOG_DATABASE_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/log_types.h"
#include "storage/log_writer.h"
#include "storage/options.h"
#include "storage/status.h"

namespace atelier::storage {

class LogDatabase : public BatchSink {
 public:
  // Opens (creating when missing) the database in `dir`, which must exist.
  static Result<std::unique_ptr<LogDatabase>> Open(const std::filesystem::path& dir,
                                                   const EventLogOptions& options);

  // Called for each stored event in key order with its seq and its stored value; the value is
  // valid only during the call. Returns false to stop.
  using EventVisitor = std::function<bool(uint64_t seq, std::string_view value)>;

  enum class ScanMode {
    kShort,  // a few events: ordinary reads
    kBulk,   // a whole workshop: large readahead, bypasses the block cache
  };

  // The stored head (nullopt when the workshop has none).
  virtual Result<std::optional<LogHead>> ReadHead(std::string_view workshop_id) = 0;

  // Visits the workshop's events from `from_seq` on, and returns the stored head as of the same
  // point in time (a consistent snapshot of events and head, even while appends land).
  // kCorruption on a key that is not a valid event key of the workshop.
  virtual Result<std::optional<LogHead>> ScanEvents(std::string_view workshop_id, uint64_t from_seq,
                                                    ScanMode mode, const EventVisitor& visit) = 0;

  // Ids of the workshops that have a head, in key order.
  virtual Result<std::vector<std::string>> ListWorkshops() = 0;

  // Seqs of the stored snapshots of the workshop, newest first.
  virtual Result<std::vector<uint64_t>> SnapshotSeqs(std::string_view workshop_id) = 0;
  virtual Result<std::optional<std::string>> ReadSnapshot(std::string_view workshop_id,
                                                          uint64_t seq) = 0;
  // Stores `bytes` at `seq` and deletes the snapshots at `obsolete` in one atomic batch, without
  // the write-ahead log: durable at the next flush of the snapshots, a clean Close or a
  // Checkpoint; a crash before that loses the batch whole (a load then folds more events).
  virtual Result<void> WriteSnapshot(std::string_view workshop_id, uint64_t seq,
                                     std::string_view bytes,
                                     const std::vector<uint64_t>& obsolete) = 0;
  // Deletes the snapshot at `seq`, if any, durably (like an append).
  virtual Result<void> DeleteSnapshot(std::string_view workshop_id, uint64_t seq) = 0;

  // Deletions (BatchSink::WriteDeletion writes one): a deleted workshop's keys are gone from
  // every read at once, but RocksDB keeps their bytes in its files (the write-ahead log, table
  // files, as range tombstones over older data) until they are flushed and compacted away.
  // Purge does that for one workshop: flushes every column family, compacts the workshop's key
  // ranges down to the last level (tombstones dropped), removes the deletion's mark, flushes and
  // compacts that too, then deletes the obsolete files (old write-ahead logs and table files)
  // before it returns. RocksDB recycles no write-ahead log and archives none (options of
  // OpenDb), so an obsolete one is deleted, not reused with old bytes in it. A RocksDB snapshot
  // or iterator open meanwhile keeps what it sees: the caller makes sure there is none.
  // Bytes may remain where RocksDB does not go: the file system's free blocks, and the
  // MANIFEST, which names each table file's first and last key (the workshop id among them)
  // until it is rewritten (at the next open).
  virtual Result<void> Purge(std::string_view workshop_id) = 0;
  // Workshops deleted whose purge did not finish (a crash, a failure), in key order.
  virtual Result<std::vector<std::string>> PendingDeletions() = 0;

  // A consistent copy of the whole database as of one moment, while writes go on (RocksDB's
  // Checkpoint: the memtables flushed, then the table files hard-linked when `target` is on the
  // same file system, copied otherwise, with the MANIFEST and OPTIONS). `target` must not exist;
  // its parent must. Every append is whole in it or absent (appends are atomic batches), so
  // each workshop's chain is intact up to its head there. A database opened on `target` is
  // independent of this one.
  virtual Result<void> Checkpoint(const std::filesystem::path& target) = 0;

  // Flushes and closes the database. No other call may run during or after it.
  virtual Result<void> Close() = 0;
};

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_LOG_DATABASE_H_
