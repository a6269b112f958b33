// The client library against the real atelier-server (ServerProcess): the WebSocket flow,
// resuming without gap or duplicate, retries, shutdown and restart.
#include <gtest/gtest.h>

#include <map>

#include "clients/client/connection.h"
#include "clients/client/workshop_api.h"
#include "tests/integration/server_process.h"

namespace atelier::testing {
namespace {

using client::Connection;
using std::chrono::milliseconds;

constexpr milliseconds kWait{5'000};

v1::Command Phase(v1::Phase phase) {
  v1::Command c;
  c.mutable_set_phase()->set_phase(phase);
  return c;
}

v1::Command Post(const std::string& text) {
  v1::Command c;
  c.mutable_post_idea()->set_text(text);
  return c;
}

class ClientIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = ServerProcess::Start(ServerOptions());
    ASSERT_TRUE(server) << server.error();
    server_ = std::move(*server);
    v1::CreateWorkshopRequest request;
    request.mutable_workshop()->mutable_config()->set_question("Comment optimiser la salle ?");
    request.mutable_workshop()->mutable_config()->set_template_(v1::TEMPLATE_IDEATION);
    auto created = client::CreateWorkshop(Http(), request);
    ASSERT_TRUE(created) << created.error();
    workshop_ = *created;
    ASSERT_TRUE(animateur_.Connect(server_->host(), server_->port()));
    v1::Hello hello;
    hello.set_workshop_id(workshop_.workshop_id());
    hello.set_animateur_token(workshop_.animateur_token());
    auto welcome = animateur_.Hello(hello);
    ASSERT_TRUE(welcome) << welcome.error();
    ASSERT_TRUE(table_.Connect(server_->host(), server_->port()));
    hello.Clear();
    hello.set_join_code(workshop_.join_code());
    welcome = table_.Hello(hello);
    ASSERT_TRUE(welcome) << welcome.error();
    EXPECT_EQ(welcome->role().kind(), v1::ACTOR_KIND_TABLE);
    EXPECT_FALSE(welcome->token().empty());
    table_welcome_seq_ = welcome->snapshot().seq();
  }

  client::HttpClient Http() const { return client::HttpClient(server_->host(), server_->port()); }

  // Executes a command that must be accepted; its seq.
  uint64_t Must(Connection& c, const v1::Command& command) {
    auto answer = c.Execute(command);
    EXPECT_TRUE(answer) << answer.error();
    EXPECT_TRUE(answer && answer->has_accepted()) << (answer ? answer->ShortDebugString() : "");
    return answer && answer->has_accepted() ? answer->accepted().seq() : 0;
  }

  // The seqs of the events `c` has received (its inbox first) until it has seen `seq`.
  std::vector<uint64_t> SeqsThrough(Connection& c, uint64_t seq) {
    std::vector<uint64_t> seqs;
    while (c.through_seq() < seq || c.inbox_size() > 0) {
      auto message = c.Next(kWait);
      if (!message) {
        ADD_FAILURE() << message.error();
        break;
      }
      for (const v1::Event& e : message->events().events()) seqs.push_back(e.seq());
    }
    return seqs;
  }

