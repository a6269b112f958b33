// The event log on a real, small filesystem (a tmpfs) filled up: the free-space guard refuses
// before the disk is full; with the guard off, writes on a really full disk fail cleanly (no
// abort: Debian's RocksDB asserts), nothing acknowledged is lost, other workshops stay
// readable, and the log writes again once space is back, without being reopened. Skipped where
// the machine allows no mount (tests/integration/small_filesystem.h).
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include "storage/event_log.h"
#include "storage/free_space_guard.h"
#include "storage/hash_chain.h"
#include "tests/integration/small_filesystem.h"
#include "tests/storage/test_support.h"

namespace atelier::storage {
namespace {

using namespace std::chrono_literals;
using atelier::testing::SmallFilesystem;
using test::AppendAndWait;
using test::ChainBuilder;

constexpr uint64_t kMiB = 1 << 20;
constexpr uint64_t kDiskBytes = 32 * kMiB;

// The next event of the workshop after its durable head, as a room makes it after a reload.
SealedEvent NextAfterHead(EventLog& log, const std::string& workshop_id, const std::string& text) {
  Result<LogHead> head = log.Head(workshop_id);
  EXPECT_TRUE(head.has_value()) << head.error().message;
  atelier::v1::Event event = test::MakeEvent(workshop_id, head ? head->seq + 1 : 1, text);
  if (head) event.set_prev_hash(head->hash);
  return Seal(event);
}

class DiskFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto disk = SmallFilesystem::Mount(kDiskBytes);
    if (!disk) GTEST_SKIP() << "cannot mount a small filesystem here: " << disk.error();
    disk_ = std::move(*disk);
    dir_ = disk_->path() / "log";
  }
  void TearDown() override {
    log_.reset();  // closed before the disk is unmounted
  }

  void Open(uint64_t min_free_bytes) {
    auto log = EventLog::Open(
        dir_, EventLogOptions{.min_free_bytes = min_free_bytes, .recover_interval = 50ms});
    ASSERT_TRUE(log.has_value()) << log.error().message;
    log_ = std::move(*log);
  }

  // Appends the workshop's next event; remembers it when acknowledged.
  Result<void> AppendNext(const std::string& workshop_id) {
    SealedEvent event = NextAfterHead(*log_, workshop_id, "idée " + std::to_string(++texts_));
    const uint64_t seq = event.seq();
    const std::string stored(event.stored());
    Result<void> outcome = AppendAndWait(*log_, std::move(event));
    if (outcome) acknowledged_[workshop_id][seq] = stored;
    return outcome;
  }

  // Every event of the workshop reads back, and those acknowledged are the bytes appended.
  void ExpectReadable(const std::string& workshop_id) {
    Result<std::vector<SealedEvent>> read = log_->ReadSealed(workshop_id, 1, 1'000'000);
    ASSERT_TRUE(read.has_value()) << read.error().message;
    std::map<uint64_t, std::string> stored;
    for (const SealedEvent& event : *read) stored[event.seq()] = std::string(event.stored());
    for (const auto& [seq, bytes] : acknowledged_[workshop_id]) {
      ASSERT_TRUE(stored.contains(seq)) << workshop_id << ": acknowledged event " << seq << " lost";
      EXPECT_EQ(stored[seq], bytes) << workshop_id << ": event " << seq;
    }
  }

  // Appends to the workshop until it is accepted again, for up to `within`.
  bool AcceptedAgainWithin(const std::string& workshop_id, std::chrono::milliseconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
      if (AppendNext(workshop_id)) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  std::unique_ptr<SmallFilesystem> disk_;
  std::filesystem::path dir_;
  std::unique_ptr<EventLog> log_;
  std::map<std::string, std::map<uint64_t, std::string>> acknowledged_;
  int texts_ = 0;
};

TEST_F(DiskFullTest, TheGuardRefusesBeforeTheDiskIsFullAndAcceptsOnceSpaceIsBack) {
  Open(/*min_free_bytes=*/8 * kMiB);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(AppendNext("w1").has_value());
  ASSERT_TRUE(AppendNext("w2").has_value());
  auto filled = disk_->Fill("filler", /*leave_free=*/4 * kMiB);
  ASSERT_TRUE(filled.has_value()) << filled.error();
  std::this_thread::sleep_for(FreeSpaceGuard::kRefresh + 20ms);  // past the cached measure

  const LogHead before = *log_->Head("w1");
  Result<void> refused = AppendNext("w1");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Error::Code::kNoSpace) << refused.error().message;
  EXPECT_NE(refused.error().message.find("it keeps in reserve; nothing written; retry later"),
            std::string::npos)
      << refused.error().message;
  EXPECT_EQ(*log_->Head("w1"), before);
  Result<void> snapshot = log_->PutSnapshot("w1", before.seq, "state");
  ASSERT_FALSE(snapshot.has_value());
  EXPECT_EQ(snapshot.error().code, Error::Code::kNoSpace);
  EXPECT_TRUE(log_->stats().low_space);
  EXPECT_LT(log_->stats().free_bytes, 8 * kMiB);
  ExpectReadable("w2");

