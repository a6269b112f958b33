// Nothing lost, nothing twice: dropped clients, retried commands, stopped and killed servers.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <set>

#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

std::vector<std::string> PostedTexts(const std::vector<v1::Event>& events) {
  std::vector<std::string> texts;
  for (const v1::Event& e : events) {
    if (e.has_idea_posted()) texts.push_back(e.idea_posted().idea().text());
  }
  return texts;
}

// Hello as the same table, on a server that may have a new port.
std::unique_ptr<Connection> ResumeTable(LiveWorkshop& w, const Connection& before,
                                        uint64_t last_seq) {
  auto connection = w.Connect();
  v1::Hello hello;
  hello.set_workshop_id(w.created().workshop_id());
  hello.set_table_token(before.welcome().token());
  hello.set_last_seq(last_seq);
  auto welcome = connection->Hello(hello);
  EXPECT_TRUE(welcome) << welcome.error();
  return connection;
}

TEST(Resume, DroppedTableGetsExactlyTheEventsItMissed) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto t1 = w.NewTable();
  auto t2 = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  uint64_t a = LiveWorkshop::Accept(*t1, PostIdeaCmd("Idée A"));
  ASSERT_EQ(PostedTexts(LiveWorkshop::EventsThrough(*t2, a)), std::vector<std::string>{"Idée A"});
  uint64_t seen = t2->through_seq();
  ASSERT_EQ(seen, a);
  t2->Close();  // Wi-Fi drop

  LiveWorkshop::Accept(*t1, PostIdeaCmd("Idée B"));
  LiveWorkshop::Accept(*animateur, PostIdeaCmd("Idée C de l'animateur"));
  uint64_t d = LiveWorkshop::Accept(*t1, PostIdeaCmd("Idée D"));

  auto back = ResumeTable(w, *t2, seen);
  EXPECT_FALSE(back->welcome().has_snapshot())
      << "a resume sends the missed events, not a snapshot";
  std::vector<v1::Event> missed = LiveWorkshop::EventsThrough(*back, d);
  EXPECT_EQ(PostedTexts(missed),
            (std::vector<std::string>{"Idée B", "Idée C de l'animateur", "Idée D"}));
  std::set<uint64_t> seqs;
  for (const v1::Event& e : missed) {
    EXPECT_GT(e.seq(), seen);
    EXPECT_TRUE(seqs.insert(e.seq()).second) << "event " << e.seq() << " twice";
  }
  // And it goes on live.
  uint64_t e = LiveWorkshop::Accept(*t1, PostIdeaCmd("Idée E"));
  EXPECT_EQ(PostedTexts(LiveWorkshop::EventsThrough(*back, e)), std::vector<std::string>{"Idée E"});
}

TEST(Resume, CommandRetriedAfterAReconnectIsAppliedOnce) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto table = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  v1::Command post = PostIdeaCmd("Envoyée une fois, réessayée après la coupure");
  post.set_command_id("tablet-1/17");
  v1::ClientMessage message;
  *message.mutable_command() = post;
  ASSERT_TRUE(table->Send(message));
  table->Close();  // gone before the answer

  auto again = ResumeTable(w, *table, 0);
  auto answer = again->Execute(post);
  ASSERT_TRUE(answer) << answer.error();
  ASSERT_TRUE(answer->has_accepted()) << answer->ShortDebugString();
  EXPECT_TRUE(answer->accepted().duplicate());
  auto retry = again->Execute(post);
  ASSERT_TRUE(retry && retry->has_accepted());
  EXPECT_EQ(retry->accepted().seq(), answer->accepted().seq());
  std::vector<v1::Event> events = LiveWorkshop::EventsThrough(*animateur, answer->accepted().seq());
  EXPECT_EQ(PostedTexts(events).size(), 1u);
}

