// Individual scoring on criteria: ranges, seats, changes.
#include <gtest/gtest.h>

#include "tests/workshop/test_support.h"

namespace atelier::workshop {
namespace {

using namespace testing;

class Scoring : public ::testing::Test {
 protected:
  Scoring()
      : h_(EvaluationConfig(),
           {"Hébergement chez l'habitant", "Centre d'accueil municipal",
            "Parrainage par des associations", "Cours de français", "Accès facilité à l'emploi"}) {}
  void SetUp() override {
    t1_ = h_.JoinTable();
    t2_ = h_.JoinTable();
    s1_ = h_.JoinSeat(t1_, 1);
    s2_ = h_.JoinSeat(t1_, 2);
    s3_ = h_.JoinSeat(t2_, 1);
    h_.MoveTo(v1::PHASE_SCORING);
  }
  Harness h_;
  TableId t1_ = 0, t2_ = 0;
  SeatId s1_ = 0, s2_ = 0, s3_ = 0;
};

TEST_F(Scoring, TableScoresForItsSeatsAndMayChangeAScore) {
  h_.Accept(ScoreCmd(s1_, 1, 1, 7), TableActor(t1_));
  h_.Accept(ScoreCmd(s2_, 1, 1, 3), TableActor(t1_));
  h_.Accept(ScoreCmd(s1_, 1, 1, 9), TableActor(t1_));
  const auto& s = h_.state();
  EXPECT_EQ(s.scores.at({s1_, 1, 1}), 9);
  const ScoreStats& stats = s.score_stats.at({1, 1});
  EXPECT_EQ(stats.count, 2u);
  EXPECT_EQ(stats.histogram.size(), 11u);
  EXPECT_EQ(stats.histogram[9], 1u);
  EXPECT_EQ(stats.histogram[7], 0u);
  EXPECT_EQ(stats.histogram[3], 1u);
  EXPECT_EQ(s.seats_scoring, 2u);
}

TEST_F(Scoring, ScoresOutsideTheRangeAreRefusedWithTheRange) {
  for (int value : {-1, 11, 1000}) {
    auto decision = h_.Run(ScoreCmd(s1_, 1, 1, value), TableActor(t1_));
    ASSERT_FALSE(decision);
    EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_SCORE_OUT_OF_RANGE);
    EXPECT_EQ(decision.error().min_value(), 0);
    EXPECT_EQ(decision.error().max_value(), 10);
  }
  h_.Accept(ScoreCmd(s1_, 1, 1, 0), TableActor(t1_));
  h_.Accept(ScoreCmd(s1_, 1, 2, 10), TableActor(t1_));
}

TEST_F(Scoring, ATableActsOnlyForItsOwnSeats) {
  EXPECT_EQ(h_.Reason(ScoreCmd(s3_, 1, 1, 5), TableActor(t1_)),
            v1::REJECTION_REASON_NOT_YOUR_TABLE);
  EXPECT_EQ(h_.Reason(ScoreCmd(99, 1, 1, 5), TableActor(t1_)), v1::REJECTION_REASON_UNKNOWN_SEAT);
}

TEST_F(Scoring, APhoneSeatScoresOnlyForItself) {
  h_.Accept(ScoreCmd(0, 2, 3, 8), SeatActor(s3_, t2_));
  EXPECT_EQ(h_.state().scores.at({s3_, 2, 3}), 8);
  EXPECT_EQ(h_.Reason(ScoreCmd(s1_, 2, 3, 8), SeatActor(s3_, t2_)),
            v1::REJECTION_REASON_NOT_YOUR_TABLE);
}

TEST_F(Scoring, UnknownIdeaOrCriterion) {
  EXPECT_EQ(h_.Reason(ScoreCmd(s1_, 42, 1, 5), TableActor(t1_)), v1::REJECTION_REASON_UNKNOWN_IDEA);
  EXPECT_EQ(h_.Reason(ScoreCmd(s1_, 1, 9, 5), TableActor(t1_)),
            v1::REJECTION_REASON_UNKNOWN_CRITERION);
}

TEST_F(Scoring, OnlyDuringScoringAndNeverByTheAnimateurOrObservers) {
  EXPECT_EQ(h_.Reason(ScoreCmd(s1_, 1, 1, 5), Animateur()), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  EXPECT_EQ(h_.Reason(ScoreCmd(s1_, 1, 1, 5), Observer()), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  h_.MoveTo(v1::PHASE_CONCLUSION);
  EXPECT_EQ(h_.Reason(ScoreCmd(s1_, 1, 1, 5), TableActor(t1_)), v1::REJECTION_REASON_WRONG_PHASE);
}

TEST_F(Scoring, CustomRangeIsRespected) {
  v1::WorkshopConfig config = EvaluationConfig();
  config.mutable_criteria(0)->set_min_value(1);
  config.mutable_criteria(0)->set_max_value(5);
  Harness h(config, {"Idée"});
  TableId t = h.JoinTable();
  SeatId s = h.JoinSeat(t, 1);
  h.MoveTo(v1::PHASE_SCORING);
  EXPECT_EQ(h.Reason(ScoreCmd(s, 1, 1, 0), TableActor(t)), v1::REJECTION_REASON_SCORE_OUT_OF_RANGE);
  h.Accept(ScoreCmd(s, 1, 1, 5), TableActor(t));
  EXPECT_EQ(h.state().score_stats.at({1, 1}).histogram.size(), 5u);
  EXPECT_EQ(h.state().score_stats.at({1, 1}).histogram[4], 1u);
}

}  // namespace
}  // namespace atelier::workshop
