// The two reference workshops, whole, over real sockets against a real atelier-server.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <map>

#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

// Every event a connection received until through `seq`, by the ideas' texts.
std::map<std::string, v1::PostedIdea> IdeasByText(const std::vector<v1::Event>& events) {
  std::map<std::string, v1::PostedIdea> ideas;
  for (const v1::Event& e : events) {
    if (e.has_idea_posted()) ideas[e.idea_posted().idea().text()] = e.idea_posted().idea();
  }
  return ideas;
}

uint32_t PointsOf(const v1::Results& results, uint32_t target) {
  for (const auto& t : results.points()) {
    if (t.target_id() == target) return t.points();
  }
  return 0;
}

TEST(IdeationOverTheWire, FourTablesAnimateurAndObserverEndWithTheExpectedHistogram) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto observer = w.Observer();
  std::vector<std::unique_ptr<Connection>> tables;
  for (int i = 1; i <= 4; ++i) {
    tables.push_back(w.NewTable("Table " + std::to_string(i)));
    ASSERT_EQ(tables.back()->welcome().role().table_id(), static_cast<uint32_t>(i));
    ASSERT_FALSE(tables.back()->welcome().token().empty());
  }
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  const std::vector<std::vector<std::string>> texts = {
      {"Ouvrir la salle aux associations le week-end", "Installer des rangements"},
      {"Ouvrir la salle le week-end pour les associations", "Un café citoyen le samedi"},
      {"Louer la salle pour les fêtes de famille", "Des cours du soir"},
      {"Un repair café une fois par mois", "Accueillir le marché quand il pleut"}};
  uint64_t last = 0;
  for (size_t t = 0; t < tables.size(); ++t) {
    for (const std::string& text : texts[t])
      last = LiveWorkshop::Accept(*tables[t], PostIdeaCmd(text));
  }
  // The animateur sees every idea with its author, and a merge suggestion for the duplicate.
  std::map<std::string, v1::PostedIdea> ideas =
      IdeasByText(LiveWorkshop::EventsThrough(*animateur, last));
  ASSERT_EQ(ideas.size(), 8u);
  EXPECT_EQ(ideas[texts[1][0]].table_id(), 2u);
  uint32_t first = ideas[texts[0][0]].idea_id(), twin = ideas[texts[1][0]].idea_id();
  // Table 3 sees every table's ideas live, without their authors.
  std::vector<v1::Event> seen_by_3 = LiveWorkshop::EventsThrough(*tables[2], last);
  std::map<std::string, v1::PostedIdea> ideas_3 = IdeasByText(seen_by_3);
  ASSERT_EQ(ideas_3.size(), 8u);
  EXPECT_EQ(ideas_3[texts[0][0]].table_id(), 0u);
  EXPECT_EQ(ideas_3[texts[2][0]].table_id(), 3u);
  for (const v1::Event& e : seen_by_3) {
    if (e.has_idea_posted() && e.idea_posted().idea().table_id() != 3) {
      EXPECT_FALSE(e.has_actor());
    }
  }

  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_GROUPING));
  LiveWorkshop::Accept(*animateur, MergeCmd({first, twin}, "Ouvrir aux associations le week-end"));
  last = LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
  uint32_t cluster = 0;
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*animateur, last)) {
    if (e.has_ideas_merged()) cluster = e.ideas_merged().cluster_id();
  }
  ASSERT_NE(cluster, 0u);
  uint32_t t3a = ideas[texts[2][0]].idea_id(), t4a = ideas[texts[3][0]].idea_id(),
           t4b = ideas[texts[3][1]].idea_id();

  v1::Rejection own = LiveWorkshop::Reject(*tables[0], SetPointsCmd({{cluster, 1}}));
  EXPECT_EQ(own.reason(), v1::REJECTION_REASON_OWN_IDEA);
  EXPECT_EQ(own.cluster_id(), cluster);
  LiveWorkshop::Accept(*tables[2], SetPointsCmd({{cluster, 3}, {t4a, 2}}));
  LiveWorkshop::Accept(*tables[3], SetPointsCmd({{cluster, 3}, {t3a, 1}}));
  LiveWorkshop::Accept(*tables[1], SetPointsCmd({{t3a, 3}, {t4b, 3}}));
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONCLUSION));
  v1::Command reveal;
  reveal.mutable_reveal_results()->set_revealed(true);
  last = LiveWorkshop::Accept(*animateur, reveal);

  // The observer's live histogram reaches exactly the points the tablets gave.
  v1::ServerMessage final_results = LiveWorkshop::WaitFor(
      *observer,
      [&](const v1::ServerMessage& m) { return m.has_results() && m.results().seq() >= last; });
  const v1::Results& r = final_results.results();
  EXPECT_EQ(PointsOf(r, cluster), 6u);
  EXPECT_EQ(PointsOf(r, t3a), 4u);
  EXPECT_EQ(PointsOf(r, t4b), 3u);
  EXPECT_EQ(PointsOf(r, t4a), 2u);
  ASSERT_GE(r.points_size(), 1);
  EXPECT_EQ(r.points(0).target_id(), cluster);
  EXPECT_EQ(r.participation().tables_voted(), 3u);
  EXPECT_EQ(r.participation().tables_joined(), 4u);
  auto http = w.ResultsAsAnimateur();
  ASSERT_TRUE(http) << http.error();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*http, r));

  // Table 3 never received another table's votes.
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*tables[2], last)) {
    if (e.has_points_set()) {
      EXPECT_EQ(e.points_set().table_id(), 3u);
    }
  }
}

