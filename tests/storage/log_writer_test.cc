// The group-commit writer behind a fake disk: what cannot be made to happen with a real one
// (a failing write, a write that takes as long as the test wants).
#include "storage/log_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>

#include "storage/hash_chain.h"

namespace atelier::storage {
namespace {

// A disk in memory that can be made to fail, or to hold writes until released, with as much
// free space as the test says.
class FakeSink : public BatchSink {
 public:
  enum class Failure {
    kNone,
    kBeforeWriting,  // nothing reaches the disk (e.g. no space for the WAL)
    kAfterWriting,   // the batch reaches the disk but the write reports failure (failed fsync)
  };

  Result<LogHead> LoadHead(std::string_view workshop_id) override {
    std::lock_guard lock(mu_);
    auto it = heads_.find(std::string(workshop_id));
    return it == heads_.end() ? LogHead{} : it->second;
  }

  Result<void> Write(const std::vector<const SealedEvent*>& events,
                     const std::vector<HeadUpdate>& heads) override {
    std::unique_lock lock(mu_);
    ++writes_started_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return !held_; });
    batch_sizes_.push_back(events.size());
    if (failure_ == Failure::kBeforeWriting) return Fail(Error::Code::kIo, "disk full");
    for (const SealedEvent* event : events) stored_.push_back(event->seq());
    for (const HeadUpdate& update : heads) heads_[std::string(update.workshop_id)] = *update.head;
    if (failure_ == Failure::kAfterWriting) return Fail(Error::Code::kIo, "fsync failed");
    return {};
  }

  Result<void> WriteDeletion(std::string_view workshop_id) override {
    std::lock_guard lock(mu_);
    heads_.erase(std::string(workshop_id));
    deletions_.push_back(stored_.size());
    return {};
  }

  Result<void> Recover() override {
    std::lock_guard lock(mu_);
    ++recoveries_;
    if (!recovers_) return Fail(Error::Code::kNoSpace, "still no space");
    return {};
  }

  Result<uint64_t> FreeBytes() override {
    std::lock_guard lock(mu_);
    ++measures_;
    return free_bytes_;
  }

  void Hold() {
    std::lock_guard lock(mu_);
    held_ = true;
  }
  void Release() {
    std::lock_guard lock(mu_);
    held_ = false;
    changed_.notify_all();
  }
  void WaitForWrites(int n) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return writes_started_ >= n; });
  }
  void SetFailing(bool failing) { SetFailure(failing ? Failure::kBeforeWriting : Failure::kNone); }
  void SetFailure(Failure failure) {
    std::lock_guard lock(mu_);
    failure_ = failure;
  }
  void SetRecovers(bool recovers) {
    std::lock_guard lock(mu_);
    recovers_ = recovers;
  }
  void SetFreeBytes(uint64_t bytes) {
    std::lock_guard lock(mu_);
    free_bytes_ = bytes;
  }
  int recoveries() {
    std::lock_guard lock(mu_);
    return recoveries_;
  }
  int measures() {
    std::lock_guard lock(mu_);
    return measures_;
  }
  int writes_started() {
    std::lock_guard lock(mu_);
    return writes_started_;
  }
  std::vector<uint64_t> stored() {
    std::lock_guard lock(mu_);
    return stored_;
  }
  std::vector<size_t> batch_sizes() {
    std::lock_guard lock(mu_);
    return batch_sizes_;
  }
  // For each deletion, how many events had been stored before it.
  std::vector<size_t> deletions() {
    std::lock_guard lock(mu_);
    return deletions_;
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  bool held_ = false;
  Failure failure_ = Failure::kNone;
  bool recovers_ = true;
  uint64_t free_bytes_ = uint64_t{1} << 40;
  int recoveries_ = 0;
  int measures_ = 0;
  int writes_started_ = 0;
  std::map<std::string, LogHead> heads_;
  std::vector<uint64_t> stored_;
  std::vector<size_t> batch_sizes_;
  std::vector<size_t> deletions_;
};

