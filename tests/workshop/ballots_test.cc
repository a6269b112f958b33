// Vote steps and their ballots: a budget of points or dots, a pick of exactly N, a ranking
// (Borda), buckets (with the "longue-vue" new subjects), cast by each table or each seat, each
// vote step with ballots of its own; every rule and rejection, the results of each kind, who
// sees a ballot, and logs and snapshots written before ballots.
#include <gtest/gtest.h>

#include <set>

#include "server/workshop/config.h"
#include "server/workshop/results.h"
#include "server/workshop/state_codec.h"
#include "server/workshop/views.h"
#include "tests/workshop/test_support.h"

namespace atelier::workshop::testing {
namespace {

// Set-up, one ideas step, then the vote steps given, then a conclusion; each vote step's ballot
// as given. Vote steps get ids 3, 4... in order.
v1::WorkshopConfig WithVotes(std::initializer_list<v1::Ballot> ballots) {
  v1::WorkshopConfig config = IdeationConfig();
  config.add_agenda()->set_kind(v1::PHASE_SETUP);
  config.add_agenda()->set_kind(v1::PHASE_DIVERGENCE);
  for (const v1::Ballot& ballot : ballots) {
    v1::Step& step = *config.add_agenda();
    step.set_kind(v1::PHASE_CONVERGENCE);
    *step.mutable_ballot() = ballot;
  }
  config.add_agenda()->set_kind(v1::PHASE_CONCLUSION);
  return config;
}

v1::Ballot Kind(v1::BallotKind kind, uint32_t count = 0, v1::Voter voter = v1::VOTER_TABLE) {
  v1::Ballot ballot;
  ballot.set_kind(kind);
  ballot.set_count(count);
  ballot.set_voter(voter);
  return ballot;
}

v1::Command ToStep(uint32_t step_id) {
  v1::Command c;
  c.mutable_set_phase()->set_step_id(step_id);
  return c;
}

v1::Command Choice(std::initializer_list<TargetId> targets, SeatId seat = 0) {
  return ChoiceCmd(targets, seat);
}

v1::Command Buckets(std::initializer_list<std::pair<TargetId, v1::Bucket>> items) {
  return BucketsCmd(items);
}

v1::Command SeatPoints(SeatId seat, TargetId target, uint32_t points) {
  v1::Command c = SetPointsCmd({{target, points}});
  c.mutable_set_points()->set_seat_id(seat);
  return c;
}

const Ballot* BallotAt(const WorkshopState& s, uint32_t step, TableId table, SeatId seat = 0) {
  auto it = s.ballots.find(BallotKey{step, table, seat});
  return it == s.ballots.end() ? nullptr : &it->second;
}

// The targets of a vote's results by id: points, and the ranks or buckets.
const v1::TargetResult& ResultOf(const google::protobuf::RepeatedPtrField<v1::TargetResult>& targets,
                                 TargetId id) {
  for (const v1::TargetResult& t : targets) {
    if (t.target_id() == id) return t;
  }
  static const v1::TargetResult kNone;
  ADD_FAILURE() << "no result for target " << id;
  return kNone;
}

// Three tables and four ideas by others (the animateur's), in the first vote step.
class BallotsTest : public ::testing::Test {
 protected:
  void Start(std::initializer_list<v1::Ballot> ballots) {
    h_.emplace(WithVotes(ballots));
    for (int i = 0; i < 3; ++i) tables_.push_back(h_->JoinTable());
    h_->MoveTo(v1::PHASE_DIVERGENCE);
    for (const char* text : {"Un banc", "Une fontaine", "Un préau", "Une boîte à livres"}) {
      ideas_.push_back(h_->PostAsAnimateur(text));
    }
    own_ = h_->Post(tables_[0], "L'idée de la table 1");
    h_->Accept(ToStep(3), Animateur());
  }
  Harness& h() { return *h_; }
  v1::Actor T(int i) { return TableActor(tables_[i]); }

