// EventLog::Backup: a consistent copy of the log taken while appends go on, which opens as a
// data directory of its own with every chain intact up to a head it had at some moment.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/event_log.h"
#include "tests/storage/test_support.h"

namespace atelier::storage {
namespace {

using test::AppendAndWait;
using test::ChainBuilder;
using test::TempDir;

TEST(Backup, TakenWhileAppendsGoOnItOpensWithEveryChainIntact) {
  TempDir dir;
  auto log = EventLog::Open(dir.path() / "data");
  ASSERT_TRUE(log.has_value()) << log.error().message;
  ChainBuilder quiet("quiet-1");
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(AppendAndWait(**log, quiet.Next("idée calme")));

  // One workshop keeps appending on a thread while the backup is taken.
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> appended{0};
  std::thread writer([&] {
    ChainBuilder busy("busy-2");
    while (!stop) {
      if (!AppendAndWait(**log, busy.Next("idée pendant la sauvegarde"))) return;
      appended = busy.seq();
    }
  });
  while (appended < 50) std::this_thread::yield();
  const auto target = dir.path() / "backup-1";
  auto backup = (*log)->Backup(target);
  const uint64_t after = appended;
  stop = true;
  writer.join();
  ASSERT_TRUE(backup.has_value()) << backup.error().message;

  auto again = (*log)->Backup(target);
  ASSERT_FALSE(again.has_value()) << "a backup never overwrites another";
  EXPECT_EQ(again.error().code, Error::Code::kInvalidArgument);
  EXPECT_NE(again.error().message.find("exists already"), std::string::npos);

  auto restored = EventLog::Open(target);
  ASSERT_TRUE(restored.has_value()) << restored.error().message;
  auto quiet_head = (*restored)->VerifyChain("quiet-1");
  ASSERT_TRUE(quiet_head.has_value()) << quiet_head.error().message;
  EXPECT_EQ(quiet_head->seq, 20u);
  auto busy_head = (*restored)->VerifyChain("busy-2");
  ASSERT_TRUE(busy_head.has_value()) << busy_head.error().message;
  EXPECT_GE(busy_head->seq, 50u) << "what was durable before the backup is in it";
  EXPECT_LE(busy_head->seq, after + 1);
  // The copy is independent: appends to the original do not reach it.
  ASSERT_TRUE(AppendAndWait(**log, quiet.Next("après la sauvegarde")));
  auto head = (*restored)->Head("quiet-1");
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->seq, 20u);
  ASSERT_TRUE((*restored)->Close());
  ASSERT_TRUE((*log)->Close());
}

TEST(Backup, AClosedLogRefuses) {
  TempDir dir;
  auto log = EventLog::Open(dir.path() / "data");
  ASSERT_TRUE(log.has_value()) << log.error().message;
  ASSERT_TRUE((*log)->Close());
  auto backup = (*log)->Backup(dir.path() / "b");
  ASSERT_FALSE(backup.has_value());
  EXPECT_EQ(backup.error().code, Error::Code::kClosed);
}

}  // namespace
}  // namespace atelier::storage
