// The views the chain verifier reads must agree with protobuf on what a valid message is:
// whatever protobuf parses (and so whatever Seal writes) verifies, and what protobuf refuses is
// corruption. Found by tests/fuzz/stored_event_fuzzer: an event holding an unknown group field
// was sealed, then refused by the verifier.
#include "storage/event_view.h"

#include <google/protobuf/empty.pb.h>
#include <gtest/gtest.h>

#include <string>

#include "storage/hash_chain.h"
#include "tests/storage/test_support.h"

namespace atelier::storage {
namespace {

using test::MakeEvent;

// Field 100 as a group (start tag 100 << 3 | 3, end tag 100 << 3 | 4) holding a varint field 1
// and a nested group 101 holding a string.
const std::string kGroup100 = std::string("\xa3\x06", 2) + "\x08\x2a" + "\xab\x06" + "\x0a\x03" +
                              "abc" + "\xac\x06" + "\xa4\x06";

bool ProtobufParses(const std::string& bytes) {
  google::protobuf::Empty message;  // every field unknown: only the wire format is checked
  return message.ParseFromString(bytes);
}

std::string Nested(int depth) {
  std::string bytes;
  for (int i = 0; i < depth; ++i) bytes += '\x0b';  // start group, field 1
  for (int i = 0; i < depth; ++i) bytes += '\x0c';  // end group, field 1
  return bytes;
}

TEST(ChainVerifier, AcceptsASealedEventHoldingAnUnknownGroupField) {
  atelier::v1::Event event;
  ASSERT_TRUE(event.ParseFromString(MakeEvent("w1", 1, "hello").SerializeAsString() + kGroup100));
  ASSERT_FALSE(event.GetReflection()->GetUnknownFields(event).empty());
  const atelier::v1::LoggedEvent logged = Seal(event).ToLogged();
  ASSERT_NE(logged.event().find(kGroup100), std::string::npos);  // kept by protobuf, sealed

  ChainVerifier verifier("w1");
  const auto fed = verifier.Feed(logged);
  EXPECT_TRUE(fed.has_value()) << fed.error().message;
  EXPECT_EQ(verifier.last_seq(), 1u);
}

TEST(EventView, ReadsTheFieldsAroundGroups) {
  const std::string bytes =
      kGroup100 + MakeEvent("w1", 5, "x").SerializeAsString() + Nested(3) + kGroup100;
  ASSERT_TRUE(ProtobufParses(bytes));
  auto view = ParseEventView(bytes);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->workshop_id, "w1");
  EXPECT_EQ(view->seq, 5u);

  atelier::v1::LoggedEvent logged;
  logged.set_event("e");
  logged.set_hash("h");
  const std::string stored = kGroup100 + logged.SerializeAsString() + Nested(2);
  auto logged_view = ParseLoggedEventView(stored);  // views into `stored`
  ASSERT_TRUE(logged_view.has_value());
  EXPECT_EQ(logged_view->event, "e");
  EXPECT_EQ(logged_view->hash, "h");
}

TEST(EventView, NestsGroupsAsDeepAsProtobufAndNoDeeper) {
  for (int depth : {1, 2, 99, 100, 101, 5000}) {
    const std::string bytes = Nested(depth);
    EXPECT_EQ(ParseEventView(bytes).has_value(), ProtobufParses(bytes)) << depth;
  }
  EXPECT_TRUE(ParseEventView(Nested(100)).has_value());
  EXPECT_FALSE(ParseEventView(Nested(101)).has_value());
}

TEST(EventView, RefusesMalformedWireFormatAsCorruptionAsProtobufDoes) {
  const std::string valid = MakeEvent("w1", 1, "x").SerializeAsString();
  const std::vector<std::pair<const char*, std::string>> malformed = {
      {"end group without start", std::string("\x0c", 1)},
      {"group without end", std::string("\x0b\x08\x01", 3)},
      {"group ended by another field's end", std::string("\x0b\x14", 2)},
      {"nested group left open", std::string("\x0b\x13\x0c", 3)},
      {"field 0 inside a group", std::string("\x0b\x02\x00\x0c", 4)},
      {"field 0", std::string("\x02\x00", 2)},
      {"tag 0", std::string("\x00", 1)},
      {"wire type 6", std::string("\x0e\x00", 2)},
      {"wire type 7", std::string("\x0f\x00", 2)},
      {"wire type 7 inside a group", std::string("\x0b\x0f\x0c", 3)},
      {"tag longer than 5 bytes", std::string("\x88\x80\x80\x80\x80\x00\x01", 7)},
      {"length longer than 5 bytes", std::string("\x0a\x81\x80\x80\x80\x80\x00\x61", 8)},
      {"varint longer than 10 bytes", "\x10" + std::string(10, '\x80') + '\x01'},
      {"truncated fixed64", std::string("\x09\x01\x02", 3)},
      {"length past the end", std::string("\x0a\x05\x61", 3)},
  };
  for (const auto& [what, tail] : malformed) {
    const std::string bytes = valid + tail;
    EXPECT_FALSE(ProtobufParses(bytes)) << what;
    auto view = ParseEventView(bytes);
    ASSERT_FALSE(view.has_value()) << what;
    EXPECT_EQ(view.error().code, Error::Code::kCorruption) << what;
    EXPECT_FALSE(ParseLoggedEventView(bytes).has_value()) << what;

    ChainVerifier verifier("w1");
    const auto fed = verifier.Feed(bytes, HashEvent("", bytes));
    ASSERT_FALSE(fed.has_value()) << what;
    EXPECT_EQ(fed.error().code, Error::Code::kCorruption) << what;
    EXPECT_NE(fed.error().message.find("workshop w1: event 1:"), std::string::npos) << what;
  }
}

TEST(EventView, ReadsTagsAndLengthsWithinProtobufsLimits) {
  // A 5-byte tag keeps its low 32 bits (here field 1, varint); a 5-byte length is a length.
  const std::string wide_tag("\x88\x80\x80\x80\x10\x07", 6);
  const std::string wide_length("\x3a\x81\x80\x80\x80\x00\x61", 7);  // field 7, "a"
  for (const std::string& bytes : {wide_tag, wide_length}) {
    EXPECT_TRUE(ProtobufParses(bytes));
    EXPECT_TRUE(ParseEventView(bytes).has_value());
  }
  EXPECT_EQ(ParseEventView(wide_length)->hash, "a");
}

}  // namespace
}  // namespace atelier::storage
