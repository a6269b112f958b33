// ComputeResults on states built by hand, totals filled by RecomputeTotals as Apply keeps them.
#include "server/workshop/results.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/workshop/state.h"

namespace atelier::workshop {
namespace {

void AddTable(WorkshopState& s, TableId id) { s.tables[id].id = id; }

void AddSeat(WorkshopState& s, SeatId id, TableId table) {
  Seat& seat = s.seats[id];
  seat.id = id;
  seat.table_id = table;
  seat.seat_number = 1;
}

void AddIdea(WorkshopState& s, TargetId id, TableId author, std::string text) {
  Idea& idea = s.ideas[id];
  idea.id = id;
  idea.table_id = author;
  idea.text = std::move(text);
  if (s.next_id <= id) s.next_id = id + 1;
}

void AddCluster(WorkshopState& s, TargetId id, std::string title, std::vector<TargetId> ideas) {
  for (TargetId idea : ideas) s.ideas.at(idea).cluster_id = id;
  s.clusters[id] = Cluster{.id = id, .title = std::move(title), .idea_ids = std::move(ideas)};
  if (s.next_id <= id) s.next_id = id + 1;
}

void Vote(WorkshopState& s, TableId table, TargetId target, uint32_t points) {
  Ballot& ballot = s.ballots[BallotKey{LegacyVoteStep(s.config), table, 0}];
  ballot.points[target] = points;
  ballot.points_spent += points;
}

v1::Criterion* AddCriterion(WorkshopState& s, std::string name, v1::Direction direction,
                            int32_t min = 0, int32_t max = 10) {
  v1::Criterion* c = s.config.add_criteria();
  c->set_id(static_cast<CriterionId>(s.config.criteria_size()));
  c->set_name(std::move(name));
  c->set_direction(direction);
  c->set_min_value(min);
  c->set_max_value(max);
  return c;
}

// Seats are created on demand at table 1.
void Score(WorkshopState& s, SeatId seat, TargetId idea, CriterionId criterion, int32_t value) {
  if (!s.tables.contains(1)) AddTable(s, 1);
  if (!s.seats.contains(seat)) AddSeat(s, seat, 1);
  if (s.scores.insert_or_assign(ScoreKey{seat, idea, criterion}, value).second) {
    ++s.seats.at(seat).scores;
  }
}

WorkshopState Ideation() {
  WorkshopState s;
  s.workshop_id = "w-ideation";
  s.created = true;
  s.seq = 17;
  s.config.set_template_(v1::TEMPLATE_IDEATION);
  for (TableId t = 1; t <= 4; ++t) AddTable(s, t);
  AddIdea(s, 1, 1, "Ouvrir la salle le dimanche");
  AddIdea(s, 2, 2, "Un café associatif");
  AddIdea(s, 3, 3, "Un lieu de rencontre");
  AddCluster(s, 4, "Convivialité", {2, 3});
  AddIdea(s, 5, kAnimateurTable, "Réserver en ligne");
  AddIdea(s, 6, 1, "Prêter la salle aux écoles");
  AddIdea(s, 7, 2, "Des ateliers numériques");
  Vote(s, 1, 4, 3);  // the cluster: 3 points, 1 table
  Vote(s, 2, 1, 3);  // idea 1: 4 points, 2 tables
  Vote(s, 3, 1, 1);
  Vote(s, 2, 5, 2);  // idea 5: 3 points, 2 tables
  Vote(s, 3, 5, 1);
  RecomputeTotals(s);
  return s;
}

TEST(Results, PointsSortedByPointsThenTablesThenIdWithClusters) {
  v1::Results r = ComputeResults(Ideation());
  EXPECT_EQ(r.workshop_id(), "w-ideation");
  EXPECT_EQ(r.seq(), 17u);
  std::vector<uint32_t> order, points, tables;
  for (const v1::TargetResult& t : r.points()) {
    order.push_back(t.target_id());
    points.push_back(t.points());
    tables.push_back(t.tables());
  }
  // Ideas 2 and 3 are in cluster 4: only the cluster is a target. 6 and 7 got nothing.
  EXPECT_EQ(order, (std::vector<uint32_t>{1, 5, 4, 6, 7}));
  EXPECT_EQ(points, (std::vector<uint32_t>{4, 3, 3, 0, 0}));
  EXPECT_EQ(tables, (std::vector<uint32_t>{2, 2, 1, 0, 0}));
  const v1::TargetResult& cluster = r.points(2);
  EXPECT_TRUE(cluster.is_cluster());
  EXPECT_EQ(cluster.text(), "Convivialité");
  EXPECT_EQ(std::vector<uint32_t>(cluster.idea_ids().begin(), cluster.idea_ids().end()),
            (std::vector<uint32_t>{2, 3}));
  EXPECT_FALSE(r.points(0).is_cluster());
  EXPECT_EQ(r.points(0).text(), "Ouvrir la salle le dimanche");
  EXPECT_EQ(r.points(0).idea_ids_size(), 0);
  EXPECT_EQ(r.evaluations_size(), 0);  // no criteria
}

TEST(Results, ParticipationCounts) {
  WorkshopState s = Ideation();
  AddSeat(s, 1, 1);
  AddSeat(s, 2, 2);
  RecomputeTotals(s);
  const v1::Participation p = ComputeResults(s).participation();
  EXPECT_EQ(p.tables_joined(), 4u);
  EXPECT_EQ(p.tables_voted(), 3u);  // table 4 placed nothing
  EXPECT_EQ(p.seats_joined(), 2u);
  EXPECT_EQ(p.seats_scored(), 0u);
  EXPECT_EQ(p.ideas(), 6u);
  EXPECT_EQ(p.points_spent(), 10u);
}

TEST(Results, EmptyWorkshop) {
  WorkshopState s;
  s.workshop_id = "w-empty";
  s.created = true;
  s.seq = 1;
  AddCriterion(s, "acceptabilité", v1::DIRECTION_HIGHER_IS_BETTER);
  RecomputeTotals(s);
  v1::Results r = ComputeResults(s);
  EXPECT_EQ(r.workshop_id(), "w-empty");
  EXPECT_EQ(r.points_size(), 0);
  EXPECT_EQ(r.evaluations_size(), 0);
  EXPECT_EQ(r.participation().tables_joined(), 0u);
  EXPECT_EQ(r.participation().ideas(), 0u);
  EXPECT_EQ(r.participation().points_spent(), 0u);
}

WorkshopState Evaluation() {
  WorkshopState s;
  s.workshop_id = "w-evaluation";
  s.created = true;
  s.config.set_template_(v1::TEMPLATE_EVALUATION);
  AddCriterion(s, "acceptabilité", v1::DIRECTION_HIGHER_IS_BETTER);
  AddCriterion(s, "coût", v1::DIRECTION_LOWER_IS_BETTER);
  AddTable(s, 1);
  AddIdea(s, 1, kAnimateurTable, "Hébergement chez l'habitant");
  AddIdea(s, 2, kAnimateurTable, "Centre d'accueil municipal");
  return s;
}

TEST(Results, MeanMedianStddevOnKnownData) {
  WorkshopState s = Evaluation();
  const std::vector<int32_t> values = {2, 4, 4, 4, 5, 5, 7, 9};
  for (size_t i = 0; i < values.size(); ++i) Score(s, SeatId(i + 1), 1, 1, values[i]);
  RecomputeTotals(s);
  v1::Results r = ComputeResults(s);
  ASSERT_EQ(r.evaluations_size(), 2);
  const v1::IdeaEvaluation& e = r.evaluations(0);
  ASSERT_EQ(e.idea_id(), 1u);
  ASSERT_EQ(e.criteria_size(), 2);
  const v1::CriterionResult& c = e.criteria(0);
  EXPECT_EQ(c.criterion_id(), 1u);
  EXPECT_EQ(c.count(), 8u);
  EXPECT_DOUBLE_EQ(c.mean(), 5.0);
  EXPECT_DOUBLE_EQ(c.median(), 4.5);
  EXPECT_DOUBLE_EQ(c.stddev(), 2.0);
  EXPECT_EQ(std::vector<uint32_t>(c.histogram().begin(), c.histogram().end()),
            (std::vector<uint32_t>{0, 0, 1, 0, 3, 2, 0, 1, 0, 1, 0}));
  // Nobody scored the cost: an all-zero histogram, left out of overall and spread.
  const v1::CriterionResult& cost = e.criteria(1);
  EXPECT_EQ(cost.count(), 0u);
  EXPECT_EQ(cost.histogram_size(), 11);
  for (uint32_t n : cost.histogram()) EXPECT_EQ(n, 0u);
  EXPECT_DOUBLE_EQ(e.overall(), 5.0);
  EXPECT_DOUBLE_EQ(e.spread(), 2.0);
}

TEST(Results, OddCountMedianIsTheMiddleValue) {
  WorkshopState s = Evaluation();
  Score(s, 1, 1, 1, 10);
  Score(s, 2, 1, 1, 1);
  Score(s, 3, 1, 1, 3);
  RecomputeTotals(s);
  EXPECT_DOUBLE_EQ(ComputeResults(s).evaluations(0).criteria(0).median(), 3.0);
}

TEST(Results, LowerIsBetterCriterionRanksCheapIdeaFirst) {
  WorkshopState s = Evaluation();
  // Equally acceptable; idea 1 is expensive (8), idea 2 cheap (2).
  Score(s, 1, 1, 1, 7);
  Score(s, 1, 1, 2, 8);
  Score(s, 1, 2, 1, 7);
  Score(s, 1, 2, 2, 2);
  RecomputeTotals(s);
  v1::Results r = ComputeResults(s);
  ASSERT_EQ(r.evaluations_size(), 2);
  EXPECT_EQ(r.evaluations(0).idea_id(), 2u);
  EXPECT_EQ(r.evaluations(0).rank(), 1u);
  EXPECT_DOUBLE_EQ(r.evaluations(0).overall(), 7.5);  // (7 + (10 - 2)) / 2
  EXPECT_EQ(r.evaluations(1).idea_id(), 1u);
  EXPECT_EQ(r.evaluations(1).rank(), 2u);
  EXPECT_DOUBLE_EQ(r.evaluations(1).overall(), 4.5);  // (7 + (10 - 8)) / 2
}

TEST(Results, BroaderConsensusBreaksATieOnOverall) {
  WorkshopState s = Evaluation();
  Score(s, 1, 1, 1, 0);  // idea 1 divides: 0 and 10
  Score(s, 2, 1, 1, 10);
  Score(s, 1, 2, 1, 5);  // idea 2 makes consensus: 5 and 5
  Score(s, 2, 2, 1, 5);
  RecomputeTotals(s);
  v1::Results r = ComputeResults(s);
  EXPECT_DOUBLE_EQ(r.evaluations(0).overall(), r.evaluations(1).overall());
  EXPECT_EQ(r.evaluations(0).idea_id(), 2u);
  EXPECT_DOUBLE_EQ(r.evaluations(0).spread(), 0.0);
  EXPECT_EQ(r.evaluations(1).idea_id(), 1u);
  EXPECT_DOUBLE_EQ(r.evaluations(1).spread(), 5.0);
}

TEST(Results, UnscoredIdeasRankLast) {
  WorkshopState s = Evaluation();
  AddIdea(s, 3, kAnimateurTable, "Parrainage");
  Score(s, 1, 3, 1, 1);  // a poor score is still better placed than none
  RecomputeTotals(s);
  v1::Results r = ComputeResults(s);
  ASSERT_EQ(r.evaluations_size(), 3);
  EXPECT_EQ(r.evaluations(0).idea_id(), 3u);
  EXPECT_EQ(r.evaluations(1).idea_id(), 1u);  // unscored: by id
  EXPECT_EQ(r.evaluations(2).idea_id(), 2u);
  EXPECT_EQ(r.evaluations(2).rank(), 3u);
  EXPECT_DOUBLE_EQ(r.evaluations(2).overall(), 0.0);
}

TEST(Results, OverallScalesOtherRangesToTen) {
  WorkshopState s;
  AddCriterion(s, "utilité", v1::DIRECTION_HIGHER_IS_BETTER, 1, 5);
  AddCriterion(s, "effort", v1::DIRECTION_LOWER_IS_BETTER, 1, 5);
  AddIdea(s, 1, kAnimateurTable, "Navette");
  Score(s, 1, 1, 1, 5);  // best: 10
  Score(s, 1, 1, 2, 2);  // oriented 4 on 1-5: 7.5
  Score(s, 2, 1, 2, 2);
  RecomputeTotals(s);
  const v1::IdeaEvaluation e = ComputeResults(s).evaluations(0);
  EXPECT_DOUBLE_EQ(e.overall(), 8.75);
  EXPECT_EQ(e.criteria(0).histogram_size(), 5);
}

TEST(Results, WeightsCountInTheOverallScore) {
  WorkshopState s = Evaluation();
  s.config.mutable_criteria(0)->set_weight(3);  // acceptabilité counts three times
  s.config.mutable_criteria(1)->set_weight(1);
  Score(s, 1, 1, 1, 8);  // idea 1: acceptable (8) but expensive (cost 8: oriented 2)
  Score(s, 1, 1, 2, 8);
  Score(s, 1, 2, 1, 4);  // idea 2: less acceptable (4) but cheap (cost 0: oriented 10)
  Score(s, 1, 2, 2, 0);
  RecomputeTotals(s);
  v1::Results r = ComputeResults(s);
  // Unweighted, idea 2 would lead (7 against 5); weighted, idea 1 does.
  EXPECT_EQ(r.evaluations(0).idea_id(), 1u);
  EXPECT_DOUBLE_EQ(r.evaluations(0).overall(), (3 * 8.0 + 2.0) / 4);  // 6.5
  EXPECT_EQ(r.evaluations(1).idea_id(), 2u);
  EXPECT_DOUBLE_EQ(r.evaluations(1).overall(), (3 * 4.0 + 10.0) / 4);  // 5.5
  // A criterion nobody scored weighs nothing: the mean is over the criteria scored.
  AddIdea(s, 3, kAnimateurTable, "Une navette");
  Score(s, 1, 3, 2, 2);  // only its cost: oriented 8
  RecomputeTotals(s);
  r = ComputeResults(s);
  EXPECT_EQ(r.evaluations(0).idea_id(), 3u);
  EXPECT_DOUBLE_EQ(r.evaluations(0).overall(), 8.0);
}

// Logs written before weights have 0 in every criterion: their overall scores are unchanged.
TEST(Results, AWeightOfZeroCountsAsOne) {
  WorkshopState unweighted = Evaluation();
  Score(unweighted, 1, 1, 1, 8);
  Score(unweighted, 1, 1, 2, 3);
  Score(unweighted, 2, 1, 2, 6);
  RecomputeTotals(unweighted);
  WorkshopState ones = unweighted;
  for (v1::Criterion& c : *ones.config.mutable_criteria()) c.set_weight(1);
  const v1::Results a = ComputeResults(unweighted), b = ComputeResults(ones);
  EXPECT_EQ(a.evaluations(0).overall(), b.evaluations(0).overall());  // bit for bit
  EXPECT_EQ(a.evaluations(0).spread(), b.evaluations(0).spread());
  EXPECT_DOUBLE_EQ(a.evaluations(0).overall(), (8.0 + (10 - 4.5)) / 2);
}

TEST(Results, ClusteredIdeaIsStillEvaluatedAsItself) {
  WorkshopState s = Evaluation();
  AddIdea(s, 3, kAnimateurTable, "Accueil en famille");
  AddCluster(s, 4, "Familles", {1, 3});
  Score(s, 1, 1, 1, 6);
  RecomputeTotals(s);
  v1::Results r = ComputeResults(s);
  ASSERT_EQ(r.evaluations_size(), 3);
  EXPECT_EQ(r.evaluations(0).idea_id(), 1u);
  EXPECT_EQ(r.evaluations(0).criteria(0).count(), 1u);
  // An evaluation workshop has no vote: targets nobody voted for are not listed.
  EXPECT_EQ(r.points_size(), 0);
}

TEST(Results, ReadsTheRunningTotalsNotTheScores) {
  WorkshopState s = Evaluation();
  Score(s, 1, 1, 1, 4);
  RecomputeTotals(s);
  s.scores.clear();  // totals are the source: results must not rescan the scores
  EXPECT_EQ(ComputeResults(s).evaluations(0).criteria(0).count(), 1u);
}

}  // namespace
}  // namespace atelier::workshop
