// The methods a workshop is created from (server/workshop/templates.h): the nine of issue 14,
// each one a configuration the engine accepts as it is and creates with its ideas, shaped as its
// source document describes it.
#include "server/workshop/templates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "server/workshop/config.h"
#include "tests/workshop/test_support.h"

namespace atelier::workshop::testing {
namespace {

std::vector<v1::Phase> Kinds(const v1::WorkshopConfig& config) {
  std::vector<v1::Phase> kinds;
  for (const v1::Step& step : config.agenda()) kinds.push_back(step.kind());
  return kinds;
}

const v1::WorkshopConfig& ConfigOf(std::string_view key) {
  const v1::WorkshopTemplate* t = FindTemplate(key);
  EXPECT_NE(t, nullptr) << key;
  static const v1::WorkshopConfig empty;
  return t ? t->workshop().config() : empty;
}

TEST(Templates, TheNineMethodsInTheirOrder) {
  std::vector<std::string> keys;
  for (const v1::WorkshopTemplate& t : Templates().templates()) keys.push_back(t.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"ideation", "evaluation", "sprint", "cartes-de-role",
                                            "parcours-usager", "election-des-futurs",
                                            "jurisprudence", "bilan-de-mandature", "barometre"}));
  EXPECT_EQ(FindTemplate("nope"), nullptr);
  std::set<std::string> titles;
  for (const v1::WorkshopTemplate& t : Templates().templates()) {
    EXPECT_TRUE(titles.insert(t.title()).second) << t.title();
    EXPECT_FALSE(t.summary().empty()) << t.key();
  }
}

// Every template is created as it is: its configuration passes NormalizeConfig unchanged in
// what it sets, and the workshop starts with the ideas it brings.
TEST(Templates, EachIsCreatedAsItIs) {
  for (const v1::WorkshopTemplate& t : Templates().templates()) {
    SCOPED_TRACE(t.key());
    auto normalized = NormalizeConfig(t.workshop().config());
    ASSERT_TRUE(normalized) << normalized.error().message();
    EXPECT_EQ(Kinds(*normalized), Kinds(t.workshop().config()));
    EXPECT_EQ(normalized->profiles_size(), t.workshop().config().profiles_size());
    std::vector<std::string> seeds;
    for (const v1::IdeaSeed& seed : t.workshop().ideas()) seeds.push_back(seed.text());
    Harness h(t.workshop());
    EXPECT_TRUE(h.state().created);
    EXPECT_EQ(h.state().ideas.size(), seeds.size());
    // Something for tables to do: ideas to post or ideas brought to vote on or score.
    const bool posts = std::ranges::count(Kinds(*normalized), v1::PHASE_DIVERGENCE) > 0;
    EXPECT_TRUE(posts || !seeds.empty());
    // The steps keep the ids the template gives them, and every step of ideas has examples (the
    // demo posts them) where the step is.
    for (int i = 0; i < normalized->agenda_size(); ++i) {
      const v1::Step& step = normalized->agenda(i);
      EXPECT_EQ(step.id(), t.workshop().config().agenda(i).id());
      const auto examples = std::ranges::count_if(
          t.example_ideas(), [&](const v1::ExampleIdea& e) { return e.step_id() == step.id(); });
      if (step.kind() == v1::PHASE_DIVERGENCE) {
        EXPECT_GE(examples, 3) << step.title();
      }
      if (step.kind() != v1::PHASE_DIVERGENCE && step.ballot().kind() != v1::BALLOT_KIND_BUCKETS) {
        EXPECT_EQ(examples, 0) << step.title();
      }
    }
  }
}

