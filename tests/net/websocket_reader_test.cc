#include "server/net/websocket_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/net/websocket_frames.h"

namespace atelier::net {
namespace {

namespace ws = websocket;
using Kind = WebSocketReader::Item::Kind;

// A client frame: masked with `key` unless `masked` is false; `length_bytes` forces the 16-bit
// (2) or 64-bit (8) length form.
std::string Frame(uint8_t opcode, std::string_view payload, bool fin = true, bool masked = true,
                  uint8_t rsv = 0, size_t length_bytes = 0) {
  std::string frame;
  frame.push_back(static_cast<char>((fin ? 0x80 : 0) | rsv | opcode));
  const uint8_t mask_bit = masked ? 0x80 : 0;
  const uint64_t n = payload.size();
  if (length_bytes == 0) length_bytes = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
  if (length_bytes == 0) {
    frame.push_back(static_cast<char>(mask_bit | n));
  } else {
    frame.push_back(static_cast<char>(mask_bit | (length_bytes == 2 ? 126 : 127)));
    for (size_t i = 0; i < length_bytes; ++i) {
      frame.push_back(static_cast<char>(n >> (8 * (length_bytes - 1 - i))));
    }
  }
  const char key[4] = {'\x12', '\x9a', '\x00', '\x7f'};
  if (masked) frame.append(key, 4);
  for (size_t i = 0; i < n; ++i) frame.push_back(masked ? payload[i] ^ key[i % 4] : payload[i]);
  return frame;
}

struct Got {
  Kind kind;
  std::string payload;
  bool text = false;
  uint16_t code = 0;
  bool operator==(const Got&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Got& got) {
  return out << "{kind " << static_cast<int>(got.kind) << ", " << got.payload.size()
             << " bytes, text " << got.text << ", code " << got.code << "}";
}

// Feeds `bytes` to a reader `chunk` bytes at a time (from a buffer overwritten after each
// chunk, as the server's per-thread buffer is) and lists what it makes.
std::vector<Got> ReadAll(const std::string& bytes, size_t chunk, size_t max = 1 << 16) {
  WebSocketReader reader(max);
  std::vector<Got> got;
  std::string buffer;
  for (size_t at = 0; at < bytes.size() && !reader.failed(); at += chunk) {
    buffer.assign(bytes, at, chunk);
    reader.Feed(buffer.data(), buffer.size());
    for (;;) {
      const auto item = reader.Next();
      if (item.kind == Kind::kNeedMore) break;
      got.push_back(Got{item.kind, std::string(item.kind == Kind::kError ? item.why : item.payload),
                        item.text, item.code});
      if (item.kind == Kind::kError) break;
    }
    buffer.assign(buffer.size(), '\xEE');  // the buffer is reused
  }
  return got;
}

// What every way of cutting `bytes` makes must be the same: one piece, a byte at a time, and
// every size in between that matters.
std::vector<Got> ReadCutEveryWay(const std::string& bytes, size_t max = 1 << 16) {
  const std::vector<Got> whole = ReadAll(bytes, bytes.size() + 1, max);
  for (size_t chunk : {1, 2, 3, 5, 7, 13, 64, 127, 1000}) {
    EXPECT_EQ(ReadAll(bytes, chunk, max), whole) << "cut every " << chunk << " bytes";
  }
  return whole;
}

TEST(WebSocketReader, MessagesOfEveryLengthFormArriveWholeHoweverTheyAreCut) {
  const std::string small = "hello";
  const std::string medium(300, 'm');
  const std::string large(70'000, 'L');
  const std::string bytes = Frame(ws::kBinary, small) + Frame(ws::kBinary, medium) +
                            Frame(ws::kBinary, large) + Frame(ws::kBinary, "") +
                            Frame(ws::kBinary, "x", true, true, 0, 8);  // a long form: allowed
  const auto got = ReadCutEveryWay(bytes, 100'000);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], (Got{Kind::kMessage, small}));
  EXPECT_EQ(got[1], (Got{Kind::kMessage, medium}));
  EXPECT_EQ(got[2], (Got{Kind::kMessage, large}));
  EXPECT_EQ(got[3], (Got{Kind::kMessage, ""}));
  EXPECT_EQ(got[4], (Got{Kind::kMessage, "x"}));
}

TEST(WebSocketReader, FragmentsJoinAndControlFramesMayComeBetweenThem) {
  const std::string bytes = Frame(ws::kBinary, "one ", false) + Frame(ws::kPing, "p1") +
                            Frame(ws::kContinuation, "two ", false) +
                            Frame(ws::kContinuation, "", false) + Frame(ws::kPong, "") +
                            Frame(ws::kContinuation, "three") + Frame(ws::kText, "été", false) +
                            Frame(ws::kContinuation, " ok");
  const auto got = ReadCutEveryWay(bytes);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0], (Got{Kind::kPing, "p1"}));
  EXPECT_EQ(got[1], (Got{Kind::kPong, ""}));
  EXPECT_EQ(got[2], (Got{Kind::kMessage, "one two three"}));
  EXPECT_EQ(got[3], (Got{Kind::kMessage, "été ok", true}));
}

TEST(WebSocketReader, ACloseGivesItsCodeAndReason) {
  std::string payload = "\x03\xE8";  // 1000
  payload += "au revoir";
  auto got = ReadCutEveryWay(Frame(ws::kClose, payload));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], (Got{Kind::kClose, "au revoir", false, 1000}));
  got = ReadCutEveryWay(Frame(ws::kClose, ""));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], (Got{Kind::kClose, "", false, 0})) << "no code";
  got = ReadCutEveryWay(Frame(ws::kClose, std::string("\x0F\xA1", 2)));  // 4001: an app's own
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].code, 4001);
}

