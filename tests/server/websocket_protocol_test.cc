// RFC 6455 as the server speaks it, over real sockets against the real server, with frames
// made by hand: pings, fragments, a large message arriving in pieces, both sides' closes, and
// what breaks the protocol (closed with the code the RFC gives, the connection ended).
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <cstdint>
#include <thread>

#include "clients/loadgen/stats.h"
#include "tests/server/live_workshop.h"
#include "tests/server/raw_websocket.h"

namespace atelier::server_test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

RawWebSocket OpenUpgraded(LiveWorkshop& w) {
  auto raw = RawWebSocket::Open(w.server().host(), w.server().port());
  EXPECT_TRUE(raw) << raw.error();
  EXPECT_EQ(raw->response().status, 101);
  return *std::move(raw);
}

std::string JoinHelloBytes(LiveWorkshop& w) {
  v1::ClientMessage hello;
  hello.mutable_hello()->set_join_code(w.created().join_code());
  return hello.SerializeAsString();
}

// Says Hello with the workshop's join code and reads the welcome.
void Welcome(LiveWorkshop& w, RawWebSocket& raw) {
  ASSERT_TRUE(raw.socket().Send(RawWebSocket::Frame(2, JoinHelloBytes(w))));
  auto welcome = raw.ReadServerMessage(seconds(10));
  ASSERT_TRUE(welcome && welcome->has_welcome());
}

// Reads until the server's close frame; its code (0 when none came).
uint16_t ServerCloseCode(RawWebSocket& raw) {
  for (int i = 0; i < 10; ++i) {
    auto message = raw.Read(seconds(10));
    if (!message) return 0;
    if (message->opcode == 8) return message->CloseCode();
  }
  return 0;
}