// Appends of sealed events, each workshop's a consistent chain (event k is always the same).
class Appends {
 public:
  QueuedAppend Make(uint64_t seq, std::function<void(const Result<void>&)> done,
                    std::string workshop_id = "w1") {
    return Group(seq, seq, std::move(done), std::move(workshop_id));
  }
  // Events first..last of the workshop's chain, as one append.
  QueuedAppend Group(uint64_t first, uint64_t last, std::function<void(const Result<void>&)> done,
                     std::string workshop_id = "w1") {
    std::vector<SealedEvent>& chain = chains_[workshop_id];
    while (chain.size() < last) {
      atelier::v1::Event event;
      event.set_workshop_id(workshop_id);
      event.set_seq(chain.size() + 1);
      event.set_command_id("c" + std::to_string(chain.size() + 1));
      if (!chain.empty()) event.set_prev_hash(std::string(chain.back().hash()));
      chain.push_back(Seal(event));
    }
    QueuedAppend append;
    append.events.assign(chain.begin() + static_cast<std::ptrdiff_t>(first - 1),
                         chain.begin() + static_cast<std::ptrdiff_t>(last));
    append.done = std::move(done);
    return append;
  }

 private:
  std::map<std::string, std::vector<SealedEvent>> chains_;
};

// A clock that moves only when the test says.
class FakeClock {
 public:
  Clock clock() {
    return [this] { return std::chrono::steady_clock::time_point() + elapsed_.load(); };
  }
  void Advance(std::chrono::milliseconds by) { elapsed_.store(elapsed_.load() + by); }

 private:
  std::atomic<std::chrono::milliseconds> elapsed_{std::chrono::hours(1)};
};

// Collects outcomes by seq.
class Outcomes {
 public:
  std::function<void(const Result<void>&)> For(uint64_t seq) {
    return [this, seq](const Result<void>& r) {
      std::lock_guard lock(mu_);
      results_.emplace(seq, r);
      changed_.notify_all();
    };
  }
  std::multimap<uint64_t, Result<void>> WaitFor(size_t n) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return results_.size() >= n; });
    return results_;
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::multimap<uint64_t, Result<void>> results_;
};

TEST(LogWriter, AppendsQueuedDuringAWriteGoOutInOneBatch) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{});
  Appends appends;
  Outcomes outcomes;
  sink.Hold();
  writer.Append(appends.Make(1, outcomes.For(1)));
  sink.WaitForWrites(1);  // event 1 is being written; the rest queue up behind it
  for (uint64_t seq = 2; seq <= 50; ++seq) writer.Append(appends.Make(seq, outcomes.For(seq)));
  sink.Release();
  const auto results = outcomes.WaitFor(50);
  for (const auto& [seq, result] : results) EXPECT_TRUE(result.has_value()) << seq;
  EXPECT_EQ(sink.batch_sizes(), (std::vector<size_t>{1, 49}));
  EXPECT_EQ(writer.stats().batches, 2u);
}

TEST(LogWriter, SeqCheckCountsAppendsStillQueued) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{});
  Appends appends;
  Outcomes outcomes;
  sink.Hold();
  writer.Append(appends.Make(1, outcomes.For(1)));
  sink.WaitForWrites(1);
  writer.Append(appends.Make(2, outcomes.For(2)));
  writer.Append(appends.Make(2, outcomes.For(2)));  // duplicate of a queued append
  writer.Append(appends.Make(4, outcomes.For(4)));  // gap
  writer.Append(appends.Make(3, outcomes.For(3)));
  sink.Release();
  const auto results = outcomes.WaitFor(5);
  EXPECT_EQ(sink.stored(), (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_EQ(results.count(2), 2u);
  int refused = 0;
  for (const auto& [seq, result] : results) {
    if (!result) {
      ++refused;
      EXPECT_EQ(result.error().code, Error::Code::kInvalidArgument);
    }
  }
  EXPECT_EQ(refused, 2);
  EXPECT_FALSE(results.find(4)->second.has_value());
  EXPECT_EQ(writer.stats().refused, 2u);
}

TEST(LogWriter, FailedWriteReportsTheErrorToEveryCallbackOfTheBatchAndKeepsTheHead) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{});
  Appends appends;
  Outcomes outcomes;
  sink.SetFailing(true);
  sink.Hold();
  Outcomes blocker;
  writer.Append(appends.Make(1, blocker.For(1), "w0"));
  sink.WaitForWrites(1);  // the writer is busy: the next two go out together
  writer.Append(appends.Make(1, outcomes.For(1)));
  writer.Append(appends.Make(2, outcomes.For(2)));
  sink.Release();
  blocker.WaitFor(1);
  auto results = outcomes.WaitFor(2);
  for (const auto& [seq, result] : results) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, Error::Code::kIo);
    EXPECT_NE(result.error().message.find("disk full"), std::string::npos);
    EXPECT_NE(result.error().message.find("workshop w1: event"), std::string::npos);
  }
  EXPECT_EQ(writer.stats().failed, 3u);  // appends
  EXPECT_EQ(writer.stats().batches, 0u);

  // The disk recovers: event 1 is still the next one.
  sink.SetFailing(false);
  Outcomes retry;
  writer.Append(appends.Make(1, retry.For(1)));
  EXPECT_TRUE(retry.WaitFor(1).begin()->second.has_value());
  EXPECT_EQ(sink.stored(), (std::vector<uint64_t>{1}));
}

