// Results per profile (the satisfaction barometer crossing usagers' and agents' views, 001:26)
// and the consolidation table of role cards (profiles x categories, 000:1106), through Decide
// and Apply, held to a recount from the raw data.
#include <gtest/gtest.h>

#include "server/workshop/results.h"
#include "server/workshop/state_codec.h"
#include "server/workshop/views.h"
#include "tests/workshop/profile_recount.h"
#include "tests/workshop/test_support.h"

namespace atelier::workshop::testing {
namespace {

constexpr ProfileId kUsager = 1, kAgent = 2;

v1::WorkshopConfig Barometer() {
  v1::WorkshopConfig config = EvaluationConfig();
  config.add_profiles()->set_name("Usager");
  config.add_profiles()->set_name("Agent");
  config.mutable_criteria(0)->set_weight(2);
  return config;
}

const v1::ProfileResults& ShareOf(const v1::Results& r, ProfileId id) {
  for (const v1::ProfileResults& p : r.profiles()) {
    if (p.profile_id() == id) return p;
  }
  static const v1::ProfileResults kNone;
  ADD_FAILURE() << "no results for profile " << id;
  return kNone;
}

const v1::IdeaEvaluation& EvaluationOf(const v1::ProfileResults& p, TargetId idea) {
  for (const v1::IdeaEvaluation& e : p.evaluations()) {
    if (e.idea_id() == idea) return e;
  }
  static const v1::IdeaEvaluation kNone;
  ADD_FAILURE() << "no evaluation of idea " << idea;
  return kNone;
}

TEST(ProfileResults, EachProfileReadsItsOwnSeatsScores) {
  Harness h(Barometer(), {"Accueil en mairie", "Site internet"});
  const TableId usagers = h.JoinTable(kUsager);
  const TableId agents = h.JoinTable(kAgent);
  const SeatId u1 = h.JoinSeat(usagers, 1, kUsager);
  const SeatId a1 = h.JoinSeat(usagers, 2, kAgent);  // an agent at the usagers' table
  const SeatId a2 = h.JoinSeat(agents, 1, kAgent);
  const SeatId old = h.StoredSeat(agents, 2);  // no profile of its own: its table's (agent)
  h.MoveTo(v1::PHASE_SCORING);
  auto score = [&](SeatId seat, TableId table, TargetId idea, CriterionId c, int32_t v) {
    h.Accept(ScoreCmd(seat, idea, c, v), TableActor(table));
  };
  score(u1, usagers, 1, 1, 3);  // usagers find the mairie's welcome hard to accept
  score(u1, usagers, 1, 3, 4);
  score(a1, usagers, 1, 1, 9);  // agents do not
  score(a2, agents, 1, 1, 7);
  score(old, agents, 1, 1, 8);
  score(a2, agents, 2, 2, 1);

  const v1::Results r = ComputeResults(h.state());
  ASSERT_EQ(r.profiles_size(), 2);
  EXPECT_EQ(r.profiles(0).name(), "Usager");
  const v1::IdeaEvaluation& by_usagers = EvaluationOf(ShareOf(r, kUsager), 1);
  EXPECT_EQ(by_usagers.criteria(0).count(), 1u);
  EXPECT_DOUBLE_EQ(by_usagers.criteria(0).mean(), 3.0);
  // Weighted: acceptabilité counts twice, humanisme once.
  EXPECT_DOUBLE_EQ(by_usagers.overall(), (2 * 3.0 + 4.0) / 3);
  EXPECT_TRUE(by_usagers.text().empty());  // in Results.evaluations
  const v1::IdeaEvaluation& by_agents = EvaluationOf(ShareOf(r, kAgent), 1);
  EXPECT_EQ(by_agents.criteria(0).count(), 3u);
  EXPECT_DOUBLE_EQ(by_agents.criteria(0).mean(), 8.0);
  EXPECT_EQ(by_agents.criteria(0).histogram(7), 1u);
  EXPECT_EQ(by_agents.criteria(0).histogram(8), 1u);
  EXPECT_EQ(by_agents.criteria(0).histogram(9), 1u);
  // Ranked among themselves: the agents' best is the site (cheap), the usagers' the mairie.
  EXPECT_EQ(ShareOf(r, kAgent).evaluations(0).idea_id(), 2u);
  EXPECT_EQ(ShareOf(r, kAgent).evaluations_size(), 2);
  // The usagers scored the mairie only: only it is in their results.
  ASSERT_EQ(ShareOf(r, kUsager).evaluations_size(), 1);
  EXPECT_EQ(ShareOf(r, kUsager).evaluations(0).idea_id(), 1u);
  EXPECT_EQ(ShareOf(r, kUsager).evaluations(0).rank(), 1u);
  const v1::Participation& agents_share = ShareOf(r, kAgent).participation();
  EXPECT_EQ(agents_share.tables_joined(), 1u);
  EXPECT_EQ(agents_share.seats_joined(), 3u);
  EXPECT_EQ(agents_share.seats_scored(), 3u);
  EXPECT_EQ(ShareOf(r, kUsager).participation().seats_joined(), 1u);
  EXPECT_EQ(r.evaluations(0).criteria(0).count() + r.evaluations(1).criteria(0).count(), 4u);
  EXPECT_EQ(CompareWithRecount(h.state(), r), "");

  // Changing a score moves it within its profile.
  score(a1, usagers, 1, 1, 0);
  EXPECT_EQ(CompareWithRecount(h.state(), ComputeResults(h.state())), "");
  EXPECT_DOUBLE_EQ(EvaluationOf(ShareOf(ComputeResults(h.state()), kAgent), 1).criteria(0).mean(), 5.0);
  // The same from a snapshot, and from a replay.
  auto back = FromProto(ToProto(h.state()));
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(ComputeResults(*back).SerializeAsString(),
            ComputeResults(h.state()).SerializeAsString());
  EXPECT_TRUE(SameState(Replay(h.log()), h.state()));
}

v1::WorkshopConfig RoleCardsWorkshop() {
  v1::WorkshopConfig config = IdeationConfig();
  for (const char* name : {"Usager", "Agent", "Manager", "Élu"}) {
    config.add_profiles()->set_name(name);
  }
  config.add_agenda()->set_kind(v1::PHASE_SETUP);
  v1::Step& cards = *config.add_agenda();
  cards.set_kind(v1::PHASE_DIVERGENCE);
  for (auto [name, colour] : {std::pair{"Bénéfices", "#f4a6c6"}, std::pair{"Besoins", "#fff176"}}) {
    v1::Facet& f = *cards.add_categories();
    f.set_name(name);
    f.set_colour(colour);
  }
  config.add_agenda()->set_kind(v1::PHASE_DIVERGENCE);  // actions, no categories
  config.add_agenda()->set_kind(v1::PHASE_CONVERGENCE);
  return config;
}

v1::Command PostIn(const std::string& text, uint32_t category) {
  v1::Command c = PostIdeaCmd(text);
  c.mutable_post_idea()->set_category_id(category);
  return c;
}

TEST(ProfileResults, TheConsolidationTableCountsIdeasPerProfileAndCategory) {
  Harness h(RoleCardsWorkshop());
  const TableId usager = h.JoinTable(1);
  const TableId agent = h.JoinTable(2);
  const TableId elu = h.JoinTable(4);
  v1::Command to_cards;
  to_cards.mutable_set_phase()->set_step_id(2);
  h.Accept(to_cards, Animateur());
  h.Accept(PostIn("Moins d'attente", 1), TableActor(usager));
  h.Accept(PostIn("Un seul interlocuteur", 2), TableActor(usager));
  h.Accept(PostIn("Être joignable", 2), TableActor(usager));
  h.Accept(PostIn("Moins d'appels répétés", 1), TableActor(agent));
  const TargetId deleted =
      h.Accept(PostIn("Des outils communs", 2), TableActor(agent)).idea_posted().idea().idea_id();
  h.Accept(PostIn("Une image de la ville", 1), TableActor(elu));
  h.Accept(PostIn("Une idée de l'animateur", 2), Animateur());
  v1::Command remove;
  remove.mutable_delete_idea()->set_idea_id(deleted);
  h.Accept(remove, TableActor(agent));

  const v1::Results r = ComputeResults(h.state());
  ASSERT_EQ(r.consolidations_size(), 1);  // the step of actions has no categories
  const v1::Consolidation& table = r.consolidations(0);
  EXPECT_EQ(table.step_id(), 2u);
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> cells;
  for (const v1::ConsolidationCell& c : table.cells()) {
    cells.emplace_back(c.profile_id(), c.category_id(), c.ideas());
  }
  EXPECT_EQ(cells, (std::vector<std::tuple<uint32_t, uint32_t, uint32_t>>{
                       {0, 2, 1},  // the animateur's
                       {1, 1, 1},
                       {1, 2, 2},
                       {2, 1, 1},  // the deleted one is not counted
                       {4, 1, 1}}));
  EXPECT_EQ(ShareOf(r, 1).participation().ideas(), 3u);
  EXPECT_EQ(ShareOf(r, 3).participation().tables_joined(), 0u);  // nobody came as a manager
  EXPECT_EQ(CompareWithRecount(h.state(), r), "");
}

const v1::VoteResults* VoteOf(const v1::ProfileResults& p, uint32_t step) {
  for (const v1::VoteResults& v : p.votes()) {
    if (v.step_id() == step) return &v;
  }
  return nullptr;
}

TEST(ProfileResults, EachProfileReadsItsOwnTablesPoints) {
  Harness h(RoleCardsWorkshop());
  const TableId u1 = h.JoinTable(1);
  const TableId u2 = h.JoinTable(1);
  const TableId agent = h.JoinTable(2);
  h.MoveTo(v1::PHASE_DIVERGENCE);
  const TargetId a =
      h.Accept(PostIn("Moins d'attente", 1), TableActor(agent)).idea_posted().idea().idea_id();
  const TargetId b =
      h.Accept(PostIn("Un seul interlocuteur", 2), TableActor(u1)).idea_posted().idea().idea_id();
  h.MoveTo(v1::PHASE_CONVERGENCE);
  const uint32_t vote = h.state().step_id;
  h.Accept(SetPointsCmd({{a, 3}}), TableActor(u1));
  h.Accept(SetPointsCmd({{a, 2}}), TableActor(u2));
  h.Accept(SetPointsCmd({{b, 3}}), TableActor(u2));
  h.Accept(SetPointsCmd({{b, 1}}), TableActor(agent));
  v1::Results r = ComputeResults(h.state());
  const v1::VoteResults* usagers = VoteOf(ShareOf(r, 1), vote);
  ASSERT_NE(usagers, nullptr);
  EXPECT_EQ(usagers->kind(), v1::BALLOT_KIND_BUDGET);
  EXPECT_EQ(usagers->voters(), 2u);
  ASSERT_EQ(usagers->targets_size(), 2);
  EXPECT_EQ(usagers->targets(0).target_id(), a);  // by target id; 5 points from 2 tables
  EXPECT_EQ(usagers->targets(0).points(), 5u);
  EXPECT_EQ(usagers->targets(0).tables(), 2u);
  EXPECT_EQ(usagers->targets(1).points(), 3u);
  EXPECT_EQ(ShareOf(r, 1).participation().tables_voted(), 2u);
  EXPECT_EQ(ShareOf(r, 1).participation().points_spent(), 8u);
  ASSERT_NE(VoteOf(ShareOf(r, 2), vote), nullptr);
  ASSERT_EQ(VoteOf(ShareOf(r, 2), vote)->targets_size(), 1);
  EXPECT_EQ(VoteOf(ShareOf(r, 2), vote)->targets(0).points(), 1u);
  EXPECT_EQ(ShareOf(r, 4).votes_size(), 0);  // the élus did not vote
  EXPECT_EQ(CompareWithRecount(h.state(), r), "");

  // Points follow a merge within each profile: the cluster holds an idea of u1's and one of the
  // agent's, whose points there are handed back; u2 keeps 3 of its 5 (the cap).
  const TargetId cluster = h.Merge({a, b}, "Accueil");
  r = ComputeResults(h.state());
  EXPECT_EQ(CompareWithRecount(h.state(), r), "");
  ASSERT_NE(VoteOf(ShareOf(r, 1), vote), nullptr);
  ASSERT_EQ(VoteOf(ShareOf(r, 1), vote)->targets_size(), 1);
  EXPECT_EQ(VoteOf(ShareOf(r, 1), vote)->targets(0).target_id(), cluster);
  EXPECT_TRUE(VoteOf(ShareOf(r, 1), vote)->targets(0).is_cluster());
  EXPECT_EQ(VoteOf(ShareOf(r, 1), vote)->targets(0).points(), 3u);
  EXPECT_EQ(VoteOf(ShareOf(r, 1), vote)->targets(0).tables(), 1u);
  EXPECT_EQ(ShareOf(r, 2).votes_size(), 0);  // the agent's point was handed back
}

// A ranking cast by each participant ("vote pondéré"): each seat's ballot counts for its own
// profile, with the ranks each profile gave.
TEST(ProfileResults, EachSeatsBallotCountsForItsProfile) {
  v1::WorkshopConfig config = RoleCardsWorkshop();
  v1::Step& vote = *config.mutable_agenda(3);
  vote.mutable_ballot()->set_kind(v1::BALLOT_KIND_RANKING);
  vote.mutable_ballot()->set_voter(v1::VOTER_SEAT);
  Harness h(config, {"Une navette", "Un guichet unique", "Des horaires élargis"});
  const TableId t = h.JoinTable(1);
  const SeatId usager = h.JoinSeat(t, 1, 1);
  const SeatId elu = h.JoinSeat(t, 2, 4);
  h.MoveTo(v1::PHASE_CONVERGENCE);
  auto rank = [&](SeatId seat, std::initializer_list<TargetId> order) {
    v1::Command c;
    c.mutable_set_choice()->set_seat_id(seat);
    for (TargetId id : order) c.mutable_set_choice()->add_target_ids(id);
    h.Accept(c, TableActor(t));
  };
  rank(usager, {2, 3, 1});
  rank(elu, {1, 2, 3});
  const v1::Results r = ComputeResults(h.state());
  EXPECT_EQ(CompareWithRecount(h.state(), r), "");
  const v1::VoteResults* by_usager = VoteOf(ShareOf(r, 1), 4);
  const v1::VoteResults* by_elu = VoteOf(ShareOf(r, 4), 4);
  ASSERT_NE(by_usager, nullptr);
  ASSERT_NE(by_elu, nullptr);
  EXPECT_EQ(by_usager->kind(), v1::BALLOT_KIND_RANKING);
  ASSERT_EQ(by_usager->targets_size(), 3);
  EXPECT_EQ(by_usager->targets(1).target_id(), 2u);
  EXPECT_EQ(by_usager->targets(1).points(), 3u);  // first of three places
  EXPECT_EQ(std::vector<uint32_t>(by_usager->targets(1).ranks().begin(),
                                  by_usager->targets(1).ranks().end()),
            std::vector<uint32_t>{1});
  EXPECT_EQ(by_elu->targets(0).points(), 3u);  // the élu put the navette first
  EXPECT_EQ(ShareOf(r, 1).participation().tables_voted(), 1u);  // one ballot: the seat's
  EXPECT_EQ(ShareOf(r, 2).votes_size(), 0);
}

TEST(ProfileResults, AWorkshopWithoutProfilesOrCategoriesHasNone) {
  Harness h(EvaluationConfig(), {"Accueil en mairie"});
  const TableId t = h.JoinTable();
  const SeatId seat = h.JoinSeat(t, 1);
  h.MoveTo(v1::PHASE_SCORING);
  h.Accept(ScoreCmd(seat, 1, 1, 6), TableActor(t));
  const v1::Results r = ComputeResults(h.state());
  EXPECT_EQ(r.profiles_size(), 0);
  EXPECT_EQ(r.consolidations_size(), 0);
  EXPECT_TRUE(h.state().profile_score_stats.empty());
}

// Who sees the per-profile results: whoever sees the results (views.h), nobody else; the live
// points a table may see carry nothing per profile.
TEST(ProfileResults, FollowTheResultsVisibility) {
  v1::WorkshopConfig config = RoleCardsWorkshop();
  config.mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_AT_REVEAL);
  config.mutable_visibility()->set_tables_see_live_points(true);
  Harness h(config);
  const TableId t = h.JoinTable(1);
  const v1::Results r = ComputeResults(h.state());
  ASSERT_EQ(r.profiles_size(), 4);
  ASSERT_EQ(r.consolidations_size(), 1);
  EXPECT_TRUE(MaySeeResults(h.state(), Animateur()));
  EXPECT_FALSE(MaySeeResults(h.state(), Observer()));
  EXPECT_FALSE(MaySeeResults(h.state(), TableActor(t)));
  EXPECT_TRUE(MaySeePoints(h.state(), TableActor(t)));
  const v1::Results points = PointsOnly(r);
  EXPECT_EQ(points.profiles_size(), 0);
  EXPECT_EQ(points.consolidations_size(), 0);
  v1::Command reveal;
  reveal.mutable_reveal_results()->set_revealed(true);
  h.Accept(reveal, Animateur());
  EXPECT_TRUE(MaySeeResults(h.state(), Observer()));
  EXPECT_TRUE(MaySeeResults(h.state(), TableActor(t)));
}

}  // namespace
}  // namespace atelier::workshop::testing
