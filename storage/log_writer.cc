#include "storage/log_writer.h"

#include <algorithm>
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
  Error::Code refusal;
  {
    std::lock_guard lock(mu_);
    if (!stopping_ && queue_.size() < max_queued_events_) {
      queue_.push_back(std::move(append));
      if (queue_.size() == 1) wake_.notify_one();
      return;
    }
    refusal = stopping_ ? Error::Code::kClosed : Error::Code::kBusy;
  }
  refused_.fetch_add(1, std::memory_order_relaxed);
  const Result<void> refused =
      refusal == Error::Code::kClosed
          ? Fail(refusal, StrCat("workshop ", append.workshop_id, ": append of event ", append.seq,
                                 " refused: the event log is closed"))
          : Fail(refusal, StrCat("workshop ", append.workshop_id, ": append of event ", append.seq,
                                 " refused: ", max_queued_events_,
                                 " appends already wait for the disk; retry later"));
  append.done(refused);
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
  return EventLogStats{
      .batches = batches_.load(std::memory_order_relaxed),
      .events = events_.load(std::memory_order_relaxed),
      .refused = refused_.load(std::memory_order_relaxed),
      .failed = failed_.load(std::memory_order_relaxed),
  };
}

void LogWriter::Run() {
  std::vector<QueuedAppend> batch;
  batch.reserve(max_batch_events_);
  for (;;) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued was written
      const size_t n = std::min(queue_.size(), max_batch_events_);
      std::move(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n),
                std::back_inserter(batch));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    }
    WriteBatch(batch);
    batch.clear();
  }
}

void LogWriter::WriteBatch(std::vector<QueuedAppend>& batch) {
  std::vector<Result<void>> outcomes(batch.size());
  std::unordered_map<std::string, LogHead> tentative;  // heads as the batch would leave them
  std::vector<const QueuedAppend*> accepted;
  std::vector<size_t> accepted_index;
  accepted.reserve(batch.size());
  accepted_index.reserve(batch.size());

  for (size_t i = 0; i < batch.size(); ++i) {
    const QueuedAppend& append = batch[i];
    auto it = tentative.find(append.workshop_id);
    if (it == tentative.end()) {
      auto known = heads_.find(append.workshop_id);
      if (known == heads_.end()) {
        Result<LogHead> loaded = sink_.LoadHead(append.workshop_id);
        if (!loaded) {
          outcomes[i] = std::unexpected(loaded.error());
          refused_.fetch_add(1, std::memory_order_relaxed);
          continue;
        }
        known = heads_.emplace(append.workshop_id, std::move(*loaded)).first;
      }
      it = tentative.emplace(append.workshop_id, known->second).first;
    }
    LogHead& head = it->second;
    if (append.seq != head.seq + 1) {
      outcomes[i] = Fail(Error::Code::kInvalidArgument,
                         StrCat("workshop ", append.workshop_id, ": append of event ", append.seq,
                                " refused: the log is at event ", head.seq,
                                " (appends still queued included), so the next must be ",
                                head.seq + 1, "; nothing written"));
    } else if (append.prev_hash != head.hash) {
      outcomes[i] = Fail(Error::Code::kInvalidArgument,
                         StrCat("workshop ", append.workshop_id, ": append of event ", append.seq,
                                " refused: its prev_hash is not the hash of event ", head.seq,
                                "; nothing written"));
    } else {
      head.seq = append.seq;
      head.hash = append.hash;
      accepted.push_back(&append);
      accepted_index.push_back(i);
      continue;
    }
    refused_.fetch_add(1, std::memory_order_relaxed);
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
      failed_.fetch_add(accepted.size(), std::memory_order_relaxed);
      for (size_t k = 0; k < accepted.size(); ++k) {
        outcomes[accepted_index[k]] =
            Fail(written.error().code,
                 StrCat("workshop ", accepted[k]->workshop_id, ": event ", accepted[k]->seq,
                        " not durable: ", written.error().message));
      }
    }
  }

  for (size_t i = 0; i < batch.size(); ++i) batch[i].done(outcomes[i]);
}

}  // namespace atelier::storage
