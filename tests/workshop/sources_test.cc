// Steps that take ideas from earlier steps (Step.source): a design sprint's vote on the ideas of
// one ring, then a vote on the top of that vote; role cards' vote on the actions only; a scoring
// step on the stages of a journey map. The selection is made once, on entering the step, and
// recorded in the log; ballots, scores and results keep to it.
#include "server/workshop/sources.h"

#include <gtest/gtest.h>

#include "server/workshop/config.h"
#include "server/workshop/results.h"
#include "server/workshop/state_codec.h"
#include "tests/workshop/test_support.h"

namespace atelier::workshop::testing {
namespace {

v1::Command EnterStep(uint32_t step_id) {
  v1::Command c;
  c.mutable_set_phase()->set_step_id(step_id);
  return c;
}

v1::Ballot VoteOf(v1::BallotKind kind, uint32_t count = 0) {
  v1::Ballot ballot;
  ballot.set_kind(kind);
  ballot.set_count(count);
  return ballot;
}

// A Spider Web in short: set-up (1), ring 1 (2), ring 2 (3), dots on ring 2's ideas (4), a pick
// of 1 among the top 2 of the dots (5), conclusion (6).
constexpr uint32_t kRing1 = 2, kRing2 = 3, kDots = 4, kFinal = 5;

v1::WorkshopConfig SprintConfig() {
  v1::WorkshopConfig config = IdeationConfig();
  config.add_agenda()->set_kind(v1::PHASE_SETUP);
  config.add_agenda()->set_kind(v1::PHASE_DIVERGENCE);
  config.add_agenda()->set_kind(v1::PHASE_DIVERGENCE);
  v1::Step& dots = *config.add_agenda();
  dots.set_kind(v1::PHASE_CONVERGENCE);
  v1::Ballot ballot = VoteOf(v1::BALLOT_KIND_DOTS);
  ballot.set_budget(2);
  ballot.set_cap(1);
  *dots.mutable_ballot() = ballot;
  dots.mutable_source()->add_step_ids(kRing2);
  v1::Step& final_vote = *config.add_agenda();
  final_vote.set_kind(v1::PHASE_CONVERGENCE);
  *final_vote.mutable_ballot() = VoteOf(v1::BALLOT_KIND_PICK, 1);
  final_vote.mutable_source()->set_top_of_step(kDots);
  final_vote.mutable_source()->set_top(2);
  config.add_agenda()->set_kind(v1::PHASE_CONCLUSION);
  return config;
}

std::vector<TargetId> Targets(const google::protobuf::RepeatedPtrField<v1::TargetResult>& rows) {
  std::vector<TargetId> ids;
  for (const v1::TargetResult& row : rows) ids.push_back(row.target_id());
  return ids;
}

std::vector<TargetId> Sorted(std::vector<TargetId> ids) {
  std::ranges::sort(ids);
  return ids;
}

class SprintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 4; ++i) tables_.push_back(h_.JoinTable());
    h_.Accept(EnterStep(kRing1), Animateur());
    ring1_ = {h_.Post(tables_[0], "Un guichet en mairie"), h_.Post(tables_[1], "Un accueil le samedi")};
    h_.Accept(EnterStep(kRing2), Animateur());
    ring2_ = {h_.Post(tables_[0], "Un rendez-vous en visio"), h_.Post(tables_[1], "Un agent qui se déplace"),
              h_.Post(tables_[2], "Un dossier en ligne"), h_.Post(tables_[3], "Un relais à la poste")};
  }
  v1::Command Dots(std::initializer_list<std::pair<TargetId, uint32_t>> points) {
    return SetPointsCmd(points);
  }

  Harness h_{SprintConfig()};
  std::vector<TableId> tables_;
  std::vector<TargetId> ring1_, ring2_;
};

