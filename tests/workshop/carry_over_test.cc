#include "server/workshop/carry_over.h"

#include <gtest/gtest.h>

#include "tests/workshop/test_support.h"

namespace atelier::workshop {
namespace {

using namespace testing;

TEST(CarryOver, TopClustersBecomeEvaluationIdeasWithTheirOrigin) {
  Harness h;
  for (int i = 0; i < 4; ++i) h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  TargetId a = h.Post(1, "Réserver la salle en ligne");
  TargetId b = h.Post(2, "Réservation sur internet");
  TargetId c = h.Post(3, "Café citoyen le samedi");
  TargetId d = h.Post(4, "Prêter la salle aux associations");
  h.Post(4, "Idée sans voix");
  TargetId cluster = h.Merge({a, b}, "Réservation en ligne");
  h.MoveTo(v1::PHASE_CONVERGENCE);
  h.Accept(SetPointsCmd({{cluster, 3}, {d, 2}}), TableActor(3));
  h.Accept(SetPointsCmd({{cluster, 3}, {c, 1}}), TableActor(4));
  h.Accept(SetPointsCmd({{d, 3}}), TableActor(1));

  std::vector<v1::IdeaSeed> seeds = TopIdeas(h.state(), 5);
  ASSERT_EQ(seeds.size(), 3u);  // the idea nobody voted for is not carried
  EXPECT_EQ(seeds[0].text(), "Réservation en ligne");
  EXPECT_EQ(seeds[0].origin().target_id(), cluster);
  EXPECT_EQ(seeds[0].origin().points(), 6u);
  EXPECT_EQ(seeds[0].origin().workshop_id(), "w-test");
  EXPECT_EQ(seeds[1].origin().target_id(), d);
  EXPECT_EQ(seeds[2].origin().target_id(), c);
  EXPECT_EQ(TopIdeas(h.state(), 1).size(), 1u);

  v1::Command create;
  *create.mutable_create_workshop()->mutable_config() = EvaluationConfig();
  for (const auto& seed : seeds) *create.mutable_create_workshop()->add_ideas() = seed;
  WorkshopState evaluation;
  CommandContext ctx;
  ctx.actor = Animateur();
  ctx.workshop_id = "w-eval";
  auto event = Decide(evaluation, create, ctx);
  ASSERT_TRUE(event);
  ASSERT_TRUE(Apply(evaluation, *event));
  EXPECT_EQ(evaluation.ideas.at(1).text, "Réservation en ligne");
  EXPECT_EQ(evaluation.ideas.at(1).origin->points(), 6u);
}

}  // namespace
}  // namespace atelier::workshop
