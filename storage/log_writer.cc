#include "storage/log_writer.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "storage/str_cat.h"

namespace atelier::storage {

LogWriter::LogWriter(BatchSink& sink, const EventLogOptions& options)
    : sink_(sink),
      max_batch_events_(std::max<size_t>(1, options.max_batch_events)),
      max_queued_events_(std::max<size_t>(1, options.max_queued_events)),
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
      .failed = failed_.load(std::memory_order_relaxed),
      .queued = queued,
  };
}

void LogWriter::Run() {
  std::vector<QueuedAppend> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued was written
      // Whole appends, as many as fit in max_batch_events (the first always goes).
      size_t events = 0;
      while (!queue_.empty() &&
             (batch.empty() || events + queue_.front().events.size() <= max_batch_events_)) {
        events += queue_.front().events.size();
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      queued_events_ -= events;
    }
    WriteBatch(batch);
    batch.clear();
  }
}

void LogWriter::WriteBatch(std::vector<QueuedAppend>& batch) {
  std::vector<Result<void>> outcomes(batch.size());
  std::unordered_map<std::string, LogHead> tentative;  // heads as the batch would leave them
  std::vector<const SealedEvent*> accepted;
  std::vector<size_t> accepted_appends;

  for (size_t i = 0; i < batch.size(); ++i) {
    const std::vector<SealedEvent>& events = batch[i].events;
    const std::string& workshop_id = events.front().workshop_id();
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
      batches_.fetch_add(1, std::memory_order_relaxed);
      events_.fetch_add(accepted.size(), std::memory_order_relaxed);
    } else {
      for (const HeadUpdate& update : updates) heads_.erase(std::string(update.workshop_id));
      failed_.fetch_add(accepted_appends.size(), std::memory_order_relaxed);
      for (size_t i : accepted_appends) {
        const SealedEvent& first = batch[i].events.front();
        const size_t n = batch[i].events.size();
        outcomes[i] = Fail(written.error().code,
                           StrCat("workshop ", first.workshop_id(), ": event ", first.seq(),
                                  n > 1 ? StrCat(" to ", first.seq() + n - 1) : std::string(),
                                  " not durable: ", written.error().message));
      }
    }
  }

  for (size_t i = 0; i < batch.size(); ++i) batch[i].done(outcomes[i]);
}

}  // namespace atelier::storage
