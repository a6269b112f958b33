// Every rejection reaches the client with its reason and details; roles, tokens, hints and the
// server's timer, over the wire.
#include <gtest/gtest.h>

#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

v1::Command Join(uint32_t table, uint32_t seat_number) {
  v1::Command c;
  c.mutable_join_seat()->set_table_id(table);
  c.mutable_join_seat()->set_seat_number(seat_number);
  return c;
}

TEST(RulesOverTheWire, EveryRejectionArrivesWithItsReasonAndDetails) {
  v1::WorkshopConfig config = IdeationConfig();
  config.set_max_tables(3);
  config.set_budget_per_table(10);
  config.add_phases(v1::PHASE_SETUP);
  for (auto p : {v1::PHASE_DIVERGENCE, v1::PHASE_GROUPING, v1::PHASE_CONVERGENCE, v1::PHASE_SCORING,
                 v1::PHASE_CONCLUSION}) {
    config.add_phases(p);
  }
  *config.mutable_criteria() = EvaluationConfig().criteria();
  LiveWorkshop w(config);
  auto animateur = w.Animateur();
  auto observer = w.Observer();
  auto t1 = w.NewTable();
  auto t2 = w.NewTable();
  auto t3 = w.NewTable();
  using R = v1::RejectionReason;
  auto expect = [](Connection& c, v1::Command command, R reason) {
    v1::Rejection r = LiveWorkshop::Reject(c, std::move(command));
    EXPECT_EQ(r.reason(), reason) << r.ShortDebugString();
    EXPECT_FALSE(r.message().empty());
    return r;
  };

  v1::Rejection wrong = expect(*t1, PostIdeaCmd("Trop tôt"), v1::REJECTION_REASON_WRONG_PHASE);
  EXPECT_EQ(wrong.current_phase(), v1::PHASE_SETUP);
  EXPECT_EQ(wrong.allowed_phases(0), v1::PHASE_DIVERGENCE);
  EXPECT_EQ(expect(*t1, SetPhaseCmd(v1::PHASE_DIVERGENCE), v1::REJECTION_REASON_FORBIDDEN_ROLE)
                .required_role(),
            v1::ACTOR_KIND_ANIMATEUR);
  expect(*observer, PostIdeaCmd("Un observateur"), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  expect(*t1, Join(2, 1), v1::REJECTION_REASON_NOT_YOUR_TABLE);
  expect(*t1, Join(1, 9), v1::REJECTION_REASON_SEAT_NUMBER_OUT_OF_RANGE);
  LiveWorkshop::Accept(*t1, Join(1, 1));
  expect(*t1, Join(1, 1), v1::REJECTION_REASON_SEAT_TAKEN);
  v1::Command bad_config;
  bad_config.mutable_configure_workshop()->mutable_config()->set_question("");
  expect(*animateur, bad_config, v1::REJECTION_REASON_INVALID_CONFIG);
  v1::Command pause;
  pause.mutable_pause_timer();
  expect(*animateur, pause, v1::REJECTION_REASON_TIMER_NOT_RUNNING);
  v1::Command resume;
  resume.mutable_resume_timer();
  expect(*animateur, resume, v1::REJECTION_REASON_TIMER_NOT_PAUSED);
  expect(*animateur, SetPhaseCmd(v1::PHASE_UNSPECIFIED),
         v1::REJECTION_REASON_PHASE_NOT_IN_WORKSHOP);

  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  expect(*t1, PostIdeaCmd("   "), v1::REJECTION_REASON_IDEA_EMPTY);
  EXPECT_EQ(
      expect(*t1, PostIdeaCmd(std::string(501, 'a')), v1::REJECTION_REASON_IDEA_TOO_LONG).limit(),
      500u);
  for (int i = 0; i < 4; ++i) {
    // Ideas 1, 4, 7, 10 are table 1's; 2, 5, 8, 11 table 2's; 3, 6, 9, 12 table 3's.
    LiveWorkshop::Accept(*t1, PostIdeaCmd("Idée de la table 1, n° " + std::to_string(i)));
    LiveWorkshop::Accept(*t2, PostIdeaCmd("Idée de la table 2, n° " + std::to_string(i)));
    LiveWorkshop::Accept(*t3, PostIdeaCmd("Idée de la table 3, n° " + std::to_string(i)));
  }
  v1::Command edit;
  edit.mutable_edit_idea()->set_idea_id(1);
  edit.mutable_edit_idea()->set_text("Pas la mienne");
  expect(*t2, edit, v1::REJECTION_REASON_NOT_YOUR_IDEA);
  v1::Command del;
  del.mutable_delete_idea()->set_idea_id(99);
  EXPECT_EQ(expect(*t1, del, v1::REJECTION_REASON_UNKNOWN_IDEA).target_id(), 99u);
  expect(*animateur, MergeCmd({1}, "Seule"), v1::REJECTION_REASON_MERGE_TOO_FEW);
  expect(*animateur, MergeCmd({1, 5}, ""), v1::REJECTION_REASON_TITLE_REQUIRED);
  v1::Command split;
  split.mutable_split_cluster()->set_cluster_id(77);
  expect(*animateur, split, v1::REJECTION_REASON_UNKNOWN_CLUSTER);
  LiveWorkshop::Accept(*animateur, MergeCmd({1, 5}, "Groupe"));  // cluster 13, holds table 1's idea
  expect(*animateur, MergeCmd({1, 9}, "Encore"), v1::REJECTION_REASON_IDEA_IN_CLUSTER);
  expect(*animateur, PostIdeaCmd(""), v1::REJECTION_REASON_IDEA_EMPTY);
  expect(*animateur, v1::Command(), v1::REJECTION_REASON_INVALID_COMMAND);

  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
  EXPECT_EQ(expect(*t1, SetPointsCmd({{13, 1}}), v1::REJECTION_REASON_OWN_IDEA).cluster_id(), 13u);
  EXPECT_EQ(expect(*t1, SetPointsCmd({{9, 4}}), v1::REJECTION_REASON_CAP_EXCEEDED).cap(), 3u);
  EXPECT_EQ(expect(*t2, SetPointsCmd({{1, 1}}), v1::REJECTION_REASON_IDEA_IN_CLUSTER).cluster_id(),
            13u);
  LiveWorkshop::Accept(*t3, SetPointsCmd({{13, 3}, {2, 3}, {4, 3}}));
  v1::Rejection budget = expect(*t3, SetPointsCmd({{7, 2}}), v1::REJECTION_REASON_BUDGET_EXCEEDED);
  EXPECT_EQ(budget.budget(), 10u);
  EXPECT_EQ(budget.points_left(), 1u);
  EXPECT_EQ(budget.requested(), 2u);

  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_SCORING));
  expect(*t1, ScoreCmd(99, 2, 1, 5), v1::REJECTION_REASON_UNKNOWN_SEAT);
  expect(*t1, ScoreCmd(1, 2, 9, 5), v1::REJECTION_REASON_UNKNOWN_CRITERION);
  v1::Rejection range = expect(*t1, ScoreCmd(1, 2, 1, -1), v1::REJECTION_REASON_SCORE_OUT_OF_RANGE);
  EXPECT_EQ(range.min_value(), 0);
  EXPECT_EQ(range.max_value(), 10);
  LiveWorkshop::Accept(*t1, ScoreCmd(1, 2, 1, 7));
}

