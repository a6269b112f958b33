// Idea facets: the categories (coloured post-its, 000:1091), stages and lanes (a journey map,
// 000:1469-1510) a step of ideas sorts its ideas by; each idea keeps its own.
#include "server/workshop/facets.h"

#include <gtest/gtest.h>

#include "server/workshop/config.h"
#include "server/workshop/state_codec.h"
#include "server/workshop/views.h"
#include "tests/workshop/test_support.h"

namespace atelier::workshop::testing {
namespace {

void AddFacets(google::protobuf::RepeatedPtrField<v1::Facet>& list,
               std::initializer_list<std::pair<const char*, const char*>> facets) {
  for (auto [name, colour] : facets) {
    v1::Facet& f = *list.Add();
    f.set_name(name);
    f.set_colour(colour);
  }
}

// Role cards: benefits in pink and needs in yellow, then a journey map (stages x lanes).
v1::WorkshopConfig FacetedConfig() {
  v1::WorkshopConfig config = IdeationConfig();
  config.add_agenda()->set_kind(v1::PHASE_SETUP);
  v1::Step& cards = *config.add_agenda();
  cards.set_kind(v1::PHASE_DIVERGENCE);
  cards.set_title("Bénéfices et besoins");
  AddFacets(*cards.mutable_categories(), {{"Bénéfices", "#F4A6C6"}, {"Besoins", "#fff176"}});
  v1::Step& journey = *config.add_agenda();
  journey.set_kind(v1::PHASE_DIVERGENCE);
  journey.set_title("Parcours");
  AddFacets(*journey.mutable_stages(), {{"Prise de rendez-vous", ""}, {"Accueil", ""}});
  AddFacets(*journey.mutable_lanes(),
            {{"Actions", ""}, {"Pensées et émotions", ""}, {"Opportunités", ""}});
  config.add_agenda()->set_kind(v1::PHASE_DIVERGENCE);  // a plain step of ideas
  config.add_agenda()->set_kind(v1::PHASE_CONVERGENCE);
  return config;
}

constexpr uint32_t kCards = 2, kJourney = 3, kPlain = 4;

v1::Command PostWithFacets(const std::string& text, uint32_t category, uint32_t stage = 0,
                 uint32_t lane = 0) {
  v1::Command c = PostIdeaCmd(text);
  c.mutable_post_idea()->set_category_id(category);
  c.mutable_post_idea()->set_stage_id(stage);
  c.mutable_post_idea()->set_lane_id(lane);
  return c;
}

v1::Command MoveToStep(uint32_t step_id) {
  v1::Command c;
  c.mutable_set_phase()->set_step_id(step_id);
  return c;
}

std::string FacetConfigError(const v1::WorkshopConfig& config) {
  auto normalized = NormalizeConfig(config);
  if (normalized) return "accepted";
  EXPECT_EQ(normalized.error().reason(), v1::REJECTION_REASON_INVALID_CONFIG);
  return normalized.error().message();
}

TEST(Facets, GetIdsPerListAndLowercaseColours) {
  auto config = NormalizeConfig(FacetedConfig());
  ASSERT_TRUE(config) << config.error().message();
  const v1::Step& cards = config->agenda(1);
  ASSERT_EQ(cards.categories_size(), 2);
  EXPECT_EQ(cards.categories(0).id(), 1u);
  EXPECT_EQ(cards.categories(0).colour(), "#f4a6c6");
  EXPECT_EQ(cards.categories(1).id(), 2u);
  const v1::Step& journey = config->agenda(2);
  EXPECT_EQ(journey.stages(1).id(), 2u);
  EXPECT_EQ(journey.lanes(2).id(), 3u);
  EXPECT_EQ(journey.lanes(2).name(), "Opportunités");
  EXPECT_TRUE(journey.lanes(0).colour().empty());
}

TEST(Facets, LimitsAreRefusedWithTheStepAndTheRule) {
  v1::WorkshopConfig on_vote = FacetedConfig();
  AddFacets(*on_vote.mutable_agenda(4)->mutable_categories(), {{"Pour", ""}});
  EXPECT_EQ(FacetConfigError(on_vote),
            "agenda: step 5: categories belong to a DIVERGENCE step (ideas are posted there)");

  v1::WorkshopConfig many = FacetedConfig();
  for (int i = 0; i < 11; ++i) {
    many.mutable_agenda(2)->add_lanes()->set_name("Couloir " + std::to_string(i));
  }
  EXPECT_EQ(FacetConfigError(many), "agenda: step 3: at most 12 lanes");
  many.mutable_agenda(2)->mutable_lanes()->RemoveLast();
  many.mutable_agenda(2)->mutable_lanes()->RemoveLast();
  EXPECT_EQ(FacetConfigError(many), "accepted");

  v1::WorkshopConfig twice = FacetedConfig();
  twice.mutable_agenda(1)->mutable_categories(1)->set_name(" bénéfices");
  EXPECT_EQ(FacetConfigError(twice), "agenda: step 2: categories: 'bénéfices' appears twice");

  v1::WorkshopConfig unnamed = FacetedConfig();
  unnamed.mutable_agenda(2)->mutable_stages(0)->set_name(" ");
  EXPECT_EQ(FacetConfigError(unnamed), "agenda: step 3: stages: every one needs a name");

  v1::WorkshopConfig long_name = FacetedConfig();
  long_name.mutable_agenda(2)->mutable_stages(0)->set_name(std::string(81, 'e'));
  EXPECT_EQ(FacetConfigError(long_name), "agenda: step 3: stages: a name is at most 80 characters");

  for (const char* colour : {"rose", "#f4a6c", "#f4a6c6f", "f4a6c6a", "#g4a6c6"}) {
    v1::WorkshopConfig bad = FacetedConfig();
    bad.mutable_agenda(1)->mutable_categories(0)->set_colour(colour);
    EXPECT_EQ(FacetConfigError(bad),
              "agenda: step 2: categories 'Bénéfices': a colour is written "
              "#rrggbb")
        << colour;
  }
  v1::WorkshopConfig ids = FacetedConfig();
  ids.mutable_agenda(1)->mutable_categories(0)->set_id(7);
  ids.mutable_agenda(1)->mutable_categories(1)->set_id(7);
  EXPECT_EQ(FacetConfigError(ids), "agenda: step 2: categories: id 7 appears twice");
}

TEST(Facets, AnIdeaNamesOneCategoryOfItsStep) {
  Harness h(FacetedConfig());
  const TableId t = h.JoinTable();
  h.Accept(MoveToStep(kCards), Animateur());
  auto missing = h.Run(PostIdeaCmd("Un accueil sans rendez-vous"), TableActor(t));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().reason(), v1::REJECTION_REASON_FACET_REQUIRED);
  EXPECT_EQ(missing.error().facet(), v1::FACET_KIND_CATEGORY);
  EXPECT_EQ(missing.error().step_id(), kCards);
  auto unknown = h.Run(PostWithFacets("Un accueil sans rendez-vous", 3), TableActor(t));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().reason(), v1::REJECTION_REASON_UNKNOWN_FACET);
  EXPECT_EQ(unknown.error().facet(), v1::FACET_KIND_CATEGORY);
  EXPECT_EQ(unknown.error().facet_id(), 3u);
  // This step has no stages: naming one is refused too.
  auto stage = h.Run(PostWithFacets("Un accueil sans rendez-vous", 1, 1), TableActor(t));
  ASSERT_FALSE(stage);
  EXPECT_EQ(stage.error().reason(), v1::REJECTION_REASON_UNKNOWN_FACET);
  EXPECT_EQ(stage.error().facet(), v1::FACET_KIND_STAGE);
  EXPECT_TRUE(h.state().ideas.empty());