TEST(LogWriter, FullQueueRefusesAtOnceWithBusy) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{.max_queued_events = 3});
  Appends appends;
  Outcomes outcomes;
  sink.Hold();
  writer.Append(appends.Make(1, outcomes.For(1)));
  sink.WaitForWrites(1);  // taken off the queue
  for (uint64_t seq = 2; seq <= 4; ++seq) writer.Append(appends.Make(seq, outcomes.For(seq)));
  bool called = false;
  Result<void> busy;
  writer.Append(appends.Make(5, [&](const Result<void>& r) {
    called = true;
    busy = r;
  }));
  ASSERT_TRUE(called);  // on this thread, before Append returned
  ASSERT_FALSE(busy.has_value());
  EXPECT_EQ(busy.error().code, Error::Code::kBusy);
  sink.Release();
  for (const auto& [seq, result] : outcomes.WaitFor(4)) EXPECT_TRUE(result.has_value()) << seq;
}

TEST(LogWriter, BatchesAreCappedAtMaxBatchEvents) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{.max_batch_events = 10});
  Appends appends;
  Outcomes outcomes;
  sink.Hold();
  writer.Append(appends.Make(1, outcomes.For(1)));
  sink.WaitForWrites(1);
  for (uint64_t seq = 2; seq <= 26; ++seq) writer.Append(appends.Make(seq, outcomes.For(seq)));
  sink.Release();
  outcomes.WaitFor(26);
  EXPECT_EQ(sink.batch_sizes(), (std::vector<size_t>{1, 10, 10, 5}));
}

TEST(LogWriter, AnAppendOfSeveralEventsIsWrittenWholeInOneBatch) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{.max_batch_events = 4});
  Appends appends;
  Outcomes outcomes;
  sink.Hold();
  writer.Append(appends.Make(1, outcomes.For(1)));
  sink.WaitForWrites(1);
  writer.Append(appends.Group(2, 4, outcomes.For(2)));  // 3 events
  writer.Append(appends.Group(5, 7, outcomes.For(5)));  // 3 more: would pass 4, next batch
  writer.Append(appends.Group(8, 13, outcomes.For(8)));  // 6: larger than a batch, goes alone
  sink.Release();
  for (const auto& [seq, result] : outcomes.WaitFor(4)) EXPECT_TRUE(result.has_value()) << seq;
  EXPECT_EQ(sink.batch_sizes(), (std::vector<size_t>{1, 3, 3, 6}));
  EXPECT_EQ(sink.stored().size(), 13u);
}

TEST(LogWriter, AnAppendThatDoesNotFollowIsRefusedWholeAndTheOthersGoOn) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{});
  Appends appends;
  Outcomes outcomes;
  sink.Hold();
  writer.Append(appends.Make(1, outcomes.For(1)));
  sink.WaitForWrites(1);
  QueuedAppend broken = appends.Group(2, 4, outcomes.For(2));
  std::swap(broken.events[1], broken.events[2]);  // 2, 4, 3: the third does not follow
  writer.Append(std::move(broken));
  writer.Append(appends.Make(1, outcomes.For(101), "w2"));
  writer.Append(appends.Group(2, 3, outcomes.For(3)));  // 2 and 3 in order: accepted
  sink.Release();
  const auto results = outcomes.WaitFor(4);
  ASSERT_FALSE(results.find(2)->second.has_value());
  EXPECT_EQ(results.find(2)->second.error().code, Error::Code::kInvalidArgument);
  EXPECT_TRUE(results.find(3)->second.has_value());
  EXPECT_TRUE(results.find(101)->second.has_value());
  EXPECT_EQ(sink.stored(), (std::vector<uint64_t>{1, 1, 2, 3}));
}

