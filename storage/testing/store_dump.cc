#include "storage/testing/store_dump.h"

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>

#include <memory>

#include "storage/log_database.h"
#include "storage/str_cat.h"

namespace atelier::storage::testing {
namespace {

// Keeps RocksDB from writing a LOG file into the directory being inspected.
class NullLogger final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> AllKeys(const std::filesystem::path& dir) {
  rocksdb::DBOptions options;
  options.info_log = std::make_shared<NullLogger>();
  std::vector<std::string> names;
  rocksdb::Status status = rocksdb::DB::ListColumnFamilies(options, dir.string(), &names);
  if (!status.ok()) return Fail(Error::Code::kIo, StrCat("dump: ", status.ToString()));
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  status = rocksdb::DB::OpenForReadOnly(options, dir.string(), families, &handles, &raw);
  if (!status.ok()) return Fail(Error::Code::kIo, StrCat("dump: ", status.ToString()));
  std::unique_ptr<rocksdb::DB> db(raw);
  std::vector<std::pair<std::string, std::string>> keys;
  for (size_t i = 0; i < handles.size() && status.ok(); ++i) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[i]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) keys.emplace_back(names[i], it->key().ToString());
    status = it->status();
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) (void)db->DestroyColumnFamilyHandle(handle);
  const rocksdb::Status closed = db->Close();
  if (status.ok()) status = closed;
  if (!status.ok()) return Fail(Error::Code::kIo, StrCat("dump: ", status.ToString()));
  return keys;
}

Result<void> WriteDeletionOnly(const std::filesystem::path& dir, std::string_view workshop_id) {
  auto db = LogDatabase::Open(dir, EventLogOptions{});
  if (!db) return std::unexpected(db.error());
  Result<void> written = (*db)->WriteDeletion(workshop_id);
  Result<void> closed = (*db)->Close();
  if (!written) return written;
  return closed;
}

}  // namespace atelier::storage::testing
