// VerifyChain against logs tampered with behind the log's back (storage/testing/tamper.h).
#include <gtest/gtest.h>

#include "storage/event_log.h"
#include "storage/hash_chain.h"
#include "storage/testing/tamper.h"
#include "tests/storage/test_support.h"

namespace atelier::storage {
namespace {

using test::AppendAndWait;
using test::ChainBuilder;
using test::TempDir;

constexpr int kEvents = 30;

// A closed log holding one intact chain of kEvents events for workshop "w1".
class VerifyChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = EventLog::Open(dir_.path());
    ASSERT_TRUE(log.has_value()) << log.error().message;
    ChainBuilder chain("w1");
    hashes_.push_back("");
    for (int i = 0; i < kEvents; ++i) {
      ASSERT_TRUE(AppendAndWait(**log, chain.Next("idea " + std::to_string(i))).has_value());
      hashes_.push_back(chain.hash());
    }
    head_ = LogHead{chain.seq(), chain.hash()};
  }

  // Reopens the log and verifies "w1" after event `seq`, trusted with hash `hash`.
  Result<LogHead> VerifyAfter(uint64_t seq, const std::string& hash) {
    auto log = EventLog::Open(dir_.path());
    if (!log) return std::unexpected(log.error());
    return (*log)->VerifyChain("w1", LogHead{seq, hash});
  }
  Result<LogHead> VerifyAfter(uint64_t seq) { return VerifyAfter(seq, hashes_[seq]); }

  // Flips a bit of the stored event's bytes (its stored hash no longer matches them).
  void ChangeEvent(uint64_t seq) {
    auto value = testing::ReadStoredEvent(dir_.path(), "w1", seq);
    ASSERT_TRUE(value.has_value());
    atelier::v1::LoggedEvent logged;
    ASSERT_TRUE(logged.ParseFromString(*value));
    std::string& bytes = *logged.mutable_event();
    bytes[bytes.size() - 1] ^= 0x01;
    ASSERT_TRUE(testing::WriteStoredEvent(dir_.path(), "w1", seq, logged.SerializeAsString()));
  }

  // Reopens the log and verifies "w1"; expects a broken chain whose message contains `needle`.
  void ExpectBroken(const std::string& needle) {
    auto log = EventLog::Open(dir_.path());
    ASSERT_TRUE(log.has_value()) << log.error().message;
    const auto verified = (*log)->VerifyChain("w1");
    ASSERT_FALSE(verified.has_value()) << "tampering went unnoticed";
    EXPECT_EQ(verified.error().code, Error::Code::kBrokenChain) << verified.error().message;
    EXPECT_NE(verified.error().message.find(needle), std::string::npos) << verified.error().message;
    EXPECT_EQ(verified.error().message.find("workshop w1: "), 0u) << verified.error().message;
  }

  TempDir dir_;
  LogHead head_;
  std::vector<std::string> hashes_;  // of each event, by seq; [0] empty
};

TEST_F(VerifyChainTest, AcceptsAnIntactLog) {
  auto log = EventLog::Open(dir_.path());
  ASSERT_TRUE(log.has_value());
  const auto verified = (*log)->VerifyChain("w1");
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_EQ(*verified, head_);
}

TEST_F(VerifyChainTest, RefusesAChangedEvent) {
  auto value = testing::ReadStoredEvent(dir_.path(), "w1", 12);
  ASSERT_TRUE(value.has_value());
  atelier::v1::LoggedEvent logged;
  ASSERT_TRUE(logged.ParseFromString(*value));
  std::string& bytes = *logged.mutable_event();
  bytes[bytes.size() - 1] ^= 0x01;
  ASSERT_TRUE(testing::WriteStoredEvent(dir_.path(), "w1", 12, logged.SerializeAsString()));
  ExpectBroken("event 12: hash mismatch");
}

TEST_F(VerifyChainTest, RefusesAChangedEventWithARecomputedHash) {
  auto value = testing::ReadStoredEvent(dir_.path(), "w1", 12);
  ASSERT_TRUE(value.has_value());
  atelier::v1::LoggedEvent logged;
  ASSERT_TRUE(logged.ParseFromString(*value));
  atelier::v1::Event event;
  ASSERT_TRUE(event.ParseFromString(logged.event()));
  event.mutable_idea_posted()->mutable_idea()->set_text("rewritten history");
  ASSERT_TRUE(testing::WriteStoredEvent(dir_.path(), "w1", 12, std::string(Seal(event).stored())));
  ExpectBroken("event 13: prev_hash");
}

TEST_F(VerifyChainTest, RefusesALogWithAMiddleEventRemoved) {
  ASSERT_TRUE(testing::DeleteStoredEvent(dir_.path(), "w1", 15));
  ExpectBroken("event 15 is missing");
}

TEST_F(VerifyChainTest, RefusesReorderedEvents) {
  ASSERT_TRUE(testing::SwapStoredEvents(dir_.path(), "w1", 7, 8));
  ExpectBroken("event 7: found event 8");
}

TEST_F(VerifyChainTest, RefusesALogWithItsLastEventRemoved) {
  ASSERT_TRUE(testing::DeleteStoredEvent(dir_.path(), "w1", kEvents));
  ExpectBroken("the log ends at event 29 but its head says 30");
}