// The frame that breaks the protocol ends the reading with the code to close with; what came
// before it is still given.
void ExpectRefused(const std::string& bad, uint16_t code, std::string_view why,
                   size_t max = 1 << 16) {
  const auto got =
      ReadCutEveryWay(Frame(ws::kBinary, "before") + bad + Frame(ws::kBinary, "after"), max);
  ASSERT_EQ(got.size(), 2u) << why;
  EXPECT_EQ(got[0], (Got{Kind::kMessage, "before"}));
  EXPECT_EQ(got[1], (Got{Kind::kError, std::string(why), false, code}));
}

TEST(WebSocketReader, WhatBreaksTheProtocolIsRefusedWithItsCode) {
  ExpectRefused(Frame(ws::kBinary, "x", true, /*masked=*/false), 1002,
                "a client frame must be masked");
  ExpectRefused(Frame(ws::kBinary, "x", true, true, /*rsv=*/0x40), 1002, "reserved bits set");
  ExpectRefused(Frame(0x3, "x"), 1002, "unknown opcode");
  ExpectRefused(Frame(0xB, "x"), 1002, "unknown opcode");
  ExpectRefused(Frame(ws::kPing, "x", /*fin=*/false), 1002, "a fragmented control frame");
  ExpectRefused(Frame(ws::kPing, std::string(126, 'p')), 1002, "a control frame over 125 bytes");
  ExpectRefused(Frame(ws::kContinuation, "x"), 1002, "continuation of no message");
  ExpectRefused(Frame(ws::kBinary, "a", false) + Frame(ws::kBinary, "b"), 1002,
                "a new message before the last one ended");
  std::string top_bit = Frame(ws::kBinary, "", true, true, 0, 8);
  top_bit[2] = '\x80';
  ExpectRefused(top_bit, 1002, "a length with its top bit set");
  ExpectRefused(Frame(ws::kClose, "x"), 1002, "a close frame of one byte");
  ExpectRefused(Frame(ws::kClose, std::string("\x03\xED", 2)), 1002, "an invalid close code");
  ExpectRefused(Frame(ws::kClose, std::string("\x03\xE8\xC3", 3)), 1007,
                "a close reason that is not UTF-8");
  ExpectRefused(Frame(ws::kText, "caf\xC3"), 1007, "a text message that is not UTF-8");
  ExpectRefused(Frame(ws::kText, "caf\xC3", false) + Frame(ws::kContinuation, "\xA9\xFF"), 1007,
                "a text message that is not UTF-8");
}

TEST(WebSocketReader, AMessageOverTheLimitIsRefusedFromItsHeader) {
  ExpectRefused(Frame(ws::kBinary, std::string(101, 'x')), 1009, "a message over the size limit",
                100);
  ExpectRefused(Frame(ws::kBinary, std::string(60, 'x'), false) +
                    Frame(ws::kContinuation, std::string(41, 'x')),
                1009, "a message over the size limit", 100);
  // Refused before its payload: a header announcing 2^62 bytes is enough.
  WebSocketReader reader(100);
  std::string header = Frame(ws::kBinary, "", true, true, 0, 8);
  header[2] = '\x40';
  reader.Feed(header.data(), header.size());
  const auto item = reader.Next();
  EXPECT_EQ(item.kind, Kind::kError);
  EXPECT_EQ(item.code, 1009);
  // At the limit exactly: taken.
  const auto got = ReadCutEveryWay(Frame(ws::kBinary, std::string(100, 'x')), 100);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].kind, Kind::kMessage);
}