// A Hello that cannot be honoured gets an ErrorMessage naming why, and the connection closes.
TEST(RulesOverTheWire, HellosThatCannotBeHonouredSayWhy) {
  v1::WorkshopConfig config = IdeationConfig();
  config.set_max_tables(1);
  LiveWorkshop w(config);
  auto only = w.NewTable();
  auto hello_error = [&](v1::Hello hello) {
    auto connection = w.Connect();
    auto welcome = connection->Hello(hello);
    EXPECT_FALSE(welcome);
    return welcome ? std::string() : welcome.error();
  };
  v1::Hello taken;
  taken.set_join_code(w.created().join_code());
  taken.set_table_id(1);
  EXPECT_NE(hello_error(taken).find("table_taken"), std::string::npos);
  v1::Hello full;
  full.set_join_code(w.created().join_code());
  EXPECT_NE(hello_error(full).find("tables_full"), std::string::npos);
  v1::Hello forged;
  forged.set_workshop_id(w.created().workshop_id());
  forged.set_animateur_token(std::string(32, '0'));
  EXPECT_NE(hello_error(forged).find("bad_token"), std::string::npos);
  v1::Hello stolen;
  stolen.set_workshop_id(w.created().workshop_id());
  stolen.set_table_token("not-a-token");
  EXPECT_NE(hello_error(stolen).find("bad_token"), std::string::npos);
  v1::Hello nowhere;
  nowhere.set_join_code("000000");
  EXPECT_NE(hello_error(nowhere).find("unknown_workshop"), std::string::npos);
  EXPECT_NE(hello_error(v1::Hello()).find("unknown_workshop"), std::string::npos);
}

