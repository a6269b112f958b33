// Roles (who may do what), phases (when), joining, the timer and the reveal.
#include <gtest/gtest.h>

#include "tests/workshop/test_support.h"

namespace atelier::workshop {
namespace {

using namespace testing;

TEST(Roles, ObserverCommandsAreAllRefused) {
  Harness h;
  std::vector<v1::Command> commands = {PostIdeaCmd("x"), SetPhaseCmd(v1::PHASE_DIVERGENCE),
                                       SetPointsCmd({{1, 1}}), MergeCmd({1, 2}, "t")};
  v1::Command join;
  join.mutable_join_table();
  commands.push_back(join);
  for (const v1::Command& c : commands) {
    auto decision = h.Run(c, Observer());
    ASSERT_FALSE(decision) << c.ShortDebugString();
    EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  }
  EXPECT_EQ(h.state().seq, 1u);
}

TEST(Roles, TableCannotRunAnimateurCommands) {
  Harness h;
  TableId t = h.JoinTable();
  v1::Command reveal;
  reveal.mutable_reveal_results()->set_revealed(true);
  v1::Command timer;
  timer.mutable_start_timer()->set_duration_ms(60'000);
  v1::Command configure;
  *configure.mutable_configure_workshop()->mutable_config() = IdeationConfig();
  for (const v1::Command& c : {SetPhaseCmd(v1::PHASE_DIVERGENCE), reveal, timer, configure,
                               MergeCmd({1, 2}, "t"), SplitCmd(1)}) {
    auto decision = h.Run(c, TableActor(t));
    ASSERT_FALSE(decision) << c.ShortDebugString();
    EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_FORBIDDEN_ROLE);
    EXPECT_EQ(decision.error().required_role(), v1::ACTOR_KIND_ANIMATEUR);
  }
}

TEST(Roles, TableSeatsOnlyItsOwnParticipants) {
  Harness h(EvaluationConfig());
  TableId a = h.JoinTable();
  TableId b = h.JoinTable();
  v1::Command seat;
  seat.mutable_join_seat()->set_table_id(b);
  seat.mutable_join_seat()->set_seat_number(1);
  EXPECT_EQ(h.Reason(seat, TableActor(a)), v1::REJECTION_REASON_NOT_YOUR_TABLE);
}

// Found by tests/fuzz/client_message_fuzzer (crashes/client_message_fuzzer/
// seat-joins-another-table): a phone seat created a seat at another table.
TEST(Roles, SeatTakesASeatOnlyAtItsOwnTable) {
  Harness h(EvaluationConfig());
  TableId a = h.JoinTable();
  TableId b = h.JoinTable();
  SeatId phone = h.JoinSeat(a, 1);
  v1::Command seat;
  seat.mutable_join_seat()->set_table_id(b);
  seat.mutable_join_seat()->set_seat_number(1);
  EXPECT_EQ(h.Reason(seat, SeatActor(phone, a)), v1::REJECTION_REASON_NOT_YOUR_TABLE);
  EXPECT_EQ(h.state().seats.size(), 1u);
  // Nor at its own: it has a seat already, and its table seats the others.
  seat.mutable_join_seat()->set_table_id(a);
  seat.mutable_join_seat()->set_seat_number(2);
  EXPECT_EQ(h.Reason(seat, SeatActor(phone, a)), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  EXPECT_EQ(h.state().seats.size(), 1u);
  // A phone joining with the code, as a Hello with a table and a seat number does, still works.
  EXPECT_TRUE(h.Run(seat, SeatActor(0, a)).has_value());
}

// Found with the fuzz targets' invariants (tests/workshop/workshop_invariants.h; crashes/
// client_message_fuzzer/reconfigure-after-scores): back in set-up, a configuration with a
// narrower criterion range left a score outside it (a later score then indexed past its
// histogram), and a smaller budget or cap left a table's points over it.
TEST(Configure, RefusedOnceScoresHaveBeenGiven) {
  Harness h(EvaluationConfig(), {"Loger les familles", "Un guichet unique"});
  TableId t = h.JoinTable();
  SeatId s = h.JoinSeat(t, 1);
  h.MoveTo(v1::PHASE_SCORING);
  h.Accept(ScoreCmd(s, 1, 2, 10), TableActor(t));
  h.MoveTo(v1::PHASE_SETUP);
  v1::Command configure;
  *configure.mutable_configure_workshop()->mutable_config() = EvaluationConfig();
  configure.mutable_configure_workshop()->mutable_config()->mutable_criteria(1)->set_max_value(5);
  EXPECT_EQ(h.Reason(configure, Animateur()), v1::REJECTION_REASON_INVALID_CONFIG);
  EXPECT_EQ(h.state().config.criteria(1).max_value(), 10);
}

TEST(Configure, RefusedOncePointsHaveBeenGiven) {
  Harness h;
  TableId t = h.JoinTable();
  TableId u = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  TargetId idea = h.Post(u, "Ouvrir la salle le soir");
  h.MoveTo(v1::PHASE_CONVERGENCE);
  h.Accept(SetPointsCmd({{idea, 3}}), TableActor(t));
  h.MoveTo(v1::PHASE_SETUP);
  v1::Command configure;
  *configure.mutable_configure_workshop()->mutable_config() = IdeationConfig();
  configure.mutable_configure_workshop()->mutable_config()->set_budget_per_table(2);
  EXPECT_EQ(h.Reason(configure, Animateur()), v1::REJECTION_REASON_INVALID_CONFIG);
  // Once the points are taken back, the animateur may configure again.
  h.MoveTo(v1::PHASE_CONVERGENCE);
  h.Accept(SetPointsCmd({{idea, 0}}), TableActor(t));
  h.MoveTo(v1::PHASE_SETUP);
  EXPECT_TRUE(h.Run(configure, Animateur()).has_value());
  EXPECT_EQ(h.state().config.budget_per_table(), 2u);
}

// Found by tests/fuzz/client_message_fuzzer (crashes/client_message_fuzzer/table-adds-a-table):
// a table's JoinTable added a table, again and again.
TEST(Roles, JoinedTableCannotAddTables) {
  Harness h;
  TableId a = h.JoinTable();
  v1::Command join;
  join.mutable_join_table();
  EXPECT_EQ(h.Reason(join, TableActor(a)), v1::REJECTION_REASON_NOT_YOUR_TABLE);
  join.mutable_join_table()->set_table_id(7);
  EXPECT_EQ(h.Reason(join, TableActor(a)), v1::REJECTION_REASON_NOT_YOUR_TABLE);
  EXPECT_EQ(h.state().tables.size(), 1u);
  // Nor the animateur: only a tablet's Hello with the join code makes a table.
  EXPECT_EQ(h.Reason(join, Animateur()), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  // A tablet joining with the code (a table actor without a table, the harness's newcomer) can.
  EXPECT_TRUE(h.Run(join, TableActor(0)).has_value());
  EXPECT_EQ(h.state().tables.size(), 2u);
}

TEST(Roles, CommandsBeforeCreationAreRefused) {
  WorkshopState empty;
  CommandContext ctx;
  ctx.actor = Animateur();
  auto decision = Decide(empty, SetPhaseCmd(v1::PHASE_DIVERGENCE), ctx);
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_WORKSHOP_NOT_FOUND);
}

TEST(Roles, WorkshopIsCreatedOnce) {
  Harness h;
  v1::Command create;
  *create.mutable_create_workshop()->mutable_config() = IdeationConfig();
  EXPECT_EQ(h.Reason(create, Animateur()), v1::REJECTION_REASON_WORKSHOP_EXISTS);
}

TEST(Joining, TablesGetNextFreeNumberAndCannotTakeATakenOne) {
  Harness h;
  EXPECT_EQ(h.JoinTable(), 1u);
  EXPECT_EQ(h.JoinTable(), 2u);
  v1::Command join;
  join.mutable_join_table()->set_table_id(2);
  EXPECT_EQ(h.Reason(join, TableActor(0)), v1::REJECTION_REASON_TABLE_TAKEN);
  join.mutable_join_table()->set_table_id(7);
  join.mutable_join_table()->set_name("Table des Lilas");
  h.Accept(join, TableActor(0));
  EXPECT_EQ(h.state().tables.at(7).name, "Table des Lilas");
  EXPECT_EQ(h.JoinTable(), 3u);
}

TEST(Joining, TablesFullAtTheLimit) {
  v1::WorkshopConfig config = IdeationConfig();
  config.set_max_tables(2);
  Harness h(config);
  h.JoinTable();
  h.JoinTable();
  v1::Command join;
  join.mutable_join_table();
  auto decision = h.Run(join, TableActor(0));
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_TABLES_FULL);
  EXPECT_EQ(decision.error().limit(), 2u);
  // A tablet asking again for its own table is told it is taken, not that the room is full.
  join.mutable_join_table()->set_table_id(2);
  EXPECT_EQ(h.Reason(join, TableActor(0)), v1::REJECTION_REASON_TABLE_TAKEN);
}

TEST(Joining, SeatsAreNumberedWithinTheTable) {
  Harness h(EvaluationConfig());
  TableId t = h.JoinTable();
  SeatId s1 = h.JoinSeat(t, 1);
  v1::Command seat;
  seat.mutable_join_seat()->set_table_id(t);
  seat.mutable_join_seat()->set_seat_number(1);
  auto taken = h.Run(seat, TableActor(t));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().reason(), v1::REJECTION_REASON_SEAT_TAKEN);
  EXPECT_EQ(taken.error().seat_id(), s1);
  seat.mutable_join_seat()->set_seat_number(4);
  EXPECT_EQ(h.Reason(seat, TableActor(t)), v1::REJECTION_REASON_SEAT_NUMBER_OUT_OF_RANGE);
  seat.mutable_join_seat()->set_table_id(99);
  seat.mutable_join_seat()->set_seat_number(1);
  EXPECT_EQ(h.Reason(seat, SeatActor(0, 99)), v1::REJECTION_REASON_UNKNOWN_TABLE);
}

// A seat scores: in a workshop without a scoring phase a phone would wait for nothing and be
// counted as someone present. A log from before the rule still replays with its seats.
TEST(Joining, SeatsOnlyWhereThereIsAScoringPhase) {
  Harness h;  // an ideation
  TableId t = h.JoinTable();
  v1::Command seat;
  seat.mutable_join_seat()->set_table_id(t);
  seat.mutable_join_seat()->set_seat_number(1);
  auto by_phone = h.Run(seat, SeatActor(0, t));
  ASSERT_FALSE(by_phone.has_value());
  EXPECT_EQ(by_phone.error().reason(), v1::REJECTION_REASON_PHASE_NOT_IN_WORKSHOP);
  EXPECT_EQ(by_phone.error().allowed_phases_size(), 5);
  EXPECT_EQ(h.Reason(seat, TableActor(t)), v1::REJECTION_REASON_PHASE_NOT_IN_WORKSHOP);
  EXPECT_TRUE(h.state().seats.empty());

  h.StoredSeat(t, 1);
  EXPECT_EQ(h.state().seats.size(), 1u);
  EXPECT_TRUE(SameState(Replay(h.log()), h.state()));

  Harness evaluation(EvaluationConfig());
  TableId e = evaluation.JoinTable();
  EXPECT_TRUE(evaluation.Run(seat, SeatActor(0, e)).has_value());
}

TEST(Phases, CommandsInTheWrongPhaseNameThePhaseNeeded) {
  Harness h;
  TableId t = h.JoinTable();
  auto decision = h.Run(PostIdeaCmd("Trop tôt"), TableActor(t));
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_WRONG_PHASE);
  EXPECT_EQ(decision.error().current_phase(), v1::PHASE_SETUP);
  EXPECT_EQ(decision.error().allowed_phases(0), v1::PHASE_DIVERGENCE);
  h.MoveTo(v1::PHASE_DIVERGENCE);
  h.Post(t, "Maintenant");
  h.MoveTo(v1::PHASE_CONCLUSION);
  EXPECT_EQ(h.Reason(PostIdeaCmd("Trop tard"), TableActor(t)), v1::REJECTION_REASON_WRONG_PHASE);
  v1::Command configure;
  *configure.mutable_configure_workshop()->mutable_config() = IdeationConfig();
  EXPECT_EQ(h.Reason(configure, Animateur()), v1::REJECTION_REASON_WRONG_PHASE);
}

