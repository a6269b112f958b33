#include "server/net/websocket_writer.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "atelier/v1/wire.pb.h"
#include "server/net/websocket_frames.h"

namespace atelier::net {
namespace {

namespace v1 = ::atelier::v1;

// A connected pair of Unix stream sockets: the writer writes on one, the test reads the other.
class SocketPair {
 public:
  SocketPair() { EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds_), 0); }
  ~SocketPair() {
    for (int fd : fds_) {
      if (fd >= 0) ::close(fd);
    }
  }
  int writer() const { return fds_[0]; }
  void CloseReader() {
    ::close(fds_[1]);
    fds_[1] = -1;
  }
  // Everything readable now.
  std::string ReadAvailable() {
    std::string got;
    char buffer[65536];
    for (;;) {
      const ssize_t n = ::recv(fds_[1], buffer, sizeof buffer, MSG_DONTWAIT);
      if (n <= 0) return got;
      got.append(buffer, static_cast<size_t>(n));
    }
  }

 private:
  int fds_[2] = {-1, -1};
};

struct ServerFrame {
  int opcode;
  std::string payload;
};

// Server frames (unmasked, unfragmented) one after another.
std::vector<ServerFrame> ParseFrames(std::string_view bytes) {
  std::vector<ServerFrame> frames;
  while (!bytes.empty()) {
    EXPECT_GE(bytes.size(), 2u);
    const auto b0 = static_cast<uint8_t>(bytes[0]);
    const auto b1 = static_cast<uint8_t>(bytes[1]);
    EXPECT_EQ(b0 & 0x80, 0x80) << "FIN";
    EXPECT_EQ(b1 & 0x80, 0) << "a server frame is not masked";
    uint64_t length = b1 & 0x7F;
    size_t at = 2;
    if (length >= 126) {
      const size_t n = length == 126 ? 2 : 8;
      length = 0;
      for (size_t i = 0; i < n; ++i) length = (length << 8) | static_cast<uint8_t>(bytes[at + i]);
      at += n;
    }
    EXPECT_LE(at + length, bytes.size());
    frames.push_back({b0 & 0x0F, std::string(bytes.substr(at, length))});
    bytes.remove_prefix(at + length);
  }
  return frames;
}

room::Frame Message(const std::string& text) {
  v1::ServerMessage message;
  message.mutable_error()->set_message(text);
  return {room::Frame::Kind::kMessage,
          std::make_shared<const std::string>(message.SerializeAsString()), 0};
}

room::Frame Event(uint64_t seq) {
  v1::EventBatch one;
  one.add_events()->set_seq(seq);
  return {room::Frame::Kind::kEvent, std::make_shared<const std::string>(one.SerializeAsString()),
          seq};
}

TEST(WebSocketWriter, OneWriteCarriesEveryFrameWithTheEventsOfARowInOneBatch) {
  SocketPair pair;
  WebSocketWriter writer;
  FrameQueue queue;
  queue.push_back(Message("a"));
  queue.push_back(Event(5));
  queue.push_back(Event(6));
  queue.push_back(Message("b"));
  queue.push_back(Event(7));
  // A pong of the longest payload and our ping: two frames (each counted, as written).
  std::string control = websocket::ControlFrame(websocket::kPong, std::string(125, 'p')) +
                        websocket::ControlFrame(websocket::kPing, "");
  ASSERT_EQ(writer.Prepare(queue, control, nullptr), 6u);
  EXPECT_TRUE(queue.empty());
  EXPECT_TRUE(control.empty());
  ASSERT_EQ(writer.Flush(pair.writer()), WebSocketWriter::Flushed::kAll);
  writer.Done();

  const auto frames = ParseFrames(pair.ReadAvailable());
  ASSERT_EQ(frames.size(), 6u);
  EXPECT_EQ(frames[0].opcode, 0xA) << "control frames first";
  EXPECT_EQ(frames[0].payload, std::string(125, 'p'));
  EXPECT_EQ(frames[1].opcode, 0x9);
  v1::ServerMessage message;
  ASSERT_TRUE(message.ParseFromString(frames[2].payload));
  EXPECT_EQ(message.error().message(), "a");
  ASSERT_TRUE(message.ParseFromString(frames[3].payload));
  ASSERT_TRUE(message.has_events());
  ASSERT_EQ(message.events().events_size(), 2);
  EXPECT_EQ(message.events().events(0).seq(), 5u);
  EXPECT_EQ(message.events().events(1).seq(), 6u);
  EXPECT_EQ(message.events().through_seq(), 6u);
  ASSERT_TRUE(message.ParseFromString(frames[4].payload));
  EXPECT_EQ(message.error().message(), "b");
  ASSERT_TRUE(message.ParseFromString(frames[5].payload));
  ASSERT_EQ(message.events().events_size(), 1);
  EXPECT_EQ(message.events().through_seq(), 7u);
}