TEST(Restart, SigtermClosesWithGoingAwayAndEverythingIsThereAfterRestart) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto t1 = w.NewTable();
  auto t2 = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  uint64_t a = LiveWorkshop::Accept(*t1, PostIdeaCmd("Prêter la salle aux associations"));
  LiveWorkshop::Accept(*t2, PostIdeaCmd("Ouvrir le dimanche"));
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
  // Ideas get ids 1 (table 1's) and 2 (table 2's) in a new workshop.
  LiveWorkshop::Accept(*t2, SetPointsCmd({{1, 3}}));
  v1::Command reveal;
  reveal.mutable_reveal_results()->set_revealed(true);
  uint64_t last = LiveWorkshop::Accept(*animateur, reveal);
  auto before = w.ResultsAsAnimateur();
  ASSERT_TRUE(before) << before.error();
  LiveWorkshop::EventsThrough(*t1, a);

  auto stopped = w.server().Stop();
  ASSERT_TRUE(stopped) << stopped.error();
  EXPECT_EQ(*stopped, 0);
  for (int i = 0; i < 100 && t1->CloseCode() == 0 && t1->is_open(); ++i) {
    (void)t1->Next(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(t1->CloseCode(), 1001);

  ASSERT_TRUE(w.server().Restart());
  auto after = w.ResultsAsAnimateur();
  ASSERT_TRUE(after) << after.error();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*before, *after));
  auto fresh = w.Animateur();
  EXPECT_EQ(fresh->welcome().snapshot().seq(), last);
  // Table 1 comes back from its own idea: it gets table 2's idea, the phase and the reveal,
  // never table 2's vote.
  auto back = ResumeTable(w, *t1, a);
  std::vector<v1::Event> missed = LiveWorkshop::EventsThrough(*back, last);
  ASSERT_EQ(missed.size(), 3u);
  EXPECT_TRUE(missed[0].has_idea_posted());
  EXPECT_TRUE(missed[1].has_phase_changed());
  EXPECT_TRUE(missed[2].has_results_revealed());
  LiveWorkshop::Accept(*back, SetPointsCmd({{2, 2}}));
}

TEST(Restart, SigkillLosesNoAcknowledgedEvent) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto table = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  std::vector<std::string> acknowledged;
  uint64_t last = 0;
  for (int i = 0; i < 40; ++i) {
    std::string text = "Idée acquittée " + std::to_string(i);
    last = LiveWorkshop::Accept(*table, PostIdeaCmd(text));
    acknowledged.push_back(text);
  }
  // More in flight, unanswered, when the process dies.
  for (int i = 0; i < 200; ++i) {
    v1::ClientMessage message;
    *message.mutable_command() = PostIdeaCmd("En vol " + std::to_string(i));
    message.mutable_command()->set_command_id("in-flight-" + std::to_string(i));
    ASSERT_TRUE(table->Send(message));
  }
  w.server().Kill();
  ASSERT_TRUE(w.server().Restart());

  auto fresh = w.Animateur();
  const v1::WorkshopState& snapshot = fresh->welcome().snapshot();
  EXPECT_GE(snapshot.seq(), last);
  std::set<std::string> present;
  for (const v1::IdeaState& idea : snapshot.ideas()) present.insert(idea.text());
  for (const std::string& text : acknowledged) EXPECT_TRUE(present.contains(text)) << text;
  // The table resumes and goes on; an in-flight command retried is applied at most once.
  auto back = ResumeTable(w, *table, last);
  v1::Command retry = PostIdeaCmd("En vol 0");
  retry.set_command_id("in-flight-0");
  auto answer = back->Execute(retry);
  ASSERT_TRUE(answer && answer->has_accepted())
      << (answer ? answer->ShortDebugString() : answer.error());
  auto check = w.Animateur();
  size_t copies = 0;
  for (const v1::IdeaState& idea : check->welcome().snapshot().ideas())
    copies += idea.text() == "En vol 0";
  EXPECT_EQ(copies, 1u);
}

}  // namespace
}  // namespace atelier::server_test
