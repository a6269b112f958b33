#include "storage/log_database.h"

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/listener.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/snapshot.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <shared_mutex>
#include <utility>

#include "atelier/v1/log.pb.h"
#include "storage/free_space_guard.h"
#include "storage/log_keys.h"
#include "storage/operator_log.h"
#include "storage/str_cat.h"

namespace atelier::storage {
namespace {

constexpr size_t kBulkReadahead = 8 << 20;
// Free space below which the log does not try to recover from a failed write: Resume needs
// room to flush the memtables; a reopen, for a new MANIFEST, an OPTIONS file and an empty WAL
// (and a failed reopen leaves the log unreadable until the next one succeeds).
constexpr uint64_t kRecoverMinFreeBytes = 4 << 20;

std::string_view View(const rocksdb::Slice& slice) { return {slice.data(), slice.size()}; }

// RocksDB's info log: warnings and errors to the operator's stderr, one line each; headers,
// debug and info chatter dropped. Nothing is written to the data volume, so a full disk cannot
// make logging fail (RocksDB 7.8's own file logger asserts on its next line after a failed one).
class OperatorLogger final : public rocksdb::Logger {
 public:
  OperatorLogger() : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL) {}

  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}  // headers and unlevelled lines
  void Logv(const rocksdb::InfoLogLevel level, const char* format, va_list ap) override {
    if (level < rocksdb::InfoLogLevel::WARN_LEVEL || level == rocksdb::InfoLogLevel::HEADER_LEVEL) {
      return;
    }
    char buffer[2048];
    va_list copy;
    va_copy(copy, ap);
    const int n = std::vsnprintf(buffer, sizeof buffer, format, copy);
    va_end(copy);
    if (n < 0) return;
    OperatorLog("rocksdb",
                level >= rocksdb::InfoLogLevel::ERROR_LEVEL ? LogLevel::kError : LogLevel::kWarning,
                std::string_view(buffer, std::min(static_cast<size_t>(n), sizeof buffer - 1)));
  }
};

// Turns off RocksDB's automatic recovery from "no space": it waits for more free space than a
// small disk ever has (64 MiB) and refuses DB::Resume meanwhile. The writer recovers instead.
class NoAutomaticRecovery final : public rocksdb::EventListener {
 public:
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason /*reason*/, rocksdb::Status bg_error,
                            bool* auto_recovery) override {
    bg_error.PermitUncheckedError();
    *auto_recovery = false;
  }
};

struct OpenedDb {
  rocksdb::DB* db = nullptr;  // owned by the caller
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
};

Result<OpenedDb> OpenDb(const std::filesystem::path& dir, int max_open_files) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_open_files = max_open_files;
  db_options.info_log = std::make_shared<OperatorLogger>();
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  db_options.listeners.push_back(std::make_shared<NoAutomaticRecovery>());
  db_options.max_bgerror_resume_count = 0;  // no retries of its own either: the writer retries
  // Replayed WAL data stays in memtables at open: a (re)open needs no room for new tables.
  db_options.avoid_flush_during_recovery = true;
  // A deleted workshop must not survive in an old write-ahead log (LogDatabase::Purge): an
  // obsolete WAL is deleted, never recycled (a recycled file keeps old bytes past the new ones)
  // nor archived. These are RocksDB's defaults, stated here because deletion depends on them.
  db_options.recycle_log_file_num = 0;
  db_options.WAL_ttl_seconds = 0;
  db_options.WAL_size_limit_MB = 0;

  rocksdb::ColumnFamilyOptions events_options;
  rocksdb::BlockBasedTableOptions table;
  table.block_size = 16 << 10;  // events are read in long runs
  events_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  const std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {kEventsFamily, events_options},
      {kHeadsFamily, rocksdb::ColumnFamilyOptions()},
      {kSnapshotsFamily, rocksdb::ColumnFamilyOptions()},
  };
  OpenedDb opened;
  const rocksdb::Status status =
      rocksdb::DB::Open(db_options, dir.string(), families, &opened.handles, &opened.db);
  if (!status.ok()) {
    const bool locked = status.ToString().find("lock") != std::string::npos;
    return Fail(status.IsCorruption() ? Error::Code::kCorruption : Error::Code::kIo,
                StrCat("event log at ", dir.string(), ": cannot open: ", status.ToString(),
                       locked ? " (is another process using this event log?)" : ""));
  }
  return opened;
}