TEST_F(SprintTest, AVoteTakesOnlyTheIdeasOfItsStepAndRecordsThemWhenEntered) {
  const v1::Event entered = h_.Accept(EnterStep(kDots), Animateur());
  ASSERT_TRUE(entered.phase_changed().selects());
  EXPECT_EQ(std::vector<TargetId>(entered.phase_changed().idea_ids().begin(),
                                  entered.phase_changed().idea_ids().end()),
            ring2_);
  EXPECT_EQ(h_.state().selections.at(kDots), ring2_);
  // An idea of ring 1 is refused with its reason; ring 2's are on the ballot.
  v1::Command off = Dots({{ring1_[1], 1}});
  EXPECT_EQ(h_.Reason(off, TableActor(tables_[0])), v1::REJECTION_REASON_NOT_IN_STEP);
  h_.Accept(Dots({{ring2_[1], 1}, {ring2_[2], 1}}), TableActor(tables_[0]));
  // The results list exactly ring 2's ideas.
  EXPECT_EQ(Sorted(Targets(ComputeResults(h_.state()).points())), ring2_);
}

TEST_F(SprintTest, TheTopOfAVoteWithItsTiesIsTheNextVotesBallot) {
  h_.Accept(EnterStep(kDots), Animateur());
  // Dots: ring2_[2] 3, ring2_[1] 2, ring2_[3] 2 (tied for second), ring2_[0] 1.
  h_.Accept(Dots({{ring2_[1], 1}, {ring2_[2], 1}}), TableActor(tables_[0]));
  h_.Accept(Dots({{ring2_[2], 1}, {ring2_[3], 1}}), TableActor(tables_[1]));
  h_.Accept(Dots({{ring2_[3], 1}, {ring2_[0], 1}}), TableActor(tables_[2]));
  h_.Accept(Dots({{ring2_[2], 1}, {ring2_[1], 1}}), TableActor(tables_[3]));
  const v1::Event entered = h_.Accept(EnterStep(kFinal), Animateur());
  ASSERT_TRUE(entered.phase_changed().selects());
  const std::vector<TargetId> top = {ring2_[1], ring2_[2], ring2_[3]};
  EXPECT_EQ(h_.state().selections.at(kFinal), top) << "the top 2 and the idea tied with the 2nd";
  EXPECT_EQ(h_.Reason(ChoiceCmd({ring2_[0]}), TableActor(tables_[1])),
            v1::REJECTION_REASON_NOT_IN_STEP);
  h_.Accept(ChoiceCmd({ring2_[3]}), TableActor(tables_[1]));
  EXPECT_EQ(Sorted(Targets(ComputeResults(h_.state()).points())), top);
  // A pick of 1 among 3, not among all six ideas: table 0's own ideas are not on this ballot
  // (ring2_[0] is out), so it may pick any of the three.
  h_.Accept(ChoiceCmd({ring2_[2]}), TableActor(tables_[0]));
}

TEST_F(SprintTest, TheSelectionStaysWhenTheWorkshopComesBackAndAMergeKeepsItsIdeas) {
  h_.Accept(EnterStep(kDots), Animateur());
  h_.Accept(EnterStep(kRing1), Animateur());
  const TargetId late = h_.Post(tables_[2], "Une idée arrivée après");
  const TargetId cluster = h_.Merge({ring2_[0], ring1_[0]}, "Rencontrer un agent");
  const v1::Event back = h_.Accept(EnterStep(kDots), Animateur());
  EXPECT_FALSE(back.phase_changed().selects()) << "selected once, on the first entry";
  EXPECT_EQ(h_.state().selections.at(kDots), ring2_);
  EXPECT_EQ(h_.Reason(Dots({{late, 1}}), TableActor(tables_[0])), v1::REJECTION_REASON_NOT_IN_STEP);
  // The cluster holds a selected idea: it is on the ballot.
  h_.Accept(Dots({{cluster, 1}}), TableActor(tables_[3]));
  const auto results = ComputeResults(h_.state());
  EXPECT_EQ(Sorted(Targets(results.points())),
            Sorted({cluster, ring2_[1], ring2_[2], ring2_[3]}));
}