  v1::Event posted = h.Accept(PostWithFacets("Un accueil sans rendez-vous", 2), TableActor(t));
  EXPECT_EQ(posted.idea_posted().idea().category_id(), 2u);
  const TargetId id = posted.idea_posted().idea().idea_id();
  EXPECT_EQ(h.state().ideas.at(id).category_id, 2u);
  EXPECT_EQ(h.state().ideas.at(id).step_id, kCards);
  // The animateur's ideas follow the same rule.
  EXPECT_EQ(h.Reason(PostIdeaCmd("Une idée de l'animateur"), Animateur()),
            v1::REJECTION_REASON_FACET_REQUIRED);
  h.Accept(PostWithFacets("Une idée de l'animateur", 1), Animateur());
}

TEST(Facets, AJourneyIdeaNamesItsStageAndLane) {
  Harness h(FacetedConfig());
  const TableId t = h.JoinTable();
  h.Accept(MoveToStep(kJourney), Animateur());
  auto no_lane = h.Run(PostWithFacets("J'attends au téléphone", 0, 1), TableActor(t));
  ASSERT_FALSE(no_lane);
  EXPECT_EQ(no_lane.error().reason(), v1::REJECTION_REASON_FACET_REQUIRED);
  EXPECT_EQ(no_lane.error().facet(), v1::FACET_KIND_LANE);
  auto no_stage = h.Run(PostWithFacets("J'attends au téléphone", 0, 0, 2), TableActor(t));
  ASSERT_FALSE(no_stage);
  EXPECT_EQ(no_stage.error().facet(), v1::FACET_KIND_STAGE);
  EXPECT_EQ(h.Reason(PostWithFacets("J'attends au téléphone", 1, 1, 2), TableActor(t)),
            v1::REJECTION_REASON_UNKNOWN_FACET);  // no categories in this step
  const TargetId id = h.Accept(PostWithFacets("J'attends au téléphone", 0, 1, 2), TableActor(t))
                          .idea_posted()
                          .idea()
                          .idea_id();
  const Idea& idea = h.state().ideas.at(id);
  EXPECT_EQ(std::tuple(idea.category_id, idea.stage_id, idea.lane_id), std::tuple(0u, 1u, 2u));
}

