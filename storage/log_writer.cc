#include "storage/log_writer.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "storage/operator_log.h"
#include "storage/str_cat.h"

namespace atelier::storage {

namespace {

// What a batch adds to the disk besides the events' bytes: keys, WAL framing, the heads.
constexpr uint64_t kPerEventOverhead = 64;

// "workshop w1: event 5" or "workshop w1: event 5 to 7".
std::string Describe(const QueuedAppend& append) {
  const SealedEvent& first = append.events.front();
  const size_t n = append.events.size();
  return StrCat("workshop ", first.workshop_id(), ": event ", first.seq(),
                n > 1 ? StrCat(" to ", first.seq() + n - 1) : std::string());
}

}  // namespace

LogWriter::LogWriter(BatchSink& sink, const EventLogOptions& options, std::string disk, Clock clock)
    : sink_(sink),
      max_batch_events_(std::max<size_t>(1, options.max_batch_events)),
      max_queued_events_(std::max<size_t>(1, options.max_queued_events)),
      recover_interval_(options.recover_interval),
      clock_(clock ? std::move(clock) : Clock(&std::chrono::steady_clock::now)),
      guard_(
          options.min_free_bytes, std::move(disk), [&sink] { return sink.FreeBytes(); }, clock_),
      thread_([this] { Run(); }) {}

LogWriter::~LogWriter() { Stop(); }

void LogWriter::Append(QueuedAppend append) {
  const size_t n = append.events.size();
  Error::Code refusal;
  {
    std::lock_guard lock(mu_);
    if (!stopping_ && (queue_.empty() || queued_events_ + n <= max_queued_events_)) {
      queue_.push_back(std::move(append));
      queued_events_ += n;
      if (queue_.size() == 1) wake_.notify_one();
      return;
    }
    refusal = stopping_ ? Error::Code::kClosed : Error::Code::kBusy;
  }
  refused_.fetch_add(1, std::memory_order_relaxed);
  const SealedEvent& first = append.events.front();
  const std::string what =
      StrCat("workshop ", first.workshop_id(), ": append of event ", first.seq(),
             n > 1 ? StrCat(" to ", first.seq() + n - 1) : std::string(), " refused: ");
  if (refusal == Error::Code::kBusy) busy_.fetch_add(1, std::memory_order_relaxed);
  append.done(refusal == Error::Code::kClosed
                  ? Fail(refusal, StrCat(what, "the event log is closed"))
                  : Fail(refusal, StrCat(what, max_queued_events_,
                                         " events already wait for the disk; retry later")));
}

void LogWriter::Delete(QueuedDeletion deletion) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(std::move(deletion));
      if (queue_.size() == 1) wake_.notify_one();
      return;
    }
  }
  deletion.done(Fail(Error::Code::kClosed, StrCat("workshop ", deletion.workshop_id,
                                                  ": not deleted: the event log is closed")));
}

Result<void> LogWriter::Writable() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Fail(Error::Code::kClosed, "the event log is closed");
  }
  if (write_failing_.load(std::memory_order_relaxed)) {
    return Fail(Error::Code::kIo,
                "the event log is recovering from a failed write; nothing written; retry later");
  }
  return guard_.Check(0);
}

void LogWriter::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  std::lock_guard join_lock(join_mu_);
  if (thread_.joinable()) thread_.join();
}

EventLogStats LogWriter::stats() const {
  uint64_t queued = 0;
  {
    std::lock_guard lock(mu_);
    queued = queued_events_;
  }
  return EventLogStats{
      .batches = batches_.load(std::memory_order_relaxed),
      .events = events_.load(std::memory_order_relaxed),
      .refused = refused_.load(std::memory_order_relaxed),
      .busy = busy_.load(std::memory_order_relaxed),
      .no_space = no_space_.load(std::memory_order_relaxed),
      .failed = failed_.load(std::memory_order_relaxed),
      .recoveries = recoveries_.load(std::memory_order_relaxed),
      .queued = queued,
      .free_bytes = guard_.free_bytes(),
      .low_space = guard_.refusing(),
      .write_failing = write_failing_.load(std::memory_order_relaxed),
  };
}

