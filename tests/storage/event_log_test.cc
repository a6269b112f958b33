#include "storage/event_log.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <future>
#include <latch>
#include <map>
#include <mutex>
#include <thread>

#include "storage/hash_chain.h"
#include "tests/storage/test_support.h"

namespace atelier::storage {
namespace {

using test::AppendAndWait;
using test::ChainBuilder;
using test::TempDir;

std::unique_ptr<EventLog> OpenOrDie(const std::filesystem::path& dir,
                                    const EventLogOptions& options = {}) {
  auto log = EventLog::Open(dir, options);
  if (!log) ADD_FAILURE() << log.error().message;
  return log ? std::move(*log) : nullptr;
}

TEST(EventLog, AppendThenReadBackInOrder) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  ChainBuilder chain("w1");
  std::vector<atelier::v1::LoggedEvent> appended;
  for (int i = 0; i < 10; ++i) {
    SealedEvent event = chain.Next("idea " + std::to_string(i));
    appended.push_back(event.ToLogged());
    ASSERT_TRUE(AppendAndWait(*log, std::move(event)).has_value());
  }
  const auto read = log->Read("w1", 1, 100);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(read->size(), 10u);
  for (size_t i = 0; i < read->size(); ++i) {
    EXPECT_EQ((*read)[i].SerializeAsString(), appended[i].SerializeAsString());
  }
  const auto head = log->Head("w1");
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(*head, (LogHead{10, chain.hash()}));
}

TEST(EventLog, ReadHonoursFromSeqAndMaxCount) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  ChainBuilder chain("w1");
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(AppendAndWait(*log, chain.Next()).has_value());
  const auto read = log->Read("w1", 4, 3);
  ASSERT_TRUE(read.has_value());
  ASSERT_EQ(read->size(), 3u);
  atelier::v1::Event first;
  ASSERT_TRUE(first.ParseFromString((*read)[0].event()));
  EXPECT_EQ(first.seq(), 4u);
  EXPECT_TRUE(log->Read("w1", 11, 5)->empty());
  EXPECT_TRUE(log->Read("w1", 1, 0)->empty());
}

TEST(EventLog, ForEachStreamsInOrderAndStopsWhenAsked) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  ChainBuilder chain("w1");
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(AppendAndWait(*log, chain.Next()).has_value());
  std::vector<uint64_t> seen;
  auto done = log->ForEach("w1", 0, [&](uint64_t seq, const atelier::v1::LoggedEvent&) {
    seen.push_back(seq);
    return seq < 6;
  });
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2, 3, 4, 5, 6}));
}

TEST(EventLog, HeadOfAWorkshopWithoutEventsIsZero) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  const auto head = log->Head("nobody");
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(*head, LogHead{});
  EXPECT_TRUE(log->Read("nobody", 1, 10)->empty());
  EXPECT_EQ(*log->VerifyChain("nobody"), LogHead{});
}

TEST(EventLog, ReopenGivesTheSameEventsHeadsAndHashes) {
  TempDir dir;
  std::map<std::string, ChainBuilder> chains;
  std::map<std::string, std::vector<std::string>> stored;
  {
    auto log = OpenOrDie(dir.path());
    for (const std::string id : {"alpha", "beta", "gamma"}) {
      ChainBuilder& chain = chains.emplace(id, ChainBuilder(id)).first->second;
      for (int i = 0; i < 25; ++i) {
        SealedEvent event = chain.Next();
        stored[id].push_back(std::string(event.stored()));
        ASSERT_TRUE(AppendAndWait(*log, std::move(event)).has_value());
      }
    }
    ASSERT_TRUE(log->Close().has_value());
  }
  auto log = OpenOrDie(dir.path());
  EXPECT_EQ(*log->ListWorkshops(), (std::vector<std::string>{"alpha", "beta", "gamma"}));
  for (auto& [id, chain] : chains) {
    const LogHead expected{chain.seq(), chain.hash()};
    EXPECT_EQ(*log->Head(id), expected);
    EXPECT_EQ(*log->VerifyChain(id), expected);
    const auto read = log->Read(id, 1, 1000);
    ASSERT_TRUE(read.has_value());
    ASSERT_EQ(read->size(), stored[id].size());
    for (size_t i = 0; i < read->size(); ++i) {
      EXPECT_EQ((*read)[i].SerializeAsString(), stored[id][i]);
    }
    // The log goes on where it stopped.
    EXPECT_TRUE(AppendAndWait(*log, chain.Next()).has_value());
  }
}

