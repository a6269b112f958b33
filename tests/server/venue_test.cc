// The defaults against the room they must serve: a venue whose tablets all reach the server
// through one address (the Wi-Fi's NAT). 200 tablets join within ten seconds, a tenth of them
// mistyping the code first; then the Wi-Fi drops and every tablet reconnects at once with its
// token. Every one gets in, with no limit flag given: the joins with a few short waits past
// the tables' burst, the reconnections without any.
#include <gtest/gtest.h>

#include <thread>

#include "tests/server/live_workshop.h"
#include "tests/server/raw_websocket.h"

namespace atelier::server_test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kTablets = 200;
const std::string kVenue = "127.0.0.50";

// Says `hello` from the venue until welcomed, waiting as an "overloaded" refusal asks (as the
// web app does); returns the Welcome, or fails the test.
std::pair<RawWebSocket, v1::Welcome> Welcomed(LiveWorkshop& w, const v1::Hello& hello,
                                             int* refusals) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    auto raw = RawWebSocket::Open(w.server().host(), w.server().port(), {}, kVenue);
    EXPECT_TRUE(raw) << raw.error();
    if (!raw) break;
    v1::ClientMessage message;
    *message.mutable_hello() = hello;
    raw->SendMessage(message);
    auto first = raw->ReadServerMessage(seconds(10));
    EXPECT_TRUE(first) << first.error();
    if (!first) break;
    if (first->has_welcome()) return {*std::move(raw), first->welcome()};
    EXPECT_EQ(first->error().code(), "overloaded") << first->ShortDebugString();
    ++*refusals;
    std::this_thread::sleep_for(milliseconds(first->error().retry_after_ms()));
  }
  ADD_FAILURE() << "never welcomed";
  return {};
}

TEST(Venue, ARoomBehindOneAddressJoinsAndSurvivesAWifiDropWithTheDefaults) {
  LiveWorkshop w(IdeationConfig());
  std::vector<RawWebSocket> tablets;
  std::vector<std::string> tokens;
  int refusals = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kTablets; ++i) {
    // 20 tablets a second.
    std::this_thread::sleep_until(start + milliseconds(50 * i));
    if (i % 10 == 0) {  // a typing mistake first
      auto raw = RawWebSocket::Open(w.server().host(), w.server().port(), {}, kVenue);
      ASSERT_TRUE(raw);
      v1::ClientMessage typo;
      typo.mutable_hello()->set_join_code("0000000" + std::to_string(i % 10));
      raw->SendMessage(typo);
      auto error = raw->ReadServerMessage(seconds(10));
      ASSERT_TRUE(error && error->has_error());
      EXPECT_EQ(error->error().code(), "unknown_workshop");
    }
    v1::Hello join;
    join.set_join_code(w.created().join_code());
    auto [socket, welcome] = Welcomed(w, join, &refusals);
    tablets.push_back(std::move(socket));
    tokens.push_back(welcome.token());
  }
  // Past the burst (150 tables) tables come 5 a second: at 20 arrivals a second a few of the
  // last wait a moment, as the web app does when told to.
  EXPECT_LE(refusals, kTablets / 10);
  refusals = 0;

  // The Wi-Fi drops: every socket is gone at once, and every tablet comes back.
  tablets.clear();
  for (const std::string& token : tokens) {
    v1::Hello back;
    back.set_workshop_id(w.created().workshop_id());
    back.set_table_token(token);
    auto [socket, welcome] = Welcomed(w, back, &refusals);
    EXPECT_EQ(welcome.role().kind(), v1::ACTOR_KIND_TABLE);
    tablets.push_back(std::move(socket));
  }
  EXPECT_EQ(refusals, 0) << "nor does a reconnect storm";
}

}  // namespace
}  // namespace atelier::server_test