TEST(WebSocketWriter, AFullSocketIsWrittenAsItDrainsAndTheBytesArriveWhole) {
  SocketPair pair;
  const int small = 4096;
  ASSERT_EQ(::setsockopt(pair.writer(), SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  WebSocketWriter writer;
  FrameQueue queue;
  const std::string big(300'000, 'z');
  queue.push_back(Message(big));
  for (uint64_t seq = 1; seq <= 2000; ++seq) queue.push_back(Event(seq));  // past IOV_MAX pieces
  queue.push_back(Message("last"));
  std::string control;
  const std::string close = websocket::CloseFrame(1000, "fin");
  ASSERT_EQ(writer.Prepare(queue, control, &close), 4u);
  EXPECT_TRUE(writer.holds_close());

  std::string got;
  int blocked = 0;
  for (;;) {
    const auto flushed = writer.Flush(pair.writer());
    got += pair.ReadAvailable();
    if (flushed == WebSocketWriter::Flushed::kAll) break;
    ASSERT_EQ(flushed, WebSocketWriter::Flushed::kBlocked);
    ASSERT_TRUE(writer.in_flight());
    ++blocked;
  }
  got += pair.ReadAvailable();
  writer.Done();
  EXPECT_GT(blocked, 0) << "the socket filled at least once";

  const auto frames = ParseFrames(got);
  ASSERT_EQ(frames.size(), 4u);
  v1::ServerMessage message;
  ASSERT_TRUE(message.ParseFromString(frames[0].payload));
  EXPECT_EQ(message.error().message(), big);
  ASSERT_TRUE(message.ParseFromString(frames[1].payload));
  ASSERT_EQ(message.events().events_size(), 2000);
  EXPECT_EQ(message.events().events(1999).seq(), 2000u);
  EXPECT_EQ(message.events().through_seq(), 2000u);
  ASSERT_TRUE(message.ParseFromString(frames[2].payload));
  EXPECT_EQ(message.error().message(), "last");
  EXPECT_EQ(frames[3].opcode, 0x8) << "the close frame last";
  EXPECT_EQ(frames[3].payload, std::string("\x03\xE8", 2) + "fin");
}

TEST(WebSocketWriter, ThroughSeqNeverGoesBackAndAGoneClientFails) {
  SocketPair pair;
  WebSocketWriter writer;
  FrameQueue queue;
  queue.push_back(Event(9));
  std::string control;
  ASSERT_EQ(writer.Prepare(queue, control, nullptr), 1u);
  ASSERT_EQ(writer.Flush(pair.writer()), WebSocketWriter::Flushed::kAll);
  writer.Done();
  queue.push_back(Event(4));  // an event re-sent after a later one
  ASSERT_EQ(writer.Prepare(queue, control, nullptr), 1u);
  ASSERT_EQ(writer.Flush(pair.writer()), WebSocketWriter::Flushed::kAll);
  writer.Done();
  const auto frames = ParseFrames(pair.ReadAvailable());
  ASSERT_EQ(frames.size(), 2u);
  v1::ServerMessage message;
  ASSERT_TRUE(message.ParseFromString(frames[1].payload));
  EXPECT_EQ(message.events().through_seq(), 9u);

  EXPECT_EQ(writer.Prepare(queue, control, nullptr), 0u) << "nothing to write";
  pair.CloseReader();
  queue.push_back(Message("to no one"));
  ASSERT_EQ(writer.Prepare(queue, control, nullptr), 1u);
  EXPECT_EQ(writer.Flush(pair.writer()), WebSocketWriter::Flushed::kFailed);
}

}  // namespace
}  // namespace atelier::net
