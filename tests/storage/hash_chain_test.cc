#include "storage/hash_chain.h"

#include <gtest/gtest.h>

#include <utility>

#include "storage/event_view.h"
#include "tests/storage/test_support.h"

namespace atelier::storage {
namespace {

using test::ChainBuilder;
using test::MakeEvent;

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

Result<void> VerifyAll(const std::string& workshop_id,
                       const std::vector<atelier::v1::LoggedEvent>& chain) {
  ChainVerifier verifier(workshop_id);
  for (const auto& logged : chain) {
    if (auto fed = verifier.Feed(logged); !fed) return fed;
  }
  return {};
}

TEST(HashEvent, IsSha256OfPrevHashThenEventBytes) {
  // SHA-256("abc"), FIPS 180-2 test vector: the two parts are hashed as one stream.
  EXPECT_EQ(Hex(HashEvent("a", "bc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HashEvent("", "abc"), HashEvent("ab", "c"));
  EXPECT_EQ(HashEvent("x", "y").size(), kHashSize);
}

TEST(Seal, StoresTheExactBytesWithEmptyHashAndFillsTheEventHash) {
  atelier::v1::Event event = MakeEvent("w1", 1, "hello");
  event.set_hash("stale");
  const atelier::v1::LoggedEvent logged = Seal(event).ToLogged();

  atelier::v1::Event stored;
  ASSERT_TRUE(stored.ParseFromString(logged.event()));
  EXPECT_TRUE(stored.hash().empty());
  EXPECT_EQ(stored.idea_posted().idea().text(), "hello");
  EXPECT_EQ(logged.hash(), HashEvent("", logged.event()));
  EXPECT_EQ(event.hash(), logged.hash());
}

TEST(Seal, StoresTheSameBytesAsProtobufWritesTheLoggedEventSoOldLogsReadTheSame) {
  atelier::v1::Event event = MakeEvent("w1", 2, std::string(300, 'x'));  // a 2-byte length
  event.set_prev_hash(std::string(32, 'p'));
  const SealedEvent sealed = Seal(event);
  EXPECT_EQ(sealed.stored(), sealed.ToLogged().SerializeAsString());
  EXPECT_EQ(sealed.workshop_id(), "w1");
  EXPECT_EQ(sealed.seq(), 2u);
  EXPECT_EQ(sealed.prev_hash(), std::string(32, 'p'));
  EXPECT_EQ(sealed.hash(), HashEvent(sealed.prev_hash(), sealed.event_bytes()));
  auto read_back = SealedEvent::FromStored(std::string(sealed.stored()));
  ASSERT_TRUE(read_back.has_value()) << read_back.error().message;
  EXPECT_EQ(read_back->stored(), sealed.stored());
  EXPECT_EQ(read_back->hash(), sealed.hash());
  EXPECT_EQ(read_back->event_bytes(), sealed.event_bytes());
  EXPECT_EQ(read_back->seq(), 2u);
  EXPECT_FALSE(SealedEvent::FromStored(std::string("\x0a\x05" "ab")).has_value());
}

TEST(Seal, IsDeterministicForEqualEvents) {
  atelier::v1::Event a = MakeEvent("w1", 3, "same");
  atelier::v1::Event b = MakeEvent("w1", 3, "same");
  a.set_prev_hash(std::string(32, 'p'));
  b.set_prev_hash(std::string(32, 'p'));
  EXPECT_EQ(Seal(a).stored(), Seal(b).stored());
}

TEST(ChainVerifier, AcceptsASealedChainAndReportsItsHead) {
  ChainBuilder builder("w1");
  const auto chain = builder.Take(20);
  ChainVerifier verifier("w1");
  for (const auto& logged : chain) ASSERT_TRUE(verifier.Feed(logged).has_value());
  EXPECT_EQ(verifier.last_seq(), 20u);
  EXPECT_EQ(verifier.last_hash(), builder.hash());
}

TEST(ChainVerifier, CatchesAChangedByte) {
  auto chain = ChainBuilder("w1").Take(20);
  std::string& bytes = *chain[16].mutable_event();
  bytes[bytes.size() - 3] ^= 0x01;  // inside the idea text
  const auto verified = VerifyAll("w1", chain);
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, Error::Code::kBrokenChain);
  EXPECT_EQ(verified.error().message.find("workshop w1: event 17: hash mismatch"), 0u)
      << verified.error().message;
}

TEST(ChainVerifier, CatchesAChangedEventWhoseHashWasRecomputed) {
  auto chain = ChainBuilder("w1").Take(5);
  atelier::v1::Event forged;
  ASSERT_TRUE(forged.ParseFromString(chain[2].event()));
  forged.mutable_idea_posted()->mutable_idea()->set_text("forged");
  chain[2] = Seal(forged).ToLogged();  // consistent on its own, but event 4 links to the original
  const auto verified = VerifyAll("w1", chain);
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, Error::Code::kBrokenChain);
  EXPECT_NE(verified.error().message.find("event 4: prev_hash"), std::string::npos)
      << verified.error().message;
}

TEST(ChainVerifier, CatchesARemovedEvent) {
  auto chain = ChainBuilder("w1").Take(10);
  chain.erase(chain.begin() + 4);  // event 5
  const auto verified = VerifyAll("w1", chain);
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, Error::Code::kBrokenChain);
  EXPECT_NE(verified.error().message.find("event 5: found event 6"), std::string::npos)
      << verified.error().message;
}

TEST(ChainVerifier, CatchesTwoEventsSwapped) {
  auto chain = ChainBuilder("w1").Take(10);
  std::swap(chain[6], chain[7]);
  const auto verified = VerifyAll("w1", chain);
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, Error::Code::kBrokenChain);
  EXPECT_NE(verified.error().message.find("event 7"), std::string::npos)
      << verified.error().message;
}

TEST(ChainVerifier, CatchesAnEventOfAnotherWorkshop) {
  auto chain = ChainBuilder("w1").Take(3);
  chain.push_back(ChainBuilder("w2").Take(4).back());
  const auto verified = VerifyAll("w1", chain);
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, Error::Code::kBrokenChain);
}

