// Snapshots against the log (real RocksDB in a temporary directory, the reference workshops
// played in): a snapshot changed, truncated or swapped is discarded, by the load's cheap checks
// or by the full comparison, and the state served is the log's; an intact one is kept and used.
#include "server/engine/snapshot_check.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "server/demo/scenario.h"
#include "server/engine/engine.h"
#include "server/engine/workshop_loader.h"
#include "server/workshop/apply.h"
#include "server/workshop/state_codec.h"
#include "tests/storage/test_support.h"

namespace atelier::engine {
namespace {

class SnapshotCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = Engine::Open(dir_.path(), {.log = {}, .snapshot_every = 0});
    ASSERT_TRUE(engine) << engine.error();
    engine_ = *std::move(engine);
    auto played = demo::PlayReferenceWorkshops(*engine_, {.seed = 7, .tables = 5});
    ASSERT_TRUE(played) << played.error();
    ideation_ = played->ideation_id;
    evaluation_ = played->evaluation_id;
    head_ = log().Head(ideation_)->seq;
  }

  storage::EventLog& log() { return engine_->log(); }

  // The log's state of the workshop, folded from event 1 with no snapshot.
  workshop::WorkshopState FromLog(const std::string& id) {
    auto state = LoadWorkshop(log(), id, {.use_snapshots = false});
    EXPECT_TRUE(state) << state.error();
    return state ? *state : workshop::WorkshopState{};
  }

  // The log's state after its events 1..seq.
  workshop::WorkshopState FromLogUpTo(const std::string& id, uint64_t seq) {
    workshop::WorkshopState state;
    auto events = log().Read(id, 1, seq);
    EXPECT_TRUE(events);
    for (const v1::LoggedEvent& logged : *events) {
      v1::Event event;
      EXPECT_TRUE(event.ParseFromString(logged.event()));
      event.set_hash(logged.hash());
      EXPECT_TRUE(workshop::Apply(state, event));
    }
    return state;
  }

  // Stores `proto` as the ideation's snapshot at `seq`, whatever it says.
  void Store(uint64_t seq, const v1::WorkshopState& proto) {
    ASSERT_TRUE(log().PutSnapshot(ideation_, seq, proto.SerializeAsString()));
  }
  void StoreBytes(uint64_t seq, const std::string& bytes) {
    ASSERT_TRUE(log().PutSnapshot(ideation_, seq, bytes));
  }

  // Loads the ideation (the cheap checks), then checks its snapshots fully; the problems found,
  // from either. Expects what is served afterwards to be the log's state, with no snapshot left.
  std::vector<std::string> LoadCheckAndExpectTheLogsState() {
    std::vector<std::string> problems;
    LoadStats stats;
    auto loaded = LoadWorkshop(log(), ideation_, {}, &stats);
    EXPECT_TRUE(loaded) << loaded.error();
    for (const DiscardedSnapshot& d : stats.discarded) problems.push_back(d.problem);
    auto checked = CheckSnapshots(log(), ideation_, [&](const DiscardedSnapshot& d) {
      EXPECT_EQ(d.seq, head_);
      problems.push_back(d.problem);
    });
    EXPECT_TRUE(checked) << checked.error();
    EXPECT_FALSE(log().LatestSnapshot(ideation_)->has_value()) << "the snapshot is deleted";
    auto served = LoadWorkshop(log(), ideation_);
    EXPECT_TRUE(served) << served.error();
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        workshop::ToProto(*served), workshop::ToProto(FromLog(ideation_))))
        << "the state served is the log's";
    return problems;
  }

  storage::test::TempDir dir_;
  std::unique_ptr<Engine> engine_;
  std::string ideation_, evaluation_;
  uint64_t head_ = 0;
};

TEST_F(SnapshotCheckTest, AnIntactSnapshotIsKeptAndUsed) {
  ASSERT_TRUE(SaveSnapshot(log(), FromLog(ideation_)));
  auto checked = CheckSnapshots(log(), ideation_, [](const DiscardedSnapshot& d) {
    ADD_FAILURE() << "false alarm: " << d.problem;
  });
  ASSERT_TRUE(checked) << checked.error();
  EXPECT_EQ(*checked, 0);
  LoadStats stats;
  ASSERT_TRUE(LoadWorkshop(log(), ideation_, {}, &stats));
  EXPECT_EQ(stats.snapshot_seq, head_) << "started from the snapshot";
  EXPECT_TRUE(stats.discarded.empty());
}