// Destroys the handles and closes the database; the first error, if any.
rocksdb::Status CloseDb(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*>& handles) {
  rocksdb::Status status;
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    const rocksdb::Status destroyed = db->DestroyColumnFamilyHandle(handle);
    if (status.ok()) status = destroyed;
  }
  handles.clear();
  const rocksdb::Status closed = db->Close();
  if (status.ok()) status = closed;
  delete db;
  return status;
}

class RocksLogDatabase final : public LogDatabase {
 public:
  RocksLogDatabase(std::filesystem::path dir, bool sync, int max_open_files, OpenedDb opened)
      : dir_(std::move(dir)),
        sync_(sync),
        max_open_files_(max_open_files),
        db_(opened.db),
        handles_(std::move(opened.handles)) {}

  ~RocksLogDatabase() override { (void)Close(); }

  Result<LogHead> LoadHead(std::string_view workshop_id) override {
    auto head = ReadHead(workshop_id);
    if (!head) return std::unexpected(head.error());
    return head->value_or(LogHead{});
  }

  Result<void> Write(const std::vector<const SealedEvent*>& events,
                     const std::vector<HeadUpdate>& heads) override;
  Result<void> Recover() override;
  Result<uint64_t> FreeBytes() override { return FreeBytesAt(dir_); }
  Result<std::optional<LogHead>> ReadHead(std::string_view workshop_id) override {
    std::shared_lock lock(mu_);
    if (db_ == nullptr) return NotOpen();
    return ReadHeadAt(rocksdb::ReadOptions(), workshop_id);
  }
  Result<std::optional<LogHead>> ScanEvents(std::string_view workshop_id, uint64_t from_seq,
                                            ScanMode mode, const EventVisitor& visit) override;
  Result<std::vector<std::string>> ListWorkshops() override;
  Result<std::vector<uint64_t>> SnapshotSeqs(std::string_view workshop_id) override;
  Result<std::optional<std::string>> ReadSnapshot(std::string_view workshop_id,
                                                  uint64_t seq) override;
  Result<void> WriteSnapshot(std::string_view workshop_id, uint64_t seq, std::string_view bytes,
                             const std::vector<uint64_t>& obsolete) override;
  Result<void> DeleteSnapshot(std::string_view workshop_id, uint64_t seq) override;
  Result<void> Checkpoint(const std::filesystem::path& target) override;
  Result<void> WriteDeletion(std::string_view workshop_id) override;
  Result<void> Purge(std::string_view workshop_id) override;
  Result<std::vector<std::string>> PendingDeletions() override;
  Result<void> Close() override;

 private:
  // Column family handles, in the order of Open's descriptors.
  rocksdb::ColumnFamilyHandle* default_cf() const { return handles_[0]; }
  rocksdb::ColumnFamilyHandle* events_cf() const { return handles_[1]; }
  rocksdb::ColumnFamilyHandle* heads_cf() const { return handles_[2]; }
  rocksdb::ColumnFamilyHandle* snapshots_cf() const { return handles_[3]; }

  Result<std::optional<LogHead>> ReadHeadAt(const rocksdb::ReadOptions& read,
                                            std::string_view workshop_id);
  // Whether Resume would move on to a new WAL (it does when it flushes a memtable). mu_ held.
  bool AnyMemtableHasEntries();
  Result<void> Reopen();
  std::unexpected<Error> Failed(std::string_view what, const rocksdb::Status& status) const {
    const Error::Code code = status.IsCorruption() ? Error::Code::kCorruption
                             : status.IsNoSpace()  ? Error::Code::kNoSpace
                                                   : Error::Code::kIo;
    return Fail(code, StrCat("event log at ", dir_.string(), ": ", what, ": ", status.ToString()));
  }
  std::unexpected<Error> NotOpen() const {
    return Fail(Error::Code::kIo,
                StrCat("event log at ", dir_.string(), ": the database is not open (",
                       reopen_error_, "); it is reopened with the next write"));
  }

