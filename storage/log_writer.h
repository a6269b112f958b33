// LogWriter: the single writer thread of the event log, with group commit.
//
// Append() enqueues one append (one or more consecutive events of one workshop, all or nothing)
// under a mutex and wakes the thread. The thread takes whole appends while the batch holds at
// most max_batch_events (an append larger than that goes alone), checks each against its
// in-memory head of the workshop, writes the accepted ones and the new heads in ONE atomic batch
// (one fsync when sync=true), then calls the callback of every append of the batch, in queue
// order, on the writer thread.
//
// Sequence rule: an append is accepted only if its first seq is exactly head+1, its first
// prev_hash is the head's hash and each later event follows the one before (seq+1, prev_hash =
// its hash), where head counts the appends accepted before it, even those still queued or in the
// same batch. A refused append writes none of its events and does not disturb the others.
//
// Free space: before each batch the writer asks its FreeSpaceGuard (free_space_guard.h, with
// EventLogOptions::min_free_bytes) whether the batch may be written; when not, every append of
// the batch is refused with kNoSpace and nothing is written.
//
// Failed writes: if a batch fails to write, every accepted append of it gets the error. The
// writer then calls BatchSink::Recover() before its next write: at once for the first attempt,
// then at most every EventLogOptions::recover_interval; a batch that comes before the next
// attempt is due, or whose attempt fails, fails whole with the reason, nothing written. Once
// recovered, the writer forgets every head it knew and reloads each from the sink on the
// workshop's next append, so that a failed batch that reached the disk anyway (an fsync that
// failed after the data was written) is followed, never overwritten or skipped.
//
// Deletions (Delete): a workshop's deletion waits in the same queue as the appends and is written
// alone, in its place: every append queued before it is written first (and so deleted with the
// rest), and every append of that workshop queued after it is refused (kNotFound), as long as
// this writer lives. The writer forgets its head of the workshop.
//
// Bound: at most max_queued_events events wait; an append that would take the queue past it is
// refused at once with kBusy (nothing queued; an append alone in an empty queue always fits).
//
// The writer writes a line for an operator (operator_log.h) when writes start failing, when the
// log recovers, and when the guard starts and stops refusing; not one per append.
//
// Callbacks: called exactly once per Append. They run on the writer thread and hold up the next
// batch: keep them quick, post real work elsewhere, never block on another append's outcome,
// never throw. Calling Append from a callback is allowed (it only enqueues); calling Stop() or
// destroying the writer from a callback is not. When Append refuses up front (stopped: kClosed;
// queue full: kBusy) the callback is called on the caller's thread before Append returns.
//
// Thread safety: Append, Stop and stats may be called from any thread. Appends of one workshop
// must come from one thread (or strand) so that their order is the caller's order.
#ifndef ATELIER_STORAGE_LOG_WRITER_H_
#define ATELIER_STORAGE_LOG_WRITER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "storage/free_space_guard.h"
#include "storage/log_types.h"
#include "storage/options.h"
#include "storage/sealed_event.h"
#include "storage/status.h"

namespace atelier::storage {

// One append waiting for the writer: consecutive events of one workshop (at least one), stored
// all or none.
struct QueuedAppend {
  std::vector<SealedEvent> events;
  AppendCallback done;
};

// A workshop's deletion waiting for the writer.
struct QueuedDeletion {
  std::string workshop_id;
  AppendCallback done;  // success once the deletion is durable
};

struct HeadUpdate {
  std::string_view workshop_id;
  const LogHead* head;
};

// What the writer needs from the database. Narrow so that a test can put a failing disk behind
// it. Called from the writer thread only.
class BatchSink {
 public:
  virtual ~BatchSink() = default;
  // The durable head of the workshop (seq 0, empty hash when it has no events).
  virtual Result<LogHead> LoadHead(std::string_view workshop_id) = 0;
  // Writes every event (its stored bytes, under its workshop and seq) and every head in one
  // atomic batch, durable per EventLogOptions::sync when it returns success. On failure the
  // batch may be on disk, partly (never visible as part of a batch: all or none of it is read
  // back), wholly, or not at all.
  virtual Result<void> Write(const std::vector<const SealedEvent*>& events,
                             const std::vector<HeadUpdate>& heads) = 0;
  // Deletes every event, snapshot and the head of the workshop, and leaves a mark that its
  // deletion is not yet purged from the files, in one atomic batch, durable like Write.
  virtual Result<void> WriteDeletion(std::string_view workshop_id) = 0;
  // Makes the store writable again after a failed Write (the next Write may still fail). Until
  // it succeeds the writer writes nothing. Heads loaded after it reflect what is on disk.
  virtual Result<void> Recover() = 0;
  // Free bytes on the disk holding the store, for the free-space guard.
  virtual Result<uint64_t> FreeBytes() = 0;
};

class LogWriter {
 public:
  // Starts the writer thread. `sink` is not owned and must stay valid until Stop() returns.
  // `disk` names the sink's disk in messages ("the disk holding the event log at DIR"); `clock`
  // (steady_clock::now when empty) times the free-space measures and the recovery attempts.
  LogWriter(BatchSink& sink, const EventLogOptions& options,
            std::string disk = "the disk holding the event log", Clock clock = {});
  // Stop().
  ~LogWriter();

  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;

