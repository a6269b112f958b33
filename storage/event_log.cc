#include "storage/event_log.h"

#include <algorithm>
#include <future>
#include <limits>
#include <system_error>
#include <utility>

#include "storage/event_view.h"
#include "storage/hash_chain.h"
#include "storage/log_database.h"
#include "storage/log_keys.h"
#include "storage/log_writer.h"
#include "storage/operator_log.h"
#include "storage/str_cat.h"

namespace atelier::storage {

Result<std::unique_ptr<EventLog>> EventLog::Open(const std::filesystem::path& dir,
                                                 const EventLogOptions& options) {
  if (dir.empty()) {
    return Fail(Error::Code::kInvalidArgument, "event log directory path is empty");
  }
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return Fail(Error::Code::kIo, StrCat("event log at ", dir.string(),
                                         ": cannot create the directory: ", error.message()));
  }
  auto db = LogDatabase::Open(dir, options);
  if (!db) return std::unexpected(db.error());
  std::unique_ptr<EventLog> log(new EventLog(dir, std::move(*db), options));
  log->FinishDeletions();
  return log;
}

void EventLog::FinishDeletions() {
  auto pending = db_->PendingDeletions();
  if (!pending) {
    OperatorLog("event log", LogLevel::kError, pending.error().message);
    return;
  }
  for (const std::string& id : *pending) {
    if (Result<void> purged = db_->Purge(id); !purged) {
      OperatorLog("event log", LogLevel::kError,
                  StrCat(purged.error().message, "; tried again at the next start"));
    } else {
      OperatorLog("event log", LogLevel::kInfo,
                  StrCat("workshop ", id, ": the purge of its deletion, interrupted, is done"));
    }
  }
}

Result<void> EventLog::DeleteWorkshop(std::string_view workshop_id) {
  if (auto valid = ValidateWorkshopId(workshop_id); !valid) return valid;
  {
    std::lock_guard snapshot_lock(snapshot_mu_);  // a snapshot being written finishes first
    deleted_.emplace(workshop_id);
  }
  std::promise<Result<void>> deleted;
  writer_->Delete(QueuedDeletion{std::string(workshop_id), [&deleted](const Result<void>& r) {
                                   deleted.set_value(r);
                                 }});
  Result<void> outcome = deleted.get_future().get();
  if (!outcome) {
    std::lock_guard snapshot_lock(snapshot_mu_);
    deleted_.erase(deleted_.find(workshop_id));
    return outcome;
  }
  std::unique_lock lock(close_mu_);  // no read open: its RocksDB snapshot would keep the bytes
  if (db_ == nullptr) {
    return {};  // closed meanwhile: the next Open purges it
  }
  if (Result<void> purged = db_->Purge(workshop_id); !purged) {
    OperatorLog("event log", LogLevel::kError,
                StrCat(purged.error().message, "; the workshop is deleted (no read finds it), "
                       "its bytes are purged from the files at the next start"));
  }
  return {};
}

EventLog::EventLog(std::filesystem::path dir, std::unique_ptr<LogDatabase> db,
                   const EventLogOptions& options)
    : dir_(std::move(dir)),
      db_(std::move(db)),
      writer_(std::make_unique<LogWriter>(
          *db_, options, StrCat("the disk holding the event log at ", dir_.string()))) {}

EventLog::~EventLog() { (void)Close(); }

Result<void> EventLog::Close() {
  writer_->Stop();
  std::unique_lock lock(close_mu_);
  if (db_ == nullptr) return {};
  Result<void> closed = db_->Close();
  db_.reset();
  return closed;
}

std::unexpected<Error> EventLog::Closed(std::string_view what) const {
  return Fail(Error::Code::kClosed,
              StrCat("event log at ", dir_.string(), ": ", what, ": the log is closed"));
}

void EventLog::Append(SealedEvent event, AppendCallback done) {
  std::vector<SealedEvent> events;
  events.push_back(std::move(event));
  Append(std::move(events), std::move(done));
}