  std::optional<Harness> h_;
  std::vector<TableId> tables_;
  std::vector<TargetId> ideas_;
  TargetId own_ = 0;
};

TEST(BallotConfig, EachKindGetsItsDefaults) {
  auto config = NormalizeConfig(WithVotes({Kind(v1::BALLOT_KIND_UNSPECIFIED),
                                           Kind(v1::BALLOT_KIND_DOTS), Kind(v1::BALLOT_KIND_PICK),
                                           Kind(v1::BALLOT_KIND_RANKING),
                                           Kind(v1::BALLOT_KIND_BUCKETS, 0, v1::VOTER_SEAT)}));
  ASSERT_TRUE(config) << config.error().message();
  const v1::Ballot& budget = config->agenda(2).ballot();
  EXPECT_EQ(budget.kind(), v1::BALLOT_KIND_BUDGET);
  EXPECT_EQ(budget.voter(), v1::VOTER_TABLE);
  EXPECT_EQ(budget.budget(), 30u);
  EXPECT_EQ(budget.cap(), 3u);
  const v1::Ballot& dots = config->agenda(3).ballot();
  EXPECT_EQ(dots.budget(), 1u);
  EXPECT_EQ(dots.cap(), 1u);
  EXPECT_EQ(config->agenda(4).ballot().count(), 3u) << "les 3 projets";
  EXPECT_EQ(config->agenda(5).ballot().count(), 0u) << "a complete ranking";
  EXPECT_EQ(config->agenda(6).ballot().voter(), v1::VOTER_SEAT);
  EXPECT_TRUE(HasIndividualScoring(*config)) << "seats may join to sort";
}

TEST(BallotConfig, AVoteStepWithoutBallotVotesAsTheWorkshopSays) {
  v1::WorkshopConfig input = IdeationConfig();
  input.set_budget_per_table(20);
  input.set_cap_per_target(2);
  input.set_allow_self_vote(true);
  auto config = NormalizeConfig(input);
  ASSERT_TRUE(config);
  const v1::Step& vote = config->agenda(StepOfKind(*config, v1::PHASE_CONVERGENCE) - 1);
  EXPECT_EQ(vote.ballot().kind(), v1::BALLOT_KIND_BUDGET);
  EXPECT_EQ(vote.ballot().budget(), 20u);
  EXPECT_EQ(vote.ballot().cap(), 2u);
  EXPECT_TRUE(vote.ballot().allow_self_vote());
}

TEST(BallotConfig, NonsenseIsRefusedWithTheStepNamed) {
  auto refused = [](v1::WorkshopConfig config, const std::string& words) {
    auto normalized = NormalizeConfig(config);
    if (normalized) return ::testing::AssertionFailure() << "accepted";
    if (normalized.error().reason() != v1::REJECTION_REASON_INVALID_CONFIG ||
        normalized.error().message().find(words) == std::string::npos) {
      return ::testing::AssertionFailure() << normalized.error().message();
    }
    return ::testing::AssertionSuccess();
  };
  v1::Ballot budget_with_count = Kind(v1::BALLOT_KIND_BUDGET, 2);
  EXPECT_TRUE(refused(WithVotes({budget_with_count}), "count"));
  v1::Ballot pick_with_budget = Kind(v1::BALLOT_KIND_PICK);
  pick_with_budget.set_budget(5);
  EXPECT_TRUE(refused(WithVotes({pick_with_budget}), "budget and cap"));
  v1::Ballot dots = Kind(v1::BALLOT_KIND_DOTS);
  dots.set_budget(2);
  dots.set_cap(3);
  EXPECT_TRUE(refused(WithVotes({dots}), "cap larger"));
  EXPECT_TRUE(refused(WithVotes({Kind(static_cast<v1::BallotKind>(42))}), "unknown ballot kind"));
  EXPECT_TRUE(refused(WithVotes({Kind(v1::BALLOT_KIND_PICK, 101)}), "at most 100"));
  v1::WorkshopConfig ballot_on_ideas = WithVotes({});
  ballot_on_ideas.mutable_agenda(1)->mutable_ballot()->set_kind(v1::BALLOT_KIND_PICK);
  EXPECT_TRUE(refused(ballot_on_ideas, "only a vote step"));
}

TEST_F(BallotsTest, EachVoteStepHasItsOwnBudget) {
  Start({Kind(v1::BALLOT_KIND_BUDGET), Kind(v1::BALLOT_KIND_BUDGET)});
  v1::Event first = h().Accept(SetPointsCmd({{ideas_[0], 3}}), T(0));
  EXPECT_EQ(first.points_set().step_id(), 3u);
  EXPECT_EQ(first.points_set().seat_id(), 0u);
  h().Accept(ToStep(4), Animateur());
  h().Accept(SetPointsCmd({{ideas_[0], 3}}), T(0));
  EXPECT_EQ(BallotAt(h().state(), 3, tables_[0])->points_spent, 3u);
  EXPECT_EQ(BallotAt(h().state(), 4, tables_[0])->points_spent, 3u);
  v1::Results results = ComputeResults(h().state());
  EXPECT_EQ(results.vote_step_id(), 4u);
  ASSERT_EQ(results.other_votes_size(), 1);
  EXPECT_EQ(results.other_votes(0).step_id(), 3u);
  EXPECT_EQ(ResultOf(results.other_votes(0).targets(), ideas_[0]).points(), 3u);
  EXPECT_EQ(ResultOf(results.points(), ideas_[0]).points(), 3u);
  EXPECT_EQ(results.participation().tables_voted(), 1u);
  EXPECT_EQ(results.participation().points_spent(), 3u);
}

TEST_F(BallotsTest, DotsAreFewAndOnePerIdea) {
  v1::Ballot dots = Kind(v1::BALLOT_KIND_DOTS);
  dots.set_budget(2);
  Start({dots});
  EXPECT_EQ(h().Reason(SetPointsCmd({{ideas_[0], 2}}), T(0)), v1::REJECTION_REASON_CAP_EXCEEDED);
  h().Accept(SetPointsCmd({{ideas_[0], 1}, {ideas_[1], 1}}), T(0));
  auto third = h().Run(SetPointsCmd({{ideas_[2], 1}}), T(0));
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().reason(), v1::REJECTION_REASON_BUDGET_EXCEEDED);
  EXPECT_NE(third.error().message().find("dots"), std::string::npos) << third.error().message();
  EXPECT_EQ(third.error().points_left(), 0u);
  EXPECT_EQ(h().Reason(SetPointsCmd({{own_, 1}}), T(0)), v1::REJECTION_REASON_OWN_IDEA);
  EXPECT_EQ(h().Reason(Choice({ideas_[0]}), T(1)), v1::REJECTION_REASON_WRONG_BALLOT);
}

TEST_F(BallotsTest, EachSeatVotesForItselfOrThroughItsTablesTablet) {
  Start({Kind(v1::BALLOT_KIND_DOTS, 0, v1::VOTER_SEAT)});
  SeatId s1 = h().JoinSeat(tables_[0], 1);
  SeatId s2 = h().JoinSeat(tables_[0], 2);
  SeatId other = h().JoinSeat(tables_[1], 1);
  EXPECT_EQ(h().Reason(SetPointsCmd({{ideas_[0], 1}}), T(0)), v1::REJECTION_REASON_WRONG_BALLOT)
      << "the tablet must say which seat votes";
  EXPECT_EQ(h().Reason(SeatPoints(other, ideas_[0], 1), T(0)), v1::REJECTION_REASON_NOT_YOUR_TABLE);
  EXPECT_EQ(h().Reason(SeatPoints(99, ideas_[0], 1), T(0)), v1::REJECTION_REASON_UNKNOWN_SEAT);
  v1::Event by_tablet = h().Accept(SeatPoints(s1, ideas_[0], 1), T(0));
  EXPECT_EQ(by_tablet.points_set().seat_id(), s1);
  h().Accept(SeatPoints(0, ideas_[1], 1), SeatActor(s2, tables_[0]));
  EXPECT_EQ(h().Reason(SeatPoints(s1, ideas_[2], 1), SeatActor(s2, tables_[0])),
            v1::REJECTION_REASON_NOT_YOUR_TABLE);
  h().Accept(SeatPoints(0, own_, 1), SeatActor(other, tables_[1]));  // not its table's idea
  EXPECT_EQ(h().Reason(SeatPoints(0, ideas_[2], 1), SeatActor(s1, tables_[0])),
            v1::REJECTION_REASON_BUDGET_EXCEEDED)
      << "seat 1 spent its dot already";
  EXPECT_EQ(h().Reason(SeatPoints(s2, ideas_[2], 1), T(0)), v1::REJECTION_REASON_BUDGET_EXCEEDED);
  ASSERT_NE(BallotAt(h().state(), 3, tables_[0], s1), nullptr);
  ASSERT_NE(BallotAt(h().state(), 3, tables_[0], s2), nullptr);
  EXPECT_EQ(BallotAt(h().state(), 3, tables_[0]), nullptr) << "no ballot of the table itself";
  EXPECT_EQ(VoteTally(h().state()).voting, 3u);
}

TEST_F(BallotsTest, ASeatsOwnIdeaIsItsTables) {
  Start({Kind(v1::BALLOT_KIND_DOTS, 0, v1::VOTER_SEAT)});
  SeatId s1 = h().JoinSeat(tables_[0], 1);
  EXPECT_EQ(h().Reason(SeatPoints(0, own_, 1), SeatActor(s1, tables_[0])),
            v1::REJECTION_REASON_OWN_IDEA);
}

TEST_F(BallotsTest, WhereTablesVoteASeatCannot) {
  Start({Kind(v1::BALLOT_KIND_BUDGET)});
  h().StoredSeat(tables_[0], 1);
  SeatId seat = h().state().seats.rbegin()->first;
  EXPECT_EQ(h().Reason(SetPointsCmd({{ideas_[0], 1}}), SeatActor(seat, tables_[0])),
            v1::REJECTION_REASON_WRONG_BALLOT);
  EXPECT_EQ(h().Reason(SeatPoints(seat, ideas_[0], 1), T(0)), v1::REJECTION_REASON_WRONG_BALLOT);
}

TEST_F(BallotsTest, APickNamesExactlyNIdeasOnce) {
  Start({Kind(v1::BALLOT_KIND_PICK, 2)});
  auto wrong = h().Run(Choice({ideas_[0]}), T(1));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().reason(), v1::REJECTION_REASON_WRONG_COUNT);
  EXPECT_EQ(wrong.error().limit(), 2u);
  EXPECT_EQ(wrong.error().requested(), 1u);
  EXPECT_EQ(h().Reason(Choice({ideas_[0], ideas_[1], ideas_[2]}), T(1)),
            v1::REJECTION_REASON_WRONG_COUNT);
  EXPECT_EQ(h().Reason(Choice({ideas_[0], ideas_[0]}), T(1)), v1::REJECTION_REASON_INVALID_COMMAND);
  EXPECT_EQ(h().Reason(Choice({ideas_[0], own_}), T(0)), v1::REJECTION_REASON_OWN_IDEA);
  EXPECT_EQ(h().Reason(Choice({ideas_[0], 999}), T(1)), v1::REJECTION_REASON_UNKNOWN_IDEA);
  EXPECT_EQ(h().Reason(Choice({}), T(1)), v1::REJECTION_REASON_INVALID_COMMAND)
      << "nothing to withdraw";
  EXPECT_EQ(h().Reason(SetPointsCmd({{ideas_[0], 1}}), T(1)), v1::REJECTION_REASON_WRONG_BALLOT);
  v1::Event chosen = h().Accept(Choice({ideas_[2], ideas_[0]}), T(1));
  EXPECT_EQ(chosen.choice_set().step_id(), 3u);
  h().Accept(Choice({ideas_[0], own_}), T(2));
  h().Accept(Choice({ideas_[1], ideas_[0]}), T(0));
  v1::Results results = ComputeResults(h().state());
  EXPECT_EQ(ResultOf(results.points(), ideas_[0]).points(), 3u);
  EXPECT_EQ(ResultOf(results.points(), ideas_[0]).tables(), 3u);
  EXPECT_EQ(ResultOf(results.points(), own_).points(), 1u) << "the minority choice stays visible";
  EXPECT_EQ(results.points(0).target_id(), ideas_[0]);
  // Changing one's mind, then withdrawing.
  h().Accept(Choice({ideas_[1], ideas_[3]}), T(1));
  EXPECT_EQ(ResultOf(ComputeResults(h().state()).points(), ideas_[0]).points(), 2u);
  h().Accept(Choice({}), T(1));
  EXPECT_EQ(BallotAt(h().state(), 3, tables_[1]), nullptr);
  EXPECT_EQ(VoteTally(h().state()).voting, 2u);
}

