#include "storage/testing/tamper.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <functional>
#include <memory>
#include <vector>

#include "atelier/v1/events.pb.h"
#include "storage/hash_chain.h"
#include "storage/log_keys.h"
#include "storage/str_cat.h"

namespace atelier::storage::testing {
namespace {

struct Families {
  rocksdb::ColumnFamilyHandle* events;
  rocksdb::ColumnFamilyHandle* heads;
  rocksdb::ColumnFamilyHandle* snapshots;
};

// Opens the database with the log's column families, runs `change`, closes.
Result<void> WithDatabase(const std::filesystem::path& dir,
                          const std::function<rocksdb::Status(rocksdb::DB&, Families)>& change) {
  const std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {kEventsFamily, rocksdb::ColumnFamilyOptions()},
      {kHeadsFamily, rocksdb::ColumnFamilyOptions()},
      {kSnapshotsFamily, rocksdb::ColumnFamilyOptions()},
  };
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status status =
      rocksdb::DB::Open(rocksdb::DBOptions(), dir.string(), families, &handles, &raw);
  if (!status.ok()) {
    return Fail(Error::Code::kIo,
                StrCat("tamper: cannot open ", dir.string(), ": ", status.ToString()));
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  status = change(*db, Families{handles[1], handles[2], handles[3]});
  for (rocksdb::ColumnFamilyHandle* handle : handles) (void)db->DestroyColumnFamilyHandle(handle);
  const rocksdb::Status closed = db->Close();
  if (status.ok()) status = closed;
  if (!status.ok()) return Fail(Error::Code::kIo, StrCat("tamper: ", status.ToString()));
  return {};
}

}  // namespace

Result<std::string> ReadStoredEvent(const std::filesystem::path& dir, std::string_view workshop_id,
                                    uint64_t seq) {
  std::string value;
  auto done = WithDatabase(dir, [&](rocksdb::DB& db, Families cf) {
    return db.Get(rocksdb::ReadOptions(), cf.events, SeqKey(workshop_id, seq), &value);
  });
  if (!done) return std::unexpected(done.error());
  return value;
}

Result<void> WriteStoredEvent(const std::filesystem::path& dir, std::string_view workshop_id,
                              uint64_t seq, std::string_view value) {
  return WithDatabase(dir, [&](rocksdb::DB& db, Families cf) {
    return db.Put(rocksdb::WriteOptions(), cf.events, SeqKey(workshop_id, seq),
                  rocksdb::Slice(value.data(), value.size()));
  });
}

Result<void> DeleteStoredEvent(const std::filesystem::path& dir, std::string_view workshop_id,
                               uint64_t seq) {
  return WithDatabase(dir, [&](rocksdb::DB& db, Families cf) {
    return db.Delete(rocksdb::WriteOptions(), cf.events, SeqKey(workshop_id, seq));
  });
}

Result<void> SwapStoredEvents(const std::filesystem::path& dir, std::string_view workshop_id,
                              uint64_t a, uint64_t b) {
  return WithDatabase(dir, [&](rocksdb::DB& db, Families cf) {
    std::string value_a;
    std::string value_b;
    rocksdb::Status status =
        db.Get(rocksdb::ReadOptions(), cf.events, SeqKey(workshop_id, a), &value_a);
    if (status.ok()) {
      status = db.Get(rocksdb::ReadOptions(), cf.events, SeqKey(workshop_id, b), &value_b);
    }
    if (status.ok()) {
      status = db.Put(rocksdb::WriteOptions(), cf.events, SeqKey(workshop_id, a), value_b);
    }
    if (status.ok()) {
      status = db.Put(rocksdb::WriteOptions(), cf.events, SeqKey(workshop_id, b), value_a);
    }
    return status;
  });
}

Result<void> DeleteStoredHead(const std::filesystem::path& dir, std::string_view workshop_id) {
  return WithDatabase(dir, [&](rocksdb::DB& db, Families cf) {
    return db.Delete(rocksdb::WriteOptions(), cf.heads,
                     rocksdb::Slice(workshop_id.data(), workshop_id.size()));
  });
}

Result<void> ChangeStoredEvent(const std::filesystem::path& dir, std::string_view workshop_id,
                               uint64_t seq, bool reseal) {
  auto stored = ReadStoredEvent(dir, workshop_id, seq);
  if (!stored) return std::unexpected(stored.error());
  atelier::v1::LoggedEvent logged;
  atelier::v1::Event event;
  if (!logged.ParseFromString(*stored) || !event.ParseFromString(logged.event())) {
    return Fail(Error::Code::kCorruption, StrCat("tamper: event ", seq, " does not decode"));
  }
  event.set_server_time_ms(event.server_time_ms() + 1);
  if (reseal) {
    logged = Seal(event).ToLogged();
  } else {
    logged.set_event(event.SerializeAsString());
  }
  return WriteStoredEvent(dir, workshop_id, seq, logged.SerializeAsString());
}

Result<std::string> ReadStoredSnapshot(const std::filesystem::path& dir,
                                       std::string_view workshop_id, uint64_t seq) {
  std::string value;
  auto done = WithDatabase(dir, [&](rocksdb::DB& db, Families cf) {
    return db.Get(rocksdb::ReadOptions(), cf.snapshots, SeqKey(workshop_id, seq), &value);
  });
  if (!done) return std::unexpected(done.error());
  return value;
}

Result<void> WriteStoredSnapshot(const std::filesystem::path& dir, std::string_view workshop_id,
                                 uint64_t seq, std::string_view value) {
  return WithDatabase(dir, [&](rocksdb::DB& db, Families cf) {
    return db.Put(rocksdb::WriteOptions(), cf.snapshots, SeqKey(workshop_id, seq),
                  rocksdb::Slice(value.data(), value.size()));
  });
}

}  // namespace atelier::storage::testing