  const std::filesystem::path dir_;
  const bool sync_;
  const int max_open_files_;
  // Shared by every call, exclusive while the database is reopened or closed.
  mutable std::shared_mutex mu_;
  rocksdb::DB* db_;  // owned; guarded by mu_; null once closed or after a failed reopen
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // guarded by mu_
  std::string reopen_error_;                           // guarded by mu_: why db_ is null
};

Result<void> RocksLogDatabase::Write(const std::vector<const SealedEvent*>& events,
                                     const std::vector<HeadUpdate>& heads) {
  size_t bytes = 0;
  for (const SealedEvent* event : events) bytes += event->stored().size() + 32 + 16;
  rocksdb::WriteBatch batch(bytes + heads.size() * 64);
  for (const SealedEvent* event : events) {
    const std::string_view stored = event->stored();
    const rocksdb::Status status =
        batch.Put(events_cf(), SeqKey(event->workshop_id(), event->seq()),
                  rocksdb::Slice(stored.data(), stored.size()));
    if (!status.ok()) return Failed("preparing a batch", status);
  }
  atelier::v1::LogHead stored;
  std::string value;
  for (const HeadUpdate& update : heads) {
    stored.set_seq(update.head->seq);
    stored.set_hash(update.head->hash);
    stored.SerializeToString(&value);
    const rocksdb::Status status = batch.Put(
        heads_cf(), rocksdb::Slice(update.workshop_id.data(), update.workshop_id.size()), value);
    if (!status.ok()) return Failed("preparing a batch", status);
  }
  rocksdb::WriteOptions write;
  write.sync = sync_;
  std::shared_lock lock(mu_);
  if (db_ == nullptr) return NotOpen();
  const rocksdb::Status status = db_->Write(write, &batch);
  if (!status.ok()) return Failed(StrCat("writing ", events.size(), " events"), status);
  return {};
}

bool RocksLogDatabase::AnyMemtableHasEntries() {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    uint64_t entries = 0;
    if (db_->GetIntProperty(handle, rocksdb::DB::Properties::kNumEntriesActiveMemTable, &entries) &&
        entries > 0) {
      return true;
    }
  }
  return false;
}

Result<void> RocksLogDatabase::Recover() {
  // Both need room (Resume flushes the memtables); on a full disk an attempt only fails again.
  if (Result<uint64_t> free = FreeBytesAt(dir_); free && *free < kRecoverMinFreeBytes) {
    return Fail(Error::Code::kNoSpace,
                StrCat("event log at ", dir_.string(), ": the disk has ", FormatBytes(*free),
                       " free; writing resumes once ", FormatBytes(kRecoverMinFreeBytes), " are"));
  }
  {
    std::shared_lock lock(mu_);
    if (db_ != nullptr && AnyMemtableHasEntries()) {
      const rocksdb::Status resumed = db_->Resume();
      if (resumed.ok()) return {};
      if (resumed.severity() < rocksdb::Status::Severity::kFatalError) {
        return Failed("resuming after a failed write", resumed);
      }
      // Fatal: RocksDB will not resume; reopening reads back what the disk holds.
    }
  }
  return Reopen();
}

Result<void> RocksLogDatabase::Reopen() {
  std::unique_lock lock(mu_);
  if (db_ != nullptr) {
    // Closing a database that failed to write reports that failure again: nothing to learn.
    CloseDb(db_, handles_).PermitUncheckedError();
    db_ = nullptr;
  }
  auto opened = OpenDb(dir_, max_open_files_);
  if (!opened) {
    reopen_error_ = StrCat("reopening it after a failed write failed: ", opened.error().message);
    OperatorLog("event log", LogLevel::kError,
                StrCat(reopen_error_, "; reads and writes fail until a reopen succeeds"));
    return std::unexpected(opened.error());
  }
  db_ = opened->db;
  handles_ = std::move(opened->handles);
  OperatorLog("event log", LogLevel::kInfo,
              StrCat("event log at ", dir_.string(), ": database reopened after a failed write"));
  return {};
}