void LogWriter::Run() {
  std::vector<QueuedAppend> batch;
  for (;;) {
    std::optional<QueuedDeletion> deletion;
    {
      std::unique_lock lock(mu_);
      auto ready = [this] { return stopping_ || !queue_.empty(); };
      if (write_failure_) {
        // Recovering from a failed write: try again even when no append comes (writers may be
        // holding back while the log says it cannot write, see Writable).
        if (!wake_.wait_for(lock, recover_interval_, ready)) {
          lock.unlock();
          (void)RecoverWhenDue();
          continue;
        }
      } else {
        wake_.wait(lock, ready);
      }
      if (queue_.empty()) return;  // stopping, and everything queued was written
      if (auto* first = std::get_if<QueuedDeletion>(&queue_.front())) {
        deletion = std::move(*first);  // alone, in its place
        queue_.pop_front();
      } else {
        // Whole appends, as many as fit in max_batch_events (the first always goes), up to the
        // next deletion.
        size_t events = 0;
        while (!queue_.empty()) {
          auto* next = std::get_if<QueuedAppend>(&queue_.front());
          if (next == nullptr ||
              (!batch.empty() && events + next->events.size() > max_batch_events_)) {
            break;
          }
          events += next->events.size();
          batch.push_back(std::move(*next));
          queue_.pop_front();
        }
        queued_events_ -= events;
      }
    }
    if (deletion) {
      WriteDeletion(*deletion);
    } else {
      WriteBatch(batch);
      batch.clear();
    }
  }
}

void LogWriter::WriteDeletion(QueuedDeletion& deletion) {
  const std::string& id = deletion.workshop_id;
  // Not refused for lack of space: a deletion frees some.
  if (Result<void> recovered = RecoverWhenDue(); !recovered) {
    return deletion.done(Fail(recovered.error().code,
                              StrCat("workshop ", id, ": not deleted: ", recovered.error().message)));
  }
  if (Result<void> written = sink_.WriteDeletion(id); !written) {
    OnWriteFailed(written.error(), 0);
    return deletion.done(Fail(written.error().code, StrCat("workshop ", id, ": not deleted: ",
                                                           written.error().message)));
  }
  heads_.erase(id);
  deleted_.insert(id);
  deletion.done({});
}

bool LogWriter::ReadyToWrite(std::vector<QueuedAppend>& batch) {
  uint64_t bytes = 0;
  for (const QueuedAppend& append : batch) {
    for (const SealedEvent& event : append.events) {
      bytes += event.stored().size() + kPerEventOverhead;
    }
  }
  std::optional<Error> refusal;
  if (Result<void> room = guard_.Check(bytes); !room) {
    if (!low_space_logged_) {
      OperatorLog("event log", LogLevel::kWarning,
                  StrCat(room.error().message, " (appends refused until there is room)"));
      low_space_logged_ = true;
    }
    refused_.fetch_add(batch.size(), std::memory_order_relaxed);
    no_space_.fetch_add(batch.size(), std::memory_order_relaxed);
    refusal = std::move(room.error());
  } else {
    if (low_space_logged_) {
      OperatorLog("event log", LogLevel::kInfo,
                  StrCat("free space back above the reserve (", FormatBytes(guard_.free_bytes()),
                         " free): appends accepted again"));
      low_space_logged_ = false;
    }
    if (Result<void> recovered = RecoverWhenDue(); !recovered) {
      failed_.fetch_add(batch.size(), std::memory_order_relaxed);
      failed_since_ += batch.size();
      refusal = std::move(recovered.error());
    }
  }
  if (!refusal) return true;
  for (QueuedAppend& append : batch) {
    append.done(Fail(refusal->code, StrCat(Describe(append), " not written: ", refusal->message)));
  }
  return false;
}

Result<void> LogWriter::RecoverWhenDue() {
  if (!write_failure_) return {};
  const auto now = clock_();
  if (now < next_recovery_) {
    return Fail(write_failure_->code,
                StrCat("the event log has not recovered from a failed write yet (",
                       write_failure_->message, "); retry later"));
  }
  next_recovery_ = now + recover_interval_;
  if (Result<void> recovered = sink_.Recover(); !recovered) {
    write_failure_ = recovered.error();  // the reason writes fail now, for the appends meanwhile
    if (!recovery_failure_logged_) {
      OperatorLog("event log", LogLevel::kError,
                  StrCat("cannot recover from the failed write yet: ", recovered.error().message,
                         " (tried again at most every ", recover_interval_.count(), " ms)"));
      recovery_failure_logged_ = true;
    }
    return Fail(
        recovered.error().code,
        StrCat("the event log cannot write yet: ", recovered.error().message, "; retry later"));
  }
  OperatorLog("event log", LogLevel::kInfo,
              StrCat("writable again after a failed write (", failed_since_,
                     " append(s) failed meanwhile)"));
  write_failure_.reset();
  write_failing_.store(false, std::memory_order_relaxed);
  heads_.clear();  // what reached the disk of a failed batch is known only now
  recoveries_.fetch_add(1, std::memory_order_relaxed);
  return {};
}