TEST(ChainVerifier, ReportsUndecodableBytesAsCorruption) {
  auto chain = ChainBuilder("w1").Take(2);
  chain[1].set_event("\xff\xff\xff");
  const auto verified = VerifyAll("w1", chain);
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, Error::Code::kCorruption);
  EXPECT_NE(verified.error().message.find("workshop w1: event 2"), std::string::npos);
}

TEST(ChainVerifier, RefusesEverythingAfterTheFirstFault) {
  auto chain = ChainBuilder("w1").Take(3);
  ChainVerifier verifier("w1");
  ASSERT_FALSE(verifier.Feed(chain[1]).has_value());
  EXPECT_FALSE(verifier.Feed(chain[0]).has_value());
}

TEST(EventView, ReadsTheChainFieldsOfAnEventWithoutParsingTheRest) {
  atelier::v1::Event event = MakeEvent("workshop-9", 42, "text");
  event.set_prev_hash(std::string(32, 'h'));
  const std::string bytes = event.SerializeAsString();
  const auto view = ParseEventView(bytes);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->workshop_id, "workshop-9");
  EXPECT_EQ(view->seq, 42u);
  EXPECT_EQ(view->prev_hash, std::string(32, 'h'));
  EXPECT_TRUE(view->hash.empty());
}

TEST(EventView, RefusesTruncatedBytes) {
  const std::string bytes = MakeEvent("w1", 1, "some text").SerializeAsString();
  EXPECT_FALSE(ParseEventView(bytes.substr(0, bytes.size() - 2)).has_value());
  EXPECT_FALSE(ParseLoggedEventView("\x0a\x05"
                                    "ab")
                   .has_value());
}

}  // namespace
}  // namespace atelier::storage
