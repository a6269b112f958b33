// The timeline's reader over a real log (the reference ideation played in): it answers on its own
// thread with what the engine's ReadTimeline and MomentAt give, and refuses a read at once when
// kMaxWaiting are waiting, without losing the ones it took.
#include "server/room/timeline_reader.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "server/demo/scenario.h"
#include "server/engine/engine.h"
#include "tests/storage/test_support.h"

namespace atelier::room {
namespace {

class TimelineReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = engine::Engine::Open(dir_.path(), {.log = {}, .snapshot_every = 0});
    ASSERT_TRUE(engine) << engine.error();
    engine_ = *std::move(engine);
    auto played = demo::PlayReferenceWorkshops(*engine_, {.seed = 5, .tables = 3});
    ASSERT_TRUE(played) << played.error();
    id_ = played->ideation_id;
    head_ = engine_->log().Head(id_)->seq;
  }

  storage::test::TempDir dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::string id_;
  uint64_t head_ = 0;
};

TEST_F(TimelineReaderTest, AnswersOnItsOwnThread) {
  TimelineReader reader(engine_->log());
  std::promise<std::pair<std::thread::id, uint64_t>> outline, moment;
  ASSERT_TRUE(reader.Outline(id_, [&](auto timeline) {
    outline.set_value({std::this_thread::get_id(), timeline ? timeline->head_seq() : 0});
  }));
  ASSERT_TRUE(reader.Moment(id_, 3, [&](auto read) {
    moment.set_value({std::this_thread::get_id(), read ? read->seq() : 0});
  }));
  const auto [outline_thread, head] = outline.get_future().get();
  const auto [moment_thread, seq] = moment.get_future().get();
  EXPECT_EQ(head, head_);
  EXPECT_EQ(seq, 3u);
  EXPECT_NE(outline_thread, std::this_thread::get_id());
  EXPECT_EQ(outline_thread, moment_thread) << "one reader thread";
}

TEST_F(TimelineReaderTest, RefusesPastTheBoundAndKeepsWhatItTook) {
  TimelineReader reader(engine_->log());
  // The first read's answer holds the reader's thread: the reads after it wait.
  std::promise<void> release, holding;
  ASSERT_TRUE(reader.Moment(id_, 1, [&](auto) {
    holding.set_value();
    release.get_future().wait();
  }));
  holding.get_future().wait();
  std::atomic<int> answered{0};
  for (size_t i = 0; i < TimelineReader::kMaxWaiting; ++i) {
    ASSERT_TRUE(reader.Moment(id_, 1 + i, [&](auto read) { answered += read.has_value(); }))
        << "read " << i << " is within the bound";
  }
  EXPECT_FALSE(reader.Outline(id_, [](auto) { ADD_FAILURE() << "a refused read is not run"; }));
  EXPECT_FALSE(reader.Moment(id_, 2, [](auto) { ADD_FAILURE() << "a refused read is not run"; }));
  release.set_value();
  reader.Stop();
  EXPECT_EQ(answered.load(), static_cast<int>(TimelineReader::kMaxWaiting));
}

TEST_F(TimelineReaderTest, ErrorsComeBackAsValues) {
  TimelineReader reader(engine_->log());
  std::promise<std::string> unknown, zero;
  ASSERT_TRUE(reader.Outline("nobody", [&](auto read) { unknown.set_value(read ? "" : read.error()); }));
  ASSERT_TRUE(reader.Moment(id_, 0, [&](auto read) { zero.set_value(read ? "" : read.error()); }));
  EXPECT_NE(unknown.get_future().get().find("no such workshop"), std::string::npos);
  EXPECT_NE(zero.get_future().get().find("event 0"), std::string::npos);
}

}  // namespace
}  // namespace atelier::room
