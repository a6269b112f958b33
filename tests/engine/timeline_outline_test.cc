// The outline of a workshop's history (timeline_outline.h) over a real log: the head, the times
// and a mark for each phase change, the first idea, each merge and the reveal, at their seqs;
// merges past the first kMaxMergeMarks are counted, not listed; a changed event is refused.
#include "server/engine/timeline_outline.h"

#include <gtest/gtest.h>

#include "server/demo/scenario.h"
#include "server/engine/engine.h"
#include "storage/testing/tamper.h"
#include "tests/storage/test_support.h"
#include "tests/workshop/test_support.h"

namespace atelier::engine {
namespace {

using workshop::testing::IdeationConfig;
using workshop::testing::MergeCmd;
using workshop::testing::PostIdeaCmd;
using workshop::testing::SetPhaseCmd;

// The marks as read back from the log, one event at a time: what the outline must say.
std::vector<std::tuple<uint64_t, v1::TimelineMarkKind, v1::Phase, uint32_t>> ExpectedMarks(
    storage::EventLog& log, const std::string& id) {
  std::vector<std::tuple<uint64_t, v1::TimelineMarkKind, v1::Phase, uint32_t>> marks;
  bool idea = false;
  auto events = log.Read(id, 1, 1'000'000);
  EXPECT_TRUE(events);
  for (const v1::LoggedEvent& logged : *events) {
    v1::Event e;
    EXPECT_TRUE(e.ParseFromString(logged.event()));
    if (e.has_workshop_created()) {
      const v1::Step& first = e.workshop_created().config().agenda(0);
      marks.emplace_back(e.seq(), v1::TIMELINE_MARK_KIND_PHASE, first.kind(), first.id());
      if (e.workshop_created().ideas_size() > 0) {
        idea = true;
        marks.emplace_back(e.seq(), v1::TIMELINE_MARK_KIND_FIRST_IDEA, v1::PHASE_UNSPECIFIED, 0);
      }
    }
    if (e.has_phase_changed()) {
      marks.emplace_back(e.seq(), v1::TIMELINE_MARK_KIND_PHASE, e.phase_changed().to(),
                         e.phase_changed().to_step());
    }
    if (e.has_idea_posted() && !std::exchange(idea, true)) {
      marks.emplace_back(e.seq(), v1::TIMELINE_MARK_KIND_FIRST_IDEA, v1::PHASE_UNSPECIFIED, 0);
    }
    if (e.has_ideas_merged()) marks.emplace_back(e.seq(), v1::TIMELINE_MARK_KIND_MERGE, v1::PHASE_UNSPECIFIED, 0);
    if (e.has_results_revealed() && e.results_revealed().revealed()) {
      marks.emplace_back(e.seq(), v1::TIMELINE_MARK_KIND_REVEAL, v1::PHASE_UNSPECIFIED, 0);
    }
  }
  return marks;
}

class TimelineOutlineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = Engine::Open(dir_.path(), {.log = {}, .snapshot_every = 0});
    ASSERT_TRUE(engine) << engine.error();
    engine_ = *std::move(engine);
  }
  storage::test::TempDir dir_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(TimelineOutlineTest, MarksEveryPhaseChangeTheFirstIdeaMergesAndTheReveal) {
  auto played = demo::PlayReferenceWorkshops(*engine_, {.seed = 3, .tables = 4});
  ASSERT_TRUE(played) << played.error();
  for (const std::string& id : {played->ideation_id, played->evaluation_id}) {
    storage::EventLog& log = engine_->log();
    auto timeline = ReadTimeline(log, id);
    ASSERT_TRUE(timeline) << timeline.error();
    const uint64_t head = log.Head(id)->seq;
    auto first = log.Read(id, 1, 1), last = log.Read(id, head, 1);
    v1::Event e1, eh;
    ASSERT_TRUE(e1.ParseFromString((*first)[0].event()) && eh.ParseFromString((*last)[0].event()));
    EXPECT_EQ(timeline->workshop_id(), id);
    EXPECT_EQ(timeline->head_seq(), head);
    EXPECT_EQ(timeline->first_time_ms(), e1.server_time_ms());
    EXPECT_EQ(timeline->last_time_ms(), eh.server_time_ms());
    EXPECT_EQ(timeline->merges_left_out(), 0u);

    const auto expected = ExpectedMarks(log, id);
    ASSERT_EQ(timeline->marks_size(), static_cast<int>(expected.size()));
    int phases = 0;
    for (int i = 0; i < timeline->marks_size(); ++i) {
      const v1::TimelineMark& mark = timeline->marks(i);
      EXPECT_EQ(mark.seq(), std::get<0>(expected[i]));
      EXPECT_EQ(mark.kind(), std::get<1>(expected[i]));
      EXPECT_EQ(mark.phase(), std::get<2>(expected[i]));
      EXPECT_EQ(mark.step_id(), std::get<3>(expected[i]));
      auto at = log.Read(id, mark.seq(), 1);
      v1::Event e;
      ASSERT_TRUE(e.ParseFromString((*at)[0].event()));
      EXPECT_EQ(mark.time_ms(), e.server_time_ms());
      if (i > 0) {
        EXPECT_LE(timeline->marks(i - 1).seq(), mark.seq()) << "in seq order";
      }
      if (mark.kind() == v1::TIMELINE_MARK_KIND_PHASE) ++phases;
    }
    EXPECT_GE(phases, 3) << "the reference workshops go through their phases";
  }
}

TEST_F(TimelineOutlineTest, MergesPastTheFirstHundredAreCountedNotListed) {
  v1::Command create;
  create.set_command_id("create");
  *create.mutable_create_workshop()->mutable_config() = IdeationConfig();
  workshop::CommandContext animateur;
  animateur.actor.set_kind(v1::ACTOR_KIND_ANIMATEUR);
  auto run = [&](const v1::Command& command) {
    Outcome outcome = engine_->Execute("w-merges", command, animateur);
    EXPECT_TRUE(outcome.accepted()) << outcome.rejection.message() << outcome.error;
    return outcome.accepted();
  };
  ASSERT_TRUE(run(create));
  ASSERT_TRUE(run(SetPhaseCmd(v1::PHASE_DIVERGENCE)));
  constexpr int kMerges = static_cast<int>(kMaxMergeMarks) + 5;
  for (int i = 0; i < 2 * kMerges; ++i) ASSERT_TRUE(run(PostIdeaCmd("idée " + std::to_string(i))));
  ASSERT_TRUE(run(SetPhaseCmd(v1::PHASE_GROUPING)));
  for (int i = 0; i < kMerges; ++i) {
    const auto a = static_cast<workshop::TargetId>(2 * i + 1);
    ASSERT_TRUE(run(MergeCmd({a, a + 1}, "groupe")));
  }
  auto timeline = ReadTimeline(engine_->log(), "w-merges");
  ASSERT_TRUE(timeline) << timeline.error();
  int merges = 0;
  for (const v1::TimelineMark& mark : timeline->marks()) merges += mark.kind() == v1::TIMELINE_MARK_KIND_MERGE;
  EXPECT_EQ(merges, static_cast<int>(kMaxMergeMarks));
  EXPECT_EQ(timeline->merges_left_out(), 5u);
}

TEST_F(TimelineOutlineTest, UnknownWorkshopAndChangedEventsAreErrors) {
  auto played = demo::PlayReferenceWorkshops(*engine_, {.seed = 3, .tables = 3});
  ASSERT_TRUE(played) << played.error();
  auto unknown = ReadTimeline(engine_->log(), "nobody");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().find("no such workshop"), std::string::npos) << unknown.error();
  engine_.reset();
  ASSERT_TRUE(storage::testing::ChangeStoredEvent(dir_.path(), played->ideation_id, 5));
  auto log = storage::EventLog::Open(dir_.path());
  ASSERT_TRUE(log);
  auto changed = ReadTimeline(**log, played->ideation_id);
  ASSERT_FALSE(changed) << "an outline is not read past a broken chain";
  EXPECT_NE(changed.error().find('5'), std::string::npos) << changed.error();
}

}  // namespace
}  // namespace atelier::engine