// Role cards over the wire: a tablet joins as a profile through its Hello, posts in a category,
// and the results count its idea for its profile.
TEST(RulesOverTheWire, ATableJoinsAsAProfileAndPostsInACategory) {
  v1::WorkshopConfig config = IdeationConfig();
  config.add_profiles()->set_name("Usager");
  config.add_profiles()->set_name("Agent");
  config.add_agenda()->set_kind(v1::PHASE_SETUP);
  v1::Step& cards = *config.add_agenda();
  cards.set_kind(v1::PHASE_DIVERGENCE);
  cards.add_categories()->set_name("Bénéfices");
  cards.add_categories()->set_name("Besoins");
  config.add_agenda()->set_kind(v1::PHASE_CONCLUSION);
  LiveWorkshop w(config);
  auto animateur = w.Animateur();

  auto join = [&](uint32_t profile) {
    v1::Hello hello;
    hello.set_join_code(w.created().join_code());
    hello.set_profile_id(profile);
    auto connection = w.Connect();
    auto welcome = connection->Hello(hello);
    return std::pair(std::move(connection), std::move(welcome));
  };
  auto [without, refused] = join(0);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("profile_required"), std::string::npos) << refused.error();
  auto [unknown, refused_unknown] = join(7);
  ASSERT_FALSE(refused_unknown);
  EXPECT_NE(refused_unknown.error().find("unknown_profile"), std::string::npos);
  auto [agent, welcome] = join(2);
  ASSERT_TRUE(welcome) << welcome.error();
  const uint32_t table = welcome->role().table_id();
  ASSERT_EQ(welcome->snapshot().tables_size(), 1);
  EXPECT_EQ(welcome->snapshot().tables(0).profile_id(), 2u);
  EXPECT_EQ(welcome->snapshot().config().profiles(1).name(), "Agent");

  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  v1::Rejection missing = LiveWorkshop::Reject(*agent, PostIdeaCmd("Moins d'appels répétés"));
  EXPECT_EQ(missing.reason(), v1::REJECTION_REASON_FACET_REQUIRED);
  EXPECT_EQ(missing.facet(), v1::FACET_KIND_CATEGORY);
  v1::Command post = PostIdeaCmd("Moins d'appels répétés");
  post.mutable_post_idea()->set_category_id(5);
  v1::Rejection wrong = LiveWorkshop::Reject(*agent, post);
  EXPECT_EQ(wrong.reason(), v1::REJECTION_REASON_UNKNOWN_FACET);
  EXPECT_EQ(wrong.facet_id(), 5u);
  post.mutable_post_idea()->set_category_id(1);
  const uint64_t seq = LiveWorkshop::Accept(*agent, post);
  const std::vector<v1::Event> seen = LiveWorkshop::EventsThrough(*animateur, seq);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().idea_posted().idea().category_id(), 1u);
  EXPECT_EQ(seen.back().idea_posted().idea().table_id(), table);

  auto results = w.ResultsAsAnimateur();
  ASSERT_TRUE(results) << results.error();
  ASSERT_EQ(results->profiles_size(), 2);
  EXPECT_EQ(results->profiles(1).participation().ideas(), 1u);
  ASSERT_EQ(results->consolidations_size(), 1);
  ASSERT_EQ(results->consolidations(0).cells_size(), 1);
  EXPECT_EQ(results->consolidations(0).cells(0).profile_id(), 2u);
  EXPECT_EQ(results->consolidations(0).cells(0).category_id(), 1u);
}

