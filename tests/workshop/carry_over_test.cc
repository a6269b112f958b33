#include "server/workshop/carry_over.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/workshop/config.h"

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

v1::IdeaSeed Seed(std::string text, TargetId target, uint32_t points) {
  v1::IdeaSeed seed;
  seed.set_text(std::move(text));
  seed.mutable_origin()->set_workshop_id("w-criteres");
  seed.mutable_origin()->set_target_id(target);
  seed.mutable_origin()->set_points(points);
  return seed;
}

TEST(CarryOver, TheTopIdeasOfAWorkshopOnCriteriaBecomeCriteriaWithTheirOrigin) {
  std::string long_text;  // 60 words of 4 characters: 299 characters, a space every 5th
  for (int i = 0; i < 60; ++i) long_text += (i == 0 ? "" : " ") + std::string("coût");
  const std::vector<v1::Criterion> criteria =
      CriteriaFrom({Seed("Acceptabilité", 4, 9), Seed(long_text, 7, 5)});
  ASSERT_EQ(criteria.size(), 2u);
  EXPECT_EQ(criteria[0].name(), "Acceptabilité");
  EXPECT_EQ(criteria[0].direction(), v1::DIRECTION_HIGHER_IS_BETTER);
  EXPECT_EQ(criteria[0].origin().workshop_id(), "w-criteres");
  EXPECT_EQ(criteria[0].origin().target_id(), 4u);
  EXPECT_EQ(criteria[0].origin().points(), 9u);
  // Cut after a whole word, within a criterion's name, and said so.
  const std::string& cut = criteria[1].name();
  EXPECT_LE(CountCharacters(cut), kMaxTitleLength);
  EXPECT_GT(CountCharacters(cut), kMaxTitleLength - 6);
  EXPECT_TRUE(cut.ends_with(" coût…")) << cut;
  EXPECT_EQ(criteria[1].origin().target_id(), 7u);

  // They are criteria an evaluation accepts, numbered in order, their origin kept.
  v1::Command create;
  v1::WorkshopConfig& config = *create.mutable_create_workshop()->mutable_config();
  config = EvaluationConfig();
  config.clear_criteria();
  for (const v1::Criterion& c : criteria) *config.add_criteria() = c;
  *create.mutable_create_workshop()->add_ideas() = Seed("Une idée à noter", 1, 1);
  WorkshopState evaluation;
  CommandContext ctx;
  ctx.actor = Animateur();
  ctx.workshop_id = "w-eval";
  auto event = Decide(evaluation, create, ctx);
  ASSERT_TRUE(event) << event.error().message();
  ASSERT_TRUE(Apply(evaluation, *event));
  ASSERT_EQ(evaluation.config.criteria_size(), 2);
  EXPECT_EQ(evaluation.config.criteria(0).id(), 1u);
  EXPECT_EQ(evaluation.config.criteria(1).id(), 2u);
  EXPECT_EQ(evaluation.config.criteria(1).origin().points(), 5u);
  EXPECT_EQ(evaluation.config.criteria(0).max_value(), 10);
}

TEST(CarryOver, ACriterionKeepsItsOriginThroughEditsButNoneIsClaimed) {
  v1::WorkshopConfig config = EvaluationConfig();
  *config.mutable_criteria(0)->mutable_origin() = Seed("", 4, 9).origin();
  Harness h(config, {"Une idée à noter"});
  ASSERT_TRUE(h.state().config.criteria(0).has_origin());

  // The console sends the configuration back with its edits: the origin it had stays.
  v1::Command configure;
  v1::WorkshopConfig& edited = *configure.mutable_configure_workshop()->mutable_config();
  edited = h.state().config;
  edited.mutable_criteria(0)->set_name("Acceptabilité par les habitants");
  // A criterion typed by hand claims to come from somewhere; another claims other points.
  *edited.mutable_criteria(1)->mutable_origin() = Seed("", 5, 40).origin();
  h.Accept(configure, Animateur());
  EXPECT_EQ(h.state().config.criteria(0).name(), "Acceptabilité par les habitants");
  EXPECT_EQ(h.state().config.criteria(0).origin().target_id(), 4u);
  EXPECT_FALSE(h.state().config.criteria(1).has_origin());

  edited = h.state().config;
  edited.mutable_criteria(0)->mutable_origin()->set_points(90);
  h.Accept(configure, Animateur());
  EXPECT_FALSE(h.state().config.criteria(0).has_origin());
}

}  // namespace
}  // namespace atelier::workshop
