// Folding a workshop up to a past event (state_as_of.h), over a real log in a temporary directory
// with the reference workshops played in: the state at seq N is a fresh fold of events 1..N,
// whether reached from event 1 or from a snapshot; a snapshot that fails the cheap checks is
// passed over, a changed event is refused.
#include "server/engine/state_as_of.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "server/demo/scenario.h"
#include "server/engine/engine.h"
#include "server/engine/workshop_loader.h"
#include "server/workshop/apply.h"
#include "server/workshop/results.h"
#include "server/workshop/state_codec.h"
#include "server/workshop/views.h"
#include "storage/testing/tamper.h"
#include "tests/storage/test_support.h"

namespace atelier::engine {
namespace {

using google::protobuf::util::MessageDifferencer;

class StateAsOfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = Engine::Open(dir_.path(), {.log = {}, .snapshot_every = 0});
    ASSERT_TRUE(engine) << engine.error();
    engine_ = *std::move(engine);
    auto played = demo::PlayReferenceWorkshops(*engine_, {.seed = 11, .tables = 4});
    ASSERT_TRUE(played) << played.error();
    ideation_ = played->ideation_id;
    evaluation_ = played->evaluation_id;
    head_ = log().Head(ideation_)->seq;
    ASSERT_GT(head_, 20u);
  }

  storage::EventLog& log() { return engine_ ? engine_->log() : *reopened_; }

  // The state after events 1..seq, folded here from a plain read of the log.
  workshop::WorkshopState Fresh(const std::string& id, uint64_t seq) {
    workshop::WorkshopState state;
    auto events = log().Read(id, 1, seq);
    EXPECT_TRUE(events);
    for (const v1::LoggedEvent& logged : *events) {
      v1::Event event;
      EXPECT_TRUE(event.ParseFromString(logged.event()));
      event.set_hash(logged.hash());
      EXPECT_TRUE(workshop::Apply(state, event));
    }
    EXPECT_EQ(state.seq, seq);
    return state;
  }

  static bool Same(const workshop::WorkshopState& a, const workshop::WorkshopState& b) {
    return MessageDifferencer::Equals(workshop::ToProto(a), workshop::ToProto(b));
  }

  // Closes the engine and opens the log alone (for tampering in between).
  void CloseEngine() { engine_.reset(); }
  void ReopenLog() {
    auto log = storage::EventLog::Open(dir_.path());
    ASSERT_TRUE(log) << log.error().message;
    reopened_ = *std::move(log);
  }

  storage::test::TempDir dir_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<storage::EventLog> reopened_;
  std::string ideation_, evaluation_;
  uint64_t head_ = 0;
};

TEST_F(StateAsOfTest, EachSeqIsAFreshFoldOfItsEvents) {
  for (const std::string& id : {ideation_, evaluation_}) {
    const uint64_t head = log().Head(id)->seq;
    for (uint64_t seq = 1; seq <= head; ++seq) {
      StateAsOfStats stats;
      auto state = StateAsOf(log(), id, seq, &stats);
      ASSERT_TRUE(state) << state.error();
      EXPECT_EQ(state->seq, seq);
      EXPECT_TRUE(Same(*state, Fresh(id, seq))) << id << " at " << seq;
      EXPECT_EQ(stats.snapshot_seq, 0u) << "no snapshot stored";
      EXPECT_EQ(stats.events_folded, seq);
    }
  }
}

TEST_F(StateAsOfTest, FromTheNearestSnapshotEqualsFromEventOne) {
  const uint64_t early = head_ / 3, late = 2 * head_ / 3;
  ASSERT_TRUE(SaveSnapshot(log(), Fresh(ideation_, early)));
  ASSERT_TRUE(SaveSnapshot(log(), Fresh(ideation_, late)));
  for (uint64_t seq = 1; seq <= head_; ++seq) {
    StateAsOfStats stats;
    auto state = StateAsOf(log(), ideation_, seq, &stats);
    ASSERT_TRUE(state) << state.error();
    const uint64_t expected_start = seq >= late ? late : seq >= early ? early : 0;
    EXPECT_EQ(stats.snapshot_seq, expected_start) << "at " << seq;
    EXPECT_EQ(stats.events_folded, seq - expected_start);
    EXPECT_TRUE(stats.passed_over.empty());
    EXPECT_TRUE(Same(*state, Fresh(ideation_, seq))) << "at " << seq;
  }
}

