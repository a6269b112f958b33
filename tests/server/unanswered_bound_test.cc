// The inbound bound: a client that pipelines thousands of commands without reading is read no
// faster than its commands are answered (at most 64 unanswered), is never closed for it, gets
// every answer, and slows nobody else.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "tests/server/live_workshop.h"
#include "tests/server/raw_websocket.h"

namespace atelier::server_test {
namespace {

constexpr int kCommands = 2'000;
constexpr int kBound = 64;  // the default --max-unanswered

class UnansweredBound : public ::testing::TestWithParam<int> {};  // I/O threads

TEST_P(UnansweredBound, APipeliningClientIsReadAtItsOwnPaceAndLosesNothing) {
  // The bound itself, without the per-connection command rate that would refuse most of them,
  // nor the ideas-per-table limit: refusals need no disk and are answered at once, so a round
  // of them could keep pace with the reads; every idea accepted, each round waits for its fsync.
  v1::WorkshopConfig config = IdeationConfig();
  config.set_max_ideas_per_table(kCommands + 10);
  LiveWorkshop w(config, {"--threads", std::to_string(GetParam()), "--command-rate", "off"});
  auto animateur = w.Animateur();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  auto other = w.NewTable("Les autres");

  auto raw = RawWebSocket::Open(w.server().host(), w.server().port());
  ASSERT_TRUE(raw) << raw.error();
  ASSERT_EQ(raw->response().status, 101);
  v1::ClientMessage hello;
  hello.mutable_hello()->set_join_code(w.created().join_code());
  ASSERT_TRUE(raw->SendMessage(hello));
  auto welcome = raw->ReadServerMessage(std::chrono::seconds(10));
  ASSERT_TRUE(welcome && welcome->has_welcome())
      << (welcome ? welcome->ShortDebugString() : welcome.error());

  // Every command at once, without reading a byte in between.
  std::thread flood([&] {
    for (int i = 0; i < kCommands; ++i) {
      v1::ClientMessage message;
      *message.mutable_command() = PostIdeaCmd("Idée " + std::to_string(i));
      message.mutable_command()->set_command_id("c" + std::to_string(i));
      if (!raw->SendMessage(message)) return;
    }
  });
  // Meanwhile another table of the workshop is answered as usual.
  for (int i = 0; i < 5; ++i) {
    LiveWorkshop::Accept(*other, PostIdeaCmd("Pendant le flot " + std::to_string(i)));
  }
  flood.join();

  std::set<std::string> answered;
  size_t accepted = 0;
  size_t largest_answers_frame = 0;
  auto note = [&](const std::string& id) {
    EXPECT_TRUE(answered.insert(id).second) << id << " answered twice";
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (answered.size() < kCommands && std::chrono::steady_clock::now() < deadline) {
    auto message = raw->Read(std::chrono::seconds(30));
    ASSERT_TRUE(message) << message.error() << " after " << answered.size() << " answers";
    ASSERT_NE(message->opcode, 8) << "closed with " << message->CloseCode();
    v1::ServerMessage parsed;
    ASSERT_TRUE(parsed.ParseFromString(message->payload));
    ASSERT_FALSE(parsed.has_error()) << parsed.ShortDebugString();
    if (parsed.has_accepted()) {
      note(parsed.accepted().command_id());
      ++accepted;
    }
    if (parsed.has_rejected()) note(parsed.rejected().command_id());
    if (parsed.has_answers()) {
      const size_t n = parsed.answers().accepted_size() + parsed.answers().rejected_size();
      largest_answers_frame = std::max(largest_answers_frame, n);
      accepted += static_cast<size_t>(parsed.answers().accepted_size());
      for (const auto& a : parsed.answers().accepted()) note(a.command_id());
      for (const auto& r : parsed.answers().rejected()) note(r.command_id());
    }
  }
  EXPECT_EQ(answered.size(), static_cast<size_t>(kCommands)) << "every command is answered";
  EXPECT_EQ(accepted, static_cast<size_t>(kCommands)) << "and accepted: nothing was refused";
  // The room answers a client's commands of one round in one frame: a round never held more
  // than the bound, so the server never had more than that many of them in hand.
  EXPECT_LE(largest_answers_frame, static_cast<size_t>(kBound));
  // And it did stop reading to keep to it.
  auto metrics = w.Http().Get("/metrics");
  ASSERT_TRUE(metrics);
  const size_t at = metrics->body.find("\natelier_read_pauses_total ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_GT(std::stoul(metrics->body.substr(at + 27)), 0u) << metrics->body.substr(at, 40);

  // The connection still works.
  v1::ClientMessage last;
  *last.mutable_command() = PostIdeaCmd("Encore là");
  last.mutable_command()->set_command_id("last");
  ASSERT_TRUE(raw->SendMessage(last));
  bool answered_last = false;
  while (!answered_last) {
    auto message = raw->ReadServerMessage(std::chrono::seconds(10));
    ASSERT_TRUE(message) << message.error();
    answered_last = (message->has_accepted() && message->accepted().command_id() == "last") ||
                    (message->has_rejected() && message->rejected().command_id() == "last");
  }
}

INSTANTIATE_TEST_SUITE_P(IoThreads, UnansweredBound, ::testing::Values(1, 2),
                         [](const auto& info) { return "Threads" + std::to_string(info.param); });

}  // namespace
}  // namespace atelier::server_test
