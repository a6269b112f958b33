#include "clients/cli/identity.h"

#include <gtest/gtest.h>

namespace atelier::cli {
namespace {

std::expected<v1::Hello, std::string> Hello(std::vector<std::string> argv) {
  auto args = Args::Parse({.options = IdentityOptions()}, argv);
  if (!args) return std::unexpected(args.error());
  return HelloFromArgs(*args);
}

TEST(Identity, ANewTableGivesTheCodeAndOptionallyItsNumberAndName) {
  auto hello = Hello({"--code", "123456", "--table", "4", "--table-name", "Table des Lilas"});
  ASSERT_TRUE(hello) << hello.error();
  EXPECT_EQ(hello->join_code(), "123456");
  EXPECT_EQ(hello->table_id(), 4u);
  EXPECT_EQ(hello->table_name(), "Table des Lilas");
  EXPECT_EQ(hello->last_seq(), 0u);
}

TEST(Identity, ASeatNeedsItsTable) {
  auto seat = Hello({"--code", "123456", "--table", "4", "--seat", "2"});
  ASSERT_TRUE(seat) << seat.error();
  EXPECT_EQ(seat->seat_number(), 2u);
  EXPECT_FALSE(Hello({"--code", "123456", "--seat", "2"}));
}

TEST(Identity, ComingBackTakesTheWorkshopAndExactlyOneToken) {
  auto table = Hello({"--workshop", "w1", "--token", "t", "--from-seq", "42"});
  ASSERT_TRUE(table) << table.error();
  EXPECT_EQ(table->workshop_id(), "w1");
  EXPECT_EQ(table->table_token(), "t");
  EXPECT_EQ(table->last_seq(), 42u);
  auto seat = Hello({"--workshop", "w1", "--seat-token", "s"});
  ASSERT_TRUE(seat) << seat.error();
  EXPECT_EQ(seat->seat_token(), "s");
  EXPECT_FALSE(Hello({"--workshop", "w1"}));
  EXPECT_FALSE(Hello({"--workshop", "w1", "--token", "t", "--seat-token", "s"}));
  EXPECT_FALSE(Hello({"--token", "t"}));
}

TEST(Identity, TheAnimateurHasTwoSpellings) {
  auto first = Hello({"--animateur", "w1", "secret"});
  auto second = Hello({"--workshop", "w1", "--animateur-token", "secret"});
  ASSERT_TRUE(first) << first.error();
  ASSERT_TRUE(second) << second.error();
  for (const v1::Hello& hello : {*first, *second}) {
    EXPECT_EQ(hello.workshop_id(), "w1");
    EXPECT_EQ(hello.animateur_token(), "secret");
  }
}

TEST(Identity, ExactlyOneWayToSayWhoYouAre) {
  auto observer = Hello({"--observer", "ab12"});
  ASSERT_TRUE(observer) << observer.error();
  EXPECT_EQ(observer->observer_code(), "ab12");
  EXPECT_FALSE(Hello({}));
  EXPECT_FALSE(Hello({"--observer", "ab12", "--code", "123456"}));
  EXPECT_FALSE(Hello({"--observer", "ab12", "--table", "3"}));
}

}  // namespace
}  // namespace atelier::cli