TEST(EvaluationOverTheWire, SeatsScoreIndividuallyAndObserversSeeOnlyAggregates) {
  LiveWorkshop w(EvaluationConfig(), {},
                 {"Hébergement chez l'habitant", "Centre d'accueil municipal"});
  auto animateur = w.Animateur();
  auto observer = w.Observer();
  auto table1 = w.NewTable();
  auto table2 = w.NewTable();
  auto phone = w.NewSeat(1, 1);  // a participant of table 1 on a personal phone
  ASSERT_EQ(phone->welcome().role().kind(), v1::ACTOR_KIND_SEAT);
  uint32_t phone_seat = phone->welcome().role().seat_id();
  v1::Command take;
  take.mutable_join_seat()->set_table_id(2);
  take.mutable_join_seat()->set_seat_number(1);
  LiveWorkshop::Accept(*table2, take);
  take.mutable_join_seat()->set_seat_number(2);
  uint64_t last = LiveWorkshop::Accept(*table2, take);
  std::vector<uint32_t> table2_seats;
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*table2, last)) {
    if (e.has_seat_joined() && e.seat_joined().table_id() == 2)
      table2_seats.push_back(e.seat_joined().seat_id());
  }
  ASSERT_EQ(table2_seats.size(), 2u);
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_SCORING));

  v1::Rejection out = LiveWorkshop::Reject(*phone, ScoreCmd(0, 1, 1, 11));
  EXPECT_EQ(out.reason(), v1::REJECTION_REASON_SCORE_OUT_OF_RANGE);
  EXPECT_EQ(out.max_value(), 10);
  EXPECT_EQ(LiveWorkshop::Reject(*table1, ScoreCmd(table2_seats[0], 1, 1, 5)).reason(),
            v1::REJECTION_REASON_NOT_YOUR_TABLE);
  for (uint32_t criterion = 1; criterion <= 3; ++criterion) {
    LiveWorkshop::Accept(*phone, ScoreCmd(0, 1, criterion, 8));
    LiveWorkshop::Accept(*table2, ScoreCmd(table2_seats[0], 1, criterion, 6));
    last = LiveWorkshop::Accept(*table2, ScoreCmd(table2_seats[1], 1, criterion, 4));
  }
  v1::ServerMessage results = LiveWorkshop::WaitFor(*observer, [&](const v1::ServerMessage& m) {
    return m.has_results() && m.results().seq() >= last;
  });
  ASSERT_GE(results.results().evaluations_size(), 1);
  const v1::IdeaEvaluation& best = results.results().evaluations(0);
  EXPECT_EQ(best.idea_id(), 1u);
  EXPECT_EQ(best.criteria(0).count(), 3u);
  EXPECT_DOUBLE_EQ(best.criteria(0).mean(), 6.0);
  EXPECT_DOUBLE_EQ(best.criteria(0).median(), 6.0);
  EXPECT_EQ(best.criteria(0).histogram(8), 1u);
  EXPECT_EQ(results.results().participation().seats_scored(), 3u);

  // Individual scores: observers never get them; a phone gets only its own.
  const uint64_t end = LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONCLUSION));
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*observer, end))
    EXPECT_FALSE(e.has_score_set());
  size_t own_scores = 0;
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*phone, end)) {
    if (e.has_score_set()) {
      EXPECT_EQ(e.score_set().seat_id(), phone_seat);
      ++own_scores;
    }
  }
  EXPECT_EQ(own_scores, 3u);
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*animateur, end)) {
    if (e.has_score_set()) {
      EXPECT_EQ(e.score_set().value(), -1) << "the animateur sees progress only";
    }
  }
}

}  // namespace
}  // namespace atelier::server_test