TEST(WebSocketProtocol, APingIsAnsweredByAPongWithItsPayload) {
  LiveWorkshop w(IdeationConfig());
  RawWebSocket raw = OpenUpgraded(w);
  ASSERT_TRUE(raw.socket().Send(RawWebSocket::Frame(9, "ça va ?")));
  std::string got;
  const std::string pong = std::string("\x8A\x08", 2) + "ça va ?";  // unmasked, FIN, opcode 10
  while (got.size() < pong.size()) {
    auto bytes = raw.socket().Receive(1 << 16, seconds(5));
    ASSERT_TRUE(bytes && !bytes->empty()) << "no pong";
    got += *bytes;
  }
  EXPECT_EQ(got, pong);
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// A client that sends pings and never reads its pongs: the server answers only the newest ping
// it has not answered yet (RFC 6455 5.5.3), so what it holds for the client does not grow with
// the flood, and the connection still answers once the client reads again.
TEST(WebSocketProtocol, APingFloodFromAClientThatNeverReadsHoldsNothingThatGrows) {
  LiveWorkshop w(IdeationConfig());
  RawWebSocket raw = OpenUpgraded(w);
  ASSERT_NO_FATAL_FAILURE(Welcome(w, raw));
  // A send that cannot go on for 2 s gives up: the server may also stop reading a client that
  // does not read (both are bounded); then the flood simply ends there.
  const timeval give_up{.tv_sec = 2, .tv_usec = 0};
  ASSERT_EQ(setsockopt(raw.socket().fd(), SOL_SOCKET, SO_SNDTIMEO, &give_up, sizeof give_up), 0);
  const auto before = loadgen::SampleProcess(w.server().pid());
  ASSERT_TRUE(before && before->rss_bytes > 0);
  const std::string ping = RawWebSocket::Frame(9, std::string(125, 'p'));  // the largest ping
  std::string burst;
  for (int i = 0; i < 1000; ++i) burst += ping;
  size_t sent = 0;
  while (sent < 400'000 && raw.socket().Send(burst)) sent += 1000;  // up to 53 MB of pings
  ASSERT_GE(sent, 100'000u) << "the server read too few pings for this test to say anything";
  const auto after = loadgen::SampleProcess(w.server().pid());
  ASSERT_TRUE(after);
  const int64_t grown_kib =
      (static_cast<int64_t>(after->rss_bytes) - static_cast<int64_t>(before->rss_bytes)) / 1024;
  // A pong held per ping would be 127 bytes each: 12 MB for 100,000, 50 MB for all. Not under
  // AddressSanitizer, whose allocator's quarantine and shadow grow with every allocation freed.
  if (!kSanitized) {
    EXPECT_LT(grown_kib, 8 * 1024) << sent << " pings";
  }

  // Reading again: the pongs the buffers held arrive, then the answer to a last ping of its own.
  ASSERT_TRUE(raw.socket().Send(RawWebSocket::Frame(9, "le dernier")));
  const std::string last_pong = std::string("\x8A\x0A", 2) + "le dernier";
  std::string got;
  const auto start = std::chrono::steady_clock::now();
  while (got.find(last_pong) == std::string::npos &&
         std::chrono::steady_clock::now() - start < seconds(20)) {
    auto bytes = raw.socket().Receive(1 << 20, seconds(5));
    ASSERT_TRUE(bytes) << bytes.error();
    got += *bytes;
    if (got.size() > (1 << 20)) got.erase(0, got.size() - 64);  // keep only the tail
  }
  EXPECT_NE(got.find(last_pong), std::string::npos) << "the last ping was never answered";
}

// RFC 6455 4.1 asks a client to wait for the 101 before sending frames; one that does not (its
// Hello in the same write as the upgrade request) is welcomed all the same, and a frame cut
// between that write and the next is read whole.
TEST(WebSocketProtocol, FramesSentWithTheUpgradeRequestAreRead) {
  LiveWorkshop w(IdeationConfig());
  const std::string hello = RawWebSocket::Frame(2, JoinHelloBytes(w));
  auto raw = RawWebSocket::Open(w.server().host(), w.server().port(), {}, "", hello);
  ASSERT_TRUE(raw) << raw.error();
  ASSERT_EQ(raw->response().status, 101);
  auto welcome = raw->ReadServerMessage(seconds(10));
  ASSERT_TRUE(welcome) << welcome.error();
  EXPECT_TRUE(welcome->has_welcome());

  const std::string ping = RawWebSocket::Frame(9, "d'abord");
  const std::string both = ping + hello;
  const size_t cut = ping.size() + 5;  // the Hello's frame cut inside its masking key
  auto split = RawWebSocket::Open(w.server().host(), w.server().port(), {}, "",
                                  std::string_view(both).substr(0, cut));
  ASSERT_TRUE(split) << split.error();
  ASSERT_EQ(split->response().status, 101);
  std::this_thread::sleep_for(milliseconds(200));
  ASSERT_TRUE(split->socket().Send(std::string_view(both).substr(cut)));
  auto second = split->ReadServerMessage(seconds(10));  // the pong is answered on the way
  ASSERT_TRUE(second) << second.error();
  EXPECT_TRUE(second->has_welcome());
}

// What a client sends with its upgrade request goes through the same reader and limits as any
// later byte: a frame that breaks the protocol, or one that announces more than a message may
// hold, closes with the RFC's code, before anything else is read.
TEST(WebSocketProtocol, FramesSentWithTheUpgradeRequestMeetTheSameLimits) {
  LiveWorkshop w(IdeationConfig());
  auto bad_opcode = RawWebSocket::Open(w.server().host(), w.server().port(), {}, "",
                                       RawWebSocket::Frame(3, "x"));
  ASSERT_TRUE(bad_opcode) << bad_opcode.error();
  ASSERT_EQ(bad_opcode->response().status, 101);
  EXPECT_EQ(ServerCloseCode(*bad_opcode), 1002);

  // A binary frame announcing 2^40 bytes (64-bit length), masked, then the Hello: never read.
  std::string huge("\x82\xFF\x00\x00\x01\x00\x00\x00\x00\x00" "abcd", 14);
  auto too_big = RawWebSocket::Open(w.server().host(), w.server().port(), {}, "",
                                    huge + RawWebSocket::Frame(2, JoinHelloBytes(w)));
  ASSERT_TRUE(too_big) << too_big.error();
  ASSERT_EQ(too_big->response().status, 101);
  EXPECT_EQ(ServerCloseCode(*too_big), 1009);
}

TEST(WebSocketProtocol, AHelloInFragmentsWithAPingBetweenIsWelcomed) {
  LiveWorkshop w(IdeationConfig());
  RawWebSocket raw = OpenUpgraded(w);
  const std::string hello = JoinHelloBytes(w);
  ASSERT_GT(hello.size(), 4u);
  std::string frames = RawWebSocket::Frame(2, hello.substr(0, 2), /*fin=*/false);
  frames += RawWebSocket::Frame(9, "between");
  frames += RawWebSocket::Frame(0, hello.substr(2, 2), /*fin=*/false);
  frames += RawWebSocket::Frame(0, hello.substr(4));
  ASSERT_TRUE(raw.socket().Send(frames));
  auto welcome = raw.ReadServerMessage(seconds(10));
  ASSERT_TRUE(welcome) << welcome.error();
  EXPECT_TRUE(welcome->has_welcome());
}

TEST(WebSocketProtocol, ALargeMessageArrivingInPiecesIsReadWhole) {
  LiveWorkshop w(IdeationConfig());
  RawWebSocket raw = OpenUpgraded(w);
  ASSERT_NO_FATAL_FAILURE(Welcome(w, raw));
  v1::ClientMessage command;
  *command.mutable_command() = PostIdeaCmd(std::string(60'000, 'x'));
  command.mutable_command()->set_command_id("large");
  const std::string frame = RawWebSocket::Frame(2, command.SerializeAsString());
  // In pieces of 1,000 bytes: the server holds what it has until the frame is whole.
  for (size_t at = 0; at < frame.size(); at += 1000) {
    ASSERT_TRUE(raw.socket().Send(std::string_view(frame).substr(at, 1000)));
  }
  auto answer = raw.ReadServerMessage(seconds(10));
  ASSERT_TRUE(answer) << answer.error();
  ASSERT_TRUE(answer->has_rejected()) << "answered (over the idea length, and not divergence)";
  EXPECT_EQ(answer->rejected().command_id(), "large");
}

TEST(WebSocketProtocol, WhatBreaksTheProtocolClosesWithItsCodeAndEndsTheConnection) {
  LiveWorkshop w(IdeationConfig());
  std::string unmasked = RawWebSocket::Frame(2, "abc");
  unmasked[1] =
      static_cast<char>(unmasked[1] & 0x7F);  // the mask bit off (the key is read as payload)
  std::string huge = RawWebSocket::Frame(2, "");
  huge[1] = static_cast<char>(0x80 | 127);  // 1 MB announced, never sent: refused at once
  huge.insert(2, std::string("\0\0\0\0\0\x10\0\0", 8));
  const struct {
    std::string name;
    std::string bytes;
    uint16_t code;
  } cases[] = {
      {"unmasked", unmasked, 1002},
      {"unknown opcode", RawWebSocket::Frame(3, "x"), 1002},
      {"fragmented ping", RawWebSocket::Frame(9, "x", /*fin=*/false), 1002},
      {"continuation of nothing", RawWebSocket::Frame(0, "x"), 1002},
      {"text not UTF-8", RawWebSocket::Frame(1, "caf\xC3"), 1007},
      {"over 64 KiB", huge, 1009},
  };
  for (const auto& c : cases) {
    RawWebSocket raw = OpenUpgraded(w);
    ASSERT_TRUE(raw.socket().Send(c.bytes)) << c.name;
    EXPECT_EQ(ServerCloseCode(raw), c.code) << c.name;
    EXPECT_TRUE(raw.socket().ClosedWithin(seconds(5))) << c.name;
  }
  // The server is still there for everyone else.
  RawWebSocket fine = OpenUpgraded(w);
  ASSERT_TRUE(fine.socket().Send(RawWebSocket::Frame(2, JoinHelloBytes(w))));
  auto welcome = fine.ReadServerMessage(seconds(10));
  EXPECT_TRUE(welcome && welcome->has_welcome());
}

TEST(WebSocketProtocol, AClientsCloseIsAnsweredWithItsCodeAndTheConnectionEnds) {
  LiveWorkshop w(IdeationConfig());
  RawWebSocket raw = OpenUpgraded(w);
  ASSERT_NO_FATAL_FAILURE(Welcome(w, raw));
  ASSERT_TRUE(raw.socket().Send(RawWebSocket::Frame(8, std::string("\x03\xE9", 2) + "au revoir")));
  EXPECT_EQ(ServerCloseCode(raw), 1001);
  EXPECT_TRUE(raw.socket().ClosedWithin(seconds(5)));
}

TEST(WebSocketProtocol, TheServersCloseIsFollowedByTheEndOfTheConnection) {
  LiveWorkshop w(IdeationConfig());
  RawWebSocket raw = OpenUpgraded(w);
  v1::ClientMessage hello;
  hello.mutable_hello()->set_join_code("ZZZZZZ");
  ASSERT_TRUE(raw.SendMessage(hello));
  auto error = raw.ReadServerMessage(seconds(10));
  ASSERT_TRUE(error) << error.error();
  EXPECT_EQ(error->error().code(), "unknown_workshop");
  EXPECT_EQ(ServerCloseCode(raw), 1008);
  // The client answers nothing: the server has shut its side down after its close frame.
  EXPECT_TRUE(raw.socket().ClosedWithin(seconds(5)));
}

// RFC 6455 7.1.1: after its close the server reads until the client closes, but not for ever:
// a client that never closes, and keeps sending, is let go at the close's deadline (10 s).
TEST(WebSocketProtocol, AClientThatNeverClosesIsLetGoAtTheClosesDeadline) {
  LiveWorkshop w(IdeationConfig());
  RawWebSocket raw = OpenUpgraded(w);
  // Welcomed first (no Hello deadline left to end it), then a frame that breaks the protocol.
  ASSERT_NO_FATAL_FAILURE(Welcome(w, raw));
  // Well after the upgrade, so that the close's deadline is not the Hello's, which was set
  // at the upgrade and may still be on the wheel: only the close's own deadline can end it.
  std::this_thread::sleep_for(seconds(2));
  ASSERT_TRUE(raw.socket().Send(RawWebSocket::Frame(3, "x")));
  EXPECT_EQ(ServerCloseCode(raw), 1002);
  EXPECT_EQ(w.Metric("atelier_connections"), 1);
  // Bytes keep coming (discarded by the server): they do not push the deadline back.
  const auto start = std::chrono::steady_clock::now();
  long open = 1;
  while (open > 0 && std::chrono::steady_clock::now() - start < seconds(30)) {
    raw.socket().Send(RawWebSocket::Frame(2, "encore"));  // fails once the server has gone
    std::this_thread::sleep_for(milliseconds(500));
    open = w.Metric("atelier_connections");
  }
  EXPECT_EQ(open, 0) << "the connection was held past the close's deadline";
}

}  // namespace
}  // namespace atelier::server_test
