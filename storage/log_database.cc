#include "storage/log_database.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/snapshot.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <utility>

#include "atelier/v1/log.pb.h"
#include "storage/log_keys.h"
#include "storage/str_cat.h"

namespace atelier::storage {
namespace {

constexpr size_t kBulkReadahead = 8 << 20;

std::string_view View(const rocksdb::Slice& slice) { return {slice.data(), slice.size()}; }

class RocksLogDatabase final : public LogDatabase {
 public:
  RocksLogDatabase(std::filesystem::path dir, bool sync, rocksdb::DB* db,
                   std::vector<rocksdb::ColumnFamilyHandle*> handles)
      : dir_(std::move(dir)), sync_(sync), db_(db), handles_(std::move(handles)) {}

  ~RocksLogDatabase() override { (void)Close(); }

  static Result<std::unique_ptr<LogDatabase>> Open(const std::filesystem::path& dir,
                                                   const EventLogOptions& options);

  Result<LogHead> LoadHead(std::string_view workshop_id) override {
    auto head = ReadHead(workshop_id);
    if (!head) return std::unexpected(head.error());
    return head->value_or(LogHead{});
  }

  Result<void> Write(const std::vector<const SealedEvent*>& events,
                     const std::vector<HeadUpdate>& heads) override;
  Result<std::optional<LogHead>> ReadHead(std::string_view workshop_id) override {
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
  Result<void> Close() override;

 private:
  // Column family handles, in the order of Open's descriptors.
  rocksdb::ColumnFamilyHandle* events_cf() const { return handles_[1]; }
  rocksdb::ColumnFamilyHandle* heads_cf() const { return handles_[2]; }
  rocksdb::ColumnFamilyHandle* snapshots_cf() const { return handles_[3]; }

  Result<std::optional<LogHead>> ReadHeadAt(const rocksdb::ReadOptions& read,
                                            std::string_view workshop_id);
  std::unexpected<Error> Failed(std::string_view what, const rocksdb::Status& status) const {
    return Fail(status.IsCorruption() ? Error::Code::kCorruption : Error::Code::kIo,
                StrCat("event log at ", dir_.string(), ": ", what, ": ", status.ToString()));
  }

  const std::filesystem::path dir_;
  const bool sync_;
  rocksdb::DB* db_;  // owned; null once closed
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

Result<std::unique_ptr<LogDatabase>> RocksLogDatabase::Open(const std::filesystem::path& dir,
                                                            const EventLogOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.keep_log_file_num = 5;

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
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  const rocksdb::Status status =
      rocksdb::DB::Open(db_options, dir.string(), families, &handles, &db);
  if (!status.ok()) {
    const bool locked = status.ToString().find("lock") != std::string::npos;
    return Fail(status.IsCorruption() ? Error::Code::kCorruption : Error::Code::kIo,
                StrCat("event log at ", dir.string(), ": cannot open: ", status.ToString(),
                       locked ? " (is another process using this event log?)" : ""));
  }
  return std::make_unique<RocksLogDatabase>(dir, options.sync, db, std::move(handles));
}

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
  const rocksdb::Status status = db_->Write(write, &batch);
  if (!status.ok()) return Failed(StrCat("writing ", events.size(), " events"), status);
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
    rocksdb::WriteOptions write;
    write.sync = sync_;
    status = db_->Write(write, &batch);
  }
  if (!status.ok()) {
    return Failed(StrCat("writing the snapshot of workshop ", workshop_id, " at event ", seq),
                  status);
  }
  return {};
}

Result<void> RocksLogDatabase::Close() {
  if (db_ == nullptr) return {};
  // A clean close leaves nothing in the write-ahead log to replay at the next Open.
  rocksdb::Status status = db_->Flush(rocksdb::FlushOptions(), handles_);
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    const rocksdb::Status destroyed = db_->DestroyColumnFamilyHandle(handle);
    if (status.ok()) status = destroyed;
  }
  handles_.clear();
  const rocksdb::Status closed = db_->Close();
  if (status.ok()) status = closed;
  delete db_;
  db_ = nullptr;
  if (!status.ok()) return Failed("closing", status);
  return {};
}

}  // namespace

Result<std::unique_ptr<LogDatabase>> LogDatabase::Open(const std::filesystem::path& dir,
                                                       const EventLogOptions& options) {
  return RocksLogDatabase::Open(dir, options);
}

}  // namespace atelier::storage