TEST(EventLog, WorkshopsWhoseIdsArePrefixesOfEachOtherStaySeparate) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  ChainBuilder a("w");
  ChainBuilder b("w1");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(AppendAndWait(*log, a.Next()).has_value());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(AppendAndWait(*log, b.Next()).has_value());
  EXPECT_EQ(log->Read("w", 1, 100)->size(), 3u);
  EXPECT_EQ(log->Read("w1", 1, 100)->size(), 5u);
  EXPECT_EQ(log->VerifyChain("w")->seq, 3u);
  EXPECT_EQ(log->VerifyChain("w1")->seq, 5u);
}

TEST(EventLog, GroupCommitUnderConcurrentAppenders) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  constexpr int kThreads = 8;
  constexpr int kWorkshopsPerThread = 4;
  constexpr int kEventsPerWorkshop = 150;
  constexpr int kTotal = kThreads * kWorkshopsPerThread * kEventsPerWorkshop;

  std::mutex mu;
  std::map<std::string, std::vector<uint64_t>> acknowledged;  // in callback order
  std::atomic<int> failures{0};
  std::atomic<int> calls{0};
  std::latch all_called(kTotal);
  std::vector<std::thread> threads;
  std::vector<std::map<std::string, std::vector<std::string>>> sent(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<ChainBuilder> chains;
      for (int w = 0; w < kWorkshopsPerThread; ++w) {
        chains.emplace_back("t" + std::to_string(t) + "-w" + std::to_string(w));
      }
      for (int i = 0; i < kEventsPerWorkshop; ++i) {
        for (auto& chain : chains) {
          SealedEvent event = chain.Next("idea " + std::to_string(i));
          const std::string id = event.workshop_id();
          const uint64_t seq = event.seq();
          sent[t][id].push_back(std::string(event.stored()));
          log->Append(std::move(event), [&, id, seq](const Result<void>& r) {
            if (!r) failures.fetch_add(1);
            {
              std::lock_guard lock(mu);
              acknowledged[id].push_back(seq);
            }
            calls.fetch_add(1);
            all_called.count_down();
          });
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  all_called.wait();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(calls.load(), kTotal);  // and no more: exactly once each
  const EventLogStats stats = log->stats();
  EXPECT_EQ(stats.events, static_cast<uint64_t>(kTotal));
  EXPECT_LT(stats.batches, stats.events);
  EXPECT_GT(stats.batches, 0u);

  for (int t = 0; t < kThreads; ++t) {
    for (const auto& [id, values] : sent[t]) {
      std::vector<uint64_t> expected_order(values.size());
      for (size_t i = 0; i < values.size(); ++i) expected_order[i] = i + 1;
      EXPECT_EQ(acknowledged[id], expected_order) << id;
      const auto read = log->Read(id, 1, 10'000);
      ASSERT_TRUE(read.has_value());
      ASSERT_EQ(read->size(), values.size());
      for (size_t i = 0; i < values.size(); ++i) {
        ASSERT_EQ((*read)[i].SerializeAsString(), values[i]) << id << " event " << i + 1;
      }
      EXPECT_EQ(log->VerifyChain(id)->seq, values.size());
    }
  }
}

TEST(EventLog, OutOfSequenceAppendIsRefusedAndWritesNothing) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  ChainBuilder chain("w1");
  ASSERT_TRUE(AppendAndWait(*log, chain.Next()).has_value());
  chain.Next();  // event 2 is never appended
  const auto refused = AppendAndWait(*log, chain.Next());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Error::Code::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("workshop w1: append of event 3 refused"),
            std::string::npos)
      << refused.error().message;
  EXPECT_EQ(log->Head("w1")->seq, 1u);
  EXPECT_EQ(log->Read("w1", 1, 10)->size(), 1u);
  EXPECT_EQ(log->stats().refused, 1u);
}

TEST(EventLog, AppendOfASeqAlreadyAcceptedIsRefused) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  ChainBuilder chain("w1");
  const SealedEvent first = chain.Next();
  std::promise<Result<void>> a;
  std::promise<Result<void>> b;
  log->Append(first, [&a](const Result<void>& r) { a.set_value(r); });
  log->Append(first, [&b](const Result<void>& r) { b.set_value(r); });
  EXPECT_TRUE(a.get_future().get().has_value());
  const auto second = b.get_future().get();
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, Error::Code::kInvalidArgument);
  EXPECT_EQ(log->Head("w1")->seq, 1u);
}

