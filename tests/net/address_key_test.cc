#include "server/net/address_key.h"

#include <gtest/gtest.h>

#include <unordered_set>

#include "tests/net/net_testing.h"

namespace atelier::net {
namespace {

using testing::Key;

TEST(AddressKey, IPv4CountsByAddress) {
  EXPECT_EQ(Key("203.0.113.7"), Key("203.0.113.7"));
  EXPECT_NE(Key("203.0.113.7"), Key("203.0.113.8"));
  EXPECT_EQ(Key("203.0.113.7").ToString(), "203.0.113.7");
  EXPECT_FALSE(Key("203.0.113.7").is_v6());
}

TEST(AddressKey, IPv6CountsByItsSlash64) {
  EXPECT_EQ(Key("2001:db8:1:2::1"), Key("2001:db8:1:2:ffff:eeee:dddd:cccc"));
  EXPECT_NE(Key("2001:db8:1:2::1"), Key("2001:db8:1:3::1"));
  EXPECT_EQ(Key("2001:db8:1:2:aaaa::1").ToString(), "2001:db8:1:2::/64");
  EXPECT_TRUE(Key("2001:db8::1").is_v6());
}

TEST(AddressKey, MappedIPv4IsTheIPv4Address) {
  EXPECT_EQ(Key("::ffff:203.0.113.7"), Key("203.0.113.7"));
  EXPECT_NE(Key("::ffff:203.0.113.7"), Key("::1"));
}

TEST(AddressKey, HashesAgreeWithEquality) {
  std::unordered_set<AddressKey, AddressKeyHash> keys;
  keys.insert(Key("2001:db8:1:2::1"));
  keys.insert(Key("2001:db8:1:2::2"));
  keys.insert(Key("203.0.113.7"));
  keys.insert(Key("::ffff:203.0.113.7"));
  EXPECT_EQ(keys.size(), 2u);
}

TEST(AddressKey, Loopback) {
  EXPECT_TRUE(IsLoopback(boost::asio::ip::make_address("127.0.0.1")));
  EXPECT_TRUE(IsLoopback(boost::asio::ip::make_address("127.0.0.2")));
  EXPECT_TRUE(IsLoopback(boost::asio::ip::make_address("::1")));
  EXPECT_TRUE(IsLoopback(boost::asio::ip::make_address("::ffff:127.0.0.1")));
  EXPECT_FALSE(IsLoopback(boost::asio::ip::make_address("192.0.2.1")));
  EXPECT_FALSE(IsLoopback(boost::asio::ip::make_address("::ffff:192.0.2.1")));
}

}  // namespace
}  // namespace atelier::net