void LogWriter::OnWriteFailed(const Error& error, size_t events) {
  if (!write_failure_) {
    OperatorLog("event log", LogLevel::kError,
                StrCat("writing ", events, " event(s) failed: ", error.message,
                       "; appends fail until the log recovers"));
    next_recovery_ = clock_();  // the first attempt goes with the next batch
    failed_since_ = 0;
    recovery_failure_logged_ = false;
  }
  write_failure_ = error;
  write_failing_.store(true, std::memory_order_relaxed);
}

void LogWriter::WriteBatch(std::vector<QueuedAppend>& batch) {
  if (!ReadyToWrite(batch)) return;
  std::vector<Result<void>> outcomes(batch.size());
  std::unordered_map<std::string, LogHead> tentative;  // heads as the batch would leave them
  std::vector<const SealedEvent*> accepted;
  std::vector<size_t> accepted_appends;

  for (size_t i = 0; i < batch.size(); ++i) {
    const std::vector<SealedEvent>& events = batch[i].events;
    const std::string& workshop_id = events.front().workshop_id();
    if (deleted_.contains(workshop_id)) {
      outcomes[i] = Fail(Error::Code::kNotFound, StrCat(Describe(batch[i]),
                                                        " refused: the workshop was deleted"));
      refused_.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    auto it = tentative.find(workshop_id);
    if (it == tentative.end()) {
      auto known = heads_.find(workshop_id);
      if (known == heads_.end()) {
        Result<LogHead> loaded = sink_.LoadHead(workshop_id);
        if (!loaded) {
          outcomes[i] = std::unexpected(loaded.error());
          refused_.fetch_add(1, std::memory_order_relaxed);
          continue;
        }
        known = heads_.emplace(workshop_id, std::move(*loaded)).first;
      }
      it = tentative.emplace(workshop_id, known->second).first;
    }
    // Every event of the append must follow the one before, starting from the head; then the
    // head moves to its last event. Otherwise none of it is written.
    LogHead& head = it->second;
    uint64_t seq = head.seq;
    std::string_view hash = head.hash;
    std::optional<Error> refused;
    for (const SealedEvent& event : events) {
      if (event.workshop_id() != workshop_id) {
        refused = Error{Error::Code::kInvalidArgument,
                        StrCat("workshop ", workshop_id, ": an append mixes in event ",
                               event.seq(), " of workshop ", event.workshop_id(),
                               "; nothing written")};
      } else if (event.seq() != seq + 1) {
        refused = Error{Error::Code::kInvalidArgument,
                        StrCat("workshop ", workshop_id, ": append of event ", event.seq(),
                               " refused: the log is at event ", seq,
                               " (appends still queued included), so the next must be ", seq + 1,
                               "; nothing written")};
      } else if (event.prev_hash() != hash) {
        refused = Error{Error::Code::kInvalidArgument,
                        StrCat("workshop ", workshop_id, ": append of event ", event.seq(),
                               " refused: its prev_hash is not the hash of event ", seq,
                               "; nothing written")};
      }
      if (refused) break;
      seq = event.seq();
      hash = event.hash();
    }
    if (refused) {
      outcomes[i] = std::unexpected(std::move(*refused));
      refused_.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    head.seq = seq;
    head.hash = std::string(hash);
    for (const SealedEvent& event : events) accepted.push_back(&event);
    accepted_appends.push_back(i);
  }

  if (!accepted.empty()) {
    std::vector<HeadUpdate> updates;
    for (const auto& [workshop_id, head] : tentative) {
      if (heads_.at(workshop_id).seq != head.seq) updates.push_back({workshop_id, &head});
    }
    Result<void> written = sink_.Write(accepted, updates);
    if (written) {
      for (const HeadUpdate& update : updates) {
        heads_.at(std::string(update.workshop_id)) = *update.head;
      }
      uint64_t bytes = 0;
      for (const SealedEvent* event : accepted) bytes += event->stored().size() + kPerEventOverhead;
      guard_.Wrote(bytes);
      batches_.fetch_add(1, std::memory_order_relaxed);
      events_.fetch_add(accepted.size(), std::memory_order_relaxed);
    } else {
      OnWriteFailed(written.error(), accepted.size());
      failed_.fetch_add(accepted_appends.size(), std::memory_order_relaxed);
      failed_since_ += accepted_appends.size();
      for (size_t i : accepted_appends) {
        outcomes[i] = Fail(written.error().code,
                           StrCat(Describe(batch[i]), " not durable: ", written.error().message));
      }
    }
  }

  for (size_t i = 0; i < batch.size(); ++i) batch[i].done(outcomes[i]);
}

}  // namespace atelier::storage
