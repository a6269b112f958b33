// Limits per client address and per connection, over real sockets from their own loopback
// addresses (127.0.0.2 and up): Hello attempts, failed codes and tokens (per address and
// server-wide), tables taken, commands and hint requests, HTTP API requests. Each refusal is
// clear (a code, a message, when to retry) and counted; other addresses are served.
#include <gtest/gtest.h>

#include <thread>

#include "clients/client/workshop_api.h"
#include "tests/server/live_workshop.h"
#include "tests/server/raw_websocket.h"

namespace atelier::server_test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A connection from `local` that said `hello`, and what came back first.
struct Said {
  RawWebSocket socket;
  v1::ServerMessage first;
};

Said HelloFrom(LiveWorkshop& w, const std::string& local, const v1::Hello& hello) {
  auto raw = RawWebSocket::Open(w.server().host(), w.server().port(), {}, local);
  EXPECT_TRUE(raw) << raw.error();
  v1::ClientMessage message;
  *message.mutable_hello() = hello;
  EXPECT_TRUE(raw->SendMessage(message));
  auto first = raw->ReadServerMessage(seconds(10));
  EXPECT_TRUE(first) << first.error();
  return {*std::move(raw), first ? *first : v1::ServerMessage()};
}

v1::Hello JoinCode(const std::string& code) {
  v1::Hello hello;
  hello.set_join_code(code);
  return hello;
}

// An "overloaded" refusal of a Hello: the error, with when to retry, then a 1013 close.
// `retry_after_ms` is the limit's interval between two tokens: the refusal asks to wait at most
// that, and more than half of it (slack for a slow machine or a sanitizer build between the
// bucket's last token and the refusal).
void ExpectOverloaded(Said& said, const std::string& says, uint32_t retry_after_ms) {
  ASSERT_TRUE(said.first.has_error()) << said.first.ShortDebugString();
  EXPECT_EQ(said.first.error().code(), "overloaded");
  EXPECT_NE(said.first.error().message().find(says), std::string::npos)
      << said.first.error().message();
  EXPECT_GT(said.first.error().retry_after_ms(), retry_after_ms / 2);
  EXPECT_LE(said.first.error().retry_after_ms(), retry_after_ms);
  auto close = said.socket.Read(seconds(10));
  ASSERT_TRUE(close) << close.error();
  EXPECT_EQ(close->CloseCode(), 1013);
}

TEST(AddressLimits, HelloAttemptsPerAddress) {
  LiveWorkshop w(IdeationConfig(), {"--hello-rate", "6/min,5"});
  v1::Hello observer;
  observer.set_observer_code(w.created().observer_code());
  std::vector<Said> open;
  for (int i = 0; i < 5; ++i) {
    open.push_back(HelloFrom(w, "127.0.0.2", observer));
    EXPECT_TRUE(open.back().first.has_welcome()) << open.back().first.ShortDebugString();
  }
  Said sixth = HelloFrom(w, "127.0.0.2", observer);
  ExpectOverloaded(sixth, "too many connection attempts from your address", 10'000);
  EXPECT_TRUE(w.Observer()->is_open()) << "another address is served";
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"hellos\"}"), 1);
  EXPECT_EQ(w.Metric("atelier_hello_attempts_total"), 7);
}