TEST_F(BallotsTest, APickOfMoreThanThereIsNamesWhatThereIs) {
  Start({Kind(v1::BALLOT_KIND_PICK, 10)});
  // Table 1 may not choose its own idea: four are left, and it chooses them all.
  h().Accept(Choice({ideas_[0], ideas_[1], ideas_[2], ideas_[3]}), T(0));
  EXPECT_EQ(h().Reason(Choice({ideas_[0], ideas_[1], ideas_[2], ideas_[3]}), T(1)),
            v1::REJECTION_REASON_WRONG_COUNT)
      << "table 2 has five to choose from";
}

TEST_F(BallotsTest, ARankingIsCompleteAndCountsAsBorda) {
  Start({Kind(v1::BALLOT_KIND_RANKING)});
  // Table 1 ranks the four others' ideas; tables 2 and 3 rank all five.
  EXPECT_EQ(h().Reason(Choice({ideas_[0], ideas_[1], ideas_[2]}), T(0)),
            v1::REJECTION_REASON_WRONG_COUNT);
  h().Accept(Choice({ideas_[0], ideas_[1], ideas_[2], ideas_[3]}), T(0));
  h().Accept(Choice({ideas_[1], ideas_[0], own_, ideas_[2], ideas_[3]}), T(1));
  h().Accept(Choice({ideas_[1], own_, ideas_[0], ideas_[3], ideas_[2]}), T(2));
  const v1::Results results = ComputeResults(h().state());
  // Borda: 4-3-2-1 for table 1, 5-4-3-2-1 for the others.
  EXPECT_EQ(ResultOf(results.points(), ideas_[1]).points(), 3u + 5 + 5);
  EXPECT_EQ(ResultOf(results.points(), ideas_[0]).points(), 4u + 4 + 3);
  EXPECT_EQ(ResultOf(results.points(), own_).points(), 0u + 3 + 4);
  EXPECT_EQ(results.points(0).target_id(), ideas_[1]);
  const v1::TargetResult& first = ResultOf(results.points(), ideas_[1]);
  ASSERT_EQ(first.ranks_size(), 2);
  EXPECT_EQ(first.ranks(0), 2u) << "ranked first twice";
  EXPECT_EQ(first.ranks(1), 1u) << "second once";
  const v1::TargetResult& last = ResultOf(results.points(), ideas_[2]);
  ASSERT_EQ(last.ranks_size(), 5);
  EXPECT_EQ(last.ranks(2), 1u);
  EXPECT_EQ(last.ranks(3), 1u);
  EXPECT_EQ(last.ranks(4), 1u);
}

