// Who a connection is (hello_auth.h): every way in, and every wrong secret refused.
#include "server/engine/hello_auth.h"

#include <gtest/gtest.h>

#include "server/engine/secrets.h"
#include "tests/workshop/test_support.h"

namespace atelier::engine {
namespace {

namespace v1 = atelier::v1;
using workshop::testing::EvaluationConfig;
using workshop::testing::Harness;

class HelloAuthTest : public ::testing::Test {
 protected:
  HelloAuthTest() : h_(EvaluationConfig()) {}
  void SetUp() override {
    workshop::WorkshopState& state = const_cast<workshop::WorkshopState&>(h_.state());
    state.access.set_join_code("12345678");
    state.access.set_observer_code("a1b2c3");
    state.access.set_animateur_token_sha256(TokenHash(animateur_token_));
    table_ = h_.JoinTable();
    state.tables.at(table_).token_sha256 = TokenHash(table_token_);
    seat_ = h_.JoinSeat(table_, 2);
    state.seats.at(seat_).token_sha256 = TokenHash(seat_token_);
  }

  Harness h_;
  std::string animateur_token_ = NewToken(), table_token_ = NewToken(), seat_token_ = NewToken();
  workshop::TableId table_ = 0;
  workshop::SeatId seat_ = 0;
};

TEST_F(HelloAuthTest, EachSecretNamesItsActor) {
  v1::Hello hello;
  hello.set_animateur_token(animateur_token_);
  HelloVerdict v = AuthenticateHello(h_.state(), hello);
  ASSERT_EQ(v.kind, HelloVerdict::Kind::kWelcome);
  EXPECT_EQ(v.actor.kind(), v1::ACTOR_KIND_ANIMATEUR);

  hello.Clear();
  hello.set_table_token(table_token_);
  v = AuthenticateHello(h_.state(), hello);
  ASSERT_EQ(v.kind, HelloVerdict::Kind::kWelcome);
  EXPECT_EQ(v.actor.kind(), v1::ACTOR_KIND_TABLE);
  EXPECT_EQ(v.actor.table_id(), table_);

  hello.Clear();
  hello.set_seat_token(seat_token_);
  v = AuthenticateHello(h_.state(), hello);
  ASSERT_EQ(v.kind, HelloVerdict::Kind::kWelcome);
  EXPECT_EQ(v.actor.kind(), v1::ACTOR_KIND_SEAT);
  EXPECT_EQ(v.actor.seat_id(), seat_);
  EXPECT_EQ(v.actor.table_id(), table_);

  hello.Clear();
  hello.set_observer_code("a1b2c3");
  v = AuthenticateHello(h_.state(), hello);
  ASSERT_EQ(v.kind, HelloVerdict::Kind::kWelcome);
  EXPECT_EQ(v.actor.kind(), v1::ACTOR_KIND_OBSERVER);
}

TEST_F(HelloAuthTest, AJoinCodeBecomesAJoinByTheCodeAndNothingElse) {
  v1::Hello hello;
  hello.set_join_code("12345678");
  hello.set_table_name("Les Lilas");
  HelloVerdict v = AuthenticateHello(h_.state(), hello);
  ASSERT_EQ(v.kind, HelloVerdict::Kind::kJoin);
  EXPECT_TRUE(v.join.has_join_table());
  EXPECT_EQ(v.join.join_table().name(), "Les Lilas");
  EXPECT_TRUE(v.context.via_join_code);

  hello.set_table_id(table_);
  hello.set_seat_number(3);
  v = AuthenticateHello(h_.state(), hello);
  ASSERT_EQ(v.kind, HelloVerdict::Kind::kJoin);
  ASSERT_TRUE(v.join.has_join_seat());
  EXPECT_EQ(v.join.join_seat().table_id(), table_);
  EXPECT_EQ(v.context.actor.kind(), v1::ACTOR_KIND_SEAT);
}

TEST_F(HelloAuthTest, AJoiningHelloCarriesItsProfile) {
  v1::Hello hello;
  hello.set_join_code("12345678");
  hello.set_profile_id(2);
  HelloVerdict v = AuthenticateHello(h_.state(), hello);
  ASSERT_EQ(v.kind, HelloVerdict::Kind::kJoin);
  EXPECT_EQ(v.join.join_table().profile_id(), 2u);
  hello.set_table_id(table_);
  hello.set_seat_number(2);
  v = AuthenticateHello(h_.state(), hello);
  ASSERT_EQ(v.kind, HelloVerdict::Kind::kJoin);
  EXPECT_EQ(v.join.join_seat().profile_id(), 2u);
  EXPECT_EQ(JoinErrorCode(v1::REJECTION_REASON_PROFILE_REQUIRED), "profile_required");
  EXPECT_EQ(JoinErrorCode(v1::REJECTION_REASON_UNKNOWN_PROFILE), "unknown_profile");
}

TEST_F(HelloAuthTest, WrongSecretsAreRefusedWithTheirCode) {
  auto refused = [&](v1::Hello hello, const std::string& code) {
    HelloVerdict v = AuthenticateHello(h_.state(), hello);
    EXPECT_EQ(v.kind, HelloVerdict::Kind::kRefused) << hello.ShortDebugString();
    EXPECT_EQ(v.code, code) << hello.ShortDebugString();
    EXPECT_FALSE(v.message.empty());
  };
  v1::Hello hello;
  refused(hello, "bad_hello");
  hello.set_animateur_token(table_token_);
  refused(hello, "bad_token");
  hello.Clear();
  hello.set_table_token(seat_token_);
  refused(hello, "bad_token");
  hello.Clear();
  hello.set_seat_token(animateur_token_);
  refused(hello, "bad_token");
  hello.Clear();
  hello.set_observer_code("a1b2c4");
  refused(hello, "bad_token");
  hello.Clear();
  hello.set_join_code("12345679");
  refused(hello, "unknown_workshop");
  hello.Clear();
  hello.set_join_code("1234567");  // a prefix is not the code
  refused(hello, "unknown_workshop");
  EXPECT_EQ(AuthenticateHello(workshop::WorkshopState(), v1::Hello()).code, "unknown_workshop");
}

TEST(SameSecret, EmptyNeverMatches) {
  EXPECT_FALSE(SameSecret("", ""));
  EXPECT_TRUE(SameSecret("abc", "abc"));
  EXPECT_FALSE(SameSecret("abc", "abd"));
  EXPECT_FALSE(SameSecret("abc", "abcd"));
}

}  // namespace
}  // namespace atelier::engine