TEST(LogWriter, AnAppendWithoutRoomForAllItsEventsIsRefusedWithBusyAndNothingQueued) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{.max_queued_events = 4});
  Appends appends;
  Outcomes outcomes;
  sink.Hold();
  writer.Append(appends.Make(1, outcomes.For(1)));
  sink.WaitForWrites(1);
  writer.Append(appends.Group(2, 4, outcomes.For(2)));  // 3 of 4 places
  Result<void> busy;
  writer.Append(appends.Group(5, 6, [&](const Result<void>& r) { busy = r; }));
  ASSERT_FALSE(busy.has_value());
  EXPECT_EQ(busy.error().code, Error::Code::kBusy);
  EXPECT_EQ(writer.stats().busy, 1u);
  EXPECT_EQ(writer.stats().queued, 3u);
  sink.Release();
  outcomes.WaitFor(2);
  // Nothing of the refused append was queued: it can be sent again, whole.
  writer.Append(appends.Group(5, 6, outcomes.For(5)));
  EXPECT_TRUE(outcomes.WaitFor(3).find(5)->second.has_value());
  EXPECT_EQ(sink.stored().size(), 6u);
}

TEST(LogWriter, StopWritesWhatIsQueuedThenRefusesWithClosed) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{});
  Appends appends;
  Outcomes outcomes;
  for (uint64_t seq = 1; seq <= 20; ++seq) writer.Append(appends.Make(seq, outcomes.For(seq)));
  writer.Stop();
  EXPECT_EQ(sink.stored().size(), 20u);
  Result<void> after;
  writer.Append(appends.Make(21, [&](const Result<void>& r) { after = r; }));
  ASSERT_FALSE(after.has_value());
  EXPECT_EQ(after.error().code, Error::Code::kClosed);
}

TEST(LogWriter, ACallbackMayAppendTheNextEvent) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{});
  Appends appends;
  std::promise<void> last;
  std::function<void(uint64_t)> append_from = [&](uint64_t seq) {
    writer.Append(appends.Make(seq, [&, seq](const Result<void>& r) {
      ASSERT_TRUE(r.has_value());
      if (seq == 10) {
        last.set_value();
      } else {
        append_from(seq + 1);
      }
    }));
  };
  append_from(1);
  last.get_future().wait();
  EXPECT_EQ(sink.stored().size(), 10u);
}

// What one append of event `seq` gets, waited for.
Result<void> AppendOne(LogWriter& writer, Appends& appends, uint64_t seq,
                       const std::string& workshop_id = "w1") {
  std::promise<Result<void>> outcome;
  writer.Append(appends.Make(
      seq, [&](const Result<void>& r) { outcome.set_value(r); }, workshop_id));
  return outcome.get_future().get();
}

constexpr uint64_t kMiB = 1 << 20;

TEST(LogWriterFreeSpace, RefusesBelowTheReserveWithoutWritingThenAcceptsWhenSpaceIsBack) {
  FakeSink sink;
  FakeClock clock;
  sink.SetFreeBytes(10 * kMiB);
  LogWriter writer(sink, EventLogOptions{.min_free_bytes = 64 * kMiB}, "the test disk",
                   clock.clock());
  Appends appends;

  Result<void> refused = AppendOne(writer, appends, 1);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Error::Code::kNoSpace);
  EXPECT_NE(refused.error().message.find("workshop w1: event 1 not written: the test disk has "
                                         "10 MiB free, below the 64 MiB it keeps in reserve"),
            std::string::npos)
      << refused.error().message;
  EXPECT_EQ(sink.writes_started(), 0);
  EXPECT_TRUE(writer.stats().low_space);
  EXPECT_EQ(writer.stats().free_bytes, 10 * kMiB);
  EXPECT_EQ(writer.stats().no_space, 1u);
  EXPECT_EQ(writer.stats().refused, 1u);

  // Space comes back: seen at the next measure, not before (no statvfs per batch).
  sink.SetFreeBytes(100 * kMiB);
  EXPECT_FALSE(AppendOne(writer, appends, 1).has_value());
  EXPECT_EQ(sink.measures(), 1);
  clock.Advance(FreeSpaceGuard::kRefresh);
  ASSERT_TRUE(AppendOne(writer, appends, 1).has_value());
  EXPECT_EQ(sink.measures(), 2);
  EXPECT_EQ(sink.stored(), (std::vector<uint64_t>{1}));
  EXPECT_FALSE(writer.stats().low_space);
  EXPECT_EQ(writer.stats().no_space, 2u);
}