void EventLog::Append(std::vector<SealedEvent> events, AppendCallback done) {
  if (!done) done = [](const Result<void>&) {};
  auto refuse = [&](std::string why) {
    writer_->CountRefused();
    done(Fail(Error::Code::kInvalidArgument, std::move(why)));
  };
  if (events.empty()) return refuse("an append of no events refused");
  const std::string& id = events.front().workshop_id();
  if (auto valid = ValidateWorkshopId(id); !valid) {
    return refuse(StrCat("append of event ", events.front().seq(), " refused: ",
                         valid.error().message));
  }
  for (const SealedEvent& event : events) {
    if (!event.valid()) return refuse(StrCat("workshop ", id, ": an append holds an empty event"));
    if (event.workshop_id() != id) {
      return refuse(StrCat("workshop ", id, ": append of event ", event.seq(),
                           " refused: it belongs to workshop '", event.workshop_id(),
                           "'; nothing written"));
    }
  }
  writer_->Append(QueuedAppend{std::move(events), std::move(done)});
}

Result<LogHead> EventLog::Head(std::string_view workshop_id) {
  if (auto valid = ValidateWorkshopId(workshop_id); !valid) return std::unexpected(valid.error());
  std::shared_lock lock(close_mu_);
  if (db_ == nullptr) return Closed(StrCat("head of workshop ", workshop_id));
  return db_->LoadHead(workshop_id);
}

Result<std::vector<atelier::v1::LoggedEvent>> EventLog::Read(std::string_view workshop_id,
                                                             uint64_t from_seq,
                                                             uint64_t max_count) {
  std::vector<atelier::v1::LoggedEvent> events;
  if (max_count == 0) return events;
  constexpr uint64_t kBulkRead = 4096;  // beyond this many events, read like a replay
  auto read = Scan(workshop_id, from_seq, max_count > kBulkRead,
                   [&events, max_count](uint64_t, const atelier::v1::LoggedEvent& logged) {
                     events.push_back(logged);
                     return events.size() < max_count;
                   });
  if (!read) return std::unexpected(read.error());
  return events;
}

Result<std::vector<SealedEvent>> EventLog::ReadSealed(std::string_view workshop_id,
                                                      uint64_t from_seq, uint64_t max_count) {
  std::vector<SealedEvent> events;
  if (max_count == 0) return events;
  if (auto valid = ValidateWorkshopId(workshop_id); !valid) return std::unexpected(valid.error());
  std::shared_lock lock(close_mu_);
  if (db_ == nullptr) return Closed(StrCat("reading workshop ", workshop_id));
  std::optional<Error> failure;
  auto scanned = db_->ScanEvents(
      workshop_id, std::max<uint64_t>(from_seq, 1),
      max_count > 4096 ? LogDatabase::ScanMode::kBulk : LogDatabase::ScanMode::kShort,
      [&](uint64_t seq, std::string_view value) {
        auto sealed = SealedEvent::FromStored(std::string(value));
        if (!sealed || sealed->seq() != seq || sealed->workshop_id() != workshop_id) {
          failure = Error{Error::Code::kCorruption,
                          StrCat("workshop ", workshop_id, ": event ", seq,
                                 ": stored bytes are not this event: ",
                                 sealed ? "another seq or workshop" : sealed.error().message)};
          return false;
        }
        events.push_back(*std::move(sealed));
        return events.size() < max_count;
      });
  if (!scanned) return std::unexpected(scanned.error());
  if (failure) return std::unexpected(std::move(*failure));
  return events;
}

Result<void> EventLog::ForEach(
    std::string_view workshop_id, uint64_t from_seq,
    const std::function<bool(uint64_t seq, const atelier::v1::LoggedEvent&)>& fn) {
  return Scan(workshop_id, from_seq, /*bulk=*/true, fn);
}

