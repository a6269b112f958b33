// The agenda (steps of a kind, with titles and planned times, the time spent in each) and the
// "temps mort" that pauses the whole room.
#include <gtest/gtest.h>

#include "server/workshop/config.h"
#include "server/workshop/state_codec.h"
#include "tests/workshop/test_support.h"

namespace atelier::workshop::testing {
namespace {

// A Spider Web: two rings of ideas, each a divergence step with its constraint, then a vote.
v1::WorkshopConfig SprintConfig() {
  v1::WorkshopConfig config = IdeationConfig();
  auto step = [&](v1::Phase kind, const char* title, int64_t minutes, const char* instruction) {
    v1::Step& s = *config.add_agenda();
    s.set_kind(kind);
    s.set_title(title);
    s.set_planned_ms(minutes * 60'000);
    s.set_instruction(instruction);
  };
  step(v1::PHASE_SETUP, "Accueil", 5, "");
  step(v1::PHASE_DIVERGENCE, "Premier cercle", 7, "Je ne peux pas me déplacer en mairie");
  step(v1::PHASE_DIVERGENCE, "Deuxième cercle", 7, "Nous sommes en 2050");
  step(v1::PHASE_CONVERGENCE, "Gommettes", 5, "");
  step(v1::PHASE_CONCLUSION, "", 0, "");
  return config;
}

v1::Command ToStep(uint32_t step_id) {
  v1::Command c;
  c.mutable_set_phase()->set_step_id(step_id);
  return c;
}

v1::Command Pause(bool paused) {
  v1::Command c;
  c.mutable_pause_workshop()->set_paused(paused);
  return c;
}

TEST(Agenda, ANewWorkshopStartsInItsFirstStep) {
  Harness h(SprintConfig());
  EXPECT_EQ(h.state().step_id, 1u);
  EXPECT_EQ(h.state().phase, v1::PHASE_SETUP);
  EXPECT_EQ(h.state().step_started_ms, h.now_ms());
  EXPECT_EQ(h.state().config.agenda_size(), 5);
}

TEST(Agenda, TwoStepsOfOneKindAreTwoSteps) {
  Harness h(SprintConfig());
  TableId t = h.JoinTable();
  v1::Event moved = h.Accept(ToStep(2), Animateur());
  EXPECT_EQ(moved.phase_changed().from_step(), 1u);
  EXPECT_EQ(moved.phase_changed().to_step(), 2u);
  EXPECT_EQ(moved.phase_changed().from(), v1::PHASE_SETUP);
  EXPECT_EQ(moved.phase_changed().to(), v1::PHASE_DIVERGENCE);
  h.Post(t, "Un guichet itinérant");
  // Asking for a kind goes to the next step of that kind: the second ring.
  v1::Event next = h.Accept(SetPhaseCmd(v1::PHASE_DIVERGENCE), Animateur());
  EXPECT_EQ(next.phase_changed().to_step(), 3u);
  EXPECT_EQ(h.state().step_id, 3u);
  EXPECT_EQ(h.state().phase, v1::PHASE_DIVERGENCE);
  h.Post(t, "Des démarches par visio");
  // Already in the last step of that kind: back to the first one, as the animateur may go back.
  EXPECT_EQ(h.Accept(SetPhaseCmd(v1::PHASE_DIVERGENCE), Animateur()).phase_changed().to_step(), 2u);
  EXPECT_EQ(h.Reason(ToStep(2), Animateur()), v1::REJECTION_REASON_INVALID_COMMAND);
}

TEST(Agenda, AnIdeaKeepsTheStepItWasPostedIn) {
  Harness h(SprintConfig(), {"Une idée donnée au départ"});
  TableId t = h.JoinTable();
  h.Accept(ToStep(2), Animateur());
  TargetId first = h.Post(t, "Un guichet itinérant");
  h.Accept(ToStep(3), Animateur());
  TargetId second = h.Post(t, "Des démarches par visio");
  TargetId by_animateur = h.PostAsAnimateur("Une borne dans chaque quartier");
  EXPECT_EQ(h.state().ideas.at(1).step_id, 0u);  // given at creation
  EXPECT_EQ(h.state().ideas.at(first).step_id, 2u);
  EXPECT_EQ(h.state().ideas.at(second).step_id, 3u);
  EXPECT_EQ(h.state().ideas.at(by_animateur).step_id, 3u);
  EXPECT_EQ(h.log().back().idea_posted().idea().step_id(), 3u);
  auto back = FromProto(ToProto(h.state()));
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(SameState(*back, h.state()));
  v1::WorkshopState wrong = ToProto(h.state());
  wrong.mutable_ideas(1)->set_step_id(42);
  EXPECT_FALSE(FromProto(wrong));
}

// Set-up again after a visit to another step, with a new agenda whose ids mean other steps: the
// workshop is in the new agenda's set-up step, and no time is kept for a step that is gone.
TEST(Agenda, ANewAgendaDuringSetUpKeepsTheStateConsistent) {
  Harness h(SprintConfig());
  h.now_ms() += 60'000;
  h.Accept(ToStep(2), Animateur());
  h.now_ms() += 60'000;
  h.Accept(ToStep(1), Animateur());
  v1::WorkshopConfig config = IdeationConfig();
  for (auto [id, kind] : {std::pair{7u, v1::PHASE_SETUP}, std::pair{1u, v1::PHASE_DIVERGENCE},
                          std::pair{3u, v1::PHASE_CONCLUSION}}) {
    v1::Step& step = *config.add_agenda();
    step.set_id(id);
    step.set_kind(kind);
  }
  v1::Command configure;
  *configure.mutable_configure_workshop()->mutable_config() = config;
  h.Accept(configure, Animateur());
  EXPECT_EQ(h.state().step_id, 7u);  // step 1 is now a divergence: the set-up is step 7
  EXPECT_EQ(h.state().phase, v1::PHASE_SETUP);
  EXPECT_FALSE(h.state().step_spent_ms.contains(2));  // gone
  EXPECT_FALSE(h.state().step_spent_ms.contains(1));  // now another kind of step
  auto back = FromProto(ToProto(h.state()));
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(SameState(*back, h.state()));
  EXPECT_TRUE(SameState(Replay(h.log()), h.state()));
}

TEST(Agenda, AStepNotInTheAgendaIsRefusedByName) {
  Harness h(SprintConfig());
  auto decision = h.Run(ToStep(9), Animateur());
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_UNKNOWN_STEP);
  EXPECT_EQ(decision.error().step_id(), 9u);
  v1::Command mismatch = ToStep(4);  // the vote, asked for as a divergence
  mismatch.mutable_set_phase()->set_phase(v1::PHASE_DIVERGENCE);
  EXPECT_EQ(h.Reason(mismatch, Animateur()), v1::REJECTION_REASON_INVALID_COMMAND);
  auto by_kind = h.Run(SetPhaseCmd(v1::PHASE_SCORING), Animateur());
  ASSERT_FALSE(by_kind);
  EXPECT_EQ(by_kind.error().reason(), v1::REJECTION_REASON_PHASE_NOT_IN_WORKSHOP);
  EXPECT_EQ(by_kind.error().allowed_phases_size(), 4);  // the kinds, each once
  EXPECT_EQ(h.Reason(ToStep(2), TableActor(h.JoinTable())), v1::REJECTION_REASON_FORBIDDEN_ROLE);
}

TEST(Agenda, TheTimerClosesAStepIntoTheNextOne) {
  Harness h(SprintConfig());
  h.Accept(ToStep(2), Animateur());
  ASSERT_NE(NextStep(h.state()), nullptr);
  EXPECT_EQ(NextStep(h.state())->id(), 3u);  // the second ring, not the vote
  h.Accept(ToStep(5), Animateur());
  EXPECT_EQ(NextStep(h.state()), nullptr);
}

TEST(Agenda, TimeSpentIsSummedPerStepOverEveryVisit) {
  Harness h(SprintConfig());
  const int64_t t0 = h.now_ms();
  h.now_ms() += 4 * 60'000;
  h.Accept(ToStep(2), Animateur());
  h.now_ms() += 9 * 60'000;
  h.Accept(ToStep(3), Animateur());
  h.now_ms() += 60'000;
  h.Accept(ToStep(2), Animateur());  // back to the first ring for a minute
  h.now_ms() += 60'000;
  h.Accept(ToStep(4), Animateur());
  const WorkshopState& s = h.state();
  EXPECT_EQ(s.step_spent_ms.at(1), 4 * 60'000);
  EXPECT_EQ(s.step_spent_ms.at(2), 10 * 60'000);
  EXPECT_EQ(s.step_spent_ms.at(3), 60'000);
  EXPECT_FALSE(s.step_spent_ms.contains(4));  // still in it
  EXPECT_EQ(s.step_started_ms, t0 + 15 * 60'000);
}

// A log written before agendas: phases in the configuration, PhaseChanged without steps. It
// folds to the agenda it stood for, each phase its step.
TEST(Agenda, ALogFromBeforeAgendasFoldsToTheSameSteps) {
  v1::WorkshopConfig old = IdeationConfig();
  for (v1::Phase p : {v1::PHASE_SETUP, v1::PHASE_DIVERGENCE, v1::PHASE_CONVERGENCE,
                      v1::PHASE_CONCLUSION}) {
    old.add_phases(p);
  }
  old.set_budget_per_table(30);
  old.set_cap_per_target(3);
  std::vector<v1::Event> log(3);
  log[0].set_seq(1);
  log[0].set_server_time_ms(1000);
  *log[0].mutable_workshop_created()->mutable_config() = old;
  log[1].set_seq(2);
  log[1].set_server_time_ms(61'000);
  log[1].mutable_phase_changed()->set_from(v1::PHASE_SETUP);
  log[1].mutable_phase_changed()->set_to(v1::PHASE_CONVERGENCE);
  log[2].set_seq(3);
  log[2].set_server_time_ms(181'000);
  log[2].mutable_phase_changed()->set_from(v1::PHASE_CONVERGENCE);
  log[2].mutable_phase_changed()->set_to(v1::PHASE_DIVERGENCE);
  for (v1::Event& e : log) e.set_workshop_id("w-old");
  WorkshopState s = Replay(log);
  ASSERT_EQ(s.config.agenda_size(), 4);
  EXPECT_EQ(s.config.phases_size(), 0);
  EXPECT_EQ(s.step_id, 2u);
  EXPECT_EQ(s.phase, v1::PHASE_DIVERGENCE);
  EXPECT_EQ(s.step_spent_ms.at(1), 60'000);
  EXPECT_EQ(s.step_spent_ms.at(3), 120'000);
  EXPECT_EQ(s.step_started_ms, 181'000);
}

TEST(TempsMort, TablesAndSeatsWaitWithAReasonWhileTheAnimateurGoesOn) {
  v1::WorkshopConfig config = IdeationConfig();
  Harness h(config);
  TableId t = h.JoinTable();
  TableId other = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  TargetId a = h.Post(t, "Ouvrir le samedi");
  TargetId b = h.Post(other, "Ouvrir le dimanche");
  EXPECT_EQ(h.Reason(Pause(true), TableActor(t)), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  EXPECT_EQ(h.Reason(Pause(true), Observer()), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  h.Accept(Pause(true), Animateur());
  EXPECT_TRUE(h.state().paused);
  EXPECT_EQ(h.Reason(Pause(true), Animateur()), v1::REJECTION_REASON_INVALID_COMMAND);

  auto refused = h.Run(PostIdeaCmd("Pendant la pause"), TableActor(t));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason(), v1::REJECTION_REASON_WORKSHOP_PAUSED);
  EXPECT_EQ(refused.error().current_phase(), v1::PHASE_DIVERGENCE);
  EXPECT_EQ(refused.error().step_id(), h.state().step_id);
  v1::Command edit;
  edit.mutable_edit_idea()->set_idea_id(a);
  edit.mutable_edit_idea()->set_text("Autre");
  EXPECT_EQ(h.Reason(edit, TableActor(t)), v1::REJECTION_REASON_WORKSHOP_PAUSED);
  v1::Command remove;
  remove.mutable_delete_idea()->set_idea_id(a);
  EXPECT_EQ(h.Reason(remove, TableActor(t)), v1::REJECTION_REASON_WORKSHOP_PAUSED);
  // A late table still joins (and sees the pause); the animateur still tidies the wall.
  h.JoinTable();
  h.Merge({a, b}, "Ouvrir le week-end");
  h.MoveTo(v1::PHASE_CONVERGENCE);
  EXPECT_TRUE(h.state().paused);  // a new step does not lift the pause
  EXPECT_EQ(h.Reason(SetPointsCmd({{a, 1}}), TableActor(t)),
            v1::REJECTION_REASON_WORKSHOP_PAUSED);
  h.Accept(Pause(false), Animateur());
  EXPECT_FALSE(h.state().paused);
  EXPECT_EQ(h.Reason(Pause(false), Animateur()), v1::REJECTION_REASON_INVALID_COMMAND);
  h.Run(SetPointsCmd({{h.state().ideas.at(a).cluster_id, 1}}), TableActor(h.JoinTable()));
  EXPECT_EQ(VoteTally(h.state()).voting, 1u);
}

TEST(TempsMort, ASeatsScoreWaitsToo) {
  Harness h(EvaluationConfig(), {"Une idée"});
  TableId t = h.JoinTable();
  SeatId seat = h.JoinSeat(t, 1);
  h.MoveTo(v1::PHASE_SCORING);
  h.Accept(Pause(true), Animateur());
  const TargetId idea = h.state().ideas.begin()->first;
  EXPECT_EQ(h.Reason(ScoreCmd(seat, idea, 1, 5), SeatActor(seat, t)),
            v1::REJECTION_REASON_WORKSHOP_PAUSED);
  EXPECT_EQ(h.Reason(ScoreCmd(seat, idea, 1, 5), TableActor(t)),
            v1::REJECTION_REASON_WORKSHOP_PAUSED);
  h.Accept(Pause(false), Animateur());
  h.Accept(ScoreCmd(seat, idea, 1, 5), SeatActor(seat, t));
}

TEST(TempsMort, TheRunningTimerStopsWithTheRoomAndStartsAgainWithIt) {
  Harness h;
  h.MoveTo(v1::PHASE_DIVERGENCE);
  v1::Command start;
  start.mutable_start_timer()->set_duration_ms(15 * 60'000);
  start.mutable_start_timer()->set_auto_close(true);
  h.Accept(start, Animateur());
  h.now_ms() += 5 * 60'000;
  v1::Event paused = h.Accept(Pause(true), Animateur());
  EXPECT_EQ(paused.workshop_paused().timer_remaining_ms(), 10 * 60'000);
  EXPECT_FALSE(h.state().timer.running);
  EXPECT_TRUE(h.state().timer.paused);
  // The timer stands still during the pause: its commands wait too.
  v1::Command extend;
  extend.mutable_extend_timer()->set_by_ms(60'000);
  EXPECT_EQ(h.Reason(extend, Animateur()), v1::REJECTION_REASON_WORKSHOP_PAUSED);
  EXPECT_EQ(h.Reason(start, Animateur()), v1::REJECTION_REASON_WORKSHOP_PAUSED);
  // A table asking for the timer is refused for its role, pause or not.
  EXPECT_EQ(h.Reason(extend, TableActor(h.JoinTable())), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  h.now_ms() += 20 * 60'000;
  v1::Event resumed = h.Accept(Pause(false), Animateur());
  EXPECT_EQ(resumed.workshop_paused().timer_deadline_ms(), h.now_ms() + 10 * 60'000);
  EXPECT_TRUE(h.state().timer.running);
  EXPECT_EQ(h.state().timer.deadline_ms, h.now_ms() + 10 * 60'000);
  EXPECT_TRUE(h.state().timer.auto_close);
}

TEST(TempsMort, ATimerTheAnimateurHadPausedStaysPaused) {
  Harness h;
  h.MoveTo(v1::PHASE_DIVERGENCE);
  v1::Command start;
  start.mutable_start_timer()->set_duration_ms(10 * 60'000);
  h.Accept(start, Animateur());
  v1::Command pause;
  pause.mutable_pause_timer();
  h.Accept(pause, Animateur());
  v1::Event paused = h.Accept(Pause(true), Animateur());
  EXPECT_EQ(paused.workshop_paused().timer_remaining_ms(), 0);
  v1::Event resumed = h.Accept(Pause(false), Animateur());
  EXPECT_EQ(resumed.workshop_paused().timer_deadline_ms(), 0);
  EXPECT_FALSE(h.state().timer.running);
  EXPECT_TRUE(h.state().timer.paused);
  EXPECT_EQ(h.state().timer.remaining_ms, 10 * 60'000);
}

TEST(Agenda, SnapshotsKeepTheStepsAndThePauseAndRefuseOnesFromBeforeAgendas) {
  Harness h(SprintConfig());
  h.now_ms() += 60'000;
  h.Accept(ToStep(2), Animateur());
  h.now_ms() += 60'000;
  h.Accept(ToStep(3), Animateur());
  v1::Command start;
  start.mutable_start_timer()->set_duration_ms(60'000);
  h.Accept(start, Animateur());
  h.Accept(Pause(true), Animateur());
  v1::WorkshopState proto = ToProto(h.state());
  auto back = FromProto(proto);
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(SameState(*back, h.state()));

  v1::WorkshopState old = proto;  // as written before agendas
  old.clear_step_id();
  auto refused = FromProto(old);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("before agendas"), std::string::npos);
  v1::WorkshopState wrong = proto;
  wrong.set_step_id(4);  // the vote step, while the phase says divergence
  EXPECT_FALSE(FromProto(wrong));
  v1::WorkshopState unknown = proto;
  unknown.add_step_times()->set_step_id(77);
  EXPECT_FALSE(FromProto(unknown));
}

}  // namespace
}  // namespace atelier::workshop::testing