TEST(EventLog, OutsideBytesWhoseHashDoesNotMatchAreRefusedBeforeTheLog) {
  atelier::v1::LoggedEvent logged = ChainBuilder("w1").Next().ToLogged();
  ASSERT_TRUE(SealedEvent::FromLogged(logged).has_value());
  (*logged.mutable_hash())[0] ^= 1;
  const auto refused = SealedEvent::FromLogged(logged);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Error::Code::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("hash does not match"), std::string::npos);
  atelier::v1::Event event = test::MakeEvent("w1", 1, "carries its hash");
  event.set_hash(std::string(32, 'h'));
  logged.set_event(event.SerializeAsString());
  EXPECT_FALSE(SealedEvent::FromLogged(logged).has_value());
  logged.set_event("\xff\xff");
  EXPECT_FALSE(SealedEvent::FromLogged(logged).has_value());
}

TEST(EventLog, AnAppendOfSeveralEventsIsDurableWholeWithOneCallback) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  ChainBuilder chain("w1");
  std::vector<SealedEvent> events;
  for (int i = 0; i < 5; ++i) events.push_back(chain.Next());
  int calls = 0;
  std::promise<Result<void>> done;
  log->Append(std::move(events), [&](const Result<void>& r) {
    ++calls;
    done.set_value(r);
  });
  ASSERT_TRUE(done.get_future().get().has_value());
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(log->Head("w1")->seq, 5u);
  EXPECT_TRUE(log->VerifyChain("w1").has_value());
}

TEST(EventLog, AnAppendMixingWorkshopsIsRefusedWhole) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  std::vector<SealedEvent> events{ChainBuilder("w1").Next(), ChainBuilder("w2").Next()};
  std::promise<Result<void>> done;
  log->Append(std::move(events), [&](const Result<void>& r) { done.set_value(r); });
  const auto refused = done.get_future().get();
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Error::Code::kInvalidArgument);
  EXPECT_EQ(log->Head("w1")->seq, 0u);
  EXPECT_EQ(log->Head("w2")->seq, 0u);
}

TEST(EventLog, AppendLinkedToAnotherChainIsRefused) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  ChainBuilder chain("w1");
  ASSERT_TRUE(AppendAndWait(*log, chain.Next()).has_value());
  atelier::v1::Event event = test::MakeEvent("w1", 2, "forged");
  event.set_prev_hash(std::string(32, 'x'));
  const auto refused = AppendAndWait(*log, Seal(event));
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("prev_hash"), std::string::npos);
  EXPECT_EQ(log->Head("w1")->seq, 1u);
}

TEST(EventLog, CloseDrainsQueuedAppendsThenRefusesWithClosed) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  ChainBuilder chain("w1");
  std::atomic<int> ok{0};
  for (int i = 0; i < 200; ++i) {
    log->Append(chain.Next(), [&ok](const Result<void>& r) { ok += r.has_value() ? 1 : 0; });
  }
  ASSERT_TRUE(log->Close().has_value());
  EXPECT_EQ(ok.load(), 200);

  const auto after = AppendAndWait(*log, chain.Next());
  ASSERT_FALSE(after.has_value());
  EXPECT_EQ(after.error().code, Error::Code::kClosed);
  EXPECT_EQ(log->Head("w1").error().code, Error::Code::kClosed);
  EXPECT_EQ(log->Read("w1", 1, 1).error().code, Error::Code::kClosed);
  EXPECT_TRUE(log->Close().has_value());  // idempotent

  auto reopened = OpenOrDie(dir.path());
  EXPECT_EQ(reopened->VerifyChain("w1")->seq, 200u);
}

TEST(EventLog, DestructorDrainsQueuedAppends) {
  TempDir dir;
  ChainBuilder chain("w1");
  std::atomic<int> ok{0};
  {
    auto log = OpenOrDie(dir.path());
    for (int i = 0; i < 50; ++i) {
      log->Append(chain.Next(), [&ok](const Result<void>& r) { ok += r.has_value() ? 1 : 0; });
    }
  }
  EXPECT_EQ(ok.load(), 50);
  EXPECT_EQ(OpenOrDie(dir.path())->Head("w1")->seq, 50u);
}

