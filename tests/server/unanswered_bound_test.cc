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

constexpr int kDefaultBound = 64;  // the default --max-unanswered

struct Setting {
  int threads;  // I/O threads
  int bound;    // --max-unanswered; 0: the default
};

class UnansweredBound : public ::testing::TestWithParam<Setting> {};

TEST_P(UnansweredBound, APipeliningClientIsReadAtItsOwnPaceAndLosesNothing) {
  // The bound itself, without the per-connection command rate that would refuse most of them,
  // nor the ideas-per-table limit: refusals need no disk and are answered at once, so a round
  // of them could keep pace with the reads; every idea accepted, each round waits for its fsync.
  const Setting setting = GetParam();
  const int bound = setting.bound ? setting.bound : kDefaultBound;
  // A bound of 1 answers one command per round, each after its fsync: fewer commands then.
  const size_t commands = setting.bound == 1 ? 300 : 2'000;
  v1::WorkshopConfig config = IdeationConfig();
  config.set_max_ideas_per_table(commands + 10);
  std::vector<std::string> args = {"--threads", std::to_string(setting.threads), "--command-rate",
                                   "off"};
  if (setting.bound) args.insert(args.end(), {"--max-unanswered", std::to_string(setting.bound)});
  LiveWorkshop w(config, args);
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
    for (size_t i = 0; i < commands; ++i) {
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
  while (answered.size() < commands && std::chrono::steady_clock::now() < deadline) {
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
  EXPECT_EQ(answered.size(), commands) << "every command is answered";
  EXPECT_EQ(accepted, commands) << "and accepted: nothing was refused";
  // The room answers a client's commands of one round in one frame: a round never held more
  // than the bound, so the server never had more than that many of them in hand.
  EXPECT_LE(largest_answers_frame, static_cast<size_t>(bound));
  // And it stopped reading to keep to it. Whether a client reaches 64 unanswered depends on how
  // fast the server reads against how fast its disk answers (under ASan, on a fast disk, it may
  // never); at a bound of 1 it must pause after every command, whose answer needs a round and
  // its fsync.
  const long pauses = w.Metric("atelier_read_pauses_total");
  ASSERT_GE(pauses, 0) << "atelier_read_pauses_total is in /metrics";
  if (setting.bound == 1) {
    EXPECT_GE(pauses, static_cast<long>(commands / 2));
  }

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

INSTANTIATE_TEST_SUITE_P(Settings, UnansweredBound,
                         ::testing::Values(Setting{1, 0}, Setting{2, 0}, Setting{1, 1},
                                           Setting{2, 1}),
                         [](const auto& info) {
                           return "Threads" + std::to_string(info.param.threads) + "Bound" +
                                  std::to_string(info.param.bound ? info.param.bound
                                                                  : kDefaultBound);
                         });

}  // namespace
}  // namespace atelier::server_test