Result<std::optional<LogHead>> RocksLogDatabase::ReadHeadAt(const rocksdb::ReadOptions& read,
                                                            std::string_view workshop_id) {
  std::string value;
  const rocksdb::Status status =
      db_->Get(read, heads_cf(), rocksdb::Slice(workshop_id.data(), workshop_id.size()), &value);
  if (status.IsNotFound()) return std::optional<LogHead>();
  if (!status.ok()) return Failed(StrCat("reading the head of workshop ", workshop_id), status);
  atelier::v1::LogHead stored;
  if (!stored.ParseFromString(value)) {
    return Fail(Error::Code::kCorruption,
                StrCat("workshop ", workshop_id, ": stored head cannot be decoded"));
  }
  return std::optional<LogHead>(LogHead{stored.seq(), stored.hash()});
}

Result<std::optional<LogHead>> RocksLogDatabase::ScanEvents(std::string_view workshop_id,
                                                            uint64_t from_seq, ScanMode mode,
                                                            const EventVisitor& visit) {
  std::shared_lock lock(mu_);
  if (db_ == nullptr) return NotOpen();
  rocksdb::ManagedSnapshot snapshot(db_);
  rocksdb::ReadOptions read;
  read.snapshot = snapshot.snapshot();
  auto head = ReadHeadAt(read, workshop_id);
  if (!head) return head;

  const std::string upper = WorkshopUpperBound(workshop_id);
  const rocksdb::Slice upper_slice(upper);
  read.iterate_upper_bound = &upper_slice;
  if (mode == ScanMode::kBulk) {
    read.readahead_size = kBulkReadahead;
    read.fill_cache = false;
  }
  const std::string prefix = WorkshopPrefix(workshop_id);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, events_cf()));
  for (it->Seek(SeqKey(workshop_id, from_seq)); it->Valid(); it->Next()) {
    const std::optional<uint64_t> seq = DecodeSeq(prefix, View(it->key()));
    if (!seq) {
      return Fail(Error::Code::kCorruption,
                  StrCat("workshop ", workshop_id, ": malformed event key of ", it->key().size(),
                         " bytes in the event log"));
    }
    if (!visit(*seq, View(it->value()))) break;
  }
  if (!it->status().ok()) {
    return Failed(StrCat("reading the events of workshop ", workshop_id), it->status());
  }
  return head;
}

Result<std::vector<std::string>> RocksLogDatabase::ListWorkshops() {
  std::shared_lock lock(mu_);
  if (db_ == nullptr) return NotOpen();
  std::vector<std::string> ids;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), heads_cf()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) ids.push_back(it->key().ToString());
  if (!it->status().ok()) return Failed("listing workshops", it->status());
  return ids;
}

Result<std::vector<uint64_t>> RocksLogDatabase::SnapshotSeqs(std::string_view workshop_id) {
  const std::string upper = WorkshopUpperBound(workshop_id);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read;
  read.iterate_upper_bound = &upper_slice;
  const std::string prefix = WorkshopPrefix(workshop_id);
  std::vector<uint64_t> seqs;
  std::shared_lock lock(mu_);
  if (db_ == nullptr) return NotOpen();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, snapshots_cf()));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    if (auto seq = DecodeSeq(prefix, View(it->key()))) seqs.push_back(*seq);
  }
  if (!it->status().ok()) {
    return Failed(StrCat("listing the snapshots of workshop ", workshop_id), it->status());
  }
  std::reverse(seqs.begin(), seqs.end());
  return seqs;
}