TEST(Templates, ShapedAsTheirSourceDocuments) {
  // Sprint K'Pratik: three rings, each a step of ideas, then one dot per participant.
  const v1::WorkshopConfig& sprint = ConfigOf("sprint");
  EXPECT_EQ(std::ranges::count(Kinds(sprint), v1::PHASE_DIVERGENCE), 3);
  const v1::Step* vote = nullptr;
  for (const v1::Step& step : sprint.agenda()) {
    if (step.kind() == v1::PHASE_CONVERGENCE) vote = &step;
  }
  ASSERT_NE(vote, nullptr);
  EXPECT_EQ(vote->ballot().kind(), v1::BALLOT_KIND_DOTS);
  EXPECT_EQ(vote->ballot().voter(), v1::VOTER_SEAT);
  EXPECT_EQ(vote->ballot().budget(), 1u);

  // Cartes de rôle: the four role cards, benefits in pink and needs in yellow.
  const v1::WorkshopConfig& roles = ConfigOf("cartes-de-role");
  ASSERT_EQ(roles.profiles_size(), 4);
  EXPECT_EQ(roles.profiles(3).name(), "Élu");
  ASSERT_GE(roles.agenda_size(), 2);
  ASSERT_EQ(roles.agenda(1).categories_size(), 2);
  EXPECT_EQ(roles.agenda(1).categories(0).name(), "Bénéfices");
  EXPECT_EQ(roles.agenda(1).categories(1).name(), "Besoins");
  // The vote is on the actions only (the step after the role cards), not on benefits and needs.
  for (const v1::Step& step : roles.agenda()) {
    if (step.kind() != v1::PHASE_CONVERGENCE) continue;
    ASSERT_EQ(step.source().step_ids_size(), 1);
    EXPECT_EQ(step.source().step_ids(0), roles.agenda(2).id());
    EXPECT_EQ(roles.agenda(2).title(), "Les actions à mettre en place");
  }

  // Parcours usager: five stages by three lanes, and a smiley scale.
  const v1::WorkshopConfig& journey = ConfigOf("parcours-usager");
  bool map = false;
  for (const v1::Step& step : journey.agenda()) {
    if (step.stages_size() == 5 && step.lanes_size() == 3) map = true;
  }
  EXPECT_TRUE(map);
  // The smileys rate the stages (the workshop's own ideas, the set-up step's) after the map is
  // drawn; the vote takes the map's opportunities only (its third lane).
  std::vector<v1::Phase> kinds = Kinds(journey);
  const auto scoring = std::ranges::find(kinds, v1::PHASE_SCORING) - kinds.begin();
  const auto ideas = std::ranges::find(kinds, v1::PHASE_DIVERGENCE) - kinds.begin();
  EXPECT_GT(scoring, ideas) << "rated once the map is drawn";
  ASSERT_LT(scoring, journey.agenda_size());
  EXPECT_EQ(journey.agenda(scoring).source().step_ids(0), journey.agenda(0).id());
  for (const v1::Step& step : journey.agenda()) {
    if (step.kind() != v1::PHASE_CONVERGENCE) continue;
    EXPECT_EQ(step.source().step_ids(0), journey.agenda(ideas).id());
    ASSERT_EQ(step.source().lane_ids_size(), 1);
    EXPECT_EQ(journey.agenda(ideas).lanes(step.source().lane_ids(0) - 1).name(), "Opportunités");
  }
  ASSERT_EQ(journey.criteria_size(), 1);
  EXPECT_EQ(journey.criteria(0).scale(), v1::SCALE_SMILEYS);
  // Each idea it rates stands for a column of the map, in order, so that the map shows its
  // smileys there.
  const v1::CreateWorkshop& journey_workshop = FindTemplate("parcours-usager")->workshop();
  const v1::Step& drawn = journey.agenda(ideas);
  ASSERT_EQ(journey_workshop.ideas_size(), drawn.stages_size());
  for (int i = 0; i < drawn.stages_size(); ++i) {
    EXPECT_EQ(journey_workshop.ideas(i).stands_for().step_id(), drawn.id());
    EXPECT_EQ(journey_workshop.ideas(i).stands_for().stage_id(), drawn.stages(i).id());
  }

  // The ballots: a full ranking by each voter, buckets by each group, exactly 3 projects.
  auto ballot_of = [](const v1::WorkshopConfig& config) {
    for (const v1::Step& step : config.agenda()) {
      if (step.kind() == v1::PHASE_CONVERGENCE) return step.ballot();
    }
    return v1::Ballot();
  };
  EXPECT_EQ(ballot_of(ConfigOf("election-des-futurs")).kind(), v1::BALLOT_KIND_RANKING);
  EXPECT_EQ(ballot_of(ConfigOf("election-des-futurs")).count(), 0u);
  EXPECT_EQ(ballot_of(ConfigOf("jurisprudence")).kind(), v1::BALLOT_KIND_BUCKETS);
  EXPECT_EQ(ballot_of(ConfigOf("bilan-de-mandature")).kind(), v1::BALLOT_KIND_PICK);
  EXPECT_EQ(ballot_of(ConfigOf("bilan-de-mandature")).count(), 3u);
  EXPECT_EQ(ConfigOf("bilan-de-mandature").max_ideas_per_table(), 3u);

  // Baromètre: usagers and agents score services with smileys; quality counts double.
  const v1::WorkshopConfig& barometer = ConfigOf("barometre");
  ASSERT_EQ(barometer.profiles_size(), 2);
  EXPECT_EQ(barometer.profiles(0).name(), "Usager");
  EXPECT_EQ(barometer.profiles(1).name(), "Agent");
  for (const v1::Criterion& c : barometer.criteria()) EXPECT_EQ(c.scale(), v1::SCALE_SMILEYS);
  EXPECT_EQ(barometer.criteria(0).weight(), 2u);
}

}  // namespace
}  // namespace atelier::workshop::testing
