#include <gtest/gtest.h>

#include "storage/event_log.h"
#include "tests/storage/test_support.h"

namespace atelier::storage {
namespace {

using test::AppendAndWait;
using test::ChainBuilder;
using test::TempDir;

// An open log where workshop "w1" has `events` durable events.
class SnapshotTest : public ::testing::Test {
 protected:
  void Open(int events) {
    auto log = EventLog::Open(dir_.path());
    ASSERT_TRUE(log.has_value()) << log.error().message;
    log_ = std::move(*log);
    for (int i = 0; i < events; ++i) ASSERT_TRUE(AppendAndWait(*log_, chain_.Next()));
  }

  TempDir dir_;
  ChainBuilder chain_{"w1"};
  std::unique_ptr<EventLog> log_;
};

TEST_F(SnapshotTest, NoneBeforeTheFirst) {
  Open(3);
  const auto latest = log_->LatestSnapshot("w1");
  ASSERT_TRUE(latest.has_value());
  EXPECT_FALSE(latest->has_value());
}

TEST_F(SnapshotTest, LatestWins) {
  Open(20);
  ASSERT_TRUE(log_->PutSnapshot("w1", 5, "state@5"));
  ASSERT_TRUE(log_->PutSnapshot("w1", 15, "state@15"));
  ASSERT_TRUE(log_->PutSnapshot("w1", 10, "state@10"));
  const auto latest = log_->LatestSnapshot("w1");
  ASSERT_TRUE(latest.has_value() && latest->has_value());
  EXPECT_EQ((*latest)->seq, 15u);
  EXPECT_EQ((*latest)->bytes, "state@15");
}

TEST_F(SnapshotTest, OnlyTheNewestTwoAreKept) {
  // Pruning shows through the fallback to older snapshots when newer ones are beyond the head.
  Open(20);
  ASSERT_TRUE(log_->PutSnapshot("w1", 5, "state@5"));
  ASSERT_TRUE(log_->PutSnapshot("w1", 10, "state@10"));
  ASSERT_TRUE(log_->PutSnapshot("w1", 15, "state@15"));  // 5 pruned
  ASSERT_TRUE(log_->PutSnapshot("w1", 40, "state@40"));  // beyond the head (20); 10 pruned
  auto latest = log_->LatestSnapshot("w1");
  ASSERT_TRUE(latest.has_value() && latest->has_value());
  EXPECT_EQ((*latest)->seq, 15u);
  ASSERT_TRUE(log_->PutSnapshot("w1", 41, "state@41"));  // 15 pruned: nothing at or below 20
  latest = log_->LatestSnapshot("w1");
  ASSERT_TRUE(latest.has_value());
  EXPECT_FALSE(latest->has_value());
}

TEST_F(SnapshotTest, AtOrBelowFindsTheNewestNotAfterTheSeqAsked) {
  Open(20);
  ASSERT_TRUE(log_->PutSnapshot("w1", 8, "state@8"));
  ASSERT_TRUE(log_->PutSnapshot("w1", 15, "state@15"));
  auto at = [&](uint64_t seq) {
    auto found = log_->SnapshotAtOrBelow("w1", seq);
    EXPECT_TRUE(found.has_value()) << found.error().message;
    return found && *found ? (**found).seq : 0;
  };
  EXPECT_EQ(at(7), 0u) << "none at or below 7";
  EXPECT_EQ(at(8), 8u) << "one exactly at the seq counts";
  EXPECT_EQ(at(14), 8u);
  EXPECT_EQ(at(15), 15u);
  EXPECT_EQ(at(1000), 15u);
  auto bytes = log_->SnapshotAtOrBelow("w1", 9);
  ASSERT_TRUE(bytes.has_value() && bytes->has_value());
  EXPECT_EQ((*bytes)->bytes, "state@8");
  EXPECT_FALSE(log_->SnapshotAtOrBelow("", 9).has_value()) << "an invalid workshop id is refused";
  auto other = log_->SnapshotAtOrBelow("w2", 9);
  ASSERT_TRUE(other.has_value());
  EXPECT_FALSE(other->has_value()) << "another workshop's snapshots are not this one's";
}

TEST_F(SnapshotTest, AtOrBelowIgnoresASnapshotBeyondTheHead) {
  Open(10);
  ASSERT_TRUE(log_->PutSnapshot("w1", 6, "state@6"));
  ASSERT_TRUE(log_->PutSnapshot("w1", 12, "state@12"));  // events 11 and 12 never durable
  auto found = log_->SnapshotAtOrBelow("w1", 100);
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->seq, 6u);
}

TEST_F(SnapshotTest, ASnapshotBeyondTheHeadIsIgnored) {
  Open(10);
  ASSERT_TRUE(log_->PutSnapshot("w1", 8, "state@8"));
  ASSERT_TRUE(log_->PutSnapshot("w1", 11, "state@11"));  // event 11 never made durable
  auto latest = log_->LatestSnapshot("w1");
  ASSERT_TRUE(latest.has_value() && latest->has_value());
  EXPECT_EQ((*latest)->seq, 8u);
  // Once event 11 is durable the snapshot counts.
  ASSERT_TRUE(AppendAndWait(*log_, chain_.Next()));
  latest = log_->LatestSnapshot("w1");
  EXPECT_EQ((*latest)->seq, 11u);
}

TEST_F(SnapshotTest, SnapshotsSurviveReopenAndAreKeptPerWorkshop) {
  Open(10);
  ASSERT_TRUE(log_->PutSnapshot("w1", 9, "state of w1"));
  ASSERT_TRUE(log_->Close());
  Open(0);
  const auto latest = log_->LatestSnapshot("w1");
  ASSERT_TRUE(latest.has_value() && latest->has_value());
  EXPECT_EQ((*latest)->bytes, "state of w1");
  EXPECT_FALSE(log_->LatestSnapshot("w2")->has_value());
}

TEST_F(SnapshotTest, SnapshotAtSeqZeroIsRefused) {
  Open(1);
  const auto put = log_->PutSnapshot("w1", 0, "x");
  ASSERT_FALSE(put.has_value());
  EXPECT_EQ(put.error().code, Error::Code::kInvalidArgument);
}

TEST_F(SnapshotTest, ADeletedSnapshotIsGoneForGoodAndTheOlderOneIsFoundNext) {
  Open(20);
  ASSERT_TRUE(log_->PutSnapshot("w1", 10, "state@10"));
  ASSERT_TRUE(log_->PutSnapshot("w1", 15, "state@15"));
  ASSERT_TRUE(log_->PutSnapshot("w2", 15, "state of w2"));
  ASSERT_TRUE(log_->DeleteSnapshot("w1", 15));
  auto latest = log_->LatestSnapshot("w1");
  ASSERT_TRUE(latest.has_value() && latest->has_value());
  EXPECT_EQ((*latest)->seq, 10u);
  EXPECT_TRUE(log_->DeleteSnapshot("w1", 15)) << "deleting what is gone already succeeds";
  ASSERT_TRUE(log_->Close());
  Open(0);
  latest = log_->LatestSnapshot("w1");
  ASSERT_TRUE(latest.has_value() && latest->has_value()) << "the deletion is durable";
  EXPECT_EQ((*latest)->bytes, "state@10");
  ASSERT_TRUE(log_->DeleteSnapshot("w1", 10));
  latest = log_->LatestSnapshot("w1");
  ASSERT_TRUE(latest.has_value());
  EXPECT_FALSE(latest->has_value());
  EXPECT_FALSE(log_->DeleteSnapshot("", 3).has_value()) << "an invalid workshop id is refused";
}

}  // namespace
}  // namespace atelier::storage