Result<std::optional<std::string>> RocksLogDatabase::ReadSnapshot(std::string_view workshop_id,
                                                                  uint64_t seq) {
  std::string value;
  std::shared_lock lock(mu_);
  if (db_ == nullptr) return NotOpen();
  const rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), snapshots_cf(), SeqKey(workshop_id, seq), &value);
  if (status.IsNotFound()) return std::optional<std::string>();
  if (!status.ok()) {
    return Failed(StrCat("reading the snapshot of workshop ", workshop_id, " at event ", seq),
                  status);
  }
  return std::optional<std::string>(std::move(value));
}

Result<void> RocksLogDatabase::WriteSnapshot(std::string_view workshop_id, uint64_t seq,
                                             std::string_view bytes,
                                             const std::vector<uint64_t>& obsolete) {
  rocksdb::WriteBatch batch;
  rocksdb::Status status = batch.Put(snapshots_cf(), SeqKey(workshop_id, seq),
                                     rocksdb::Slice(bytes.data(), bytes.size()));
  for (uint64_t old : obsolete) {
    if (status.ok()) status = batch.Delete(snapshots_cf(), SeqKey(workshop_id, old));
  }
  if (status.ok()) {
    // Not through the write-ahead log: a snapshot is a shortcut, never the record. Written with
    // the WAL and synced, a snapshot of megabytes held every event's commit behind its copy and
    // fsync (the write queue is one). Kept in the memtable, it reaches a table file with the
    // family's next flush, at a clean Close and before a Checkpoint; a crash before that loses
    // this batch whole (the snapshot and the pruning of the older ones), so a load starts from
    // an older snapshot, or from the first event, and folds more events to the same state.
    rocksdb::WriteOptions write;
    write.disableWAL = true;
    std::shared_lock lock(mu_);
    if (db_ == nullptr) return NotOpen();
    status = db_->Write(write, &batch);
  }
  if (!status.ok()) {
    return Failed(StrCat("writing the snapshot of workshop ", workshop_id, " at event ", seq),
                  status);
  }
  return {};
}

Result<void> RocksLogDatabase::Checkpoint(const std::filesystem::path& target) {
  std::shared_lock lock(mu_);
  if (db_ == nullptr) return NotOpen();
  rocksdb::Checkpoint* raw = nullptr;
  rocksdb::Status status = rocksdb::Checkpoint::Create(db_, &raw);
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // log_size_for_flush 0: always flush the memtables first, so that no write-ahead log needs
  // copying and the copy opens without replaying one.
  if (status.ok()) status = checkpoint->CreateCheckpoint(target.string(), 0);
  if (!status.ok()) return Failed(StrCat("a backup into ", target.string()), status);
  return {};
}

Result<void> RocksLogDatabase::DeleteSnapshot(std::string_view workshop_id, uint64_t seq) {
  rocksdb::WriteOptions write;
  write.sync = sync_;
  rocksdb::Status status;
  {
    std::shared_lock lock(mu_);
    if (db_ == nullptr) return NotOpen();
    status = db_->Delete(write, snapshots_cf(), SeqKey(workshop_id, seq));
  }
  if (!status.ok()) {
    return Failed(StrCat("deleting the snapshot of workshop ", workshop_id, " at event ", seq),
                  status);
  }
  return {};
}

Result<void> RocksLogDatabase::WriteDeletion(std::string_view workshop_id) {
  const std::string prefix = WorkshopPrefix(workshop_id);
  const std::string upper = WorkshopUpperBound(workshop_id);
  const rocksdb::Slice id(workshop_id.data(), workshop_id.size());
  rocksdb::WriteOptions write;
  write.sync = sync_;
  std::shared_lock lock(mu_);
  if (db_ == nullptr) return NotOpen();
  rocksdb::WriteBatch batch;
  rocksdb::Status status = batch.Put(default_cf(), DeletionKey(workshop_id), "");
  if (status.ok()) status = batch.Delete(heads_cf(), id);
  if (status.ok()) status = batch.DeleteRange(events_cf(), prefix, upper);
  if (status.ok()) status = batch.DeleteRange(snapshots_cf(), prefix, upper);
  if (status.ok()) status = db_->Write(write, &batch);
  if (!status.ok()) return Failed(StrCat("deleting workshop ", workshop_id), status);
  return {};
}