// A ballot names only what its step takes: a cluster that loses the only ideas the step selected
// (split out, or deleted) hands its points back, as a deleted target does.
TEST_F(SprintTest, AClusterThatNoLongerHoldsASelectedIdeaHandsItsPointsBack) {
  h_.Accept(EnterStep(kDots), Animateur());
  h_.Accept(EnterStep(kRing1), Animateur());
  const TargetId split = h_.Merge({ring2_[0], ring1_[0], ring1_[1]}, "Rencontrer un agent");
  const TargetId a = h_.Post(tables_[0], "Un numéro unique"), b = h_.Post(tables_[1], "Un SMS");
  const TargetId shrunk = h_.Merge({ring2_[2], a, b}, "Être prévenu");
  h_.Accept(EnterStep(kDots), Animateur());
  h_.Accept(Dots({{split, 1}, {shrunk, 1}}), TableActor(tables_[3]));
  h_.Accept(EnterStep(kRing1), Animateur());

  // The selected idea split out: the cluster keeps two ideas of ring 1, which the vote never took.
  const v1::Event out = h_.Accept(SplitCmd(split, {ring2_[0]}), Animateur());
  ASSERT_EQ(out.cluster_split().released_size(), 1);
  EXPECT_EQ(out.cluster_split().released(0).table_id(), tables_[3]);
  EXPECT_EQ(out.cluster_split().released(0).target_id(), split);
  EXPECT_EQ(out.cluster_split().released(0).points(), 1u);
  EXPECT_EQ(out.cluster_split().released(0).step_id(), kDots);
  // The selected idea deleted: the cluster keeps a and b.
  v1::Command remove;
  remove.mutable_delete_idea()->set_idea_id(ring2_[2]);
  const v1::Event deleted = h_.Accept(remove, Animateur());
  ASSERT_EQ(deleted.idea_deleted().released_size(), 1);
  EXPECT_EQ(deleted.idea_deleted().released(0).target_id(), shrunk);
  EXPECT_TRUE(h_.state().ballots.empty()) << "table 3's two dots handed back";
  EXPECT_TRUE(h_.state().clusters.contains(split) && h_.state().clusters.contains(shrunk));
  // A cluster that still holds a selected idea keeps its points when another idea leaves.
  const TargetId c = h_.Post(tables_[0], "Un courrier");
  const TargetId kept = h_.Merge({ring2_[1], ring2_[3], c}, "Sans se déplacer");
  h_.Accept(EnterStep(kDots), Animateur());
  h_.Accept(Dots({{kept, 1}}), TableActor(tables_[2]));
  h_.Accept(EnterStep(kRing1), Animateur());
  EXPECT_EQ(h_.Accept(SplitCmd(kept, {c}), Animateur()).cluster_split().released_size(), 0);
  EXPECT_EQ(h_.state().ballots.size(), 1u);
}

TEST_F(SprintTest, TheSelectionSurvivesReplayAndSnapshot) {
  h_.Accept(EnterStep(kDots), Animateur());
  h_.Accept(Dots({{ring2_[1], 1}}), TableActor(tables_[0]));
  h_.Accept(EnterStep(kFinal), Animateur());
  EXPECT_TRUE(SameState(Replay(h_.log()), h_.state()));
  auto restored = FromProto(ToProto(h_.state()));
  ASSERT_TRUE(restored) << restored.error();
  EXPECT_TRUE(SameState(*restored, h_.state()));
  EXPECT_EQ(restored->selections.at(kFinal), std::vector<TargetId>{ring2_[1]});
}

TEST_F(SprintTest, AVoteWithoutPointsTakesNothingFromIt) {
  h_.Accept(EnterStep(kDots), Animateur());
  const v1::Event entered = h_.Accept(EnterStep(kFinal), Animateur());
  EXPECT_TRUE(entered.phase_changed().selects());
  EXPECT_EQ(entered.phase_changed().idea_ids_size(), 0);
  // Nothing to choose from: a pick of one among none names too many.
  EXPECT_EQ(h_.Reason(ChoiceCmd({ring2_[1]}), TableActor(tables_[0])),
            v1::REJECTION_REASON_WRONG_COUNT);
  EXPECT_EQ(ComputeResults(h_.state()).points_size(), 0);
}