TEST(AddressLimits, WrongCodesSlowGuessingDownButNotTabletsWithTokens) {
  LiveWorkshop w(IdeationConfig(), {"--failed-attempt-rate", "6/min,3"});
  const std::string right = w.created().join_code();
  Said tablet = HelloFrom(w, "127.0.0.2", JoinCode(right));
  ASSERT_TRUE(tablet.first.has_welcome());
  const std::string token = tablet.first.welcome().token();

  std::string wrong = right;
  for (int i = 0; i < 3; ++i) {
    wrong[0] = wrong[0] == '9' ? '1' : static_cast<char>(wrong[0] + 1);
    Said guess = HelloFrom(w, "127.0.0.2", JoinCode(wrong + std::to_string(i)));
    ASSERT_TRUE(guess.first.has_error());
    EXPECT_EQ(guess.first.error().code(), "unknown_workshop");
  }
  // Now even the right code is refused from there: a refusal must not tell which codes exist.
  Said right_code = HelloFrom(w, "127.0.0.2", JoinCode(right));
  ExpectOverloaded(right_code, "too many wrong codes from your address", 10'000);
  // The tablet that joined from there comes back with its token.
  v1::Hello again;
  again.set_workshop_id(w.created().workshop_id());
  again.set_table_token(token);
  Said back = HelloFrom(w, "127.0.0.2", again);
  EXPECT_TRUE(back.first.has_welcome()) << back.first.ShortDebugString();
  // Another address joins with the code.
  Said elsewhere = HelloFrom(w, "127.0.0.3", JoinCode(right));
  EXPECT_TRUE(elsewhere.first.has_welcome());

  // A wrong table token and a wrong observer code are failed attempts too.
  again.set_table_token(std::string(32, '0'));
  Said bad_token = HelloFrom(w, "127.0.0.4", again);
  ASSERT_TRUE(bad_token.first.has_error());
  EXPECT_EQ(bad_token.first.error().code(), "bad_token");
  v1::Hello observer;
  observer.set_observer_code("000000000000");
  Said bad_observer = HelloFrom(w, "127.0.0.4", observer);
  ASSERT_TRUE(bad_observer.first.has_error());

  EXPECT_EQ(w.Metric("atelier_auth_failures_total{kind=\"join_code\"}"), 3);
  EXPECT_EQ(w.Metric("atelier_auth_failures_total{kind=\"token\"}"), 1);
  EXPECT_EQ(w.Metric("atelier_auth_failures_total{kind=\"observer_code\"}"), 1);
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"failed_codes\"}"), 1);
}

TEST(AddressLimits, ManyAddressesGuessNoFasterThanTheServerWideRate) {
  LiveWorkshop w(IdeationConfig(), {"--failed-attempt-rate-total", "6/min,3"});
  const std::string right = w.created().join_code();
  Said venue = HelloFrom(w, "127.0.0.2", JoinCode(right));  // a venue whose tablets are in
  ASSERT_TRUE(venue.first.has_welcome());
  for (int i = 0; i < 3; ++i) {  // three addresses, one wrong code each
    Said guess =
        HelloFrom(w, "127.0.0.1" + std::to_string(i + 1), JoinCode("0000000" + std::to_string(i)));
    EXPECT_EQ(guess.first.error().code(), "unknown_workshop");
  }
  Said newcomer = HelloFrom(w, "127.0.0.20", JoinCode(right));
  ExpectOverloaded(newcomer, "too many wrong codes on this server", 10'000);
  Said venue_again = HelloFrom(w, "127.0.0.2", JoinCode(right));
  EXPECT_TRUE(venue_again.first.has_welcome()) << "the venue keeps joining";
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"failed_codes_total\"}"), 1);
}

TEST(AddressLimits, TablesTakenPerAddress) {
  LiveWorkshop w(IdeationConfig(), {"--table-rate", "60/min,2"});
  const std::string code = w.created().join_code();
  Said first = HelloFrom(w, "127.0.0.2", JoinCode(code));
  Said second = HelloFrom(w, "127.0.0.2", JoinCode(code));
  ASSERT_TRUE(first.first.has_welcome() && second.first.has_welcome());
  Said third = HelloFrom(w, "127.0.0.2", JoinCode(code));
  ExpectOverloaded(third, "too many tables taken from your address", 1000);
  v1::Hello observer;
  observer.set_observer_code(w.created().observer_code());
  EXPECT_TRUE(HelloFrom(w, "127.0.0.2", observer).first.has_welcome()) << "an observer is no table";
  EXPECT_TRUE(HelloFrom(w, "127.0.0.3", JoinCode(code)).first.has_welcome());
  std::this_thread::sleep_for(milliseconds(1100));
  EXPECT_TRUE(HelloFrom(w, "127.0.0.2", JoinCode(code)).first.has_welcome()) << "a second later";
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"tables\"}"), 1);
}

