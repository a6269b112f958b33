// Timeouts at the edge, over real sockets against the real server: a WebSocket that says no
// Hello, a message trickled a byte at a time, a vanished client found by pings, oversized HTTP
// headers, an HTTP request trickled. And what must not be cut: an idle client that answers
// pings, a pause between messages.
#include <gtest/gtest.h>

#include <thread>

#include "tests/server/live_workshop.h"
#include "tests/server/raw_websocket.h"

namespace atelier::server_test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

// The value of an unlabelled sample, or of one with a label, in /metrics; -1 when absent.
RawWebSocket Open(LiveWorkshop& w) {
  auto raw = RawWebSocket::Open(w.server().host(), w.server().port());
  EXPECT_TRUE(raw) << raw.error();
  EXPECT_EQ(raw->response().status, 101);
  return *std::move(raw);
}

// Says Hello as a new table and reads the Welcome.
void Join(LiveWorkshop& w, RawWebSocket& raw) {
  v1::ClientMessage hello;
  hello.mutable_hello()->set_join_code(w.created().join_code());
  ASSERT_TRUE(raw.SendMessage(hello));
  auto welcome = raw.ReadServerMessage(seconds(10));
  ASSERT_TRUE(welcome && welcome->has_welcome()) << (welcome ? "" : welcome.error());
}

// Reads until ErrorMessage then a close; returns the error (its code empty if none came).
v1::ErrorMessage ErrorThenClose(RawWebSocket& raw, milliseconds timeout, uint16_t* close_code) {
  v1::ErrorMessage error;
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    auto message = raw.Read(std::chrono::duration_cast<milliseconds>(deadline - Clock::now()));
    if (!message) break;
    if (message->opcode == 8) {
      *close_code = message->CloseCode();
      return error;
    }
    v1::ServerMessage parsed;
    if (parsed.ParseFromString(message->payload) && parsed.has_error()) error = parsed.error();
  }
  *close_code = 0;
  return error;
}

TEST(Timeouts, AWebSocketThatSaysNoHelloIsClosed) {
  LiveWorkshop w(IdeationConfig(), {"--hello-timeout", "1"});
  RawWebSocket silent = Open(w);
  uint16_t close_code = 0;
  const v1::ErrorMessage error = ErrorThenClose(silent, seconds(10), &close_code);
  EXPECT_EQ(error.code(), "timeout");
  EXPECT_EQ(error.message(), "no Hello within 1 s");
  EXPECT_EQ(close_code, 1008);
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"hello_timeout\"}"), 1);

  // A Hello trickled a byte at a time is no Hello either.
  RawWebSocket trickling = Open(w);
  v1::ClientMessage hello;
  hello.mutable_hello()->set_join_code(w.created().join_code());
  const std::string frame = RawWebSocket::Frame(2, hello.SerializeAsString());
  const auto start = Clock::now();
  bool closed = false;
  for (char byte : frame) {
    if (!trickling.socket().Send(std::string_view(&byte, 1))) break;
    auto got = trickling.socket().Receive(1 << 16, milliseconds(400));
    if (!got || !got->empty()) {
      closed = true;
      break;
    }
  }
  EXPECT_TRUE(closed) << "the server waited for a trickled Hello";
  EXPECT_LT(Clock::now() - start, seconds(8));
}

TEST(Timeouts, AMessageTrickledAByteAtATimeIsClosed) {
  LiveWorkshop w(IdeationConfig(), {"--message-timeout", "1"});
  RawWebSocket raw = Open(w);
  Join(w, raw);
  // A pause between messages longer than the message timeout is no offence.
  std::this_thread::sleep_for(milliseconds(2'500));
  v1::ClientMessage command;
  *command.mutable_command() = PostIdeaCmd(std::string(100, 'x'));
  command.mutable_command()->set_command_id("pause");
  ASSERT_TRUE(raw.SendMessage(command));
  auto answer = raw.ReadServerMessage(seconds(10));
  ASSERT_TRUE(answer) << answer.error();
  EXPECT_TRUE(answer->has_rejected()) << "answered (a table posts only in divergence)";

  // Now one byte every 200 ms: each resets an idle timer, but the message never completes.
  command.mutable_command()->set_command_id("trickled");
  const std::string frame = RawWebSocket::Frame(2, command.SerializeAsString());
  const auto start = Clock::now();
  size_t sent = 0;
  for (; sent < frame.size(); ++sent) {
    if (!raw.socket().Send(std::string_view(&frame[sent], 1))) break;
    std::this_thread::sleep_for(milliseconds(200));
    auto got = raw.socket().Receive(1 << 16, milliseconds(0));
    if (!got || !got->empty()) break;  // the server answered: the error and the close
  }
  EXPECT_LT(sent, frame.size()) << "the whole trickled frame was taken";
  EXPECT_LT(Clock::now() - start, seconds(6));
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"message_timeout\"}"), 1);
}