TEST_F(BallotsTest, APartialRankingNamesItsFirstPlaces) {
  Start({Kind(v1::BALLOT_KIND_RANKING, 2)});
  EXPECT_EQ(h().Reason(Choice({ideas_[0], ideas_[1], ideas_[2]}), T(1)),
            v1::REJECTION_REASON_WRONG_COUNT);
  h().Accept(Choice({ideas_[2], ideas_[0]}), T(1));
  const v1::Results results = ComputeResults(h().state());
  EXPECT_EQ(ResultOf(results.points(), ideas_[2]).points(), 2u);
  EXPECT_EQ(ResultOf(results.points(), ideas_[0]).points(), 1u);
  EXPECT_EQ(ResultOf(results.points(), ideas_[1]).points(), 0u);
}

TEST_F(BallotsTest, BucketsSortAndNewSubjectsArePosted) {
  Start({Kind(v1::BALLOT_KIND_BUCKETS)});
  h().Accept(Buckets({{ideas_[0], v1::BUCKET_COFFRE_FORT}, {ideas_[1], v1::BUCKET_POUBELLE}}), T(1));
  h().Accept(Buckets({{ideas_[0], v1::BUCKET_MACHINE_A_LAVER}, {ideas_[2], v1::BUCKET_COFFRE_FORT}}),
             T(1));
  h().Accept(Buckets({{ideas_[0], v1::BUCKET_COFFRE_FORT}}), T(2));
  EXPECT_EQ(h().Reason(Buckets({{ideas_[3], static_cast<v1::Bucket>(7)}}), T(2)),
            v1::REJECTION_REASON_INVALID_COMMAND);
  EXPECT_EQ(h().Reason(Buckets({{own_, v1::BUCKET_POUBELLE}}), T(0)), v1::REJECTION_REASON_OWN_IDEA);
  EXPECT_EQ(h().Reason(SetPointsCmd({{ideas_[0], 1}}), T(1)), v1::REJECTION_REASON_WRONG_BALLOT);
  // "Longue-vue": a new subject is posted as an idea of this step, and is not itself sorted.
  TargetId subject = h().Post(tables_[2], "Et la mobilité des seniors ?");
  EXPECT_EQ(h().state().ideas.at(subject).step_id, 3u);
  EXPECT_EQ(h().Reason(Buckets({{subject, v1::BUCKET_COFFRE_FORT}}), T(1)),
            v1::REJECTION_REASON_INVALID_COMMAND);
  v1::Command edit_old;
  edit_old.mutable_edit_idea()->set_idea_id(own_);
  edit_old.mutable_edit_idea()->set_text("Autre chose");
  EXPECT_EQ(h().Reason(edit_old, T(0)), v1::REJECTION_REASON_WRONG_PHASE)
      << "only the new subjects change during the sorting";

  const v1::Results results = ComputeResults(h().state());
  const v1::TargetResult& kept = ResultOf(results.points(), ideas_[0]);
  ASSERT_EQ(kept.buckets_size(), 3);
  EXPECT_EQ(kept.buckets(0), 0u);
  EXPECT_EQ(kept.buckets(1), 1u);
  EXPECT_EQ(kept.buckets(2), 1u);
  EXPECT_EQ(kept.points(), 1u) << "one coffre-fort";
  EXPECT_EQ(ResultOf(results.points(), ideas_[1]).buckets(0), 1u);
  for (const v1::TargetResult& t : results.points()) EXPECT_NE(t.target_id(), subject);
  // Taken out of its bucket.
  h().Accept(Buckets({{ideas_[1], v1::BUCKET_UNSPECIFIED}}), T(1));
  EXPECT_FALSE(BallotAt(h().state(), 3, tables_[1])->buckets.contains(ideas_[1]));
}

