// The convergence vote: budget, cap, no self-vote (through clusters too), atomic moves.
#include <gtest/gtest.h>

#include "tests/workshop/test_support.h"

namespace atelier::workshop {
namespace {

using namespace testing;

// Five tables, each with three ideas, in divergence.
class BudgetVote : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 5; ++i) tables_.push_back(h_.JoinTable());
    h_.MoveTo(v1::PHASE_DIVERGENCE);
    for (TableId t : tables_) {
      for (const char* n : {"A", "B", "C"}) {
        ideas_[t].push_back(
            h_.Post(t, std::string("Idée ") + n + " de la table " + std::to_string(t)));
      }
    }
  }
  void Converge() { h_.MoveTo(v1::PHASE_CONVERGENCE); }
  // The ideas of the other tables (twelve: enough to spend 30 points at 3 each).
  std::vector<TargetId> OthersIdeas(TableId self) {
    std::vector<TargetId> out;
    for (auto& [t, ids] : ideas_) {
      if (t != self) out.insert(out.end(), ids.begin(), ids.end());
    }
    return out;
  }

  Harness h_;
  std::vector<TableId> tables_;
  std::map<TableId, std::vector<TargetId>> ideas_;
};

TEST_F(BudgetVote, AcceptsPointsAndKeepsTotals) {
  Converge();
  TargetId a = ideas_[2][0];
  h_.Accept(SetPointsCmd({{a, 3}}), TableActor(1));
  h_.Accept(SetPointsCmd({{a, 2}}), TableActor(3));
  EXPECT_EQ(VoteTally(h_.state()).points.at(a), 5u);
  EXPECT_EQ(VoteTally(h_.state()).voters.at(a), 2u);
  EXPECT_EQ(SpentOf(h_.state(), 1), 3u);
  EXPECT_EQ(VoteTally(h_.state()).voting, 2u);
}

TEST_F(BudgetVote, RejectsThe31stPointWithPointsLeft) {
  Converge();
  std::vector<TargetId> others = OthersIdeas(1);
  ASSERT_GE(others.size(), 11u);
  for (int i = 0; i < 10; ++i) h_.Accept(SetPointsCmd({{others[i], 3}}), TableActor(1));
  EXPECT_EQ(SpentOf(h_.state(), 1), 30u);
  auto decision = h_.Run(SetPointsCmd({{others[10], 1}}), TableActor(1));
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_BUDGET_EXCEEDED);
  EXPECT_EQ(decision.error().budget(), 30u);
  EXPECT_EQ(decision.error().points_left(), 0u);
  EXPECT_EQ(decision.error().requested(), 1u);
  EXPECT_EQ(PointsOf(h_.state(), 1, others[10]), 0u);
}

TEST_F(BudgetVote, RejectsThe4thPointOnOneIdea) {
  Converge();
  TargetId a = ideas_[2][0];
  h_.Accept(SetPointsCmd({{a, 3}}), TableActor(1));
  auto decision = h_.Run(SetPointsCmd({{a, 4}}), TableActor(1));
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_CAP_EXCEEDED);
  EXPECT_EQ(decision.error().cap(), 3u);
  EXPECT_EQ(decision.error().target_id(), a);
  EXPECT_EQ(PointsOf(h_.state(), 1, a), 3u);
}

TEST_F(BudgetVote, RejectsOwnIdea) {
  Converge();
  auto decision = h_.Run(SetPointsCmd({{ideas_[1][0], 1}}), TableActor(1));
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_OWN_IDEA);
  EXPECT_EQ(decision.error().target_id(), ideas_[1][0]);
  EXPECT_EQ(decision.error().cluster_id(), 0u);
}

TEST_F(BudgetVote, RejectsOwnIdeaThroughCluster) {
  TargetId cluster = h_.Merge({ideas_[1][0], ideas_[2][0]}, "Ouvrir aux associations");
  Converge();
  auto decision = h_.Run(SetPointsCmd({{cluster, 1}}), TableActor(1));
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_OWN_IDEA);
  EXPECT_EQ(decision.error().cluster_id(), cluster);
  // Table 3 has no idea in the cluster: it may vote for it.
  h_.Accept(SetPointsCmd({{cluster, 3}}), TableActor(3));
}