  std::unique_ptr<ServerProcess> server_;
  v1::CreateWorkshopResponse workshop_;
  Connection animateur_, table_;
  uint64_t table_welcome_seq_ = 0;
};

TEST_F(ClientIntegration, AResumedTableMissesNothingAndSeesNothingTwice) {
  Must(animateur_, Phase(v1::PHASE_DIVERGENCE));
  const uint64_t first = Must(table_, Post("Ouvrir la salle aux associations le week-end"));
  std::vector<uint64_t> seen = SeqsThrough(table_, first);
  table_.Close();  // the Wi-Fi drops
  Must(animateur_, Post("Un repair café une fois par mois"));
  const uint64_t last = Must(animateur_, Post("Réserver la salle sur internet"));

  auto welcome = table_.Resume();
  ASSERT_TRUE(welcome) << welcome.error();
  EXPECT_FALSE(welcome->has_snapshot());
  // Every event after the table's snapshot, once each, in order, across the drop.
  for (uint64_t seq : SeqsThrough(table_, last)) seen.push_back(seq);
  std::vector<uint64_t> expected;
  for (uint64_t seq = table_welcome_seq_ + 1; seq <= last; ++seq) expected.push_back(seq);
  EXPECT_EQ(seen, expected);
}

TEST_F(ClientIntegration, ARetriedCommandIsAppliedOnce) {
  Must(animateur_, Phase(v1::PHASE_DIVERGENCE));
  v1::Command post = Post("Un calendrier partagé des réservations");
  post.set_command_id("retry-me");
  auto first = table_.Execute(post);
  auto again = table_.Execute(post);
  ASSERT_TRUE(first && again);
  ASSERT_TRUE(first->has_accepted() && again->has_accepted());
  EXPECT_TRUE(again->accepted().duplicate());
  EXPECT_EQ(again->accepted().seq(), first->accepted().seq());
}

// Commands sent back to back are decided in one round; their answers may come together in one
// Answers frame, which the client hands out as separate answers: each command answered once.
TEST_F(ClientIntegration, PipelinedCommandsAreEachAnsweredOnce) {
  Must(animateur_, Phase(v1::PHASE_DIVERGENCE));
  constexpr int kCommands = 40;
  for (int i = 0; i < kCommands; ++i) {
    v1::ClientMessage message;
    *message.mutable_command() = Post("Idée en rafale numéro " + std::to_string(i));
    message.mutable_command()->set_command_id("burst-" + std::to_string(i));
    if (i == 7) message.mutable_command()->mutable_post_idea()->set_text("");  // refused
    ASSERT_TRUE(table_.Send(message));
  }
  std::map<std::string, int> answers;
  int rejected = 0;
  while (answers.size() < kCommands) {
    auto message = table_.Next(kWait);
    ASSERT_TRUE(message) << message.error();
    ASSERT_FALSE(message->has_answers()) << "the client splits Answers";
    if (message->has_accepted()) ++answers[message->accepted().command_id()];
    if (message->has_rejected()) {
      ++answers[message->rejected().command_id()];
      ++rejected;
      EXPECT_EQ(message->rejected().command_id(), "burst-7");
    }
  }
  for (const auto& [id, count] : answers) EXPECT_EQ(count, 1) << id;
  EXPECT_EQ(rejected, 1);
}

TEST_F(ClientIntegration, ATableCannotMoveThePhase) {
  auto answer = table_.Execute(Phase(v1::PHASE_DIVERGENCE));
  ASSERT_TRUE(answer) << answer.error();
  ASSERT_TRUE(answer->has_rejected());
  EXPECT_EQ(answer->rejected().rejection().reason(), v1::REJECTION_REASON_FORBIDDEN_ROLE);
}

TEST_F(ClientIntegration, ShutdownClosesConnectionsWithGoingAway) {
  auto stopped = server_->Stop();
  ASSERT_TRUE(stopped) << stopped.error();
  EXPECT_EQ(*stopped, 0);
  std::string error;
  for (;;) {
    auto message = table_.Next(kWait);
    if (!message) {
      error = message.error();
      break;
    }
  }
  EXPECT_FALSE(table_.is_open()) << error;
  EXPECT_EQ(table_.CloseCode(), 1001) << error;
}

TEST_F(ClientIntegration, ARestartedServerKeepsTheWorkshopAndTheTable) {
  Must(animateur_, Phase(v1::PHASE_DIVERGENCE));
  const uint64_t posted = Must(table_, Post("Accueillir les aînés pour des après-midi jeux"));
  SeqsThrough(table_, posted);
  const std::string token = table_.welcome().token();
  ASSERT_TRUE(server_->Restart());

  Connection again;
  ASSERT_TRUE(again.Connect(server_->host(), server_->port()));
  v1::Hello hello;
  hello.set_workshop_id(workshop_.workshop_id());
  hello.set_table_token(token);
  hello.set_last_seq(table_.through_seq());
  auto welcome = again.Hello(hello);
  ASSERT_TRUE(welcome) << welcome.error();
  EXPECT_EQ(welcome->role().table_id(), table_.welcome().role().table_id());
  const uint64_t next = Must(again, Post("Installer un vidéoprojecteur"));
  EXPECT_EQ(next, posted + 1);

  client::ResultsAccess access;
  access.animateur_token = workshop_.animateur_token();
  auto results = client::GetResults(Http(), workshop_.workshop_id(), access);
  ASSERT_TRUE(results) << results.error();
  EXPECT_EQ(results->participation().ideas(), 2u);
}

}  // namespace
}  // namespace atelier::testing
