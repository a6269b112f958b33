// Rounds in flight one behind the other (room.h): clients that join while commands pour in
// get their welcome first, then every later event once and in order; and the answers of a flood
// are all there, each once.
#include <gtest/gtest.h>

#include <set>

#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

constexpr int kFlood = 400;

v1::ClientMessage CommandMessage(v1::Command command, const std::string& id) {
  command.set_command_id(id);
  v1::ClientMessage message;
  *message.mutable_command() = std::move(command);
  return message;
}

// A client joining mid-flood: says Hello and checks that the very first frame back is the
// Welcome (no event, no results before it).
struct Joiner {
  std::unique_ptr<Connection> connection;
  uint64_t seen = 0;  // the welcome snapshot's seq, then the last event's
};

Joiner Join(LiveWorkshop& w, v1::Hello hello) {
  Joiner joiner{w.Connect()};
  v1::ClientMessage message;
  *message.mutable_hello() = std::move(hello);
  EXPECT_TRUE(joiner.connection->Send(message));
  auto first = joiner.connection->Receive(std::chrono::seconds(10));
  EXPECT_TRUE(first) << first.error();
  if (!first) return joiner;
  EXPECT_TRUE(first->has_welcome()) << "first frame: " << first->ShortDebugString().substr(0, 200);
  joiner.seen = first->welcome().snapshot().seq();
  return joiner;
}

// Reads until `last_seq`: every event after the welcome's snapshot, once each and in order.
// Returns how many it received.
size_t Follow(Joiner& joiner, uint64_t last_seq) {
  size_t received = 0;
  while (joiner.seen < last_seq) {
    auto next = joiner.connection->Receive(std::chrono::seconds(10));
    EXPECT_TRUE(next) << next.error() << " after seq " << joiner.seen;
    if (!next) return received;
    if (next->has_welcome()) ADD_FAILURE() << "a second welcome";
    if (!next->has_events()) continue;
    for (const v1::Event& event : next->events().events()) {
      EXPECT_EQ(event.seq(), joiner.seen + 1) << "events out of order, missed or repeated";
      joiner.seen = event.seq();
      ++received;
    }
  }
  return received;
}

// The flood's answers: accepted, once each; returns when `count` are in.
void ReadAnswers(Connection& flooder, std::set<uint64_t>& seqs, size_t count) {
  while (seqs.size() < count) {
    auto next = flooder.Receive(std::chrono::seconds(10));
    ASSERT_TRUE(next) << next.error() << " after " << seqs.size() << " answers";
    EXPECT_FALSE(next->has_rejected());
    EXPECT_EQ(next->answers().rejected_size(), 0);
    if (next->has_accepted()) {
      EXPECT_TRUE(seqs.insert(next->accepted().seq()).second) << "answered twice";
    }
    for (const auto& a : next->answers().accepted()) {
      EXPECT_TRUE(seqs.insert(a.seq()).second) << "answered twice";
    }
  }
}

TEST(Pipeline, JoinersDuringAFloodGetTheirWelcomeFirstThenEveryLaterEventOnce) {
  // A flood far past a tablet's pace: no per-connection command rate.
  LiveWorkshop w(Prolific(IdeationConfig()), {"--rounds-in-flight", "4", "--command-rate", "off"});
  auto animateur = w.Animateur();
  auto flooder = w.NewTable("crue");
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  auto flood = [&](int from, int to) {
    for (int i = from; i < to; ++i) {
      ASSERT_TRUE(flooder->Send(CommandMessage(PostIdeaCmd("Idée numéro " + std::to_string(i)),
                                               "flood-" + std::to_string(i))));
    }
  };

  // Half the ideas at once, without waiting for answers (the room has rounds in flight), then
  // a second animateur console (live results) and a new table join, then the other half.
  flood(0, kFlood / 2);
  v1::Hello console_hello;
  console_hello.set_workshop_id(w.created().workshop_id());
  console_hello.set_animateur_token(w.created().animateur_token());
  Joiner console = Join(w, console_hello);
  v1::Hello table_hello;
  table_hello.set_join_code(w.created().join_code());
  Joiner table = Join(w, table_hello);
  flood(kFlood / 2, kFlood);

  std::set<uint64_t> seqs;
  ReadAnswers(*flooder, seqs, kFlood);
  // Every idea became one event; they follow each other after the table's join (or around it).
  const uint64_t last_seq = std::max(*seqs.rbegin(), table.seen);
  EXPECT_GE(*seqs.rbegin() - *seqs.begin() + 1, static_cast<uint64_t>(kFlood));
  EXPECT_GE(Follow(console, last_seq), static_cast<size_t>(kFlood / 2));
  EXPECT_GE(Follow(table, last_seq), static_cast<size_t>(kFlood / 2));
}

}  // namespace
}  // namespace atelier::server_test