TEST_F(VerifyChainTest, RefusesALogWhoseHeadWasRemoved) {
  ASSERT_TRUE(testing::DeleteStoredHead(dir_.path(), "w1"));
  ExpectBroken("no stored head");
}

TEST_F(VerifyChainTest, RefusesALogWithAnEventAddedWithoutItsHead) {
  ChainBuilder chain("w1");
  for (int i = 0; i < kEvents; ++i) chain.Next("idea " + std::to_string(i));
  ASSERT_TRUE(testing::WriteStoredEvent(dir_.path(), "w1", kEvents + 1,
                                        std::string(chain.Next().stored())));
  ExpectBroken("the head says event 30 but the log goes on to event 31");
}

TEST_F(VerifyChainTest, ReportsUndecodableStoredBytesAsCorruption) {
  ASSERT_TRUE(testing::WriteStoredEvent(dir_.path(), "w1", 3, "\xff\xff"));
  auto log = EventLog::Open(dir_.path());
  ASSERT_TRUE(log.has_value());
  const auto verified = (*log)->VerifyChain("w1");
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, Error::Code::kCorruption);
  EXPECT_NE(verified.error().message.find("workshop w1: event 3"), std::string::npos);
}

// --- VerifyChain(workshop, from): only the events after a trusted point ---

void ExpectBrokenWith(const Result<LogHead>& verified, const std::string& needle) {
  ASSERT_FALSE(verified.has_value()) << "tampering went unnoticed";
  EXPECT_EQ(verified.error().code, Error::Code::kBrokenChain) << verified.error().message;
  EXPECT_NE(verified.error().message.find(needle), std::string::npos) << verified.error().message;
}

TEST_F(VerifyChainTest, FromATrustedPointAcceptsAGoodTail) {
  for (uint64_t from : {0, 1, 20, kEvents - 1}) {
    const auto verified = VerifyAfter(from);
    ASSERT_TRUE(verified.has_value()) << from << ": " << verified.error().message;
    EXPECT_EQ(*verified, head_);
  }
}

TEST_F(VerifyChainTest, FromTheHeadItselfAcceptsAnEmptyTail) {
  const auto verified = VerifyAfter(kEvents);
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_EQ(*verified, head_);
}

TEST_F(VerifyChainTest, FromATrustedPointDoesNotReadTheEventsBeforeIt) {
  ChangeEvent(5);
  EXPECT_TRUE(VerifyAfter(20).has_value());  // trusted: what the background check is for
  ExpectBrokenWith(VerifyAfter(0), "event 5: hash mismatch");
}

TEST_F(VerifyChainTest, FromATrustedPointRefusesAChangedEventAfterIt) {
  ChangeEvent(25);
  ExpectBrokenWith(VerifyAfter(20), "event 25: hash mismatch");
}

TEST_F(VerifyChainTest, FromATrustedPointRefusesTheFirstEventAfterItChanged) {
  ChangeEvent(21);
  ExpectBrokenWith(VerifyAfter(20), "event 21: hash mismatch");
}

TEST_F(VerifyChainTest, FromATrustedPointRefusesARemovedEventAfterIt) {
  ASSERT_TRUE(testing::DeleteStoredEvent(dir_.path(), "w1", 21));
  ExpectBrokenWith(VerifyAfter(20), "event 21 is missing");
}

TEST_F(VerifyChainTest, FromATrustedPointRefusesATailThatDoesNotLinkToIt) {
  ExpectBrokenWith(VerifyAfter(20, hashes_[19]), "event 21: prev_hash");
  ExpectBrokenWith(VerifyAfter(kEvents, hashes_[kEvents - 1]), "head's hash differs");
}

TEST_F(VerifyChainTest, FromATrustedPointRefusesAHeadThatIsNotTheLastEvent) {
  ASSERT_TRUE(testing::DeleteStoredEvent(dir_.path(), "w1", kEvents));
  ExpectBrokenWith(VerifyAfter(20), "the log ends at event 29 but its head says 30");
}

TEST_F(VerifyChainTest, FromATrustedPointRefusesAnEventAddedWithoutItsHead) {
  ChainBuilder chain("w1");
  for (int i = 0; i < kEvents; ++i) chain.Next("idea " + std::to_string(i));
  ASSERT_TRUE(testing::WriteStoredEvent(dir_.path(), "w1", kEvents + 1,
                                        std::string(chain.Next().stored())));
  ExpectBrokenWith(VerifyAfter(20), "the head says event 30 but the log goes on to event 31");
}

TEST_F(VerifyChainTest, FromATrustedPointRefusesALogWhoseHeadWasRemoved) {
  ASSERT_TRUE(testing::DeleteStoredHead(dir_.path(), "w1"));
  ExpectBrokenWith(VerifyAfter(20), "no stored head");
}

TEST_F(VerifyChainTest, FromAPointBeyondTheHeadFails) {
  ExpectBrokenWith(VerifyAfter(kEvents + 5, hashes_[kEvents]), "is beyond the head, event 30");
}

}  // namespace
}  // namespace atelier::storage