TEST_F(StateAsOfTest, ASnapshotFailingTheCheapChecksIsPassedOverNotServed) {
  const uint64_t good = head_ / 3, bad = 2 * head_ / 3;
  ASSERT_TRUE(SaveSnapshot(log(), Fresh(ideation_, good)));
  // The state at `good`, stored as if it were the state at `bad`: seq and last hash disagree.
  v1::WorkshopState wrong = workshop::ToProto(Fresh(ideation_, good));
  ASSERT_TRUE(log().PutSnapshot(ideation_, bad, wrong.SerializeAsString()));

  StateAsOfStats stats;
  auto state = StateAsOf(log(), ideation_, head_, &stats);
  ASSERT_TRUE(state) << state.error();
  EXPECT_EQ(stats.snapshot_seq, good) << "the next older snapshot that passes";
  ASSERT_EQ(stats.passed_over.size(), 1u);
  EXPECT_EQ(stats.passed_over[0].seq, bad);
  EXPECT_TRUE(Same(*state, Fresh(ideation_, head_)));
  auto kept = log().SnapshotAtOrBelow(ideation_, bad);
  ASSERT_TRUE(kept && *kept);
  EXPECT_EQ((*kept)->seq, bad) << "passed over, not deleted: a read does not change the store";

  ASSERT_TRUE(log().PutSnapshot(ideation_, bad + 1, "not a state at all"));  // `good` pruned
  state = StateAsOf(log(), ideation_, head_, &stats);
  ASSERT_TRUE(state) << state.error();
  EXPECT_EQ(stats.snapshot_seq, 0u) << "none passes: from event 1";
  EXPECT_EQ(stats.passed_over.size(), 2u);
  EXPECT_TRUE(Same(*state, Fresh(ideation_, head_)));
}

TEST_F(StateAsOfTest, AChangedEventIsRefusedNeverFolded) {
  const uint64_t snap = head_ / 2;
  ASSERT_TRUE(SaveSnapshot(log(), Fresh(ideation_, snap)));
  CloseEngine();
  ASSERT_TRUE(storage::testing::ChangeStoredEvent(dir_.path(), ideation_, snap + 2));
  ReopenLog();
  auto before = StateAsOf(log(), ideation_, snap + 1);
  EXPECT_TRUE(before) << "the events up to the change still fold";
  auto after = StateAsOf(log(), ideation_, snap + 2);
  ASSERT_FALSE(after);
  EXPECT_NE(after.error().find(std::to_string(snap + 2)), std::string::npos) << after.error();
  EXPECT_FALSE(MomentAt(log(), ideation_, head_)) << "nor served as a moment";
}

TEST_F(StateAsOfTest, SeqZeroAndSeqsBeyondTheLogAreErrors) {
  auto zero = StateAsOf(log(), ideation_, 0);
  ASSERT_FALSE(zero);
  EXPECT_NE(zero.error().find("event 0"), std::string::npos) << zero.error();
  auto beyond = StateAsOf(log(), ideation_, head_ + 1);
  ASSERT_FALSE(beyond);
  EXPECT_NE(beyond.error().find("ends before"), std::string::npos) << beyond.error();
  EXPECT_FALSE(MomentAt(log(), ideation_, 0));
  auto unknown = MomentAt(log(), "no-such-workshop", 3);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().find("no such workshop"), std::string::npos) << unknown.error();
}

TEST_F(StateAsOfTest, AMomentIsTheAnimateursViewAndTheResultsThen) {
  v1::Actor animateur;
  animateur.set_kind(v1::ACTOR_KIND_ANIMATEUR);
  for (uint64_t seq : {uint64_t{1}, head_ / 2, head_}) {
    auto moment = MomentAt(log(), ideation_, seq);
    ASSERT_TRUE(moment) << moment.error();
    const workshop::WorkshopState fresh = Fresh(ideation_, seq);
    EXPECT_EQ(moment->workshop_id(), ideation_);
    EXPECT_EQ(moment->seq(), seq);
    EXPECT_EQ(moment->head_seq(), head_);
    EXPECT_EQ(moment->time_ms(), fresh.last_time_ms);
    EXPECT_TRUE(MessageDifferencer::Equals(moment->state(), workshop::ViewState(fresh, animateur)));
    EXPECT_TRUE(MessageDifferencer::Equals(moment->results(), workshop::ComputeResults(fresh)));
    EXPECT_EQ(moment->state().applied_size(), 0) << "the animateur's view, not the raw state";
  }
  auto clamped = MomentAt(log(), ideation_, head_ + 1000);
  ASSERT_TRUE(clamped) << clamped.error();
  EXPECT_EQ(clamped->seq(), head_) << "past the head: the head's moment";
  auto huge = MomentAt(log(), ideation_, UINT64_MAX);
  ASSERT_TRUE(huge) << huge.error();
  EXPECT_EQ(huge->seq(), head_);
}

}  // namespace
}  // namespace atelier::engine