TEST(LogWriterFreeSpace, CountsWhatItWroteBetweenTwoMeasures) {
  FakeSink sink;
  FakeClock clock;
  sink.SetFreeBytes(64 * kMiB + 4096);  // room for a few events only
  LogWriter writer(sink, EventLogOptions{.min_free_bytes = 64 * kMiB}, "the test disk",
                   clock.clock());
  Appends appends;
  uint64_t seq = 1;
  while (seq < 1000 && AppendOne(writer, appends, seq).has_value()) ++seq;
  EXPECT_GT(seq, 2u);    // some were written
  EXPECT_LT(seq, 100u);  // and the reserve stopped the rest, with no new measure
  EXPECT_EQ(sink.measures(), 1);
  EXPECT_EQ(sink.stored().size(), seq - 1);
  EXPECT_LT(writer.stats().free_bytes, 64 * kMiB + 4096);
}

TEST(LogWriterFreeSpace, AReserveOfZeroNeverRefuses) {
  FakeSink sink;
  sink.SetFreeBytes(0);
  LogWriter writer(sink, EventLogOptions{.min_free_bytes = 0});
  Appends appends;
  EXPECT_TRUE(AppendOne(writer, appends, 1).has_value());
  EXPECT_FALSE(writer.stats().low_space);
}

TEST(LogWriterRecovery, AFailedWriteIsFollowedByARecoveryBeforeTheNextWrite) {
  FakeSink sink;
  FakeClock clock;
  LogWriter writer(sink, EventLogOptions{}, "the test disk", clock.clock());
  Appends appends;
  ASSERT_TRUE(AppendOne(writer, appends, 1).has_value());
  sink.SetFailing(true);
  Result<void> failed = AppendOne(writer, appends, 2);
  ASSERT_FALSE(failed.has_value());
  EXPECT_NE(failed.error().message.find("event 2 not durable: disk full"), std::string::npos);
  EXPECT_TRUE(writer.stats().write_failing);
  EXPECT_EQ(sink.recoveries(), 0);

  sink.SetFailing(false);
  ASSERT_TRUE(AppendOne(writer, appends, 2).has_value());  // no wait for the first attempt
  EXPECT_EQ(sink.recoveries(), 1);
  EXPECT_EQ(sink.stored(), (std::vector<uint64_t>{1, 2}));
  EXPECT_FALSE(writer.stats().write_failing);
  EXPECT_EQ(writer.stats().recoveries, 1u);
  ASSERT_TRUE(AppendOne(writer, appends, 3).has_value());
  EXPECT_EQ(sink.recoveries(), 1);  // only after a failure
}

