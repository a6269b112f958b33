// AppliedCommands (applied_commands.h): each actor's last 256 accepted commands are remembered
// for idempotent retries, the same way whether the log is replayed or a snapshot is loaded.
#include "server/workshop/applied_commands.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>

#include "server/workshop/state_codec.h"
#include "tests/workshop/test_support.h"

namespace atelier::workshop {
namespace {

using namespace testing;
using google::protobuf::util::MessageDifferencer;
constexpr size_t kKept = AppliedCommands::kRememberedPerActor;

std::string Id(size_t i) { return "cmd-" + std::to_string(i); }

// A table may keep many ideas here: these tests post hundreds from one table.
v1::WorkshopConfig ManyIdeasConfig() {
  v1::WorkshopConfig config = IdeationConfig();
  config.set_max_ideas_per_table(1000);
  return config;
}

// Posts `count` ideas as the table, command ids cmd-<first>, cmd-<first + 1>...
void PostMany(Harness& h, TableId table, size_t first, size_t count) {
  for (size_t i = first; i < first + count; ++i) {
    v1::Command c = PostIdeaCmd("Idée " + std::to_string(i));
    c.set_command_id(Id(i));
    h.Accept(c, TableActor(table));
  }
}

TEST(AppliedCommands, ARetryOfOneOfTheActorsLast256IsRecognized) {
  Harness h(ManyIdeasConfig());
  const TableId table = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  PostMany(h, table, 0, kKept + 40);
  for (size_t i = 40; i < kKept + 40; ++i) {
    std::optional<uint64_t> seq = FindApplied(h.state(), TableActor(table), Id(i));
    ASSERT_TRUE(seq) << Id(i);
    EXPECT_EQ(h.log()[*seq - 1].command_id(), Id(i));
  }
}

TEST(AppliedCommands, The257thOldestIsForgotten) {
  Harness h(ManyIdeasConfig());
  const TableId table = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  PostMany(h, table, 0, kKept);
  EXPECT_TRUE(FindApplied(h.state(), TableActor(table), Id(0)));
  PostMany(h, table, kKept, 1);
  EXPECT_FALSE(FindApplied(h.state(), TableActor(table), Id(0)));
  EXPECT_TRUE(FindApplied(h.state(), TableActor(table), Id(1)));
  EXPECT_TRUE(FindApplied(h.state(), TableActor(table), Id(kKept)));
}

TEST(AppliedCommands, ActorsDoNotEvictEachOther) {
  Harness h(ManyIdeasConfig());
  const TableId busy = h.JoinTable();
  const TableId quiet = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  PostMany(h, quiet, 0, 3);
  PostMany(h, busy, 100, 3 * kKept);
  for (size_t i = 0; i < 3; ++i) EXPECT_TRUE(FindApplied(h.state(), TableActor(quiet), Id(i)));
  EXPECT_FALSE(FindApplied(h.state(), TableActor(busy), Id(0)));  // another actor's id
  EXPECT_FALSE(FindApplied(h.state(), TableActor(quiet), Id(100 + 3 * kKept - 1)));
  // The animateur's commands (the phase change) are its own too.
  EXPECT_TRUE(FindApplied(h.state(), Animateur(), h.log()[3].command_id()));
  EXPECT_EQ(h.state().applied.size(), 1 /*create*/ + 2 /*joins*/ + 1 /*phase*/ + 3 + kKept);
}

TEST(AppliedCommands, ASnapshotKeepsTheOrderSoLaterEvictionIsTheSameAsReplay) {
  Harness h(ManyIdeasConfig());
  const TableId a = h.JoinTable();
  const TableId b = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  // Interleaved so that sorting by anything but seq would change each actor's order.
  for (size_t i = 0; i < kKept + 10; ++i) {
    PostMany(h, i % 3 == 0 ? a : b, 1000 - i, 1);  // ids in decreasing order
  }
  const size_t at_snapshot = h.log().size();
  PostMany(h, a, 5000, kKept / 2);
  PostMany(h, b, 6000, kKept / 2);

  const std::vector<v1::Event> head(h.log().begin(), h.log().begin() + at_snapshot);
  auto loaded = FromProto(ToProto(Replay(head)));
  ASSERT_TRUE(loaded) << loaded.error();
  for (size_t i = at_snapshot; i < h.log().size(); ++i) {
    ASSERT_TRUE(Apply(*loaded, h.log()[i]));
  }
  loaded->last_time_ms = h.state().last_time_ms;  // not carried by snapshots
  EXPECT_TRUE(SameState(*loaded, h.state()));
  EXPECT_TRUE(MessageDifferencer::Equals(ToProto(*loaded), ToProto(h.state())));
  EXPECT_TRUE(SameState(Replay(h.log()), h.state()));
}

TEST(AppliedCommands, ASnapshotWithMoreThanTheBoundKeepsTheNewest) {
  Harness h(ManyIdeasConfig());
  const TableId table = h.JoinTable();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  PostMany(h, table, 0, 10);
  v1::WorkshopState proto = ToProto(h.state());
  // As written before the bound: many more commands of the table, in seq order.
  const uint64_t next_seq = h.state().seq + 1;
  for (size_t i = 0; i < kKept + 5; ++i) {
    v1::AppliedCommand& a = *proto.add_applied();
    *a.mutable_actor() = TableActor(table);
    a.set_command_id("old-" + std::to_string(i));
    a.set_seq(next_seq + i);
  }
  proto.set_seq(next_seq + kKept + 4);
  auto loaded = FromProto(proto);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_FALSE(loaded->applied.Find(TableActor(table), Id(9)));
  EXPECT_FALSE(loaded->applied.Find(TableActor(table), "old-4"));
  EXPECT_EQ(loaded->applied.Find(TableActor(table), "old-5"), next_seq + 5);
  EXPECT_TRUE(loaded->applied.Find(Animateur(), h.log()[0].command_id()));
}

TEST(AppliedCommands, AnIdRememberedAgainAfterTheOldestWasOverwrittenMovesToTheNewest) {
  // Full and overwritten past its start (its oldest slot is not the first), then an id in the
  // middle remembered again: it becomes the newest, and the next forgotten are the oldest in
  // order, as a plain list would have them.
  AppliedCommands wrapped;
  AppliedCommands listed;  // the same commands, never past full
  for (size_t i = 0; i < kKept + 10; ++i) wrapped.Remember(TableActor(1), Id(i), i + 1);
  for (size_t i = 10; i < kKept + 10; ++i) listed.Remember(TableActor(1), Id(i), i + 1);
  EXPECT_EQ(wrapped, listed);
  wrapped.Remember(TableActor(1), Id(100), 1000);
  listed.Remember(TableActor(1), Id(100), 1000);
  EXPECT_EQ(wrapped, listed);
  EXPECT_EQ(wrapped.size(), kKept);
  EXPECT_EQ(wrapped.Find(TableActor(1), Id(100)), 1000u);
  wrapped.Remember(TableActor(1), "new", 1001);
  EXPECT_FALSE(wrapped.Find(TableActor(1), Id(10)));  // the oldest went
  EXPECT_TRUE(wrapped.Find(TableActor(1), Id(11)));
  EXPECT_EQ(wrapped.Find(TableActor(1), Id(100)), 1000u);
  EXPECT_EQ(wrapped.size(), kKept);
  const std::vector<AppliedCommands::Entry> entries = wrapped.Entries();
  ASSERT_EQ(entries.size(), kKept);
  EXPECT_EQ(entries.front().command_id, Id(11));
  EXPECT_EQ(entries[entries.size() - 2].command_id, Id(100));
  EXPECT_EQ(entries.back().command_id, "new");
}

TEST(AppliedCommands, CopiesAreIndependentValues) {
  AppliedCommands original;
  original.Remember(TableActor(1), "x", 3);
  AppliedCommands copy = original;
  EXPECT_EQ(copy, original);
  for (size_t i = 0; i < kKept; ++i) copy.Remember(TableActor(1), Id(i), 4 + i);
  EXPECT_FALSE(copy.Find(TableActor(1), "x"));
  EXPECT_EQ(original.Find(TableActor(1), "x"), 3u);
  EXPECT_NE(copy, original);
}

}  // namespace
}  // namespace atelier::workshop
