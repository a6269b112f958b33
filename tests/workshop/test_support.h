// A workshop driven through Decide and Apply, as the server does, for tests: commands in,
// events folded, rejections returned for inspection.
#ifndef ATELIER_TESTS_WORKSHOP_TEST_SUPPORT_H_
#define ATELIER_TESTS_WORKSHOP_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/workshop/apply.h"
#include "server/workshop/config.h"
#include "server/workshop/decide.h"

namespace atelier::workshop::testing {

v1::Actor Animateur();
v1::Actor TableActor(TableId table);
v1::Actor SeatActor(SeatId seat, TableId table);
v1::Actor Observer();
v1::Actor System();

// "Comment optimiser l'utilisation de la salle municipale ?", default budget 30 and cap 3.
v1::WorkshopConfig IdeationConfig();
// "Concertation sur l'accueil des réfugiés", criteria acceptabilité (higher is better),
// coût (lower is better), humanisme (higher is better), each 0-10.
v1::WorkshopConfig EvaluationConfig();
// The configuration with a table allowed as many ideas as the workshop allows at all (tests that
// post hundreds from one table).
v1::WorkshopConfig Prolific(v1::WorkshopConfig config);

v1::Command Cmd(const std::string& id);  // an empty command with this command id
v1::Command PostIdeaCmd(const std::string& text);
v1::Command SetPhaseCmd(v1::Phase phase);
v1::Command SetPointsCmd(std::initializer_list<std::pair<TargetId, uint32_t>> points);
// A pick or a ranking (SetChoice), and a sorting into buckets (SetBuckets); seat 0: the actor's.
v1::Command ChoiceCmd(std::initializer_list<TargetId> targets, SeatId seat = 0);
v1::Command BucketsCmd(std::initializer_list<std::pair<TargetId, v1::Bucket>> items);
v1::Command MergeCmd(std::initializer_list<TargetId> targets, const std::string& title,
                     TargetId into = 0);
v1::Command SplitCmd(TargetId cluster, std::initializer_list<TargetId> ideas = {});
v1::Command ScoreCmd(SeatId seat, TargetId idea, CriterionId criterion, int32_t value);

class Harness {
 public:
  explicit Harness(const v1::WorkshopConfig& config = IdeationConfig(),
                   const std::vector<std::string>& seed_ideas = {});
  // Created from a whole CreateWorkshop (its seeds as they are: origins, stages).
  explicit Harness(const v1::CreateWorkshop& create);

  // Decides; on acceptance folds the event into state() and appends it to log(). A table or
  // seat actor with id 0 joins as a newcomer with the join code would (context.via_join_code).
  Decision Run(v1::Command command, const v1::Actor& actor);
  // Runs and fails the test (ADD_FAILURE) if rejected; returns the event.
  v1::Event Accept(v1::Command command, const v1::Actor& actor);
  // Runs and returns the rejection reason (UNSPECIFIED and a test failure if accepted).
  v1::RejectionReason Reason(v1::Command command, const v1::Actor& actor);

  TableId JoinTable(ProfileId profile = 0);  // a tablet with the join code, as this profile
  SeatId JoinSeat(TableId table, uint32_t seat_number, ProfileId profile = 0);
  // A seat as a log written before seats needed a scoring phase holds it (an ideation's): the
  // SeatJoined event folded without a decision. Replays must keep accepting such logs.
  SeatId StoredSeat(TableId table, uint32_t seat_number);
  TargetId Post(TableId table, const std::string& text);  // as that table, in divergence
  TargetId PostAsAnimateur(const std::string& text);
  void MoveTo(v1::Phase phase);
  TargetId Merge(std::initializer_list<TargetId> targets, const std::string& title);

  const WorkshopState& state() const { return state_; }
  const std::vector<v1::Event>& log() const { return log_; }
  int64_t& now_ms() { return now_ms_; }

 private:
  WorkshopState state_;
  std::vector<v1::Event> log_;
  int64_t now_ms_ = 1'700'000'000'000;
  uint64_t next_command_ = 1;
};

// Folds a log from scratch into a fresh state.
WorkshopState Replay(const std::vector<v1::Event>& log);

// Whether two states are the same, field by field (through their snapshot form would hide
// differences in the totals, so this compares the structs).
::testing::AssertionResult SameState(const WorkshopState& a, const WorkshopState& b);

// The workshop's first vote step (the only one of the templates' default agendas): a voter's
// ballot there (nullptr: none), a table's points on a target and points spent, the step's tally.
const Ballot* VoteBallot(const WorkshopState& state, TableId table, SeatId seat = 0);
uint32_t PointsOf(const WorkshopState& state, TableId table, TargetId target);
uint32_t SpentOf(const WorkshopState& state, TableId table);
const Tally& VoteTally(const WorkshopState& state);

}  // namespace atelier::workshop::testing

#endif  // ATELIER_TESTS_WORKSHOP_TEST_SUPPORT_H_
