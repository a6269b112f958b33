// Rooms save snapshots of their state as the log grows, and a restart starts from the newest.
#include <gtest/gtest.h>

#include <string>

#include "server/engine/workshop_loader.h"
#include "storage/event_log.h"
#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

using workshop::testing::SameState;

TEST(RoomSnapshots, SavedEveryNEventsAndARestartLoadsFromTheNewest) {
  LiveWorkshop w(Prolific(IdeationConfig()), {"--snapshot-every", "50"});
  auto animateur = w.Animateur();
  auto table = w.NewTable();  // event 2: the join
  uint64_t last = LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  // One command at a time: one event per round, so snapshots fall exactly on 50 and 100.
  v1::Command post;
  while (last < 120) {
    post = PostIdeaCmd("Idée " + std::to_string(last));
    post.set_command_id("post-" + std::to_string(last));
    last = LiveWorkshop::Accept(*table, post);
  }
  auto stopped = w.server().Stop();  // waits for the snapshot writes
  ASSERT_TRUE(stopped) << stopped.error();
  ASSERT_EQ(*stopped, 0);

  {
    auto log = storage::EventLog::Open(w.server().data_dir());
    ASSERT_TRUE(log) << log.error().message;
    const std::string& id = w.created().workshop_id();
    auto snapshot = (*log)->LatestSnapshot(id);
    ASSERT_TRUE(snapshot && *snapshot);
    EXPECT_EQ((*snapshot)->seq, 100u);

    engine::LoadStats stats;
    auto loaded = engine::LoadWorkshop(**log, id, {}, &stats);
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_EQ(stats.snapshot_seq, 100u);
    EXPECT_EQ(stats.events_folded, 20u);
    auto replayed = engine::LoadWorkshop(**log, id, {.use_snapshots = false});
    ASSERT_TRUE(replayed) << replayed.error();
    EXPECT_EQ(loaded->seq, 120u);
    EXPECT_TRUE(SameState(*loaded, *replayed));
  }

  ASSERT_TRUE(w.server().Restart());
  auto fresh = w.Animateur();
  EXPECT_EQ(fresh->welcome().snapshot().seq(), 120u);
  EXPECT_EQ(fresh->welcome().snapshot().ideas_size(), 117);
  // The table's last command, retried after the restart, is still known: answered, not applied.
  v1::Hello hello;
  hello.set_workshop_id(w.created().workshop_id());
  hello.set_table_token(table->welcome().token());
  hello.set_last_seq(120);
  auto back = w.Connect();
  ASSERT_TRUE(back->Hello(hello));
  auto retry = back->Execute(post);
  ASSERT_TRUE(retry && retry->has_accepted());
  EXPECT_TRUE(retry->accepted().duplicate());
  EXPECT_EQ(retry->accepted().seq(), 120u);
}

TEST(RoomSnapshots, AHeavyStateIsSnapshottedLessOftenThanEveryNEvents) {
  // Every 10 events asked, but each idea weighs about 480 bytes: after a few snapshots the state
  // weighs more than 10 events' worth of kSnapshotBytesPerEvent, and the next waits for as many
  // events as the last one's bytes hold at 256 per event (room.h).
  LiveWorkshop w(Prolific(IdeationConfig()), {"--snapshot-every", "10"});
  auto table = w.NewTable();
  uint64_t last = LiveWorkshop::Accept(*w.Animateur(), SetPhaseCmd(v1::PHASE_DIVERGENCE));
  while (last < 150) {
    v1::Command post = PostIdeaCmd(std::to_string(last) + std::string(470, 'x'));
    post.set_command_id("post-" + std::to_string(last));
    last = LiveWorkshop::Accept(*table, post);
  }
  ASSERT_TRUE(w.server().Stop());
  auto log = storage::EventLog::Open(w.server().data_dir());
  ASSERT_TRUE(log) << log.error().message;
  const std::string& id = w.created().workshop_id();
  auto snapshot = (*log)->LatestSnapshot(id);
  ASSERT_TRUE(snapshot && *snapshot);
  const uint64_t spacing = (*snapshot)->bytes.size() / 256;
  ASSERT_GT(spacing, 30u) << "the state is not as heavy as this test needs";
  // Not at 140 or 150, as every 10 alone would have it; and never later than its own weight
  // allows after the one before (which weighed less: the next was due sooner).
  EXPECT_LT((*snapshot)->seq, 140u);
  EXPECT_EQ((*snapshot)->seq % 10, 0u);
  EXPECT_LE(last - (*snapshot)->seq, spacing + 10);

  // The state loaded from it is the log's.
  engine::LoadStats stats;
  auto loaded = engine::LoadWorkshop(**log, id, {}, &stats);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(stats.snapshot_seq, (*snapshot)->seq);
  auto replayed = engine::LoadWorkshop(**log, id, {.use_snapshots = false});
  ASSERT_TRUE(replayed) << replayed.error();
  EXPECT_TRUE(SameState(*loaded, *replayed));
}