TEST_F(BudgetVote, RejectsVoteOnIdeaInsideCluster) {
  TargetId cluster = h_.Merge({ideas_[2][0], ideas_[3][0]}, "Horaires");
  Converge();
  auto decision = h_.Run(SetPointsCmd({{ideas_[2][0], 1}}), TableActor(1));
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_IDEA_IN_CLUSTER);
  EXPECT_EQ(decision.error().cluster_id(), cluster);
}

TEST_F(BudgetVote, SplitMakesIdeaVotableAgain) {
  TargetId cluster = h_.Merge({ideas_[1][0], ideas_[2][0], ideas_[3][0]}, "Horaires");
  h_.MoveTo(v1::PHASE_GROUPING);
  h_.Accept(SplitCmd(cluster, {ideas_[1][0]}), Animateur());
  Converge();
  // The cluster no longer holds table 1's idea.
  h_.Accept(SetPointsCmd({{cluster, 2}}), TableActor(1));
  EXPECT_EQ(PointsOf(h_.state(), 1, cluster), 2u);
}

TEST_F(BudgetVote, DissolvingSplitMakesIdeasVotableAgain) {
  TargetId cluster = h_.Merge({ideas_[1][0], ideas_[2][0]}, "Horaires");
  h_.Accept(SplitCmd(cluster), Animateur());
  Converge();
  EXPECT_FALSE(h_.state().clusters.contains(cluster));
  h_.Accept(SetPointsCmd({{ideas_[2][0], 3}}), TableActor(1));
}

TEST_F(BudgetVote, MoveBetweenTwoTargetsIsAllOrNothing) {
  Converge();
  TargetId a = ideas_[2][0];
  TargetId b = ideas_[3][0];
  TargetId own = ideas_[1][0];
  h_.Accept(SetPointsCmd({{a, 3}}), TableActor(1));
  // Move 3 points from a to b in one command.
  h_.Accept(SetPointsCmd({{a, 0}, {b, 3}}), TableActor(1));
  EXPECT_EQ(PointsOf(h_.state(), 1, a), 0u);
  EXPECT_EQ(PointsOf(h_.state(), 1, b), 3u);
  // A move whose second half is illegal changes nothing.
  EXPECT_EQ(h_.Reason(SetPointsCmd({{b, 0}, {own, 3}}), TableActor(1)),
            v1::REJECTION_REASON_OWN_IDEA);
  EXPECT_EQ(PointsOf(h_.state(), 1, b), 3u);
  EXPECT_EQ(SpentOf(h_.state(), 1), 3u);
}

TEST_F(BudgetVote, MoveWithinFullBudgetSucceedsOnlyAsOneCommand) {
  Converge();
  std::vector<TargetId> others = OthersIdeas(1);
  for (int i = 0; i < 10; ++i) h_.Accept(SetPointsCmd({{others[i], 3}}), TableActor(1));
  TargetId spare = others[10];
  EXPECT_EQ(h_.Reason(SetPointsCmd({{spare, 2}}), TableActor(1)),
            v1::REJECTION_REASON_BUDGET_EXCEEDED);
  h_.Accept(SetPointsCmd({{others[0], 1}, {spare, 2}}), TableActor(1));
  EXPECT_EQ(SpentOf(h_.state(), 1), 30u);
  EXPECT_EQ(PointsOf(h_.state(), 1, spare), 2u);
}

TEST_F(BudgetVote, RejectsTargetNamedTwiceAndUnknownTargets) {
  Converge();
  TargetId a = ideas_[2][0];
  EXPECT_EQ(h_.Reason(SetPointsCmd({{a, 1}, {a, 2}}), TableActor(1)),
            v1::REJECTION_REASON_INVALID_COMMAND);
  auto decision = h_.Run(SetPointsCmd({{9999, 1}}), TableActor(1));
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_UNKNOWN_IDEA);
  EXPECT_EQ(decision.error().target_id(), 9999u);
  EXPECT_EQ(h_.Reason(SetPointsCmd({}), TableActor(1)), v1::REJECTION_REASON_INVALID_COMMAND);
}

TEST_F(BudgetVote, SelfVoteAllowedWhenConfigured) {
  v1::WorkshopConfig config = IdeationConfig();
  config.set_allow_self_vote(true);
  config.set_budget_per_table(10);
  config.set_cap_per_target(5);
  Harness h(config);
  TableId t = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  TargetId mine = h.Post(t, "Ma propre idée");
  h.MoveTo(v1::PHASE_CONVERGENCE);
  h.Accept(SetPointsCmd({{mine, 5}}), TableActor(t));
  EXPECT_EQ(h.Reason(SetPointsCmd({{mine, 6}}), TableActor(t)), v1::REJECTION_REASON_CAP_EXCEEDED);
}