TEST(BallotsChoice, WhatAChoiceNamesCannotBeMergedSplitOrDeleted) {
  // A pick, then grouping again: what the pick named stays as it was.
  v1::WorkshopConfig config = IdeationConfig();
  for (v1::Phase kind : {v1::PHASE_SETUP, v1::PHASE_DIVERGENCE, v1::PHASE_CONVERGENCE,
                         v1::PHASE_GROUPING, v1::PHASE_CONCLUSION}) {
    config.add_agenda()->set_kind(kind);
  }
  *config.mutable_agenda(2)->mutable_ballot() = Kind(v1::BALLOT_KIND_PICK, 2);
  Harness h(config);
  TableId t = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  TargetId a = h.PostAsAnimateur("Un banc");
  TargetId b = h.PostAsAnimateur("Un autre banc");
  TargetId c = h.PostAsAnimateur("Une fontaine");
  TargetId d = h.PostAsAnimateur("Un préau");
  TargetId cluster = h.Merge({a, b}, "Des bancs");
  h.MoveTo(v1::PHASE_CONVERGENCE);
  h.Accept(Choice({cluster, c}), TableActor(t));
  auto refused = h.Run(MergeCmd({c, d}, "Eau et ombre"), Animateur());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason(), v1::REJECTION_REASON_TARGET_IN_BALLOT);
  EXPECT_EQ(refused.error().target_id(), c);
  EXPECT_EQ(refused.error().step_id(), 3u);
  h.MoveTo(v1::PHASE_GROUPING);
  EXPECT_EQ(h.Reason(SplitCmd(cluster), Animateur()), v1::REJECTION_REASON_TARGET_IN_BALLOT);
  v1::Command remove;
  remove.mutable_delete_idea()->set_idea_id(c);
  EXPECT_EQ(h.Reason(remove, Animateur()), v1::REJECTION_REASON_TARGET_IN_BALLOT);
  // Deleting one of three ideas of the cluster leaves the cluster the choice named.
  TargetId e = h.PostAsAnimateur("Un banc de plus");
  h.Accept(MergeCmd({e}, "", cluster), Animateur());
  remove.mutable_delete_idea()->set_idea_id(e);
  h.Accept(remove, Animateur());
  // Ideas nobody chose still change.
  TargetId f = h.PostAsAnimateur("Une boîte à livres");
  h.Accept(MergeCmd({d, f}, "Lire à l'ombre"), Animateur());
}

