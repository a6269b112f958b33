// Deleting a workshop, down to the store: after EventLog::DeleteWorkshop no key of the workshop is
// left in any column family, and no file of the data directory (write-ahead logs included) holds
// its idea texts or its join code; a deletion interrupted after its atomic first step is finished
// by the next Open.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "storage/event_log.h"
#include "storage/hash_chain.h"
#include "storage/testing/store_dump.h"
#include "tests/storage/test_support.h"

namespace atelier::storage {
namespace {

using test::AppendAndWait;
using test::ChainBuilder;
using test::TempDir;

constexpr char kGone[] = "gone-5e1f09";
constexpr char kKept[] = "kept-7a2c44";
// What only the deleted workshop's events hold: an idea's text and a join code.
constexpr char kIdea[] = "Ouvrir la salle aux associations le mardi soir (Mme Dupuis)";
constexpr char kJoinCode[] = "48151623";

// The files of `dir` (recursively) whose bytes contain `needle`.
std::vector<std::string> FilesHolding(const std::filesystem::path& dir, const std::string& needle) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.find(needle) != std::string::npos) found.push_back(entry.path().filename().string());
  }
  return found;
}

std::vector<std::string> KeysHolding(const std::filesystem::path& dir, const std::string& needle) {
  auto keys = testing::AllKeys(dir);
  EXPECT_TRUE(keys.has_value()) << keys.error().message;
  std::vector<std::string> found;
  if (!keys) return found;
  for (const auto& [family, key] : *keys) {
    if (key.find(needle) != std::string::npos) found.push_back(family + ":" + key);
  }
  return found;
}

class DeleteWorkshopTest : public ::testing::Test {
 protected:
  void Open() {
    auto log = EventLog::Open(dir_.path());
    ASSERT_TRUE(log.has_value()) << log.error().message;
    log_ = std::move(*log);
  }
  void Close() {
    ASSERT_TRUE(log_->Close());
    log_.reset();
  }
  // Events of both workshops: the one to delete holds the idea and the join code, in table
  // files (written before a reopen) and in the write-ahead log (written after), with snapshots.
  void Fill() {
    Open();
    ASSERT_TRUE(AppendAndWait(*log_, gone_.Next(std::string("code ") + kJoinCode)));
    for (int i = 0; i < 30; ++i) {
      ASSERT_TRUE(AppendAndWait(*log_, gone_.Next(kIdea + std::to_string(i))));
      ASSERT_TRUE(AppendAndWait(*log_, kept_.Next("une autre idée")));
    }
    ASSERT_TRUE(log_->PutSnapshot(kGone, 20, std::string("state with ") + kIdea));
    Close();  // flushed to table files
    Open();
    ASSERT_TRUE(AppendAndWait(*log_, gone_.Next(kIdea)));  // in the write-ahead log
    ASSERT_TRUE(log_->PutSnapshot(kGone, 31, std::string("state with ") + kIdea));
  }

  TempDir dir_;
  ChainBuilder gone_{kGone};
  ChainBuilder kept_{kKept};
  std::unique_ptr<EventLog> log_;
};

TEST_F(DeleteWorkshopTest, NothingOfItIsLeftInAnyKeyOrFile) {
  Fill();
  // The check can fail: before the deletion the files hold both.
  ASSERT_FALSE(FilesHolding(dir_.path(), kIdea).empty());
  ASSERT_FALSE(FilesHolding(dir_.path(), kJoinCode).empty());

  ASSERT_TRUE(log_->DeleteWorkshop(kGone));
  // While the log is still open: no file, the write-ahead log included, holds them.
  EXPECT_EQ(FilesHolding(dir_.path(), kIdea), std::vector<std::string>{});
  EXPECT_EQ(FilesHolding(dir_.path(), kJoinCode), std::vector<std::string>{});
  Close();
  EXPECT_EQ(KeysHolding(dir_.path(), kGone), std::vector<std::string>{});
  EXPECT_EQ(FilesHolding(dir_.path(), kIdea), std::vector<std::string>{});
  EXPECT_EQ(FilesHolding(dir_.path(), kJoinCode), std::vector<std::string>{});
  EXPECT_FALSE(KeysHolding(dir_.path(), kKept).empty());
  // The workshop id itself may be named in the MANIFEST (a table file's first or last key) until
  // it is rewritten, which the next open does.
  Open();
  Close();
  EXPECT_EQ(FilesHolding(dir_.path(), kGone), std::vector<std::string>{});
}

