// EventLog: the durable, append-only, hash-chained log of every workshop.
//
// Many workshops share one database directory. Each workshop's log is the sequence of its
// events, seq 1, 2, 3, ... with no gaps, each sealed by Seal() (hash_chain.h) so that the chain
// links it to the previous one. Beside the events the log keeps each workshop's LogHead {seq,
// hash}, written in the same atomic batch as the events it covers: a log cut short is detected.
// It also keeps opaque snapshots of workshop state so that a restart need not replay everything;
// a snapshot is never trusted over the log.
//
// Appends go through one writer thread with group commit (log_writer.h has the full contract):
// Append() only enqueues; the writer writes everything waiting in one batch, with one fsync when
// options.sync (the default), and only then calls the callbacks of that batch, on its thread.
// A callback means durable, or says why not.
//
// Thread safety: every method may be called from any thread, reads concurrently with appends and
// with each other. Appends of one workshop must be issued in seq order from one thread or strand.
// Close() (and the destructor) must not be called from an append callback.
//
// Errors: values (status.h). After Close() every call fails with kClosed.
//
// A full or failing disk (options.h: min_free_bytes, recover_interval): below the reserve of
// free space, appends and snapshots are refused with kNoSpace before anything is written. A
// write that fails anyway fails its batch's appends (nothing of it is reported durable), and
// the log makes itself writable again before its next write (log_writer.h): no restart, no
// reopen by the caller. Reads of every workshop keep working meanwhile. RocksDB's own messages
// go to stderr (operator_log.h), never to a file on the data volume.
#ifndef ATELIER_STORAGE_EVENT_LOG_H_
#define ATELIER_STORAGE_EVENT_LOG_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "atelier/v1/log.pb.h"
#include "storage/log_types.h"
#include "storage/options.h"
#include "storage/sealed_event.h"
#include "storage/status.h"

namespace atelier::storage {

class LogDatabase;
class LogWriter;

class EventLog {
 public:
  // Opens the log in `dir`, creating the directory and the database when missing. kIo when the
  // directory cannot be created or the database cannot be opened (e.g. another process has it),
  // kCorruption when its files are damaged.
  static Result<std::unique_ptr<EventLog>> Open(const std::filesystem::path& dir,
                                                const EventLogOptions& options = {});

  // Close(); errors are dropped.
  ~EventLog();

  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // Writes what is queued (every pending callback is called), stops the writer and closes the
  // database. Idempotent. Must not be called from an append callback.
  Result<void> Close();

  // Appends consecutive events of one workshop, all or none, and calls `done` exactly once (see
  // log_writer.h for where and when): success once every one of them is durable. The events are
  // stored as sealed (SealedEvent::stored), never parsed or hashed again. Refused with
  // kInvalidArgument, nothing written, when: `events` is empty or mixes workshops, or an event is
  // empty; the workshop id is invalid; the first seq is not exactly head+1 for the workshop
  // (counting appends still queued) or its prev_hash is not the hash of the event before; an
  // event does not follow the one before it. kBusy when the queue has no room for all of them
  // (nothing queued: retry later), kClosed after Close().
  void Append(std::vector<SealedEvent> events, AppendCallback done);
  void Append(SealedEvent event, AppendCallback done);

  // The last durable event of the workshop; seq 0 and an empty hash when it has none. Appends
  // still queued are not counted.
  Result<LogHead> Head(std::string_view workshop_id);

  // Up to max_count events from from_seq on (from_seq 0 reads from 1), in seq order.
  Result<std::vector<atelier::v1::LoggedEvent>> Read(std::string_view workshop_id,
                                                     uint64_t from_seq, uint64_t max_count);

  // The same as sealed events, sharing the stored bytes as read (their structure is checked,
  // not their hashes: VerifyChain does that). For keeping recent events in memory.
  Result<std::vector<SealedEvent>> ReadSealed(std::string_view workshop_id, uint64_t from_seq,
                                              uint64_t max_count);

  // Streams the events from from_seq on, in seq order, without holding them all in memory: fn
  // gets each one (valid only during the call) and returns false to stop early. Checks only that
  // each entry decodes; VerifyChain checks the chain. Reads ahead in large chunks and bypasses
  // the block cache (meant for replaying a whole workshop). Close() waits while it runs, so fn
  // must not call Close().
  Result<void> ForEach(
      std::string_view workshop_id, uint64_t from_seq,
      const std::function<bool(uint64_t seq, const atelier::v1::LoggedEvent&)>& fn);

  // Every workshop that has at least one durable event.
  Result<std::vector<std::string>> ListWorkshops();

  // Reads the whole workshop and checks: keys contiguous from 1, every hash links (ChainVerifier)
  // and the stored head is the last event. Returns the verified head, or kBrokenChain naming the
  // first fault (an event changed, removed, reordered, or the tail cut off). Reads a consistent
  // snapshot, so appends may continue meanwhile.
  Result<LogHead> VerifyChain(std::string_view workshop_id);