TEST(Facets, AStepWithoutFacetsTakesNone) {
  Harness h(FacetedConfig());
  const TableId t = h.JoinTable();
  h.Accept(MoveToStep(kPlain), Animateur());
  auto refused = h.Run(PostWithFacets("Une idée", 1), TableActor(t));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason(), v1::REJECTION_REASON_UNKNOWN_FACET);
  EXPECT_NE(refused.error().message().find("no categories"), std::string::npos);
  const TargetId id = h.Post(t, "Une idée");
  EXPECT_EQ(h.state().ideas.at(id).category_id, 0u);
  // In set-up the animateur's ideas have no step with facets either.
  Harness setup(FacetedConfig());
  EXPECT_EQ(setup.Reason(PostWithFacets("Une idée", 1), Animateur()), v1::REJECTION_REASON_UNKNOWN_FACET);
  setup.PostAsAnimateur("Une idée");
}

TEST(Facets, IdeasKeepTheirFacetsInSnapshotsViewsAndReplays) {
  Harness h(FacetedConfig());
  const TableId t = h.JoinTable();
  const TableId other = h.JoinTable();
  h.Accept(MoveToStep(kCards), Animateur());
  h.Accept(PostWithFacets("Moins d'attente", 1), TableActor(t));
  h.Accept(MoveToStep(kJourney), Animateur());
  h.Accept(PostWithFacets("Je cherche le bon guichet", 0, 2, 1), TableActor(t));
  EXPECT_TRUE(SameState(Replay(h.log()), h.state()));
  auto back = FromProto(ToProto(h.state()));
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(SameState(*back, h.state()));
  // Another table sees each idea's facets (the wall sorts by them), never its author.
  v1::WorkshopState view = ViewState(h.state(), TableActor(other));
  ASSERT_EQ(view.ideas_size(), 2);
  EXPECT_EQ(view.ideas(0).category_id(), 1u);
  EXPECT_EQ(view.ideas(1).stage_id(), 2u);
  EXPECT_EQ(view.ideas(1).lane_id(), 1u);
  EXPECT_EQ(view.ideas(1).table_id(), 0u);
  auto event = ViewEvent(h.log().back(), Observer());
  ASSERT_TRUE(event);
  EXPECT_EQ(event->idea_posted().idea().stage_id(), 2u);
  EXPECT_EQ(event->idea_posted().idea().table_id(), 0u);
}