TEST_F(BudgetVote, MergeCarriesPointsWithinCapAndReleasesOwn) {
  Converge();
  TargetId a = ideas_[2][0];
  TargetId b = ideas_[3][0];
  h_.Accept(SetPointsCmd({{a, 3}, {b, 2}}), TableActor(1));
  h_.Accept(SetPointsCmd({{a, 1}}), TableActor(4));
  h_.Accept(SetPointsCmd({{a, 2}}), TableActor(3));  // table 3 owns b
  h_.MoveTo(v1::PHASE_GROUPING);
  v1::Event merged = h_.Accept(MergeCmd({a, b}, "Horaires élargis"), Animateur());
  TargetId cluster = merged.ideas_merged().cluster_id();
  const auto& s = h_.state();
  EXPECT_EQ(PointsOf(s, 1, cluster), 3u);  // 5 capped to 3
  EXPECT_EQ(SpentOf(s, 1), 3u);
  EXPECT_EQ(PointsOf(s, 4, cluster), 1u);
  EXPECT_EQ(PointsOf(s, 3, cluster), 0u);  // now its own: released
  EXPECT_EQ(SpentOf(s, 3), 0u);
  EXPECT_EQ(merged.ideas_merged().released_size(), 2);
  WorkshopState recomputed = s;
  RecomputeTotals(recomputed);
  EXPECT_EQ(VoteTally(recomputed).points, VoteTally(s).points);
}

TEST_F(BudgetVote, DeletedIdeaReleasesItsPoints) {
  Converge();
  TargetId a = ideas_[2][0];
  h_.Accept(SetPointsCmd({{a, 3}}), TableActor(1));
  h_.MoveTo(v1::PHASE_DIVERGENCE);
  v1::Command del;
  del.mutable_delete_idea()->set_idea_id(a);
  v1::Event e = h_.Accept(del, Animateur());
  EXPECT_EQ(e.idea_deleted().released_size(), 1);
  EXPECT_EQ(SpentOf(h_.state(), 1), 0u);
  EXPECT_FALSE(VoteTally(h_.state()).points.contains(a));
}

TEST_F(BudgetVote, ATableCannotDeleteItsIdeaOnceOtherTablesHavePointsOnIt) {
  Converge();
  TargetId a = ideas_[2][0];  // table 2's
  TargetId b = ideas_[2][1];
  h_.Accept(SetPointsCmd({{a, 3}}), TableActor(1));
  h_.MoveTo(v1::PHASE_DIVERGENCE);
  v1::Command del;
  del.mutable_delete_idea()->set_idea_id(a);
  auto refused = h_.Run(del, TableActor(2));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason(), v1::REJECTION_REASON_IDEA_HAS_POINTS);
  EXPECT_EQ(refused.error().target_id(), a);
  EXPECT_EQ(PointsOf(h_.state(), 1, a), 3u) << "table 1's points untouched";
  // An idea nobody else voted for is still the table's to delete.
  del.mutable_delete_idea()->set_idea_id(b);
  h_.Accept(del, TableActor(2));
  EXPECT_FALSE(h_.state().ideas.contains(b));
}

TEST_F(BudgetVote, OnlyTablesVote) {
  Converge();
  TargetId a = ideas_[2][0];
  EXPECT_EQ(h_.Reason(SetPointsCmd({{a, 1}}), Animateur()), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  EXPECT_EQ(h_.Reason(SetPointsCmd({{a, 1}}), Observer()), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  EXPECT_EQ(h_.Reason(SetPointsCmd({{a, 1}}), TableActor(77)), v1::REJECTION_REASON_UNKNOWN_TABLE);
}

TEST_F(BudgetVote, PointsOnlyDuringConvergence) {
  auto decision = h_.Run(SetPointsCmd({{ideas_[2][0], 1}}), TableActor(1));
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_WRONG_PHASE);
  EXPECT_EQ(decision.error().current_phase(), v1::PHASE_DIVERGENCE);
  ASSERT_EQ(decision.error().allowed_phases_size(), 1);
  EXPECT_EQ(decision.error().allowed_phases(0), v1::PHASE_CONVERGENCE);
}

}  // namespace
}  // namespace atelier::workshop