Result<void> EventLog::Scan(
    std::string_view workshop_id, uint64_t from_seq, bool bulk,
    const std::function<bool(uint64_t seq, const atelier::v1::LoggedEvent&)>& fn) {
  if (auto valid = ValidateWorkshopId(workshop_id); !valid) return valid;
  std::shared_lock lock(close_mu_);
  if (db_ == nullptr) return Closed(StrCat("reading workshop ", workshop_id));
  atelier::v1::LoggedEvent logged;  // reused: parsing into it keeps its buffers
  std::optional<Error> failure;
  auto scanned =
      db_->ScanEvents(workshop_id, std::max<uint64_t>(from_seq, 1),
                      bulk ? LogDatabase::ScanMode::kBulk : LogDatabase::ScanMode::kShort,
                      [&](uint64_t seq, std::string_view value) {
                        if (!logged.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
                          failure = Error{Error::Code::kCorruption,
                                          StrCat("workshop ", workshop_id, ": event ", seq,
                                                 ": stored bytes are not a valid LoggedEvent")};
                          return false;
                        }
                        return fn(seq, logged);
                      });
  if (!scanned) return std::unexpected(scanned.error());
  if (failure) return std::unexpected(std::move(*failure));
  return {};
}

Result<std::vector<std::string>> EventLog::ListWorkshops() {
  std::shared_lock lock(close_mu_);
  if (db_ == nullptr) return Closed("listing workshops");
  return db_->ListWorkshops();
}

Result<LogHead> EventLog::VerifyChain(std::string_view workshop_id) {
  return VerifyChain(workshop_id, LogHead{});
}

Result<LogHead> EventLog::VerifyChain(std::string_view workshop_id, const LogHead& from) {
  if (auto valid = ValidateWorkshopId(workshop_id); !valid) return std::unexpected(valid.error());
  std::shared_lock lock(close_mu_);
  if (db_ == nullptr) return Closed(StrCat("verifying workshop ", workshop_id));
  auto broken = [workshop_id](std::string what) {
    return Error{Error::Code::kBrokenChain, StrCat("workshop ", workshop_id, ": ", what)};
  };
  ChainVerifier verifier{std::string(workshop_id), from.seq, from.hash};
  std::optional<Error> failure;
  // The whole chain from key 0, so that a stray key 0 is reported rather than skipped.
  auto head = db_->ScanEvents(
      workshop_id, from.seq == 0 ? 0 : from.seq + 1, LogDatabase::ScanMode::kBulk,
      [&](uint64_t seq, std::string_view value) {
        const uint64_t expected = verifier.last_seq() + 1;
        if (seq != expected) {
          failure = broken(
              seq > expected ? StrCat("event ", expected, " is missing, the next stored is event ",
                                      seq, " (event removed)")
                             : StrCat("unexpected event key ", seq, " before event ", expected));
          return false;
        }
        const Result<LoggedEventView> logged = ParseLoggedEventView(value);
        if (!logged) {
          failure = Error{Error::Code::kCorruption, StrCat("workshop ", workshop_id, ": event ",
                                                           seq, ": ", logged.error().message)};
          return false;
        }
        if (auto fed = verifier.Feed(logged->event, logged->hash); !fed) {
          failure = std::move(fed.error());
          return false;
        }
        return true;
      });
  if (!head) return std::unexpected(head.error());
  if (failure) return std::unexpected(std::move(*failure));

  LogHead last{verifier.last_seq(), verifier.last_hash()};
  if (!head->has_value()) {
    if (last.seq == 0) return last;
    return std::unexpected(broken(
        StrCat("the log holds events up to ", last.seq, " but has no stored head (head removed)")));
  }
  const LogHead& stored = **head;
  if (stored.seq > last.seq) {
    return std::unexpected(
        broken(StrCat("the log ends at event ", last.seq, " but its head says ", stored.seq,
                      " (the last ", stored.seq - last.seq, " event(s) were removed)")));
  }
  if (stored.seq < from.seq) {
    return std::unexpected(broken(
        StrCat("the trusted point, event ", from.seq, ", is beyond the head, event ", stored.seq)));
  }
  if (stored.seq < last.seq) {
    return std::unexpected(
        broken(StrCat("the head says event ", stored.seq, " but the log goes on to event ",
                      last.seq, " (events added without their head)")));
  }
  if (stored.hash != last.hash) {
    return std::unexpected(broken(StrCat("the head's hash differs from the hash of event ",
                                         last.seq, " (last event or head changed)")));
  }
  return last;
}

