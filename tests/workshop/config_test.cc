// Configuration: template defaults and limits.
#include "server/workshop/config.h"

#include <gtest/gtest.h>

#include "tests/workshop/test_support.h"

namespace atelier::workshop {
namespace {

using testing::EvaluationConfig;
using testing::IdeationConfig;

TEST(Config, IdeationDefaults) {
  auto config = NormalizeConfig(IdeationConfig());
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->budget_per_table(), 30u);
  EXPECT_EQ(config->cap_per_target(), 3u);
  EXPECT_FALSE(config->allow_self_vote());
  EXPECT_EQ(config->max_idea_length(), 500u);
  EXPECT_EQ(config->seats_per_table(), 3u);
  EXPECT_EQ(config->visibility().observer_results(), v1::OBSERVER_RESULTS_LIVE);
  ASSERT_EQ(config->phases_size(), 5);
  EXPECT_EQ(config->phases(0), v1::PHASE_SETUP);
  EXPECT_EQ(config->phases(3), v1::PHASE_CONVERGENCE);
}

TEST(Config, EvaluationCriteriaGetIdsRangesAndDirections) {
  v1::WorkshopConfig input = EvaluationConfig();
  input.mutable_criteria(2)->clear_direction();
  auto config = NormalizeConfig(input);
  ASSERT_TRUE(config) << config.error().message();
  ASSERT_EQ(config->criteria_size(), 3);
  EXPECT_EQ(config->criteria(0).id(), 1u);
  EXPECT_EQ(config->criteria(2).id(), 3u);
  EXPECT_EQ(config->criteria(1).direction(), v1::DIRECTION_LOWER_IS_BETTER);
  EXPECT_EQ(config->criteria(2).direction(), v1::DIRECTION_HIGHER_IS_BETTER);
  EXPECT_EQ(config->criteria(0).min_value(), 0);
  EXPECT_EQ(config->criteria(0).max_value(), 10);
  EXPECT_EQ(config->phases(1), v1::PHASE_SCORING);
}

struct BadConfig {
  const char* name;
  void (*mutate)(v1::WorkshopConfig&);
  const char* field;
};

class ConfigRejects : public ::testing::TestWithParam<BadConfig> {};

TEST_P(ConfigRejects, NamesTheField) {
  v1::WorkshopConfig config = EvaluationConfig();
  GetParam().mutate(config);
  auto result = NormalizeConfig(config);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().reason(), v1::REJECTION_REASON_INVALID_CONFIG);
  EXPECT_NE(result.error().message().find(GetParam().field), std::string::npos)
      << result.error().message();
}

INSTANTIATE_TEST_SUITE_P(
    Limits, ConfigRejects,
    ::testing::Values(
        BadConfig{"EmptyQuestion", [](v1::WorkshopConfig& c) { c.set_question("  "); }, "question"},
        BadConfig{"NoTemplate", [](v1::WorkshopConfig& c) { c.clear_template_(); }, "template"},
        BadConfig{"CapOverBudget",
                  [](v1::WorkshopConfig& c) {
                    c.set_budget_per_table(5);
                    c.set_cap_per_target(6);
                  },
                  "cap_per_target"},
        BadConfig{"HugeBudget", [](v1::WorkshopConfig& c) { c.set_budget_per_table(100000); },
                  "budget_per_table"},
        BadConfig{"UnnamedCriterion",
                  [](v1::WorkshopConfig& c) { c.mutable_criteria(0)->set_name(""); }, "criteria"},
        BadConfig{"InvertedRange",
                  [](v1::WorkshopConfig& c) {
                    c.mutable_criteria(0)->set_min_value(5);
                    c.mutable_criteria(0)->set_max_value(5);
                  },
                  "min_value"},
        BadConfig{"DuplicateCriterionId",
                  [](v1::WorkshopConfig& c) {
                    c.mutable_criteria(0)->set_id(4);
                    c.mutable_criteria(1)->set_id(4);
                  },
                  "appears twice"},
        BadConfig{"ScoringWithoutCriteria", [](v1::WorkshopConfig& c) { c.clear_criteria(); },
                  "criterion"},
        BadConfig{"SetupNotFirst",
                  [](v1::WorkshopConfig& c) {
                    c.add_phases(v1::PHASE_SCORING);
                    c.add_phases(v1::PHASE_SETUP);
                  },
                  "SETUP"},
        BadConfig{"PhaseTwice",
                  [](v1::WorkshopConfig& c) {
                    c.add_phases(v1::PHASE_SETUP);
                    c.add_phases(v1::PHASE_SETUP);
                  },
                  "twice"},
        BadConfig{"TooManyTables", [](v1::WorkshopConfig& c) { c.set_max_tables(5000); },
                  "max_tables"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Config, CreateWithBadConfigIsRejected) {
  WorkshopState state;
  v1::Command create;
  create.mutable_create_workshop()->mutable_config()->set_template_(v1::TEMPLATE_IDEATION);
  CommandContext ctx;
  ctx.actor = testing::Animateur();
  ctx.workshop_id = "w";
  auto decision = Decide(state, create, ctx);
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_INVALID_CONFIG);
}

TEST(Config, ReconfigureDuringSetupKeepsTemplate) {
  testing::Harness h;
  v1::Command configure;
  *configure.mutable_configure_workshop()->mutable_config() = IdeationConfig();
  configure.mutable_configure_workshop()->mutable_config()->set_budget_per_table(20);
  h.Accept(configure, testing::Animateur());
  EXPECT_EQ(h.state().config.budget_per_table(), 20u);
  *configure.mutable_configure_workshop()->mutable_config() = EvaluationConfig();
  EXPECT_EQ(h.Reason(configure, testing::Animateur()), v1::REJECTION_REASON_INVALID_CONFIG);
}

TEST(Characters, CountsCodePoints) {
  EXPECT_EQ(CountCharacters("é"), 1u);
  EXPECT_EQ(CountCharacters("œuf"), 3u);
  EXPECT_EQ(CountCharacters(""), 0u);
}

}  // namespace
}  // namespace atelier::workshop
