#include "clients/client/command_ids.h"

#include <gtest/gtest.h>

#include <mutex>
#include <regex>
#include <set>
#include <thread>
#include <vector>

namespace atelier::client {
namespace {

TEST(CommandIds, LookLikeCliRandomCounter) {
  CommandIds ids;
  const std::regex shape("cli-[0-9a-f]{8}-[0-9]+");
  EXPECT_TRUE(std::regex_match(ids.Next(), shape));
  EXPECT_TRUE(std::regex_match(NewCommandId(), shape));
}

TEST(CommandIds, NeverRepeatAcrossThreads) {
  CommandIds ids;
  std::mutex mu;
  std::set<std::string> seen;
  std::vector<std::thread> threads;
  constexpr int kThreads = 4, kEach = 10'000;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      std::vector<std::string> mine;
      for (int i = 0; i < kEach; ++i) mine.push_back(ids.Next());
      std::lock_guard lock(mu);
      seen.insert(mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(seen.size(), static_cast<size_t>(kThreads * kEach));
}

TEST(CommandIds, TwoGeneratorsDrawDifferentRandomParts) {
  // Two runs of a script as the same table must not reuse ids: each draws its own prefix.
  CommandIds first, second;
  EXPECT_NE(first.prefix(), second.prefix());
  EXPECT_NE(first.Next(), second.Next());
}

TEST(CommandIds, ProcessWideIdsNeverRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(NewCommandId()).second);
}

}  // namespace
}  // namespace atelier::client