TEST(EventLog, EmptyOrOversizedWorkshopIdIsAClearError) {
  TempDir dir;
  auto log = OpenOrDie(dir.path());
  const auto head = log->Head("");
  ASSERT_FALSE(head.has_value());
  EXPECT_EQ(head.error().code, Error::Code::kInvalidArgument);
  EXPECT_NE(head.error().message.find("workshop id is empty"), std::string::npos);
  EXPECT_EQ(log->Read("", 1, 1).error().code, Error::Code::kInvalidArgument);
  EXPECT_EQ(log->VerifyChain(std::string(300, 'x')).error().code, Error::Code::kInvalidArgument);
  EXPECT_EQ(log->PutSnapshot("", 1, "s").error().code, Error::Code::kInvalidArgument);

  atelier::v1::Event event = test::MakeEvent(std::string(300, 'x'), 1, "too long an id");
  const auto refused = AppendAndWait(*log, Seal(event));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Error::Code::kInvalidArgument);
  EXPECT_FALSE(AppendAndWait(*log, SealedEvent()).has_value());
}

TEST(EventLog, OpenWhereTheDirectoryCannotBeCreatedIsAClearError) {
  TempDir dir;
  const auto file = dir.path() / "a-file";
  std::ofstream(file) << "not a directory";
  const auto log = EventLog::Open(file / "log");
  ASSERT_FALSE(log.has_value());
  EXPECT_EQ(log.error().code, Error::Code::kIo);
  EXPECT_NE(log.error().message.find("cannot create the directory"), std::string::npos)
      << log.error().message;
  EXPECT_EQ(EventLog::Open("").error().code, Error::Code::kInvalidArgument);
}

TEST(EventLog, SecondOpenOfTheSameDirectoryIsRefusedWhileTheFirstIsOpen) {
  TempDir dir;
  auto first = OpenOrDie(dir.path());
  const auto second = EventLog::Open(dir.path());
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, Error::Code::kIo);
  EXPECT_NE(second.error().message.find(dir.path().string()), std::string::npos);
}

// RocksDB's info log goes to the operator's stderr: no LOG file on the data volume, where a
// full disk made RocksDB 7.8's own logger assert.
TEST(EventLog, RocksDbKeepsNoInfoLogFileInTheDataDirectory) {
  TempDir dir;
  {
    auto log = OpenOrDie(dir.path());
    ChainBuilder chain("w1");
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(AppendAndWait(*log, chain.Next()).has_value());
    ASSERT_TRUE(log->Close().has_value());
    auto again = OpenOrDie(dir.path());
    ASSERT_TRUE(again->Head("w1").has_value());
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    EXPECT_FALSE(name == "LOG" || name.starts_with("LOG.old")) << name;
  }
}

TEST(EventLog, StatsShowTheFreeSpaceOfItsDisk) {
  TempDir dir;
  auto log = OpenOrDie(dir.path(), EventLogOptions{.min_free_bytes = 1});
  ChainBuilder chain("w1");
  ASSERT_TRUE(AppendAndWait(*log, chain.Next()).has_value());
  const EventLogStats stats = log->stats();
  EXPECT_GT(stats.free_bytes, 0u);
  EXPECT_FALSE(stats.low_space);
  EXPECT_FALSE(stats.write_failing);
  EXPECT_EQ(stats.no_space, 0u);
}

TEST(EventLog, ReadsRunWhileAppendsLand) {
  TempDir dir;
  auto log = OpenOrDie(dir.path(), EventLogOptions{.sync = false});  // speed; durability untested
  std::atomic<bool> done{false};
  std::thread writer([&] {
    ChainBuilder chain("w1");
    for (int i = 0; i < 2000; ++i) log->Append(chain.Next(), [](const Result<void>&) {});
    done = true;
  });
  int verified = 0;
  while (!done || verified < 3) {
    const auto head = log->VerifyChain("w1");
    ASSERT_TRUE(head.has_value()) << head.error().message;
    ++verified;
  }
  writer.join();
}

}  // namespace
}  // namespace atelier::storage