Result<void> EventLog::PutSnapshot(std::string_view workshop_id, uint64_t seq,
                                   std::string_view bytes) {
  if (auto valid = ValidateWorkshopId(workshop_id); !valid) return valid;
  if (seq == 0) {
    return Fail(Error::Code::kInvalidArgument,
                StrCat("workshop ", workshop_id, ": snapshot at event 0 refused: seqs start at 1"));
  }
  std::shared_lock lock(close_mu_);
  if (db_ == nullptr) return Closed(StrCat("snapshot of workshop ", workshop_id));
  std::lock_guard snapshot_lock(snapshot_mu_);
  if (deleted_.contains(workshop_id)) {
    return Fail(Error::Code::kNotFound,
                StrCat("workshop ", workshop_id, ": snapshot at event ", seq,
                       " not written: the workshop was deleted"));
  }
  auto seqs = db_->SnapshotSeqs(workshop_id);
  if (!seqs) return std::unexpected(seqs.error());
  std::vector<uint64_t> all = std::move(*seqs);
  if (std::find(all.begin(), all.end(), seq) == all.end()) all.push_back(seq);
  std::sort(all.begin(), all.end(), std::greater<>());
  constexpr size_t kKept = 2;
  std::vector<uint64_t> obsolete(
      all.begin() + static_cast<std::ptrdiff_t>(std::min(kKept, all.size())), all.end());
  if (std::find(obsolete.begin(), obsolete.end(), seq) != obsolete.end()) {
    return {};  // older than the two kept: storing it would only delete it again
  }
  if (Result<void> room = writer_->guard().Check(bytes.size()); !room) {
    return Fail(room.error().code, StrCat("workshop ", workshop_id, ": snapshot at event ", seq,
                                          " not written: ", room.error().message));
  }
  Result<void> written = db_->WriteSnapshot(workshop_id, seq, bytes, obsolete);
  if (written) writer_->guard().Wrote(bytes.size());
  return written;
}

Result<std::optional<Snapshot>> EventLog::LatestSnapshot(std::string_view workshop_id) {
  return SnapshotAtOrBelow(workshop_id, std::numeric_limits<uint64_t>::max());
}

Result<std::optional<Snapshot>> EventLog::SnapshotAtOrBelow(std::string_view workshop_id,
                                                            uint64_t bound) {
  if (auto valid = ValidateWorkshopId(workshop_id); !valid) return std::unexpected(valid.error());
  std::shared_lock lock(close_mu_);
  if (db_ == nullptr) return Closed(StrCat("snapshot of workshop ", workshop_id));
  auto head = db_->LoadHead(workshop_id);
  if (!head) return std::unexpected(head.error());
  auto seqs = db_->SnapshotSeqs(workshop_id);
  if (!seqs) return std::unexpected(seqs.error());
  for (uint64_t seq : *seqs) {      // newest first
    if (seq > head->seq) continue;  // beyond the durable log: never trusted
    if (seq > bound) continue;
    auto bytes = db_->ReadSnapshot(workshop_id, seq);
    if (!bytes) return std::unexpected(bytes.error());
    if (*bytes) return std::optional<Snapshot>(Snapshot{seq, std::move(**bytes)});
  }
  return std::optional<Snapshot>();
}

Result<void> EventLog::DeleteSnapshot(std::string_view workshop_id, uint64_t seq) {
  if (auto valid = ValidateWorkshopId(workshop_id); !valid) return valid;
  std::shared_lock lock(close_mu_);
  if (db_ == nullptr) return Closed(StrCat("snapshot of workshop ", workshop_id));
  std::lock_guard snapshot_lock(snapshot_mu_);
  return db_->DeleteSnapshot(workshop_id, seq);
}

Result<void> EventLog::Backup(const std::filesystem::path& target) {
  std::shared_lock lock(close_mu_);
  if (db_ == nullptr) return Closed("backup");
  if (std::error_code ec; std::filesystem::exists(target, ec) || ec) {
    return Fail(Error::Code::kInvalidArgument,
                StrCat("the backup's directory ", target.string(), " exists already"));
  }
  return db_->Checkpoint(target);
}

EventLogStats EventLog::stats() const { return writer_->stats(); }

Result<void> EventLog::Writable() { return writer_->Writable(); }

}  // namespace atelier::storage