TEST_F(BallotsTest, AMergeMovesPointsInEveryVoteStepWithinItsCap) {
  v1::Ballot dots = Kind(v1::BALLOT_KIND_DOTS);
  dots.set_budget(2);
  Start({Kind(v1::BALLOT_KIND_BUDGET), dots});
  h().Accept(SetPointsCmd({{ideas_[0], 3}, {ideas_[1], 2}}), T(1));
  h().Accept(ToStep(4), Animateur());
  h().Accept(SetPointsCmd({{ideas_[0], 1}, {ideas_[1], 1}}), T(1));
  v1::Event merged = h().Accept(MergeCmd({ideas_[0], ideas_[1]}, "Mobilier"), Animateur());
  const TargetId cluster = merged.ideas_merged().cluster_id();
  EXPECT_EQ(BallotAt(h().state(), 3, tables_[1])->points.at(cluster), 3u) << "5 capped to 3";
  EXPECT_EQ(BallotAt(h().state(), 4, tables_[1])->points.at(cluster), 1u) << "2 dots capped to 1";
  ASSERT_EQ(merged.ideas_merged().released_size(), 2);
  for (const v1::PointsReleased& r : merged.ideas_merged().released()) {
    EXPECT_EQ(r.points(), r.step_id() == 3 ? 2u : 1u);
  }
  WorkshopState recomputed = h().state();
  RecomputeTotals(recomputed);
  EXPECT_EQ(recomputed.tallies, h().state().tallies);
  EXPECT_TRUE(SameState(Replay(h().log()), h().state()));
}