TEST(WebSocketReader, KeepLetsTheCallerStopBetweenMessagesAndReuseItsBuffer) {
  std::string bytes =
      Frame(ws::kBinary, "one") + Frame(ws::kBinary, "two") + Frame(ws::kBinary, "three", false);
  WebSocketReader reader(1 << 16);
  reader.Feed(bytes.data(), bytes.size());
  auto item = reader.Next();
  EXPECT_EQ(item.payload, "one");
  EXPECT_TRUE(reader.HasUnread());
  reader.Keep();
  bytes.assign(bytes.size(), '\0');  // the caller's buffer goes to someone else
  item = reader.Next();
  EXPECT_EQ(item.payload, "two");
  EXPECT_EQ(reader.Next().kind, Kind::kNeedMore);
  EXPECT_TRUE(reader.InMessage()) << "a fragment of a message is begun";
  std::string rest = Frame(ws::kContinuation, " four");
  reader.Feed(rest.data(), rest.size());
  item = reader.Next();
  EXPECT_EQ(item.payload, "three four");
  EXPECT_EQ(reader.Next().kind, Kind::kNeedMore);
  EXPECT_FALSE(reader.InMessage());
  EXPECT_FALSE(reader.HasUnread());
}

TEST(WebSocketReader, InMessageWhileAFrameIsIncomplete) {
  const std::string frame = Frame(ws::kBinary, "hello");
  WebSocketReader reader(1 << 16);
  std::string first = frame.substr(0, 3);
  reader.Feed(first.data(), first.size());
  EXPECT_EQ(reader.Next().kind, Kind::kNeedMore);
  EXPECT_TRUE(reader.InMessage());
  std::string second = frame.substr(3);
  reader.Feed(second.data(), second.size());
  EXPECT_EQ(reader.Next().payload, "hello");
  EXPECT_EQ(reader.Next().kind, Kind::kNeedMore);
  EXPECT_FALSE(reader.InMessage());
}

TEST(WebSocketFrames, HeadersUseTheShortestLengthForm) {
  char out[ws::kMaxHeaderBytes];
  EXPECT_EQ(ws::PutHeader(out, ws::kBinary, 125), 2u);
  EXPECT_EQ(static_cast<uint8_t>(out[0]), 0x82);
  EXPECT_EQ(out[1], 125);
  EXPECT_EQ(ws::PutHeader(out, ws::kBinary, 126), 4u);
  EXPECT_EQ(static_cast<uint8_t>(out[1]), 126);
  EXPECT_EQ(ws::PutHeader(out, ws::kBinary, 65535), 4u);
  EXPECT_EQ(std::string(out + 2, 2), "\xFF\xFF");
  EXPECT_EQ(ws::PutHeader(out, ws::kBinary, 65536), 10u);
  EXPECT_EQ(static_cast<uint8_t>(out[1]), 127);
  EXPECT_EQ(std::string(out + 2, 8), std::string("\0\0\0\0\0\x01\0\0", 8));
}

TEST(WebSocketFrames, ACloseReasonIsCutOnACharacterBoundary) {
  const std::string reason = std::string(122, 'a') + "é";  // 124 bytes: é would be cut in two
  const std::string frame = ws::CloseFrame(1008, reason);
  ASSERT_EQ(frame.size(), 2u + 2 + 122);
  EXPECT_EQ(frame.substr(2, 2), "\x03\xF0");
  EXPECT_TRUE(ws::IsValidUtf8(frame.substr(4)));
}

TEST(WebSocketFrames, CloseCodesAPeerMaySend) {
  for (uint16_t code :
       {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4001, 4999}) {
    EXPECT_TRUE(ws::IsValidCloseCode(code)) << code;
  }
  for (uint16_t code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535}) {
    EXPECT_FALSE(ws::IsValidCloseCode(code)) << code;
  }
}

TEST(WebSocketFrames, Utf8) {
  for (std::string_view good : {"", "ascii only, longer than eight bytes", "é", "€", "😀",
                                "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF", "mixed é € 😀 text"}) {
    EXPECT_TRUE(ws::IsValidUtf8(good)) << good;
  }
  for (std::string_view bad : {
           "\x80",              // a continuation byte alone
           "\xC0\xAF",          // overlong
           "\xE0\x80\xAF",      // overlong
           "\xF0\x80\x80\xAF",  // overlong
           "\xED\xA0\x80",      // a surrogate
           "\xF4\x90\x80\x80",  // past U+10FFFF
           "\xF5\x80\x80\x80",  // never a lead byte
           "\xFF",              // never a lead byte
           "abcdefgh\xC3",      // cut at the end
           "\xE2\x82",          // cut
           "\xC3\x28",          // a bad continuation
       }) {
    EXPECT_FALSE(ws::IsValidUtf8(bad)) << testing::PrintToString(bad);
  }
}

}  // namespace
}  // namespace atelier::net