  // `append.events` must not be empty and must all be of one workshop.
  void Append(QueuedAppend append);

  // Queues the workshop's deletion (see above); `done` is called once, on the writer thread
  // (kClosed on the caller's thread once stopped). Never refused for a full queue.
  void Delete(QueuedDeletion deletion);

  // Whether an append would be taken now: kNoSpace while the disk is below its reserve (the free
  // space measured at most every FreeSpaceGuard::kRefresh), kIo while the log recovers from a
  // failed write (it tries again by itself every recover_interval), kClosed once stopped. For
  // callers that decide before they append (a room), so that they refuse commands rather than
  // decide events nobody can store. Thread-safe.
  Result<void> Writable();

  // Refuses further appends (kClosed), lets the thread write and acknowledge everything already
  // queued, and joins it. Idempotent.
  void Stop();

  // Counts an append refused by the caller's own checks, for EventLogStats.
  void CountRefused() { refused_.fetch_add(1, std::memory_order_relaxed); }

  // The free-space guard, for writes that do not go through the writer (snapshots).
  FreeSpaceGuard& guard() { return guard_; }

  EventLogStats stats() const;

 private:
  void Run();
  void WriteBatch(std::vector<QueuedAppend>& batch);
  void WriteDeletion(QueuedDeletion& deletion);
  // Success when the batch may go to the sink: the disk has room and the sink has recovered
  // from the last failed write (attempting it when due). Otherwise fails every append.
  bool ReadyToWrite(std::vector<QueuedAppend>& batch);
  Result<void> RecoverWhenDue();
  void OnWriteFailed(const Error& error, size_t events);

  BatchSink& sink_;
  const size_t max_batch_events_;
  const size_t max_queued_events_;
  const std::chrono::milliseconds recover_interval_;
  const Clock clock_;
  FreeSpaceGuard guard_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::variant<QueuedAppend, QueuedDeletion>> queue_;  // guarded by mu_
  size_t queued_events_ = 0;        // guarded by mu_: events in queue_
  bool stopping_ = false;           // guarded by mu_

  std::mutex join_mu_;  // serializes Stop() callers around join

  // Writer thread only: the head of each workshop seen, counting every accepted append.
  std::unordered_map<std::string, LogHead> heads_;
  // Writer thread only: the workshops deleted since this writer started.
  std::unordered_set<std::string> deleted_;
  // Writer thread only: why writes fail (the failed write's error, then the last failed
  // recovery's), until the sink recovers;
  // when the next recovery attempt is due; appends failed since (for the operator's line).
  std::optional<Error> write_failure_;
  std::chrono::steady_clock::time_point next_recovery_;
  uint64_t failed_since_ = 0;
  bool recovery_failure_logged_ = false;
  bool low_space_logged_ = false;

  std::atomic<uint64_t> batches_{0};
  std::atomic<uint64_t> events_{0};
  std::atomic<uint64_t> refused_{0};
  std::atomic<uint64_t> busy_{0};
  std::atomic<uint64_t> no_space_{0};
  std::atomic<uint64_t> failed_{0};
  std::atomic<uint64_t> recoveries_{0};
  std::atomic<bool> write_failing_{false};

  std::thread thread_;  // last: starts once every member above is ready
};

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_LOG_WRITER_H_
