// Replay: folding the log from scratch gives exactly the live state.
#include <gtest/gtest.h>

#include "tests/workshop/test_support.h"

namespace atelier::workshop {
namespace {

using namespace testing;

TEST(Replay, FoldingTheLogGivesTheLiveState) {
  Harness h;
  std::vector<TableId> tables;
  for (int i = 0; i < 4; ++i) tables.push_back(h.JoinTable());
  h.MoveTo(v1::PHASE_DIVERGENCE);
  std::vector<TargetId> ideas;
  for (TableId t : tables) {
    ideas.push_back(h.Post(t, "Prêter la salle aux associations, table " + std::to_string(t)));
    ideas.push_back(h.Post(t, "Ouvrir le dimanche, table " + std::to_string(t)));
  }
  v1::Command start;
  start.mutable_start_timer()->set_duration_ms(600'000);
  h.Accept(start, Animateur());
  h.MoveTo(v1::PHASE_GROUPING);
  TargetId cluster = h.Merge({ideas[1], ideas[3], ideas[5]}, "Ouvrir le dimanche");
  h.MoveTo(v1::PHASE_CONVERGENCE);
  h.Accept(SetPointsCmd({{cluster, 3}, {ideas[4], 2}}), TableActor(4));
  h.Accept(SetPointsCmd({{ideas[0], 3}}), TableActor(2));
  v1::Command reveal;
  reveal.mutable_reveal_results()->set_revealed(true);
  h.Accept(reveal, Animateur());

  WorkshopState replayed = Replay(h.log());
  EXPECT_TRUE(SameState(replayed, h.state()));
}

TEST(Replay, ApplyRefusesAGapOrAForeignEvent) {
  Harness h;
  h.JoinTable();
  WorkshopState state = Replay({h.log()[0]});
  v1::Event skipped = h.log()[1];
  skipped.set_seq(5);
  EXPECT_FALSE(Apply(state, skipped));
  v1::Event foreign = h.log()[1];
  foreign.set_workshop_id("another");
  EXPECT_FALSE(Apply(state, foreign));
  EXPECT_EQ(state.seq, 1u);
  WorkshopState empty;
  EXPECT_FALSE(Apply(empty, h.log()[1]));  // not a creation
}

}  // namespace
}  // namespace atelier::workshop