TEST(Phases, OnlyTheWorkshopsPhases) {
  Harness h;
  auto decision = h.Run(SetPhaseCmd(v1::PHASE_SCORING), Animateur());
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_PHASE_NOT_IN_WORKSHOP);
  EXPECT_EQ(decision.error().allowed_phases_size(), 5);
  EXPECT_EQ(h.Reason(SetPhaseCmd(v1::PHASE_SETUP), Animateur()),
            v1::REJECTION_REASON_INVALID_COMMAND);
}

TEST(Phases, AnimateurMayGoBack) {
  Harness h;
  h.MoveTo(v1::PHASE_CONVERGENCE);
  h.MoveTo(v1::PHASE_DIVERGENCE);
  EXPECT_EQ(h.state().phase, v1::PHASE_DIVERGENCE);
}

TEST(Phases, NextStepFollowsTheConfiguredOrder) {
  Harness h;
  ASSERT_NE(NextStep(h.state()), nullptr);
  EXPECT_EQ(NextStep(h.state())->kind(), v1::PHASE_DIVERGENCE);
  h.MoveTo(v1::PHASE_CONCLUSION);
  EXPECT_EQ(NextStep(h.state()), nullptr);
}

TEST(Phases, SystemClosesAPhaseForTheTimer) {
  Harness h;
  h.Accept(SetPhaseCmd(v1::PHASE_DIVERGENCE), System());
  EXPECT_EQ(h.state().phase, v1::PHASE_DIVERGENCE);
}