  // The same, for the events after a trusted point only (from.seq 0: the whole chain): they must
  // be stored under contiguous keys from from.seq + 1, the first must link to from.hash, each to
  // the one before, and the stored head must be the last of them (or equal `from` when none is
  // after it). Whether event from.seq itself has from.hash is the caller's to check (e.g. a
  // snapshot compared with the stored event); events up to from.seq are not read. Cost:
  // proportional to the events after from.seq. Same consistency and errors as above.
  Result<LogHead> VerifyChain(std::string_view workshop_id, const LogHead& from);

  // Stores a caller-serialized state of the workshop as of event `seq` (>= 1) and keeps only the
  // newest two snapshots of the workshop: older ones are deleted in the same batch (so a
  // snapshot older than the two newest is not kept at all). Durable per options.sync. Refused
  // with kNoSpace, nothing written, while the free-space guard refuses appends.
  Result<void> PutSnapshot(std::string_view workshop_id, uint64_t seq, std::string_view bytes);

  // The newest snapshot whose seq is at most the workshop's durable head; one beyond the head
  // (its events were never made durable) is ignored. nullopt when there is none.
  Result<std::optional<Snapshot>> LatestSnapshot(std::string_view workshop_id);

  // The newest snapshot whose seq is at most `seq` and at most the workshop's durable head (for
  // folding the workshop up to a past event); nullopt when there is none. LatestSnapshot is this
  // with no bound but the head. Like it, the bytes are as stored: trust them only after checks.
  Result<std::optional<Snapshot>> SnapshotAtOrBelow(std::string_view workshop_id, uint64_t seq);

  // Deletes the workshop's snapshot at `seq` (one found to disagree with the log); success when
  // there is none. Durable per options.sync. Never refused for lack of space: it frees some.
  Result<void> DeleteSnapshot(std::string_view workshop_id, uint64_t seq);

  // Deletes the workshop: its events, snapshots and head (its access codes and token hashes are
  // in its events), and then purges them from the database's files (LogDatabase::Purge). Blocks
  // until both are done; call it off the I/O threads.
  //
  // Order: appends of the workshop queued before the call are written, then deleted; those
  // queued after it, and snapshots from the moment it is called, are refused (kNotFound) for as
  // long as this log is open. The deletion itself is one atomic, durable batch (per
  // options.sync) that also leaves a mark: a crash at any point leaves the workshop whole
  // (nothing of the deletion happened) or gone from every read, never part of it; a deletion
  // whose purge did not finish is purged again by the next Open. The purge waits for the reads
  // in progress (a RocksDB snapshot would keep their bytes) and holds new reads of every
  // workshop until it ends (a flush and a compaction of the workshop's keys); appends go on.
  //
  // Success once the deletion is durable. A purge that fails after that is reported on the
  // operator's log (operator_log.h) and retried by the next Open; the workshop is gone from
  // every read meanwhile. Success too for a workshop with no events. kClosed after Close().
  Result<void> DeleteWorkshop(std::string_view workshop_id);

  // A consistent backup of the whole log into `target` (which must not exist), while appends go
  // on: LogDatabase::Checkpoint. Open `target` as a data directory to restore it. Blocks for
  // the flush and the links (a disk-speed call: never on an I/O thread).
  Result<void> Backup(const std::filesystem::path& target);

  EventLogStats stats() const;

  // Whether appends would be taken now (LogWriter::Writable): kNoSpace below the free-space
  // reserve, kIo while recovering from a failed write, kClosed after Close(). Cheap.
  Result<void> Writable();
  const std::filesystem::path& dir() const { return dir_; }

 private:
  EventLog(std::filesystem::path dir, std::unique_ptr<LogDatabase> db,
           const EventLogOptions& options);

  std::unexpected<Error> Closed(std::string_view what) const;
  // ForEach with a choice of read pattern: bulk (readahead, no caching) or a few events.
  Result<void> Scan(std::string_view workshop_id, uint64_t from_seq, bool bulk,
                    const std::function<bool(uint64_t seq, const atelier::v1::LoggedEvent&)>& fn);

  // Purges every deletion whose purge did not finish; failures go to the operator's log.
  void FinishDeletions();

  const std::filesystem::path dir_;
  std::shared_mutex close_mu_;         // held shared by every read, exclusively by Close
  std::unique_ptr<LogDatabase> db_;    // guarded by close_mu_; null once closed
  std::unique_ptr<LogWriter> writer_;  // writes through *db_; stopped before db_ closes
  std::mutex snapshot_mu_;             // serializes PutSnapshot's read-prune-write
  std::set<std::string, std::less<>> deleted_;  // guarded by snapshot_mu_: no snapshot for these
};

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_EVENT_LOG_H_