Result<void> RocksLogDatabase::Purge(std::string_view workshop_id) {
  const std::string prefix = WorkshopPrefix(workshop_id);
  const std::string upper = WorkshopUpperBound(workshop_id);
  const std::string mark = DeletionKey(workshop_id);
  const rocksdb::Slice events_begin(prefix), events_end(upper);
  const rocksdb::Slice id(workshop_id.data(), workshop_id.size());
  const rocksdb::Slice mark_slice(mark);
  rocksdb::FlushOptions flush;
  flush.allow_write_stall = true;
  rocksdb::CompactRangeOptions compact;
  // Down to the last level, where deletions and range tombstones are dropped with what they
  // cover; the last level itself rewritten too.
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  compact.exclusive_manual_compaction = false;  // the background compactions go on
  std::shared_lock lock(mu_);
  if (db_ == nullptr) return NotOpen();
  auto failed = [&](std::string_view step, const rocksdb::Status& status) {
    return Failed(StrCat("purging deleted workshop ", workshop_id, " (", step, ")"), status);
  };
  rocksdb::Status status = db_->Flush(flush, handles_);
  if (!status.ok()) return failed("flush", status);
  // CompactRange's bounds are inclusive.
  status = db_->CompactRange(compact, events_cf(), &events_begin, &events_end);
  if (status.ok()) status = db_->CompactRange(compact, snapshots_cf(), &events_begin, &events_end);
  if (status.ok()) status = db_->CompactRange(compact, heads_cf(), &id, &id);
  if (!status.ok()) return failed("compaction", status);
  rocksdb::WriteOptions write;
  write.sync = sync_;
  status = db_->Delete(write, default_cf(), mark_slice);
  if (status.ok()) status = db_->Flush(flush, handles_);  // every WAL before it is obsolete
  if (status.ok()) status = db_->CompactRange(compact, default_cf(), &mark_slice, &mark_slice);
  if (!status.ok()) return failed("removing the deletion's mark", status);
  // Obsolete files are deleted in the background after a flush or a compaction; re-enabling
  // file deletions deletes every one of them now, before this returns.
  status = db_->DisableFileDeletions();
  if (status.ok()) status = db_->EnableFileDeletions(/*force=*/false);
  if (!status.ok()) return failed("deleting obsolete files", status);
  return {};
}

Result<std::vector<std::string>> RocksLogDatabase::PendingDeletions() {
  std::shared_lock lock(mu_);
  if (db_ == nullptr) return NotOpen();
  std::vector<std::string> ids;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), default_cf()));
  for (it->Seek(kDeletionPrefix); it->Valid() && it->key().starts_with(kDeletionPrefix);
       it->Next()) {
    ids.push_back(it->key().ToString().substr(sizeof kDeletionPrefix - 1));
  }
  if (!it->status().ok()) return Failed("listing deletions to purge", it->status());
  return ids;
}

Result<void> RocksLogDatabase::Close() {
  std::unique_lock lock(mu_);
  if (db_ == nullptr) return {};
  // A clean close leaves nothing in the write-ahead log to replay at the next Open.
  rocksdb::Status status = db_->Flush(rocksdb::FlushOptions(), handles_);
  const rocksdb::Status closed = CloseDb(db_, handles_);
  if (status.ok()) status = closed;
  db_ = nullptr;
  reopen_error_ = "closed";
  if (!status.ok()) return Failed("closing", status);
  return {};
}

}  // namespace

Result<std::unique_ptr<LogDatabase>> LogDatabase::Open(const std::filesystem::path& dir,
                                                       const EventLogOptions& options) {
  auto opened = OpenDb(dir, options.max_open_files);
  if (!opened) return std::unexpected(opened.error());
  return std::make_unique<RocksLogDatabase>(dir, options.sync, options.max_open_files,
                                            std::move(*opened));
}

}  // namespace atelier::storage