// A journey map's stage rated as an idea (Parcours usager: « Étape 1 … », with a smiley): the seed
// names the stage it stands for, which must be one of the agenda's; the idea keeps it through
// replays, snapshots and every role's view, so that the map can show the stage's smileys.
TEST(Facets, ASeedStandsForAStageOfTheMap) {
  auto create = [](uint32_t step, uint32_t stage) {
    v1::Command c;
    c.set_command_id("create");
    *c.mutable_create_workshop()->mutable_config() = FacetedConfig();
    c.mutable_create_workshop()->add_ideas()->set_text("Une étape sans carte");
    v1::IdeaSeed& seed = *c.mutable_create_workshop()->add_ideas();
    seed.set_text("Étape 2 : l'accueil");
    seed.mutable_stands_for()->set_step_id(step);
    seed.mutable_stands_for()->set_stage_id(stage);
    return c;
  };
  // No such step, a step without stages, no such stage, no stage: each refused with its reason.
  for (auto [step, stage] : {std::pair(9u, 1u), std::pair(kCards, 1u), std::pair(kJourney, 3u),
                             std::pair(kJourney, 0u), std::pair(0u, 0u)}) {
    SCOPED_TRACE(::testing::Message() << "step " << step << " stage " << stage);
    WorkshopState empty;
    CommandContext ctx;
    ctx.actor = Animateur();
    ctx.workshop_id = "w-test";
    auto refused = Decide(empty, create(step, stage), ctx);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().reason(), v1::REJECTION_REASON_INVALID_COMMAND);
    EXPECT_NE(refused.error().message().find("idea 2 stands for stage"), std::string::npos)
        << refused.error().message();
  }
  Harness h(create(kJourney, 2).create_workshop());
  ASSERT_EQ(h.state().ideas.size(), 2u);
  EXPECT_FALSE(h.state().ideas.at(1).stands_for);
  ASSERT_TRUE(h.state().ideas.at(2).stands_for);
  EXPECT_EQ(h.state().ideas.at(2).stands_for->step_id(), kJourney);
  EXPECT_EQ(h.state().ideas.at(2).stands_for->stage_id(), 2u);
  EXPECT_TRUE(SameState(Replay(h.log()), h.state()));
  auto back = FromProto(ToProto(h.state()));
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(SameState(*back, h.state()));
  for (const v1::Actor& viewer : {TableActor(h.JoinTable()), Observer(), Animateur()}) {
    v1::WorkshopState view = ViewState(h.state(), viewer);
    ASSERT_EQ(view.ideas_size(), 2);
    EXPECT_FALSE(view.ideas(0).has_stands_for());
    EXPECT_EQ(view.ideas(1).stands_for().stage_id(), 2u);
  }
  // A later configuration without that stage leaves the idea standing for nothing it has.
  v1::Command reconfigure;
  v1::WorkshopConfig fewer = h.state().config;
  fewer.mutable_agenda(kJourney - 1)->mutable_stages()->RemoveLast();
  *reconfigure.mutable_configure_workshop()->mutable_config() = fewer;
  h.Accept(reconfigure, Animateur());
  EXPECT_TRUE(SameState(Replay(h.log()), h.state()));
  auto after = FromProto(ToProto(h.state()));
  ASSERT_TRUE(after) << after.error();
}

TEST(Facets, ASnapshotNamingAFacetItsStepLacksIsRefused) {
  Harness h(FacetedConfig());
  const TableId t = h.JoinTable();
  h.Accept(MoveToStep(kCards), Animateur());
  h.Accept(PostWithFacets("Moins d'attente", 1), TableActor(t));
  for (auto wrong : {std::tuple(3u, 0u, 0u), std::tuple(1u, 1u, 0u), std::tuple(1u, 0u, 4u)}) {
    v1::WorkshopState snapshot = ToProto(h.state());
    v1::IdeaState& idea = *snapshot.mutable_ideas(0);
    idea.set_category_id(std::get<0>(wrong));
    idea.set_stage_id(std::get<1>(wrong));
    idea.set_lane_id(std::get<2>(wrong));
    auto refused = FromProto(snapshot);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("facet"), std::string::npos) << refused.error();
  }
  v1::WorkshopState seed = ToProto(h.state());  // an idea of no step names no facet
  seed.mutable_ideas(0)->set_step_id(0);
  EXPECT_FALSE(FromProto(seed));
}

TEST(Facets, ANewConfigurationKeepsTheFacetsInUse) {
  Harness h(FacetedConfig());
  const TableId t = h.JoinTable();
  h.Accept(MoveToStep(kCards), Animateur());
  h.Accept(PostWithFacets("Moins d'attente", 2), TableActor(t));
  h.Accept(MoveToStep(1), Animateur());
  v1::WorkshopConfig recoloured = h.state().config;  // ids as normalized
  recoloured.mutable_agenda(1)->mutable_categories(1)->set_colour("#ffeb3b");
  recoloured.mutable_agenda(1)->mutable_categories(1)->set_name("Attentes");
  v1::Command configure;
  *configure.mutable_configure_workshop()->mutable_config() = recoloured;
  h.Accept(configure, Animateur());
  EXPECT_EQ(h.state().config.agenda(1).categories(1).colour(), "#ffeb3b");

  v1::WorkshopConfig dropped = recoloured;
  dropped.mutable_agenda(1)->mutable_categories()->RemoveLast();
  *configure.mutable_configure_workshop()->mutable_config() = dropped;
  auto refused = h.Run(configure, Animateur());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason(), v1::REJECTION_REASON_INVALID_CONFIG);
  EXPECT_NE(refused.error().message().find("idea 1 was posted in step 2"), std::string::npos)
      << refused.error().message();
}

}  // namespace
}  // namespace atelier::workshop::testing
