// Connection against a scripted WebSocket server (fake_server.h): the flow of wire.proto, the
// inbox, timeouts, close codes and resuming.
#include "clients/client/connection.h"

#include <gtest/gtest.h>

#include <future>

#include "tests/clients/fake_server.h"

namespace atelier::client {
namespace {

using std::chrono::milliseconds;
using testing::AcceptWebSocket;
using testing::FakeServer;
using testing::ReadClientMessage;
using testing::SendServerMessage;
using testing::Socket;
using testing::WsStream;

constexpr milliseconds kWait{5'000};

v1::ServerMessage WelcomeMessage(uint32_t table, const std::string& token, uint64_t snapshot_seq) {
  v1::ServerMessage m;
  v1::Welcome* w = m.mutable_welcome();
  w->mutable_role()->set_kind(v1::ACTOR_KIND_TABLE);
  w->mutable_role()->set_table_id(table);
  w->set_workshop_id("w1");
  w->set_token(token);
  if (snapshot_seq > 0) w->mutable_snapshot()->set_seq(snapshot_seq);
  return m;
}

v1::ServerMessage Batch(uint64_t through_seq) {
  v1::ServerMessage m;
  v1::Event* e = m.mutable_events()->add_events();
  e->set_seq(through_seq);
  e->mutable_phase_changed()->set_to(v1::PHASE_DIVERGENCE);
  m.mutable_events()->set_through_seq(through_seq);
  return m;
}

boost::beast::websocket::close_reason TooSlow() {
  boost::beast::websocket::close_reason reason("too slow");
  reason.code = 4001;
  return reason;
}

v1::Hello JoinHello() {
  v1::Hello hello;
  hello.set_join_code("123456");
  return hello;
}

// Accepts the WebSocket, reads the Hello, sends the Welcome.
void Greet(WsStream& ws, uint64_t snapshot_seq = 3) {
  AcceptWebSocket(ws);
  ReadClientMessage(ws);
  SendServerMessage(ws, WelcomeMessage(4, "tok", snapshot_seq));
}

TEST(Connection, HelloReturnsTheWelcomeAndStartsAtItsSnapshot) {
  std::promise<v1::Hello> hello_seen;
  FakeServer server(1, [&](Socket socket, int) {
    WsStream ws(std::move(socket));
    AcceptWebSocket(ws);
    hello_seen.set_value(ReadClientMessage(ws).hello());
    SendServerMessage(ws, WelcomeMessage(4, "tok", 12));
    SendServerMessage(ws, Batch(13));
    ws.close(boost::beast::websocket::close_code::normal);
  });
  Connection connection;
  ASSERT_TRUE(connection.Connect("127.0.0.1", server.port()));
  auto welcome = connection.Hello(JoinHello());
  ASSERT_TRUE(welcome) << welcome.error();
  EXPECT_EQ(welcome->role().table_id(), 4u);
  EXPECT_EQ(welcome->token(), "tok");
  EXPECT_EQ(connection.through_seq(), 12u);
  EXPECT_EQ(hello_seen.get_future().get().join_code(), "123456");
  auto batch = connection.Next(kWait);
  ASSERT_TRUE(batch) << batch.error();
  EXPECT_EQ(connection.through_seq(), 13u);
}

TEST(Connection, HelloRefusedByTheServerIsAnError) {
  FakeServer server(1, [&](Socket socket, int) {
    WsStream ws(std::move(socket));
    AcceptWebSocket(ws);
    ReadClientMessage(ws);
    v1::ServerMessage error;
    error.mutable_error()->set_code("bad_token");
    error.mutable_error()->set_message("no table holds this token");
    SendServerMessage(ws, error);
    ws.close(boost::beast::websocket::close_code::policy_error);
  });
  Connection connection;
  ASSERT_TRUE(connection.Connect("127.0.0.1", server.port()));
  auto welcome = connection.Hello(JoinHello());
  ASSERT_FALSE(welcome);
  EXPECT_EQ(welcome.error(), "bad_token: no table holds this token");
}

TEST(Connection, ReceiveTimesOutWithoutLosingTheMessage) {
  std::promise<void> go;
  FakeServer server(1, [&](Socket socket, int) {
    WsStream ws(std::move(socket));
    Greet(ws);
    go.get_future().wait_for(std::chrono::seconds(10));
    SendServerMessage(ws, Batch(7));
    ws.close(boost::beast::websocket::close_code::normal);
  });
  Connection connection;
  ASSERT_TRUE(connection.Connect("127.0.0.1", server.port()));
  ASSERT_TRUE(connection.Hello(JoinHello()));
  auto nothing = connection.Receive(milliseconds(50));
  ASSERT_FALSE(nothing);
  EXPECT_TRUE(connection.is_open());
  go.set_value();
  auto batch = connection.Receive(kWait);
  ASSERT_TRUE(batch) << batch.error();
  EXPECT_EQ(batch->events().through_seq(), 7u);
}

TEST(Connection, ExecuteReturnsItsAnswerAndKeepsEverythingElseInOrder) {
  FakeServer server(1, [&](Socket socket, int) {
    WsStream ws(std::move(socket));
    Greet(ws);
    const v1::Command command = ReadClientMessage(ws).command();
    SendServerMessage(ws, Batch(5));
    v1::ServerMessage hints;
    hints.mutable_hints()->set_idea_id(9);
    SendServerMessage(ws, hints);
    v1::ServerMessage other;
    other.mutable_accepted()->set_command_id("someone-else");
    SendServerMessage(ws, other);
    v1::ServerMessage accepted;
    accepted.mutable_accepted()->set_command_id(command.command_id());
    accepted.mutable_accepted()->set_seq(5);
    SendServerMessage(ws, accepted);
    ws.close(boost::beast::websocket::close_code::normal);
  });
  Connection connection;
  ASSERT_TRUE(connection.Connect("127.0.0.1", server.port()));
  ASSERT_TRUE(connection.Hello(JoinHello()));
  v1::Command post;
  post.mutable_post_idea()->set_text("Ouvrir la salle le week-end");
  auto answer = connection.Execute(post);
  ASSERT_TRUE(answer) << answer.error();
  ASSERT_TRUE(answer->has_accepted());
  EXPECT_TRUE(answer->accepted().command_id().starts_with("cli-"));
  EXPECT_EQ(answer->accepted().seq(), 5u);
  EXPECT_EQ(connection.through_seq(), 5u);
  ASSERT_EQ(connection.inbox_size(), 3u);
  EXPECT_TRUE(connection.Next(kWait)->has_events());
  EXPECT_EQ(connection.Next(kWait)->hints().idea_id(), 9u);
  EXPECT_EQ(connection.Next(kWait)->accepted().command_id(), "someone-else");
}

TEST(Connection, ExecuteReturnsARejectionAsAValue) {
  FakeServer server(1, [&](Socket socket, int) {
    WsStream ws(std::move(socket));
    Greet(ws);
    const v1::Command command = ReadClientMessage(ws).command();
    v1::ServerMessage rejected;
    rejected.mutable_rejected()->set_command_id(command.command_id());
    rejected.mutable_rejected()->mutable_rejection()->set_reason(v1::REJECTION_REASON_OWN_IDEA);
    SendServerMessage(ws, rejected);
    ws.close(boost::beast::websocket::close_code::normal);
  });
  Connection connection;
  ASSERT_TRUE(connection.Connect("127.0.0.1", server.port()));
  ASSERT_TRUE(connection.Hello(JoinHello()));
  v1::Command vote;
  vote.set_command_id("my-id");
  vote.mutable_set_points()->add_points()->set_target_id(1);
  auto answer = connection.Execute(vote);
  ASSERT_TRUE(answer) << answer.error();
  ASSERT_TRUE(answer->has_rejected());
  EXPECT_EQ(answer->rejected().command_id(), "my-id");
  EXPECT_EQ(answer->rejected().rejection().reason(), v1::REJECTION_REASON_OWN_IDEA);
}

TEST(Connection, KeepsTheCodeOfACloseTheServerStarted) {
  FakeServer server(1, [&](Socket socket, int) {
    WsStream ws(std::move(socket));
    Greet(ws);
    ws.close(TooSlow());
  });
  Connection connection;
  ASSERT_TRUE(connection.Connect("127.0.0.1", server.port()));
  ASSERT_TRUE(connection.Hello(JoinHello()));
  auto closed = connection.Next(kWait);
  ASSERT_FALSE(closed);
  EXPECT_NE(closed.error().find("4001"), std::string::npos) << closed.error();
  EXPECT_FALSE(connection.is_open());
  EXPECT_EQ(connection.CloseCode(), 4001);
  EXPECT_EQ(connection.CloseReason(), "too slow");
  EXPECT_FALSE(connection.Send(v1::ClientMessage()));
}

TEST(Connection, ResumeComesBackAsTheSameTableAfterTheLastSeqSeen) {
  std::promise<v1::Hello> second_hello;
  FakeServer server(2, [&](Socket socket, int index) {
    WsStream ws(std::move(socket));
    AcceptWebSocket(ws);
    if (index == 0) {
      ReadClientMessage(ws);
      SendServerMessage(ws, WelcomeMessage(2, "t2", 3));
      SendServerMessage(ws, Batch(8));
      ws.close(TooSlow());
      return;
    }
    second_hello.set_value(ReadClientMessage(ws).hello());
    SendServerMessage(ws, WelcomeMessage(2, "", 0));
    SendServerMessage(ws, Batch(10));
    ws.close(boost::beast::websocket::close_code::going_away);
  });
  Connection connection;
  ASSERT_TRUE(connection.Connect("127.0.0.1", server.port()));
  ASSERT_TRUE(connection.Hello(JoinHello()));
  ASSERT_TRUE(connection.Next(kWait));
  ASSERT_FALSE(connection.Next(kWait));
  EXPECT_EQ(connection.CloseCode(), 4001);

  auto welcome = connection.Resume();
  ASSERT_TRUE(welcome) << welcome.error();
  const v1::Hello hello = second_hello.get_future().get();
  EXPECT_EQ(hello.workshop_id(), "w1");
  EXPECT_EQ(hello.table_token(), "t2");
  EXPECT_EQ(hello.last_seq(), 8u);
  EXPECT_TRUE(hello.join_code().empty());
  auto batch = connection.Next(kWait);
  ASSERT_TRUE(batch) << batch.error();
  EXPECT_EQ(connection.through_seq(), 10u);
  EXPECT_FALSE(connection.Next(kWait));
  EXPECT_EQ(connection.CloseCode(), 1001);
}

TEST(Connection, CloseSaysNormalClosureToTheServer) {
  std::promise<uint16_t> code;
  FakeServer server(1, [&](Socket socket, int) {
    WsStream ws(std::move(socket));
    Greet(ws);
    boost::beast::flat_buffer buffer;
    boost::beast::error_code ec;
    ws.read(buffer, ec);
    code.set_value(ec == boost::beast::websocket::error::closed ? ws.reason().code : 0);
  });
  Connection connection;
  ASSERT_TRUE(connection.Connect("127.0.0.1", server.port()));
  ASSERT_TRUE(connection.Hello(JoinHello()));
  connection.Close();
  EXPECT_EQ(code.get_future().get(), 1000);
  EXPECT_FALSE(connection.is_open());
  EXPECT_EQ(connection.CloseCode(), 0);  // the client closed, not the server
}

TEST(Connection, ConnectToAPortNobodyListensOnFails) {
  Connection connection;
  auto connected = connection.Connect("127.0.0.1", testing::UnusedPort(), milliseconds(2'000));
  ASSERT_FALSE(connected);
  EXPECT_NE(connected.error().find("cannot connect"), std::string::npos) << connected.error();
  EXPECT_FALSE(connection.Receive(milliseconds(10)));
}

}  // namespace
}  // namespace atelier::client