// Where each participant votes on a phone, a seat's ballot is its own among its table's seats:
// when the animateur merges two ideas during the vote and the cap hands dots back, each phone is
// told of its own dot handed back, not of the other seats' (the tablet and the animateur of all).
TEST(RulesOverTheWire, ASeatIsToldOfItsOwnPointsHandedBackOnly) {
  v1::WorkshopConfig config = IdeationConfig();
  config.add_agenda()->set_kind(v1::PHASE_SETUP);
  v1::Step& vote = *config.add_agenda();
  vote.set_kind(v1::PHASE_CONVERGENCE);
  vote.mutable_ballot()->set_kind(v1::BALLOT_KIND_DOTS);
  vote.mutable_ballot()->set_voter(v1::VOTER_SEAT);
  vote.mutable_ballot()->set_budget(2);
  vote.mutable_ballot()->set_cap(1);
  config.add_agenda()->set_kind(v1::PHASE_CONCLUSION);
  LiveWorkshop w(config, {}, {"Un banc sous le tilleul", "Une fontaine"});
  auto animateur = w.Animateur();
  auto tablet = w.NewTable();
  const uint32_t table = tablet->welcome().role().table_id();
  auto first = w.NewSeat(table, 1);
  auto second = w.NewSeat(table, 2);
  const uint32_t first_seat = first->welcome().role().seat_id();
  const uint32_t second_seat = second->welcome().role().seat_id();
  std::vector<uint32_t> ideas;
  for (const v1::IdeaState& i : animateur->welcome().snapshot().ideas()) ideas.push_back(i.id());
  ASSERT_EQ(ideas.size(), 2u);
  v1::Command to_vote;
  to_vote.mutable_set_phase()->set_step_id(2);
  LiveWorkshop::Accept(*animateur, to_vote);
  LiveWorkshop::Accept(*first, SetPointsCmd({{ideas[0], 1}, {ideas[1], 1}}));
  LiveWorkshop::Accept(*second, SetPointsCmd({{ideas[0], 1}, {ideas[1], 1}}));
  // One dot at most on the merged idea: each seat gets one of its two back.
  const uint64_t seq =
      LiveWorkshop::Accept(*animateur, MergeCmd({ideas[0], ideas[1]}, "Un coin pour se poser"));

  auto released_seats = [&](Connection& connection) {
    const std::vector<v1::Event> events = LiveWorkshop::EventsThrough(connection, seq);
    std::vector<uint32_t> seats;
    for (const v1::PointsReleased& r : events.back().ideas_merged().released()) {
      EXPECT_EQ(r.table_id(), table);
      seats.push_back(r.seat_id());
    }
    return seats;
  };
  EXPECT_EQ(released_seats(*first), std::vector<uint32_t>{first_seat});
  EXPECT_EQ(released_seats(*second), std::vector<uint32_t>{second_seat});
  EXPECT_EQ(released_seats(*tablet).size(), 2u);
  EXPECT_EQ(released_seats(*animateur).size(), 2u);
}

TEST(RulesOverTheWire, HintsGoToTheAnimateurAndAnswerDrafts) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto t1 = w.NewTable();
  auto t2 = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  LiveWorkshop::Accept(*t1, PostIdeaCmd("Mettre en place une réservation en ligne de la salle"));
  LiveWorkshop::Accept(*t2, PostIdeaCmd("La réservation de la salle en ligne"));
  v1::ServerMessage suggestion = LiveWorkshop::WaitFor(*animateur, [](const v1::ServerMessage& m) {
    return m.has_hints() && m.hints().idea_id() == 2;
  });
  ASSERT_GE(suggestion.hints().similar_size(), 1);
  EXPECT_EQ(suggestion.hints().similar(0).target_id(), 1u);

  v1::ClientMessage draft;
  draft.mutable_draft_hints()->set_request_id("draft-1");
  draft.mutable_draft_hints()->set_text("réserver la salle en ligne");
  ASSERT_TRUE(t2->Send(draft));
  v1::ServerMessage answer = LiveWorkshop::WaitFor(*t2, [](const v1::ServerMessage& m) {
    return m.has_hints() && m.hints().request_id() == "draft-1";
  });
  ASSERT_GE(answer.hints().similar_size(), 2);
  EXPECT_GT(answer.hints().similar(0).similarity(), 0.35);
}

TEST(RulesOverTheWire, TheServerClosesAPhaseAtItsDeadline) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto table = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  v1::Command start;
  start.mutable_start_timer()->set_duration_ms(300);
  start.mutable_start_timer()->set_auto_close(true);
  LiveWorkshop::Accept(*animateur, start);
  v1::ServerMessage started = LiveWorkshop::WaitFor(*table, [](const v1::ServerMessage& m) {
    return m.has_events() && m.events().events_size() > 0 &&
           m.events().events(0).has_timer_started();
  });
  EXPECT_GT(started.events().events(0).timer_started().deadline_ms(), 0);
  v1::ServerMessage closed = LiveWorkshop::WaitFor(*table, [](const v1::ServerMessage& m) {
    for (const auto& e : m.events().events()) {
      if (e.has_phase_changed()) return true;
    }
    return false;
  });
  const v1::Event& change = closed.events().events(closed.events().events_size() - 1);
  EXPECT_EQ(change.phase_changed().to(), v1::PHASE_GROUPING);
  EXPECT_EQ(LiveWorkshop::Reject(*table, PostIdeaCmd("Après la fin")).reason(),
            v1::REJECTION_REASON_WRONG_PHASE);
}

}  // namespace
}  // namespace atelier::server_test