TEST_F(BallotsTest, APauseStopsEveryBallot) {
  Start({Kind(v1::BALLOT_KIND_RANKING)});
  v1::Command pause;
  pause.mutable_pause_workshop()->set_paused(true);
  h().Accept(pause, Animateur());
  EXPECT_EQ(h().Reason(Choice({ideas_[0]}), T(1)), v1::REJECTION_REASON_WORKSHOP_PAUSED);
  EXPECT_EQ(h().Reason(Buckets({{ideas_[0], v1::BUCKET_POUBELLE}}), T(1)),
            v1::REJECTION_REASON_WORKSHOP_PAUSED);
}

TEST_F(BallotsTest, ABallotIsSeenByItsVoterAndTheAnimateurOnly) {
  Start({Kind(v1::BALLOT_KIND_PICK, 1, v1::VOTER_SEAT)});
  SeatId s1 = h().JoinSeat(tables_[0], 1);
  SeatId s2 = h().JoinSeat(tables_[0], 2);
  v1::Event cast = h().Accept(Choice({ideas_[0]}), SeatActor(s1, tables_[0]));
  EXPECT_TRUE(ViewEvent(cast, Animateur()));
  EXPECT_TRUE(ViewEvent(cast, T(0))) << "the tablet the seat votes through";
  EXPECT_TRUE(ViewEvent(cast, SeatActor(s1, tables_[0])));
  EXPECT_FALSE(ViewEvent(cast, SeatActor(s2, tables_[0]))) << "a neighbour's ballot is secret";
  EXPECT_FALSE(ViewEvent(cast, T(1)));
  EXPECT_FALSE(ViewEvent(cast, Observer()));
  const EventAudiences audiences = ViewsByAudience(cast);
  EXPECT_EQ(audiences.only_seat_id, s1);
  EXPECT_FALSE(audiences.other_tables);
  EXPECT_FALSE(audiences.observers);
  EXPECT_EQ(ViewState(h().state(), SeatActor(s2, tables_[0])).ballots_size(), 0);
  EXPECT_EQ(ViewState(h().state(), SeatActor(s1, tables_[0])).ballots_size(), 1);
  EXPECT_EQ(ViewState(h().state(), T(0)).ballots_size(), 1);
  EXPECT_EQ(ViewState(h().state(), T(1)).ballots_size(), 0);
  EXPECT_EQ(ViewState(h().state(), Observer()).ballots_size(), 0);
  EXPECT_EQ(ViewState(h().state(), Animateur()).ballots_size(), 1);
}

TEST_F(BallotsTest, SnapshotsKeepEveryBallotAndReplayAgrees) {
  Start({Kind(v1::BALLOT_KIND_RANKING, 2), Kind(v1::BALLOT_KIND_BUCKETS),
         Kind(v1::BALLOT_KIND_DOTS, 0, v1::VOTER_SEAT)});
  h().Accept(Choice({ideas_[1], ideas_[0]}), T(1));
  h().Accept(ToStep(4), Animateur());
  h().Accept(Buckets({{ideas_[3], v1::BUCKET_MACHINE_A_LAVER}}), T(2));
  h().Accept(ToStep(5), Animateur());
  SeatId seat = h().JoinSeat(tables_[2], 1);
  h().Accept(SeatPoints(seat, ideas_[2], 1), T(2));
  auto back = FromProto(ToProto(h().state()));
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(SameState(*back, h().state()));
  EXPECT_TRUE(SameState(Replay(h().log()), h().state()));
  EXPECT_EQ(back->ballots.at(BallotKey{3, tables_[1], 0}).choice,
            (std::vector<TargetId>{ideas_[1], ideas_[0]}))
      << "a ranking keeps its order";
  // A snapshot naming a dead target in a choice is refused.
  v1::WorkshopState bad = ToProto(h().state());
  for (v1::BallotState& b : *bad.mutable_ballots()) {
    if (b.choice_size() > 0) b.set_choice(0, 999);
  }
  EXPECT_FALSE(FromProto(bad));
}