TEST(Timeouts, PingsFindAVanishedClientAndKeepALiveOneOpen) {
  LiveWorkshop w(IdeationConfig(), {"--idle-timeout", "2"});
  RawWebSocket alive = Open(w);
  Join(w, alive);
  RawWebSocket vanished = Open(w);
  Join(w, vanished);

  // `alive` reads and answers pings for 5 s (more than twice the idle timeout); `vanished`
  // never answers.
  const auto start = Clock::now();
  bool vanished_closed = false;
  while (Clock::now() - start < seconds(5)) {
    auto message = alive.Read(milliseconds(100));
    ASSERT_TRUE(message || message.error() == "timeout") << message.error();
    if (!vanished_closed) {
      auto seen = vanished.Read(milliseconds(100), /*answer_pings=*/false);
      vanished_closed = !seen && seen.error() != "timeout";
      vanished_closed |= seen && seen->opcode == 8;
    }
  }
  EXPECT_TRUE(vanished_closed) << "a client that answers no ping is closed";
  v1::ClientMessage command;
  *command.mutable_command() = PostIdeaCmd("toujours là");
  command.mutable_command()->set_command_id("alive");
  ASSERT_TRUE(alive.SendMessage(command));
  auto answer = alive.ReadServerMessage(seconds(10));
  EXPECT_TRUE(answer && answer->has_rejected()) << "the client that answers pings is served";
}

TEST(Timeouts, OversizedHeadersGet431) {
  LiveWorkshop w(IdeationConfig());
  auto socket = RawSocket::Connect(w.server().host(), w.server().port());
  ASSERT_TRUE(socket) << socket.error();
  const std::string request =
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20'000, 'a') + "\r\n\r\n";
  auto response = RawHttp(*socket, request, seconds(10));
  ASSERT_TRUE(response) << response.error();
  EXPECT_EQ(response->status, 431);
  EXPECT_NE(response->body.find("\"code\":\"headers_too_large\""), std::string::npos)
      << response->body;
  EXPECT_TRUE(socket->ClosedWithin(seconds(5)));

  // Headers under the limit are served.
  auto fine = RawSocket::Connect(w.server().host(), w.server().port());
  ASSERT_TRUE(fine);
  auto ok = RawHttp(
      *fine, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8'000, 'a') + "\r\n\r\n",
      seconds(10));
  ASSERT_TRUE(ok) << ok.error();
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"header_size\"}"), 1);
}

TEST(Timeouts, AnHttpRequestMustArriveWholeInTime) {
  LiveWorkshop w(IdeationConfig(), {"--http-timeout", "1"});
  auto socket = RawSocket::Connect(w.server().host(), w.server().port());
  ASSERT_TRUE(socket);
  const std::string request =
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(100, 'a') + "\r\n\r\n";
  const auto start = Clock::now();
  size_t sent = 0;
  for (; sent < request.size(); ++sent) {
    if (!socket->Send(std::string_view(&request[sent], 1))) break;
    auto got = socket->Receive(1 << 16, milliseconds(100));
    if (!got || !got->empty()) break;
  }
  EXPECT_LT(sent, request.size()) << "the trickled request was served";
  EXPECT_LT(Clock::now() - start, seconds(6));
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"request_timeout\"}"), 1);
}

}  // namespace
}  // namespace atelier::server_test