TEST_F(SnapshotCheckTest, ATablesPointsChangedAreFoundByTheFullCheck) {
  v1::WorkshopState proto = workshop::ToProto(FromLog(ideation_));
  v1::TargetPoints* points = nullptr;
  for (v1::BallotState& ballot : *proto.mutable_ballots()) {
    if (ballot.points_size() > 0) points = ballot.mutable_points(0);
  }
  ASSERT_NE(points, nullptr) << "the reference ideation has points";
  points->set_points(points->points() + 1);
  Store(head_, proto);
  LoadStats stats;
  auto believed = LoadWorkshop(log(), ideation_, {}, &stats);
  ASSERT_TRUE(believed);
  EXPECT_TRUE(stats.discarded.empty()) << "seq and last hash agree: the cheap checks pass";
  const std::vector<std::string> problems = LoadCheckAndExpectTheLogsState();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("differs from the log"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("points"), std::string::npos) << problems[0];
}

TEST_F(SnapshotCheckTest, OneLetterOfAnIdeaChangedIsFoundByTheFullCheck) {
  v1::WorkshopState proto = workshop::ToProto(FromLog(ideation_));
  ASSERT_GT(proto.ideas_size(), 0);
  std::string text = proto.ideas(0).text();
  ASSERT_FALSE(text.empty());
  text[0] = text[0] == 'x' ? 'y' : 'x';
  proto.mutable_ideas(0)->set_text(text);
  Store(head_, proto);
  const std::vector<std::string> problems = LoadCheckAndExpectTheLogsState();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("text"), std::string::npos) << problems[0];
}

TEST_F(SnapshotCheckTest, ATruncatedSnapshotIsDiscarded) {
  const std::string bytes = workshop::ToProto(FromLog(ideation_)).SerializeAsString();
  for (size_t cut : {bytes.size() / 2, bytes.size() - 1, size_t{3}}) {
    SCOPED_TRACE(cut);
    StoreBytes(head_, bytes.substr(0, cut));
    EXPECT_EQ(LoadCheckAndExpectTheLogsState().size(), 1u);
  }
}

TEST_F(SnapshotCheckTest, ASnapshotOfAnotherSeqIsDiscardedAtLoad) {
  Store(head_, workshop::ToProto(FromLogUpTo(ideation_, 20)));
  LoadStats stats;
  ASSERT_TRUE(LoadWorkshop(log(), ideation_, {}, &stats));
  ASSERT_EQ(stats.discarded.size(), 1u);
  EXPECT_EQ(stats.discarded[0].seq, head_);
  EXPECT_NE(stats.discarded[0].problem.find("as of event 20"), std::string::npos)
      << stats.discarded[0].problem;
  EXPECT_EQ(stats.snapshot_seq, 0u);
  EXPECT_EQ(LoadCheckAndExpectTheLogsState().size(), 0u) << "gone already";
}

TEST_F(SnapshotCheckTest, ASnapshotOfAnotherWorkshopIsDiscardedAtLoad) {
  Store(head_, workshop::ToProto(FromLog(evaluation_)));
  const std::vector<std::string> problems = LoadCheckAndExpectTheLogsState();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("workshop " + evaluation_), std::string::npos) << problems[0];
}

TEST_F(SnapshotCheckTest, AfterADiscardedSnapshotTheOlderIntactOneIsUsed) {
  ASSERT_TRUE(SaveSnapshot(log(), FromLogUpTo(ideation_, 20)));
  v1::WorkshopState proto = workshop::ToProto(FromLog(ideation_));
  proto.mutable_ideas(0)->set_text(proto.ideas(0).text() + ".");
  Store(head_, proto);
  std::vector<DiscardedSnapshot> discarded;
  auto checked = CheckSnapshots(log(), ideation_,
                                [&](const DiscardedSnapshot& d) { discarded.push_back(d); });
  ASSERT_TRUE(checked) << checked.error();
  EXPECT_EQ(*checked, 1);
  ASSERT_EQ(discarded.size(), 1u);
  EXPECT_EQ(discarded[0].seq, head_);
  LoadStats stats;
  auto loaded = LoadWorkshop(log(), ideation_, {}, &stats);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(stats.snapshot_seq, 20u);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      workshop::ToProto(*loaded), workshop::ToProto(FromLog(ideation_))));
}

}  // namespace
}  // namespace atelier::engine
