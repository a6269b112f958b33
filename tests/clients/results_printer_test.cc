#include "clients/cli/results_printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace atelier::cli {
namespace {

std::string Print(const v1::Results& results, const ResultsLabels& labels = {}) {
  std::ostringstream out;
  PrintResults(results, labels, out);
  return out.str();
}

v1::TargetResult* AddTarget(v1::Results& results, uint32_t id, const std::string& text,
                            uint32_t points) {
  v1::TargetResult* t = results.add_points();
  t->set_target_id(id);
  t->set_text(text);
  t->set_points(points);
  return t;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ResultsPrinter, IdeationShowsOneBarPerTargetWithItsPoints) {
  v1::Results results;
  results.set_workshop_id("w1");
  v1::TargetResult* cluster = AddTarget(results, 20, "Ouvrir la salle aux associations", 4);
  cluster->set_is_cluster(true);
  cluster->add_idea_ids(1);
  cluster->add_idea_ids(8);
  AddTarget(results, 5, "Un repair café", 2);
  AddTarget(results, 6, "Personne n'en veut", 0);
  results.mutable_participation()->set_tables_joined(6);
  results.mutable_participation()->set_tables_voted(5);
  results.mutable_participation()->set_points_spent(6);

  const std::string text =
      Print(results, {.question = "Comment optimiser la salle ?", .criteria = {}, .config = {}});
  EXPECT_TRUE(Contains(text, "=== Comment optimiser la salle ? ===")) << text;
  EXPECT_TRUE(Contains(text, "(5 tables sur 6 ont voté, 6 points)")) << text;
  EXPECT_TRUE(Contains(text, "    4 ████  Ouvrir la salle aux associations  [2 idées]\n")) << text;
  EXPECT_TRUE(Contains(text, "    2 ██  Un repair café\n")) << text;
  EXPECT_FALSE(Contains(text, "Personne")) << text;
  EXPECT_LT(text.find("Ouvrir"), text.find("repair"));
}

TEST(ResultsPrinter, WithoutAQuestionTheWorkshopIdIsTheTitle) {
  v1::Results results;
  results.set_workshop_id("w1");
  const std::string text = Print(results);
  EXPECT_TRUE(Contains(text, "=== atelier w1 ===")) << text;
  EXPECT_TRUE(Contains(text, "aucun point pour l'instant")) << text;
}

TEST(ResultsPrinter, ALongTextIsCutBetweenCharacters) {
  v1::Results results;
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "é";  // 80 bytes
  AddTarget(results, 1, long_text, 1);
  const std::string text = Print(results);
  const size_t start = text.find("█  ") + std::string("█  ").size();
  const std::string label = text.substr(start, text.find('\n', start) - start);
  ASSERT_TRUE(label.ends_with("...")) << label;
  const std::string kept = label.substr(0, label.size() - 3);
  EXPECT_EQ(kept.size() % 2, 0u) << "a two-byte character was split: " << label;
  EXPECT_LE(label.size(), 58u);
}

TEST(ResultsPrinter, EvaluationShowsTheRankingAndEachCriterion) {
  v1::Results results;
  results.mutable_participation()->set_seats_joined(18);
  results.mutable_participation()->set_seats_scored(17);
  v1::IdeaEvaluation* e = results.add_evaluations();
  e->set_rank(1);
  e->set_text("Organiser des ateliers de réparation");
  e->set_overall(7.94);
  e->set_spread(1.66);
  v1::CriterionResult* c = e->add_criteria();
  c->set_criterion_id(1);
  for (int v = 0; v <= 10; ++v) c->add_histogram(v == 10 ? 8 : v == 9 ? 4 : 0);
  c->set_count(12);
  c->set_mean(9.67);
  c->set_median(10);
  c->set_stddev(0.47);
  e->add_criteria()->set_criterion_id(2);

  const std::string text =
      Print(results, {.question = "Quelles idées retenir ?", .criteria = {{1, "utilité"}}, .config = {}});
  EXPECT_TRUE(Contains(text, "Classement (17 participants sur 18 ont noté)")) << text;
  EXPECT_TRUE(
      Contains(text, "1. Organiser des ateliers de réparation  — global 7.9/10, dispersion 1.7"))
      << text;
  EXPECT_TRUE(Contains(text, "utilité")) << text;
  EXPECT_TRUE(
      Contains(text, " 0[         ▄█]10  moyenne 9.7  médiane 10.0  écart-type 0.5  (12 notes)"))
      << text;
  EXPECT_TRUE(Contains(text, "critère 2")) << text;
}

// Scores and votes together (a journey map), each vote as its ballot counts it, a smiley scale's
// range: the configuration says what each number means.
TEST(ResultsPrinter, EachVoteIsCountedAsItsBallotSaysAndScoresComeFirst) {
  v1::WorkshopConfig config;
  v1::Criterion& smileys = *config.add_criteria();
  smileys.set_id(1);
  smileys.set_min_value(1);
  smileys.set_max_value(5);
  auto step = [&](uint32_t id, const char* title, v1::BallotKind kind) {
    v1::Step& s = *config.add_agenda();
    s.set_id(id);
    s.set_kind(v1::PHASE_CONVERGENCE);
    s.set_title(title);
    s.mutable_ballot()->set_kind(kind);
  };
  step(2, "Choisir les opportunités", v1::BALLOT_KIND_DOTS);
  step(3, "Classer les visions", v1::BALLOT_KIND_RANKING);
  step(4, "Trier le dispositif", v1::BALLOT_KIND_BUCKETS);

  v1::Results results;
  v1::IdeaEvaluation& e = *results.add_evaluations();
  e.set_rank(1);
  e.set_text("Étape 1 : la programmation");
  v1::CriterionResult& c = *e.add_criteria();
  c.set_criterion_id(1);
  for (uint32_t n : {0u, 1u, 0u, 2u, 0u}) c.add_histogram(n);
  c.set_count(3);
  results.set_vote_step_id(2);
  v1::TargetResult& dots = *results.add_points();
  dots.set_text("Annoncer la date plus tôt");
  dots.set_points(4);
  // An earlier vote's results with one target.
  auto other_vote = [&](uint32_t step_id, uint32_t voters, const char* text) -> v1::TargetResult& {
    v1::VoteResults& vote = *results.add_other_votes();
    vote.set_step_id(step_id);
    vote.set_voters(voters);
    v1::TargetResult& target = *vote.add_targets();
    target.set_text(text);
    return target;
  };
  v1::TargetResult& vision = other_vote(3, 2, "Une ville des courtes distances");
  vision.set_points(5);
  vision.add_ranks(1);
  vision.add_ranks(1);
  v1::TargetResult& element = other_vote(4, 3, "Le questionnaire papier");
  for (uint32_t n : {2u, 0u, 1u}) element.add_buckets(n);

  const std::string text =
      Print(results, {.question = "Q", .criteria = {{1, "Mon expérience"}}, .config = config});
  EXPECT_TRUE(Contains(text, " 1[ ▄ █ ]5  moyenne")) << text;
  EXPECT_TRUE(Contains(text, "Choisir les opportunités : Gommettes par idée")) << text;
  EXPECT_TRUE(Contains(text, "    4 ████  Annoncer la date plus tôt\n")) << text;
  EXPECT_TRUE(Contains(text, "Classer les visions : Classement par la méthode de Borda (2 votants)")) << text;
  EXPECT_TRUE(Contains(text, "    5 pts  Une ville des courtes distances  (1re : 1, 2e : 1)")) << text;
  EXPECT_TRUE(Contains(text, "Le questionnaire papier : coffre-fort 1, machine à laver 0, poubelle 2")) << text;
  EXPECT_LT(text.find("Mon expérience"), text.find("Gommettes")) << "the scores first";
  EXPECT_FALSE(Contains(text, "Points par idée")) << text;
}

}  // namespace
}  // namespace atelier::cli
