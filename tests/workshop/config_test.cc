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
  // The template's agenda, one step per phase, numbered from 1; `phases` is not kept.
  ASSERT_EQ(config->agenda_size(), 5);
  EXPECT_EQ(config->phases_size(), 0);
  EXPECT_EQ(config->agenda(0).kind(), v1::PHASE_SETUP);
  EXPECT_EQ(config->agenda(3).kind(), v1::PHASE_CONVERGENCE);
  EXPECT_EQ(config->agenda(0).id(), 1u);
  EXPECT_EQ(config->agenda(4).id(), 5u);
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
  EXPECT_EQ(config->agenda(1).kind(), v1::PHASE_SCORING);
}

TEST(Config, CriteriaGetAWeightAndAScale) {
  v1::WorkshopConfig input = EvaluationConfig();
  input.mutable_criteria(1)->set_weight(4);
  input.mutable_criteria(2)->set_scale(v1::SCALE_SMILEYS);
  auto config = NormalizeConfig(input);
  ASSERT_TRUE(config) << config.error().message();
  EXPECT_EQ(config->criteria(0).weight(), 1u);
  EXPECT_EQ(config->criteria(0).scale(), v1::SCALE_NUMBERS);
  EXPECT_EQ(config->criteria(1).weight(), 4u);
  // A smiley scale is 1 to 5 unless the range is given.
  EXPECT_EQ(config->criteria(2).scale(), v1::SCALE_SMILEYS);
  EXPECT_EQ(config->criteria(2).min_value(), 1);
  EXPECT_EQ(config->criteria(2).max_value(), 5);

  input.mutable_criteria(1)->set_weight(11);
  auto heavy = NormalizeConfig(input);
  ASSERT_FALSE(heavy);
  EXPECT_EQ(heavy.error().reason(), v1::REJECTION_REASON_INVALID_CONFIG);
  EXPECT_EQ(heavy.error().message(), "criteria 'coût': weight is 1 to 10");
  input.mutable_criteria(1)->set_weight(10);
  EXPECT_TRUE(NormalizeConfig(input));
  input.mutable_criteria(0)->set_scale(static_cast<v1::Scale>(7));
  EXPECT_EQ(NormalizeConfig(input).error().message(), "criteria: unknown scale");
}

TEST(Config, ASmileyScaleHasAtMostFiveValues) {
  v1::WorkshopConfig input = EvaluationConfig();
  v1::Criterion& smileys = *input.mutable_criteria(0);
  smileys.set_scale(v1::SCALE_SMILEYS);
  smileys.set_min_value(0);
  smileys.set_max_value(10);
  auto wide = NormalizeConfig(input);
  ASSERT_FALSE(wide);
  EXPECT_EQ(wide.error().message(),
            "criteria 'acceptabilité': a smiley scale has at most 5 values (a face each)");
  smileys.set_max_value(4);  // 0 to 4: five faces
  auto five = NormalizeConfig(input);
  ASSERT_TRUE(five) << five.error().message();
  EXPECT_EQ(five->criteria(0).min_value(), 0);
  EXPECT_EQ(five->criteria(0).max_value(), 4);
  smileys.set_min_value(1);
  smileys.set_max_value(3);  // three faces
  EXPECT_TRUE(NormalizeConfig(input));
}

TEST(Config, PhasesSentAsBeforeAgendasBecomeTheAgenda) {
  v1::WorkshopConfig input = IdeationConfig();
  for (v1::Phase p : {v1::PHASE_SETUP, v1::PHASE_DIVERGENCE, v1::PHASE_CONCLUSION}) {
    input.add_phases(p);
  }
  auto config = NormalizeConfig(input);
  ASSERT_TRUE(config) << config.error().message();
  ASSERT_EQ(config->agenda_size(), 3);
  EXPECT_EQ(config->phases_size(), 0);
  EXPECT_EQ(config->agenda(1).kind(), v1::PHASE_DIVERGENCE);
  EXPECT_EQ(config->agenda(2).id(), 3u);
}