  disk_->Remove("filler");
  EXPECT_TRUE(AcceptedAgainWithin("w1", 2s));
  EXPECT_FALSE(log_->stats().low_space);
  EXPECT_TRUE(log_->PutSnapshot("w1", log_->Head("w1")->seq, "state").has_value());
  ExpectReadable("w1");
  ASSERT_TRUE(log_->VerifyChain("w1").has_value());
}

// Several rounds of a really full disk on one open log: a round that fills it right after the
// log recovered (every memtable empty: RocksDB's Resume would keep the failed WAL), and rounds
// that fill it with data in the memtables (Resume moves on to a new WAL).
TEST_F(DiskFullTest, WritesOnAFullDiskFailCleanlyAndTheLogRecoversWithoutReopening) {
  Open(/*min_free_bytes=*/0);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(AppendNext("w2").has_value());
  for (int round = 0; round < 4; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const int before_fill = round % 2 == 0 ? 0 : 5;
    for (int i = 0; i < before_fill; ++i) ASSERT_TRUE(AppendNext("w1").has_value());
    auto filled = disk_->Fill("filler");
    ASSERT_TRUE(filled.has_value()) << filled.error();

    // Appends until a few have failed: each is refused or fails, never half-acknowledged.
    int failures = 0;
    for (int i = 0; i < 2000 && failures < 10; ++i) {
      Result<void> outcome = AppendNext("w1");
      if (!outcome) {
        ++failures;
        EXPECT_TRUE(outcome.error().code == Error::Code::kNoSpace ||
                    outcome.error().code == Error::Code::kIo)
            << outcome.error().message;
        std::this_thread::sleep_for(10ms);
      }
    }
    ASSERT_EQ(failures, 10) << "the full disk never made an append fail";
    EXPECT_TRUE(log_->stats().write_failing);
    ExpectReadable("w2");
    ExpectReadable("w1");
    ASSERT_TRUE(log_->VerifyChain("w2").has_value());

    disk_->Remove("filler");
    ASSERT_TRUE(AcceptedAgainWithin("w1", 5s)) << "the log did not recover once space was back";
    EXPECT_FALSE(log_->stats().write_failing);
    ASSERT_TRUE(AppendNext("w2").has_value());
  }
  EXPECT_GE(log_->stats().recoveries, 4u);

  // Everything acknowledged survives a reopen, and both chains verify.
  ASSERT_TRUE(log_->Close().has_value());
  Open(0);
  ExpectReadable("w1");
  ExpectReadable("w2");
  Result<LogHead> w1 = log_->VerifyChain("w1");
  ASSERT_TRUE(w1.has_value()) << w1.error().message;
  EXPECT_GE(w1->seq, acknowledged_["w1"].rbegin()->first);
  ASSERT_TRUE(log_->VerifyChain("w2").has_value());
}

// The disk fills up right after the log was opened: every memtable is empty, and a RocksDB
// Resume would keep writing to the WAL file whose write failed (7.8 then aborts on its next
// write). The log reopens its database instead, once there is room, and goes on.
TEST_F(DiskFullTest, AFullDiskRightAfterOpeningFailsCleanlyAndTheLogRecovers) {
  Open(/*min_free_bytes=*/0);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(AppendNext("w2").has_value());
  for (int round = 0; round < 4; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    ASSERT_TRUE(log_->Close().has_value());  // a clean close flushes: nothing left in memtables
    log_.reset();
    Open(0);
    auto filled = disk_->Fill("filler");
    ASSERT_TRUE(filled.has_value()) << filled.error();

    ::testing::internal::CaptureStderr();
    int failures = 0;
    for (int i = 0; i < 100 && failures < 5; ++i) {
      if (!AppendNext("w1")) ++failures;
      ExpectReadable("w2");  // reads go on, also between recovery attempts
    }
    disk_->Remove("filler");
    const bool recovered = AcceptedAgainWithin("w1", 5s);
    const std::string said = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(failures, 5) << said;
    ASSERT_TRUE(recovered) << said;
    EXPECT_NE(said.find("database reopened after a failed write"), std::string::npos) << said;
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(AppendNext("w1").has_value());
    ExpectReadable("w1");
    ExpectReadable("w2");
  }
  ASSERT_TRUE(log_->Close().has_value());
  Open(0);
  ExpectReadable("w1");
  ExpectReadable("w2");
  ASSERT_TRUE(log_->VerifyChain("w1").has_value());
  ASSERT_TRUE(log_->VerifyChain("w2").has_value());
}

}  // namespace
}  // namespace atelier::storage
