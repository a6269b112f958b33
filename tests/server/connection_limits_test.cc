// Connection caps, in total and per client address (here 127.0.0.2 and 127.0.0.3, loopback
// addresses of their own): past them a WebSocket gets "overloaded" with retry_after_ms and a
// 1013 close, an HTTP request 429 or 503 with Retry-After; idle connections are evicted first;
// other addresses are served all along.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "clients/client/workshop_api.h"
#include "tests/server/live_workshop.h"
#include "tests/server/raw_websocket.h"

namespace atelier::server_test {
namespace {

using std::chrono::seconds;

// A tablet from `local` that joins (not idle any more).
RawWebSocket JoinFrom(LiveWorkshop& w, const std::string& local) {
  auto raw = RawWebSocket::Open(w.server().host(), w.server().port(), {}, local);
  EXPECT_TRUE(raw) << raw.error();
  v1::ClientMessage hello;
  hello.mutable_hello()->set_join_code(w.created().join_code());
  EXPECT_TRUE(raw->SendMessage(hello));
  auto welcome = raw->ReadServerMessage(seconds(10));
  EXPECT_TRUE(welcome && welcome->has_welcome())
      << (welcome ? welcome->ShortDebugString() : welcome.error());
  return *std::move(raw);
}

// The refusal of a WebSocket over a limit: ErrorMessage then the close.
void ExpectOverloaded(RawWebSocket& raw, const std::string& says) {
  EXPECT_EQ(raw.response().status, 101);
  auto error = raw.ReadServerMessage(seconds(10));
  ASSERT_TRUE(error) << error.error();
  ASSERT_TRUE(error->has_error()) << error->ShortDebugString();
  EXPECT_EQ(error->error().code(), "overloaded");
  EXPECT_EQ(error->error().retry_after_ms(), 5000u);
  EXPECT_NE(error->error().message().find(says), std::string::npos) << error->error().message();
  auto close = raw.Read(seconds(10));
  ASSERT_TRUE(close) << close.error();
  EXPECT_EQ(close->opcode, 8);
  EXPECT_EQ(close->CloseCode(), 1013);
}

TEST(ConnectionLimits, PerAddress) {
  LiveWorkshop w(IdeationConfig(), {"--max-connections-per-address", "3"});
  std::vector<RawWebSocket> tablets;
  for (int i = 0; i < 3; ++i) tablets.push_back(JoinFrom(w, "127.0.0.2"));

  auto fourth = RawWebSocket::Open(w.server().host(), w.server().port(), {}, "127.0.0.2");
  ASSERT_TRUE(fourth) << fourth.error();
  ExpectOverloaded(*fourth, "from your address");

  auto socket = RawSocket::Connect(w.server().host(), w.server().port(), "127.0.0.2");
  ASSERT_TRUE(socket);
  auto refused = RawHttp(*socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", seconds(10));
  ASSERT_TRUE(refused) << refused.error();
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(refused->Header("retry-after"), "5");
  EXPECT_NE(refused->body.find("\"code\":\"overloaded\""), std::string::npos) << refused->body;

  // Another address is served meanwhile, and the first gets a place back when one closes.
  auto other = w.NewTable("Ailleurs");
  EXPECT_TRUE(other->is_open());
  tablets.pop_back();
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {  // the close reaches it soon
    auto again = RawSocket::Connect(w.server().host(), w.server().port(), "127.0.0.2");
    ASSERT_TRUE(again) << again.error();
    auto ok = RawHttp(*again, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", seconds(10));
    ASSERT_TRUE(ok) << ok.error();
    served = ok->status == 200;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(served) << "a place freed by a close is given again";
  EXPECT_GE(w.Metric("atelier_refusals_total{limit=\"connections_per_address\"}"), 2);
}

TEST(ConnectionLimits, IdleConnectionsMakeRoomForNewOnes) {
  LiveWorkshop w(IdeationConfig(), {"--max-connections-per-address", "3"});
  std::vector<RawSocket> idle;
  for (int i = 0; i < 3; ++i) {
    idle.push_back(*RawSocket::Connect(w.server().host(), w.server().port(), "127.0.0.3"));
  }
  // A WebSocket that has not said Hello is idle too.
  auto silent = RawWebSocket::Open(w.server().host(), w.server().port(), {}, "127.0.0.3");
  ASSERT_TRUE(silent);
  EXPECT_EQ(silent->response().status, 101);
  EXPECT_TRUE(idle[0].ClosedWithin(seconds(5))) << "the oldest idle one made room";
  RawWebSocket tablet = JoinFrom(w, "127.0.0.3");
  EXPECT_TRUE(idle[1].ClosedWithin(seconds(5)));
  EXPECT_GE(w.Metric("atelier_idle_connections_evicted_total"), 2);
}

TEST(ConnectionLimits, InTotal) {
  LiveWorkshop w(IdeationConfig(), {"--max-connections", "4"});
  std::vector<RawWebSocket> tablets;
  tablets.push_back(JoinFrom(w, "127.0.0.2"));
  tablets.push_back(JoinFrom(w, "127.0.0.3"));
  tablets.push_back(JoinFrom(w, "127.0.0.4"));
  tablets.push_back(JoinFrom(w, "127.0.0.5"));
  auto fifth = RawWebSocket::Open(w.server().host(), w.server().port(), {}, "127.0.0.6");
  ASSERT_TRUE(fifth) << fifth.error();
  ExpectOverloaded(*fifth, "too many connections");
  auto socket = RawSocket::Connect(w.server().host(), w.server().port());
  ASSERT_TRUE(socket);
  auto refused = RawHttp(*socket, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", seconds(10));
  ASSERT_TRUE(refused) << refused.error();
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(refused->Header("retry-after"), "5");
  tablets.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_GE(w.Metric("atelier_refusals_total{limit=\"connections\"}"), 2);
}

TEST(ConnectionLimits, ThroughATrustedProxyEachClientIsCountedUnderItsOwnAddress) {
  LiveWorkshop w(IdeationConfig(),
                 {"--trusted-proxy", "127.0.0.1", "--max-connections-per-address", "2"});
  auto through = [&](const std::string& client) {
    auto raw = RawWebSocket::Open(w.server().host(), w.server().port(),
                                  {"X-Forwarded-For: " + client});
    EXPECT_TRUE(raw) << raw.error();
    return *std::move(raw);
  };
  std::vector<RawWebSocket> tablets;
  for (int i = 0; i < 2; ++i) {
    tablets.push_back(through("203.0.113.7"));
    v1::ClientMessage hello;
    hello.mutable_hello()->set_join_code(w.created().join_code());
    ASSERT_TRUE(tablets.back().SendMessage(hello));
    auto welcome = tablets.back().ReadServerMessage(seconds(10));
    ASSERT_TRUE(welcome && welcome->has_welcome());
  }
  RawWebSocket third = through("203.0.113.7");
  ExpectOverloaded(third, "from your address");
  RawWebSocket other = through("203.0.113.8");
  v1::ClientMessage hello;
  hello.mutable_hello()->set_join_code(w.created().join_code());
  ASSERT_TRUE(other.SendMessage(hello));
  auto welcome = other.ReadServerMessage(seconds(10));
  EXPECT_TRUE(welcome && welcome->has_welcome()) << "another client of the same proxy";
}

TEST(ConnectionLimits, StaticFilesBeingSentAreBounded) {
  // Each file being sent holds a descriptor besides its connection's: at most 64 at once.
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                                        ("atelier-static-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "index.html") << "<!doctype html><title>x</title>";
    std::ofstream big(dir / "big.bin", std::ios::binary);
    const std::string block(1 << 20, 'x');
    for (int i = 0; i < 16; ++i) big << block;
  }
  LiveWorkshop w(IdeationConfig(), {"--static", dir.string()});
  std::vector<RawSocket> readers;  // they ask and never read: the sends stay in flight
  for (int i = 0; i < 64; ++i) {
    auto socket = RawSocket::Connect(w.server().host(), w.server().port());
    ASSERT_TRUE(socket);
    ASSERT_TRUE(socket->Send("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"));
    readers.push_back(*std::move(socket));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto socket = RawSocket::Connect(w.server().host(), w.server().port());
  ASSERT_TRUE(socket);
  auto busy = RawHttp(*socket, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n", seconds(10));
  ASSERT_TRUE(busy) << busy.error();
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(busy->Header("retry-after"), "1");
  readers.clear();  // their files are let go
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {
    auto again = RawSocket::Connect(w.server().host(), w.server().port());
    ASSERT_TRUE(again);
    auto page = RawHttp(*again, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", seconds(10));
    ASSERT_TRUE(page) << page.error();
    served = page->status == 200;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(served);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace atelier::server_test
