// GET /api/join/{code} over real sockets: what a device learns before joining (the question,
// whether a phone may take a seat), the same failed-attempt limit as a Hello with a wrong code,
// and the server refusing a seat where nothing is scored.
#include <gtest/gtest.h>

#include "atelier/v1/api.pb.h"
#include "google/protobuf/util/json_util.h"
#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

v1::JoinInfo ParseJoinInfo(const std::string& body) {
  v1::JoinInfo info;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(body, &info).ok()) << body;
  return info;
}

TEST(JoinInfo, TellsWhetherAPhoneMayTakeASeat) {
  LiveWorkshop ideation(IdeationConfig());
  auto answer = ideation.Http().Get("/api/join/" + ideation.created().join_code());
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200u) << answer->body;
  v1::JoinInfo info = ParseJoinInfo(answer->body);
  EXPECT_EQ(info.question(), IdeationConfig().question());
  EXPECT_FALSE(info.individual_scoring());
  EXPECT_EQ(info.seats_per_table(), 3u);

  v1::WorkshopConfig config = EvaluationConfig();
  config.set_seats_per_table(4);
  LiveWorkshop evaluation(config);
  answer = evaluation.Http().Get("/api/join/" + evaluation.created().join_code());
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200u) << answer->body;
  info = ParseJoinInfo(answer->body);
  EXPECT_EQ(info.question(), config.question());
  EXPECT_TRUE(info.individual_scoring());
  EXPECT_EQ(info.seats_per_table(), 4u);
  // Nothing about the workshop beyond that: no id, no code, no token.
  EXPECT_EQ(answer->body.find(evaluation.created().workshop_id()), std::string::npos);
  EXPECT_EQ(answer->body.find(evaluation.created().observer_code()), std::string::npos);
}

// The profiles to choose from, and whether participants score or vote on their own: what the
// join form needs to show profile cards and ask "which device?" in the right words.
TEST(JoinInfo, ListsTheProfilesAndWhatSeatsDo) {
  v1::WorkshopConfig config = IdeationConfig();
  for (auto [id, name] : {std::pair{1u, "Usager"}, std::pair{2u, "Agent"}}) {
    v1::Profile* profile = config.add_profiles();
    profile->set_id(id);
    profile->set_name(name);
    profile->set_description(std::string("Je parle en tant qu'") + name);
  }
  for (v1::Phase kind : {v1::PHASE_SETUP, v1::PHASE_DIVERGENCE, v1::PHASE_CONVERGENCE,
                         v1::PHASE_CONCLUSION}) {
    config.add_agenda()->set_kind(kind);
  }
  config.mutable_agenda(2)->mutable_ballot()->set_voter(v1::VOTER_SEAT);
  LiveWorkshop w(config);
  auto answer = w.Http().Get("/api/join/" + w.created().join_code());
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200u) << answer->body;
  v1::JoinInfo info = ParseJoinInfo(answer->body);
  ASSERT_EQ(info.profiles_size(), 2);
  EXPECT_EQ(info.profiles(0).id(), 1u);
  EXPECT_EQ(info.profiles(0).name(), "Usager");
  EXPECT_EQ(info.profiles(1).description(), "Je parle en tant qu'Agent");
  EXPECT_TRUE(info.individual_scoring());
  EXPECT_TRUE(info.seats_vote());
  EXPECT_FALSE(info.seats_score());
  EXPECT_EQ(info.table_profiles_size(), 0);

  // Once tables have chosen, each table's profile: a phone joining as its seat starts there.
  for (uint32_t profile : {2u, 1u}) {
    auto tablet = w.Connect();
    v1::Hello hello;
    hello.set_join_code(w.created().join_code());
    hello.set_profile_id(profile);
    auto welcome = tablet->Hello(hello);
    ASSERT_TRUE(welcome) << welcome.error();
  }
  answer = w.Http().Get("/api/join/" + w.created().join_code());
  ASSERT_TRUE(answer);
  info = ParseJoinInfo(answer->body);
  ASSERT_EQ(info.table_profiles_size(), 2);
  EXPECT_EQ(info.table_profiles(0).table_id(), 1u);
  EXPECT_EQ(info.table_profiles(0).profile_id(), 2u);
  EXPECT_EQ(info.table_profiles(1).table_id(), 2u);
  EXPECT_EQ(info.table_profiles(1).profile_id(), 1u);

  LiveWorkshop evaluation(EvaluationConfig());
  answer = evaluation.Http().Get("/api/join/" + evaluation.created().join_code());
  ASSERT_TRUE(answer);
  info = ParseJoinInfo(answer->body);
  EXPECT_EQ(info.profiles_size(), 0);
  EXPECT_TRUE(info.seats_score());
  EXPECT_FALSE(info.seats_vote());
}

TEST(JoinInfo, AWrongCodeIsAFailedAttemptLikeAWrongCodeInAHello) {
  LiveWorkshop w(IdeationConfig(), {"--failed-attempt-rate", "6/min,3"});
  client::HttpClient http = w.Http();
  const std::string right = w.created().join_code();
  for (int i = 0; i < 3; ++i) {
    std::string wrong = right;
    wrong.back() = wrong.back() == '9' ? '0' : static_cast<char>(wrong.back() + 1);
    auto refused = http.Get("/api/join/" + wrong + std::to_string(i));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 404u);
    EXPECT_NE(refused->body.find("\"code\":\"unknown_code\""), std::string::npos) << refused->body;
  }
  // Now even the right code is refused from this address, as a Hello would be.
  auto limited = http.Get("/api/join/" + right);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429u) << limited->body;
  EXPECT_NE(limited->body.find("too many wrong codes"), std::string::npos) << limited->body;
  EXPECT_EQ(w.Metric("atelier_auth_failures_total{kind=\"join_code\"}"), 3);

  auto malformed = http.Get("/api/join/12%2034");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 404u);
  auto posted = http.Post("/api/join/" + right, "");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 405u);
}

// A phone asking for a seat: refused with a reason in an ideation (nothing to score), welcomed
// in an evaluation.
TEST(JoinInfo, APhoneTakesASeatOnlyWhereThereIsScoring) {
  LiveWorkshop ideation(IdeationConfig());
  auto table = ideation.NewTable();
  auto phone = ideation.Connect();
  v1::ClientMessage hello;
  hello.mutable_hello()->set_join_code(ideation.created().join_code());
  hello.mutable_hello()->set_table_id(1);
  hello.mutable_hello()->set_seat_number(1);
  ASSERT_TRUE(phone->Send(hello));
  auto first = phone->Next(std::chrono::seconds(10));
  ASSERT_TRUE(first) << first.error();
  ASSERT_TRUE(first->has_error()) << first->ShortDebugString();
  EXPECT_EQ(first->error().code(), "no_seats");
  EXPECT_NE(first->error().message().find("scoring"), std::string::npos)
      << first->error().message();
  // No seat was added: the animateur sees none.
  auto animateur = ideation.Animateur();
  EXPECT_EQ(animateur->welcome().snapshot().tables_size(), 1);
  EXPECT_EQ(animateur->welcome().snapshot().seats_size(), 0);

  LiveWorkshop evaluation(EvaluationConfig());
  auto evaluation_table = evaluation.NewTable();
  auto seat = evaluation.NewSeat(1, 1);
  ASSERT_NE(seat, nullptr);
}

}  // namespace
}  // namespace atelier::server_test