TEST(RoomSnapshots, AKillLosesAtMostSnapshotsNeverAnEvent) {
  // Snapshots are written without the write-ahead log (log_database.h): a SIGKILL may lose the
  // ones not yet flushed, never an event, and the state after it is the log's, folded.
  LiveWorkshop w(Prolific(IdeationConfig()), {"--snapshot-every", "10"});
  auto table = w.NewTable();
  uint64_t last = LiveWorkshop::Accept(*w.Animateur(), SetPhaseCmd(v1::PHASE_DIVERGENCE));
  while (last < 75) {
    v1::Command post = PostIdeaCmd("Avant la coupure " + std::to_string(last));
    post.set_command_id("post-" + std::to_string(last));
    last = LiveWorkshop::Accept(*table, post);
  }
  w.server().Kill();

  {
    auto log = storage::EventLog::Open(w.server().data_dir());
    ASSERT_TRUE(log) << log.error().message;
    const std::string& id = w.created().workshop_id();
    auto snapshot = (*log)->LatestSnapshot(id);
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    if (*snapshot) {
      EXPECT_LE((*snapshot)->seq, last);  // flushed before the kill, if any
    }
    engine::LoadStats stats;
    auto loaded = engine::LoadWorkshop(**log, id, {}, &stats);
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_EQ(loaded->seq, last);
    auto replayed = engine::LoadWorkshop(**log, id, {.use_snapshots = false});
    ASSERT_TRUE(replayed) << replayed.error();
    EXPECT_TRUE(SameState(*loaded, *replayed));
  }

  // Served whole after the restart, and the room snapshots again from there.
  ASSERT_TRUE(w.server().Restart());
  auto fresh = w.Animateur();
  EXPECT_EQ(fresh->welcome().snapshot().seq(), last);
  auto back = w.NewTable();
  while (last < 95) {
    v1::Command post = PostIdeaCmd("Après la coupure " + std::to_string(last));
    post.set_command_id("after-" + std::to_string(last));
    last = LiveWorkshop::Accept(*back, post);
  }
  ASSERT_TRUE(w.server().Stop());
  auto log = storage::EventLog::Open(w.server().data_dir());
  ASSERT_TRUE(log) << log.error().message;
  auto snapshot = (*log)->LatestSnapshot(w.created().workshop_id());
  ASSERT_TRUE(snapshot && *snapshot);
  EXPECT_GT((*snapshot)->seq, 75u);  // written after the restart, kept by the clean stop
}

TEST(RoomSnapshots, NoneWhenDisabled) {
  LiveWorkshop w(Prolific(IdeationConfig()), {"--snapshot-every", "0"});
  auto table = w.NewTable();
  for (int i = 0; i < 10; ++i) {
    LiveWorkshop::Accept(*w.Animateur(), PostIdeaCmd("Idée " + std::to_string(i)));
  }
  ASSERT_TRUE(w.server().Stop());
  auto log = storage::EventLog::Open(w.server().data_dir());
  ASSERT_TRUE(log) << log.error().message;
  auto snapshot = (*log)->LatestSnapshot(w.created().workshop_id());
  ASSERT_TRUE(snapshot);
  EXPECT_FALSE(*snapshot);
}

}  // namespace
}  // namespace atelier::server_test