// Logs and snapshots written before ballots: the PointsSet, PointsReleased and TableState.points
// of their only vote step.
TEST(BallotsBefore, ALogsPointsWithoutStepAreTheVoteSteps) {
  Harness h;
  TableId a = h.JoinTable();
  TableId b = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  TargetId idea = h.Post(a, "Une idée");
  TargetId other = h.Post(a, "Une autre");
  h.MoveTo(v1::PHASE_GROUPING);
  h.MoveTo(v1::PHASE_CONVERGENCE);
  std::vector<v1::Event> log = h.log();
  // As written before ballots: no step, no seat.
  v1::Event points = h.Accept(SetPointsCmd({{idea, 3}, {other, 2}}), TableActor(b));
  points.mutable_points_set()->clear_step_id();
  log.push_back(points);
  v1::Event merged = h.Accept(MergeCmd({idea, other}, "Ensemble"), Animateur());
  ASSERT_EQ(merged.ideas_merged().released_size(), 1);
  merged.mutable_ideas_merged()->mutable_released(0)->clear_step_id();
  log.push_back(merged);
  WorkshopState old = Replay(log);
  EXPECT_TRUE(SameState(old, h.state()));
  EXPECT_EQ(PointsOf(old, b, merged.ideas_merged().cluster_id()), 3u);

  // A snapshot of then: the table's points in TableState.
  v1::WorkshopState proto = ToProto(h.state());
  ASSERT_EQ(proto.ballots_size(), 1);
  for (v1::TableState& t : *proto.mutable_tables()) {
    if (t.id() == b) *t.mutable_points() = proto.ballots(0).points();
  }
  proto.clear_ballots();
  auto read = FromProto(proto);
  ASSERT_TRUE(read) << read.error();
  EXPECT_TRUE(SameState(*read, h.state()));
}

// A vote's results list what was on its ballot: the ideas posted before it. Ideas posted later
// (the challenges listed after a pick of projects) are not there with 0, in that vote's results
// or as it is shown afterwards; the next vote lists them.
TEST(BallotResults, IdeasPostedAfterAVoteAreNotInItsResults) {
  v1::WorkshopConfig config = IdeationConfig();
  for (v1::Phase kind : {v1::PHASE_SETUP, v1::PHASE_DIVERGENCE, v1::PHASE_CONVERGENCE,
                         v1::PHASE_DIVERGENCE, v1::PHASE_CONVERGENCE, v1::PHASE_CONCLUSION}) {
    config.add_agenda()->set_kind(kind);
  }
  *config.mutable_agenda(2)->mutable_ballot() = Kind(v1::BALLOT_KIND_PICK, 1);
  *config.mutable_agenda(4)->mutable_ballot() = Kind(v1::BALLOT_KIND_DOTS);
  Harness h(config);
  const TableId table = h.JoinTable();
  h.Accept(ToStep(2), Animateur());
  const TargetId project = h.PostAsAnimateur("La maison de santé");
  const TargetId other = h.PostAsAnimateur("Le budget participatif");
  h.Accept(ToStep(3), Animateur());
  h.Accept(Choice({project}), TableActor(table));
  h.Accept(ToStep(4), Animateur());
  const TargetId challenge = h.PostAsAnimateur("Loger les jeunes actifs");
  const TargetId challenges = h.Merge({challenge, h.PostAsAnimateur("Des logements pour les jeunes")},
                                      "Le logement des jeunes");
  h.Accept(ToStep(5), Animateur());
  h.Accept(SetPointsCmd({{challenges, 1}}), TableActor(table));

  v1::Results results = ComputeResults(h.state());
  ASSERT_EQ(results.vote_step_id(), 5u);
  ASSERT_EQ(results.other_votes_size(), 1);
  std::set<TargetId> first_vote;
  for (const v1::TargetResult& t : results.other_votes(0).targets()) first_vote.insert(t.target_id());
  EXPECT_EQ(first_vote, (std::set<TargetId>{project, other}));
  EXPECT_EQ(ResultOf(results.other_votes(0).targets(), project).points(), 1u);
  std::set<TargetId> second_vote;
  for (const v1::TargetResult& t : results.points()) second_vote.insert(t.target_id());
  EXPECT_EQ(second_vote, (std::set<TargetId>{project, other, challenges}));
  EXPECT_EQ(ResultOf(results.points(), challenges).points(), 1u);
}

}  // namespace
}  // namespace atelier::workshop::testing