TEST(SourceScoring, AScoringStepScoresOnlyTheIdeasOfTheNamedStageAndTheResultsListThem) {
  v1::WorkshopConfig config = EvaluationConfig();
  config.clear_agenda();
  config.add_agenda()->set_kind(v1::PHASE_SETUP);
  v1::Step& map = *config.add_agenda();
  map.set_kind(v1::PHASE_DIVERGENCE);
  map.add_stages()->set_name("Accueil");
  map.add_stages()->set_name("Attente");
  v1::Step& scoring = *config.add_agenda();
  scoring.set_kind(v1::PHASE_SCORING);
  scoring.mutable_source()->add_step_ids(2);
  scoring.mutable_source()->add_stage_ids(2);
  config.add_agenda()->set_kind(v1::PHASE_CONCLUSION);
  Harness h(config);
  const TableId table = h.JoinTable();
  const SeatId seat = h.JoinSeat(table, 1);
  h.Accept(EnterStep(2), Animateur());
  auto post = [&](const char* text, uint32_t stage) {
    v1::Command c = PostIdeaCmd(text);
    c.mutable_post_idea()->set_stage_id(stage);
    return h.Accept(c, TableActor(table)).idea_posted().idea().idea_id();
  };
  const TargetId welcome = post("On m'accueille vite", 1);
  const TargetId wait = post("J'attends longtemps", 2);
  h.Accept(EnterStep(3), Animateur());
  const CriterionId criterion = h.state().config.criteria(0).id();
  EXPECT_EQ(h.Reason(ScoreCmd(seat, welcome, criterion, 5), SeatActor(seat, table)),
            v1::REJECTION_REASON_NOT_IN_STEP);
  h.Accept(ScoreCmd(seat, wait, criterion, 2), SeatActor(seat, table));
  const auto results = ComputeResults(h.state());
  ASSERT_EQ(results.evaluations_size(), 1);
  EXPECT_EQ(results.evaluations(0).idea_id(), wait);
}

TEST(SourceConfig, NonsenseIsRefusedWithAReason) {
  auto error = [](v1::WorkshopConfig config) -> std::string {
    auto normalized = NormalizeConfig(config);
    if (normalized) return "accepted";
    EXPECT_EQ(normalized.error().reason(), v1::REJECTION_REASON_INVALID_CONFIG);
    return normalized.error().message();
  };
  ASSERT_EQ(error(SprintConfig()), "accepted");
  {
    v1::WorkshopConfig c = SprintConfig();
    c.mutable_agenda(1)->mutable_source()->add_step_ids(1);  // on an ideas step
    EXPECT_NE(error(c).find("only a vote or scoring step"), std::string::npos) << error(c);
  }
  {
    v1::WorkshopConfig c = SprintConfig();
    c.mutable_agenda(3)->mutable_source()->add_step_ids(5);  // a later step
    EXPECT_NE(error(c).find("not an earlier step"), std::string::npos) << error(c);
  }
  {
    v1::WorkshopConfig c = SprintConfig();
    c.mutable_agenda(3)->mutable_source()->add_step_ids(kRing2);  // twice
    EXPECT_NE(error(c).find("twice"), std::string::npos) << error(c);
  }
  {
    v1::WorkshopConfig c = SprintConfig();
    c.mutable_agenda(3)->mutable_source()->add_category_ids(1);  // ring 2 has no categories
    EXPECT_NE(error(c).find("category 1"), std::string::npos) << error(c);
  }
  {
    v1::WorkshopConfig c = SprintConfig();
    c.mutable_agenda(4)->mutable_source()->set_top_of_step(kRing2);  // not a vote
    EXPECT_NE(error(c).find("earlier vote step"), std::string::npos) << error(c);
  }
  {
    v1::WorkshopConfig c = SprintConfig();
    c.mutable_agenda(4)->mutable_source()->set_top(0);
    EXPECT_NE(error(c).find("between 1 and"), std::string::npos) << error(c);
  }
  {
    v1::WorkshopConfig c = SprintConfig();
    c.mutable_agenda(4)->mutable_source()->add_step_ids(kRing1);  // both kinds of source
    EXPECT_NE(error(c).find("either the top of a vote"), std::string::npos) << error(c);
  }
}

TEST(SourceSnapshot, ASelectionOfAStepWithoutSourceIsRefused) {
  Harness h(SprintConfig());
  v1::WorkshopState proto = ToProto(h.state());
  proto.add_selections()->set_step_id(kRing1);
  EXPECT_FALSE(FromProto(proto));
  proto = ToProto(h.state());
  v1::StepSelection& unsorted = *proto.add_selections();
  unsorted.set_step_id(kDots);
  unsorted.add_idea_ids(5);
  unsorted.add_idea_ids(3);
  EXPECT_FALSE(FromProto(proto));
}

}  // namespace
}  // namespace atelier::workshop::testing