TEST(LogWriterRecovery, AttemptsAreRateLimitedAndNothingIsWrittenUntilOneSucceeds) {
  FakeSink sink;
  FakeClock clock;
  LogWriter writer(sink, EventLogOptions{.recover_interval = std::chrono::milliseconds(250)},
                   "the test disk", clock.clock());
  Appends appends;
  sink.SetFailing(true);
  ASSERT_FALSE(AppendOne(writer, appends, 1).has_value());
  EXPECT_EQ(sink.writes_started(), 1);

  sink.SetRecovers(false);
  Result<void> attempt = AppendOne(writer, appends, 1);
  ASSERT_FALSE(attempt.has_value());
  EXPECT_EQ(attempt.error().code, Error::Code::kNoSpace);  // the recovery's own error
  EXPECT_NE(attempt.error().message.find("cannot write yet: still no space; retry later"),
            std::string::npos)
      << attempt.error().message;
  EXPECT_EQ(sink.recoveries(), 1);

  // Before the next attempt is due: refused at once with the last reason, no recovery, no
  // write.
  clock.Advance(std::chrono::milliseconds(200));
  Result<void> early = AppendOne(writer, appends, 1);
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code, Error::Code::kNoSpace);
  EXPECT_NE(
      early.error().message.find("has not recovered from a failed write yet (still no space)"),
      std::string::npos)
      << early.error().message;
  EXPECT_EQ(sink.recoveries(), 1);
  EXPECT_EQ(sink.writes_started(), 1);
  EXPECT_TRUE(writer.stats().write_failing);

  clock.Advance(std::chrono::milliseconds(50));
  sink.SetRecovers(true);
  sink.SetFailing(false);
  ASSERT_TRUE(AppendOne(writer, appends, 1).has_value());
  EXPECT_EQ(sink.recoveries(), 2);
  EXPECT_EQ(sink.stored(), (std::vector<uint64_t>{1}));
  EXPECT_EQ(writer.stats().failed, 3u);
}

TEST(LogWriterRecovery, AFailedBatchThatReachedTheDiskIsFollowedNeverRepeated) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{});
  Appends appends;
  ASSERT_TRUE(AppendOne(writer, appends, 1, "w2").has_value());
  sink.SetFailure(FakeSink::Failure::kAfterWriting);  // events 1-3 stored, fsync "failed"
  Outcomes outcomes;
  writer.Append(appends.Group(1, 3, outcomes.For(1)));
  ASSERT_FALSE(outcomes.WaitFor(1).begin()->second.has_value());
  sink.SetFailure(FakeSink::Failure::kNone);

  // The writer must not trust its own idea of the head: event 1 again would repeat a seq.
  Result<void> repeat = AppendOne(writer, appends, 1);
  ASSERT_FALSE(repeat.has_value());
  EXPECT_EQ(repeat.error().code, Error::Code::kInvalidArgument);
  EXPECT_NE(repeat.error().message.find("the log is at event 3"), std::string::npos)
      << repeat.error().message;
  EXPECT_TRUE(AppendOne(writer, appends, 4).has_value());
  EXPECT_TRUE(AppendOne(writer, appends, 2, "w2").has_value());  // other workshops go on
  EXPECT_EQ(sink.stored(), (std::vector<uint64_t>{1, 1, 2, 3, 4, 2}));
}

}  // namespace
}  // namespace atelier::storage

namespace atelier::storage {
namespace {

TEST(LogWriter, ADeletionIsWrittenInItsPlaceAndRefusesLaterAppendsOfItsWorkshop) {
  FakeSink sink;
  LogWriter writer(sink, EventLogOptions{});
  Appends appends;
  Outcomes outcomes;
  sink.Hold();
  writer.Append(appends.Make(1, outcomes.For(1)));
  sink.WaitForWrites(1);  // event 1 is being written; the rest queue up behind it
  writer.Append(appends.Make(2, outcomes.For(2)));
  std::promise<Result<void>> deleted;
  writer.Delete(QueuedDeletion{"w1", [&](const Result<void>& r) { deleted.set_value(r); }});
  writer.Append(appends.Make(3, outcomes.For(3)));
  writer.Append(appends.Make(1, outcomes.For(101), "w2"));  // another workshop goes on
  sink.Release();
  ASSERT_TRUE(deleted.get_future().get().has_value());
  const auto results = outcomes.WaitFor(4);
  EXPECT_TRUE(results.find(1)->second.has_value());
  EXPECT_TRUE(results.find(2)->second.has_value());  // queued before: written, then deleted
  ASSERT_FALSE(results.find(3)->second.has_value());  // queued after: refused
  EXPECT_EQ(results.find(3)->second.error().code, Error::Code::kNotFound);
  EXPECT_NE(results.find(3)->second.error().message.find("deleted"), std::string::npos);
  EXPECT_TRUE(results.find(101)->second.has_value());
  EXPECT_EQ(sink.deletions(), (std::vector<size_t>{2}));  // after events 1 and 2
  EXPECT_EQ(sink.stored(), (std::vector<uint64_t>{1, 2, 1}));
}

}  // namespace
}  // namespace atelier::storage