TEST(AddressLimits, CommandsAndHintRequestsPerConnection) {
  LiveWorkshop w(IdeationConfig(), {"--command-rate", "60/min,3", "--hint-rate", "60/min,2"});
  auto animateur = w.Animateur();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  Said table = HelloFrom(w, "127.0.0.2", JoinCode(w.created().join_code()));
  ASSERT_TRUE(table.first.has_welcome());
  for (int i = 0; i < 5; ++i) {
    v1::ClientMessage post;
    *post.mutable_command() = PostIdeaCmd("Idée " + std::to_string(i));
    post.mutable_command()->set_command_id("c" + std::to_string(i));
    ASSERT_TRUE(table.socket.SendMessage(post));
  }
  int accepted = 0;
  int overloaded = 0;
  while (accepted + overloaded < 5) {
    auto message = table.socket.ReadServerMessage(seconds(10));
    ASSERT_TRUE(message) << message.error();
    auto count = [&](const v1::CommandRejected& r) {
      EXPECT_EQ(r.rejection().reason(), v1::REJECTION_REASON_OVERLOADED);
      EXPECT_GT(r.rejection().retry_after_ms(), 0u);
      EXPECT_LE(r.rejection().retry_after_ms(), 1000u);
      ++overloaded;
    };
    if (message->has_accepted()) ++accepted;
    if (message->has_rejected()) count(message->rejected());
    if (message->has_answers()) {
      accepted += message->answers().accepted_size();
      for (const auto& r : message->answers().rejected()) count(r);
    }
  }
  EXPECT_EQ(accepted, 3);
  EXPECT_EQ(overloaded, 2);

  // Hints: two answered, the third refused without closing the connection.
  for (int i = 0; i < 3; ++i) {
    v1::ClientMessage hint;
    hint.mutable_draft_hints()->set_request_id("h" + std::to_string(i));
    hint.mutable_draft_hints()->set_text("Un jardin partagé derrière la salle");
    ASSERT_TRUE(table.socket.SendMessage(hint));
  }
  int hints = 0;
  int refused = 0;
  while (hints + refused < 3) {
    auto message = table.socket.ReadServerMessage(seconds(10));
    ASSERT_TRUE(message) << message.error();
    if (message->has_hints()) ++hints;
    if (message->has_error()) {
      EXPECT_EQ(message->error().code(), "overloaded");
      EXPECT_GT(message->error().retry_after_ms(), 0u);
      ++refused;
    }
  }
  EXPECT_EQ(hints, 2);
  EXPECT_EQ(refused, 1);
  // The connection is still open and, once the rate allows, a command goes through.
  std::this_thread::sleep_for(milliseconds(1100));
  v1::ClientMessage post;
  *post.mutable_command() = PostIdeaCmd("Plus tard");
  post.mutable_command()->set_command_id("later");
  ASSERT_TRUE(table.socket.SendMessage(post));
  v1::ServerMessage later;
  while (!later.has_accepted() && !later.has_rejected()) {  // events come first
    auto message = table.socket.ReadServerMessage(seconds(10));
    ASSERT_TRUE(message) << message.error();
    later = *message;
  }
  EXPECT_TRUE(later.has_accepted()) << later.ShortDebugString();
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"commands\"}"), 2);
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"hints\"}"), 1);
  EXPECT_EQ(w.Metric("atelier_rejections_total{reason=\"overloaded\"}"), 2);
}

TEST(AddressLimits, ApiRequestsPerAddress) {
  LiveWorkshop w(IdeationConfig(), {"--api-rate", "60/min,3", "--trusted-proxy", "127.0.0.1"});
  client::HttpClient http = w.Http();
  const std::string results = "/api/workshops/" + w.created().workshop_id() + "/results";
  const client::HttpHeaders from = {{"X-Forwarded-For", "203.0.113.7"},
                                    {"Authorization", "Bearer " + std::string(32, '0')}};
  for (int i = 0; i < 3; ++i) {
    auto refused = http.Get(results, from);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403u) << "a wrong animateur token";
  }
  auto limited = http.Get(results, from);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429u);
  EXPECT_NE(limited->body.find("\"code\":\"overloaded\""), std::string::npos) << limited->body;
  auto unknown =
      http.Get("/api/workshops/0123456789abcdef/results", {{"X-Forwarded-For", "203.0.113.8"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404u);
  auto results_ok = w.ResultsAsAnimateur();
  EXPECT_TRUE(results_ok) << "another client is served";
  EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"api\"}"), 1);
  EXPECT_EQ(w.Metric("atelier_auth_failures_total{kind=\"token\"}"), 3);
  EXPECT_EQ(w.Metric("atelier_auth_failures_total{kind=\"workshop_id\"}"), 1);
}

}  // namespace
}  // namespace atelier::server_test