TEST_F(DeleteWorkshopTest, ItCanNoLongerBeReadListedOrWrittenAndTheOthersAreWhole) {
  Fill();
  ASSERT_TRUE(log_->DeleteWorkshop(kGone));
  auto head = log_->Head(kGone);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->seq, 0u);
  auto events = log_->Read(kGone, 1, 100);
  ASSERT_TRUE(events.has_value());
  EXPECT_TRUE(events->empty());
  auto snapshot = log_->LatestSnapshot(kGone);
  ASSERT_TRUE(snapshot.has_value());
  EXPECT_FALSE(snapshot->has_value());
  auto listed = log_->ListWorkshops();
  ASSERT_TRUE(listed.has_value());
  EXPECT_EQ(*listed, std::vector<std::string>{kKept});
  // A late append of the next event and a late snapshot are refused, not stored.
  Result<void> late = AppendAndWait(*log_, gone_.Next(kIdea));
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, Error::Code::kNotFound);
  Result<void> late_snapshot = log_->PutSnapshot(kGone, 32, kIdea);
  ASSERT_FALSE(late_snapshot.has_value());
  EXPECT_EQ(late_snapshot.error().code, Error::Code::kNotFound);
  // The other workshop is whole and still takes appends.
  auto verified = log_->VerifyChain(kKept);
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_EQ(verified->seq, 30u);
  EXPECT_TRUE(AppendAndWait(*log_, kept_.Next("encore")));
  Close();
  Open();
  listed = log_->ListWorkshops();
  ASSERT_TRUE(listed.has_value());
  EXPECT_EQ(*listed, std::vector<std::string>{kKept});
  EXPECT_EQ(log_->Head(kGone)->seq, 0u);
}

TEST_F(DeleteWorkshopTest, ADeletionInterruptedAfterItsFirstStepIsFinishedByTheNextOpen) {
  Fill();
  Close();
  // A crash after the atomic batch, before the purge: gone from reads, bytes still in files.
  ASSERT_TRUE(testing::WriteDeletionOnly(dir_.path(), kGone));
  ASSERT_FALSE(FilesHolding(dir_.path(), kIdea).empty());
  ASSERT_FALSE(KeysHolding(dir_.path(), kGone).empty());  // the deletion's mark at least
  Open();
  auto listed = log_->ListWorkshops();
  ASSERT_TRUE(listed.has_value());
  EXPECT_EQ(*listed, std::vector<std::string>{kKept});
  EXPECT_EQ(FilesHolding(dir_.path(), kIdea), std::vector<std::string>{});
  EXPECT_EQ(FilesHolding(dir_.path(), kJoinCode), std::vector<std::string>{});
  Close();
  EXPECT_EQ(KeysHolding(dir_.path(), kGone), std::vector<std::string>{});
  EXPECT_FALSE(KeysHolding(dir_.path(), kKept).empty());
}

TEST_F(DeleteWorkshopTest, DeletingAWorkshopWithNoEventsSucceedsAndChangesNothingElse) {
  Fill();
  ASSERT_TRUE(log_->DeleteWorkshop("never-was"));
  auto listed = log_->ListWorkshops();
  ASSERT_TRUE(listed.has_value());
  EXPECT_EQ(listed->size(), 2u);
}

TEST_F(DeleteWorkshopTest, RefusedAfterClose) {
  Fill();
  Close();
  auto log = EventLog::Open(dir_.path());
  ASSERT_TRUE(log.has_value());
  ASSERT_TRUE((*log)->Close());
  Result<void> deleted = (*log)->DeleteWorkshop(kGone);
  ASSERT_FALSE(deleted.has_value());
  EXPECT_EQ(deleted.error().code, Error::Code::kClosed);
}

}  // namespace
}  // namespace atelier::storage