TEST(Config, AnAgendaKeepsItsTitlesTimesAndInstructionsAndNumbersItsSteps) {
  v1::WorkshopConfig input = IdeationConfig();
  auto step = [&](v1::Phase kind, const char* title, int64_t minutes, const char* instruction = "",
                  uint32_t id = 0) {
    v1::Step& s = *input.add_agenda();
    s.set_kind(kind);
    s.set_title(title);
    s.set_planned_ms(minutes * 60'000);
    s.set_instruction(instruction);
    s.set_id(id);
  };
  step(v1::PHASE_SETUP, "Accueil", 5);
  step(v1::PHASE_DIVERGENCE, " Premier cercle ", 7, "  Vous ne pouvez pas vous déplacer en mairie ",
       2);  // an id the client chose is kept; the others fill the gaps
  step(v1::PHASE_DIVERGENCE, "Deuxième cercle", 7, "Nous sommes en 2050");
  step(v1::PHASE_CONVERGENCE, "Gommettes", 5);
  step(v1::PHASE_CONCLUSION, "", 0);
  auto config = NormalizeConfig(input);
  ASSERT_TRUE(config) << config.error().message();
  ASSERT_EQ(config->agenda_size(), 5);
  std::vector<uint32_t> ids;
  for (const v1::Step& s : config->agenda()) ids.push_back(s.id());
  EXPECT_EQ(ids, (std::vector<uint32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(config->agenda(1).title(), "Premier cercle");
  EXPECT_EQ(config->agenda(1).instruction(), "Vous ne pouvez pas vous déplacer en mairie");
  EXPECT_EQ(config->agenda(2).planned_ms(), 7 * 60'000);
  EXPECT_TRUE(HasIndividualScoring(*config) == false);
  EXPECT_EQ(StepOfKind(*config, v1::PHASE_DIVERGENCE), 2u);
  EXPECT_EQ(StepOfKind(*config, v1::PHASE_DIVERGENCE, 2), 3u);
  EXPECT_EQ(StepOfKind(*config, v1::PHASE_DIVERGENCE, 4), 2u);  // none after: the first
  EXPECT_EQ(StepOfKind(*config, v1::PHASE_SCORING), 0u);
  EXPECT_EQ(AgendaKinds(*config).size(), 4u);
}

TEST(Config, UpgradeGivesAnOldConfigurationTheAgendaItStoodFor) {
  v1::WorkshopConfig old = EvaluationConfig();  // as logged before agendas: phases only
  old.add_phases(v1::PHASE_SETUP);
  old.add_phases(v1::PHASE_SCORING);
  old.add_phases(v1::PHASE_CONCLUSION);
  UpgradeConfig(old);
  ASSERT_EQ(old.agenda_size(), 3);
  EXPECT_EQ(old.phases_size(), 0);
  EXPECT_EQ(old.agenda(1).kind(), v1::PHASE_SCORING);
  EXPECT_EQ(old.agenda(1).id(), 2u);
  EXPECT_TRUE(old.agenda(1).title().empty());
  v1::WorkshopConfig again = old;
  UpgradeConfig(again);  // an agenda is left alone
  EXPECT_EQ(again.SerializeAsString(), old.SerializeAsString());
  v1::WorkshopConfig none = IdeationConfig();  // no phases at all: the template's default
  UpgradeConfig(none);
  EXPECT_EQ(none.agenda_size(), 5);
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
        BadConfig{"AgendaAndPhases",
                  [](v1::WorkshopConfig& c) {
                    c.add_phases(v1::PHASE_SETUP);
                    c.add_agenda()->set_kind(v1::PHASE_SETUP);
                  },
                  "not both"},
        BadConfig{"AgendaNotStartingWithSetup",
                  [](v1::WorkshopConfig& c) { c.add_agenda()->set_kind(v1::PHASE_DIVERGENCE); },
                  "SETUP"},
        BadConfig{"StepWithoutKind",
                  [](v1::WorkshopConfig& c) {
                    c.add_agenda()->set_kind(v1::PHASE_SETUP);
                    c.add_agenda();
                  },
                  "kind"},
        BadConfig{"StepIdTwice",
                  [](v1::WorkshopConfig& c) {
                    c.add_agenda()->set_kind(v1::PHASE_SETUP);
                    c.mutable_agenda(0)->set_id(4);
                    c.add_agenda()->set_kind(v1::PHASE_DIVERGENCE);
                    c.mutable_agenda(1)->set_id(4);
                  },
                  "appears twice"},
        BadConfig{"TwoScoringSteps",
                  [](v1::WorkshopConfig& c) {
                    for (v1::Phase p : {v1::PHASE_SETUP, v1::PHASE_SCORING,
                                        v1::PHASE_SCORING}) {
                      c.add_agenda()->set_kind(p);
                    }
                  },
                  "at most one PHASE_SCORING"},
        BadConfig{"BallotOnAScoringStep",
                  [](v1::WorkshopConfig& c) {
                    for (v1::Phase p : {v1::PHASE_SETUP, v1::PHASE_SCORING}) {
                      c.add_agenda()->set_kind(p);
                    }
                    c.mutable_agenda(1)->mutable_ballot()->set_kind(v1::BALLOT_KIND_DOTS);
                  },
                  "only a vote step (CONVERGENCE) has a ballot"},
        BadConfig{"PlannedTimeNegative",
                  [](v1::WorkshopConfig& c) {
                    c.add_agenda()->set_kind(v1::PHASE_SETUP);
                    c.mutable_agenda(0)->set_planned_ms(-1);
                  },
                  "planned"},
        BadConfig{"TooManySteps",
                  [](v1::WorkshopConfig& c) {
                    c.add_agenda()->set_kind(v1::PHASE_SETUP);
                    for (int i = 0; i < 40; ++i) c.add_agenda()->set_kind(v1::PHASE_DIVERGENCE);
                  },
                  "at most 40 steps"},
        BadConfig{"InstructionTooLong",
                  [](v1::WorkshopConfig& c) {
                    c.add_agenda()->set_kind(v1::PHASE_SETUP);
                    c.mutable_agenda(0)->set_instruction(std::string(501, 'a'));
                  },
                  "instruction"},
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