TEST(Timer, StartPauseResumeExtendInServerTime) {
  Harness h;
  h.MoveTo(v1::PHASE_DIVERGENCE);
  v1::Command start;
  start.mutable_start_timer()->set_duration_ms(15 * 60'000);
  start.mutable_start_timer()->set_auto_close(true);
  int64_t t0 = h.now_ms();
  v1::Event started = h.Accept(start, Animateur());
  EXPECT_EQ(started.timer_started().deadline_ms(), t0 + 15 * 60'000);
  EXPECT_TRUE(h.state().timer.auto_close);

  h.now_ms() += 60'000;
  v1::Command pause;
  pause.mutable_pause_timer();
  EXPECT_EQ(h.Accept(pause, Animateur()).timer_paused().remaining_ms(), 14 * 60'000);
  EXPECT_EQ(h.Reason(pause, Animateur()), v1::REJECTION_REASON_TIMER_NOT_RUNNING);

  v1::Command extend;
  extend.mutable_extend_timer()->set_by_ms(5 * 60'000);
  h.Accept(extend, Animateur());
  EXPECT_EQ(h.state().timer.remaining_ms, 19 * 60'000);

  h.now_ms() += 3600'000;  // a long pause changes nothing
  v1::Command resume;
  resume.mutable_resume_timer();
  EXPECT_EQ(h.Accept(resume, Animateur()).timer_resumed().deadline_ms(), h.now_ms() + 19 * 60'000);
  EXPECT_EQ(h.Reason(resume, Animateur()), v1::REJECTION_REASON_TIMER_NOT_PAUSED);

  h.MoveTo(v1::PHASE_GROUPING);
  EXPECT_FALSE(h.state().timer.running);
  EXPECT_EQ(h.Reason(extend, Animateur()), v1::REJECTION_REASON_TIMER_NOT_RUNNING);
  start.mutable_start_timer()->set_duration_ms(0);
  EXPECT_EQ(h.Reason(start, Animateur()), v1::REJECTION_REASON_INVALID_COMMAND);
}

TEST(Reveal, TogglesAndRefusesNoOp) {
  Harness h;
  v1::Command reveal;
  reveal.mutable_reveal_results()->set_revealed(true);
  h.Accept(reveal, Animateur());
  EXPECT_TRUE(h.state().results_revealed);
  EXPECT_EQ(h.Reason(reveal, Animateur()), v1::REJECTION_REASON_INVALID_COMMAND);
}

TEST(Idempotency, RetriedCommandMapsToItsFirstEvent) {
  Harness h;
  TableId t = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  v1::Command post = PostIdeaCmd("Une seule fois");
  post.set_command_id("tablet-7");
  v1::Event first = h.Accept(post, TableActor(t));
  EXPECT_EQ(FindApplied(h.state(), TableActor(t), "tablet-7"), first.seq());
  // The same id from another table is another command.
  EXPECT_EQ(FindApplied(h.state(), TableActor(t + 1), "tablet-7"), std::nullopt);
  EXPECT_EQ(FindApplied(h.state(), Animateur(), "tablet-7"), std::nullopt);
}

}  // namespace
}  // namespace atelier::workshop
