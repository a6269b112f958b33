#include "server/net/address_limiter.h"

#include <gtest/gtest.h>

#include "tests/net/net_testing.h"

namespace atelier::net {
namespace {

using metrics::Limit;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;


using testing::Key;
using testing::kStart;

TEST(AddressLimiter, HellosPerAddressWithABurst) {
  AddressLimits limits;
  limits.hellos = RateLimit::PerMinute(60, 5);
  AddressLimiter limiter(limits);
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(limiter.AdmitHello(Key("203.0.113.7"), Credential::kToken, false, kStart));
  }
  auto refused = limiter.AdmitHello(Key("203.0.113.7"), Credential::kToken, false, kStart);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->limit, Limit::kHellos);
  EXPECT_EQ(refused->retry_after, milliseconds(1000));
  EXPECT_FALSE(limiter.AdmitHello(Key("203.0.113.8"), Credential::kToken, false, kStart))
      << "another address has its own bucket";
  for (const char* host : {"2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff::3",
                           "2001:db8:1:2:1:2:3:4", "2001:db8:1:2::5"}) {
    EXPECT_FALSE(limiter.AdmitHello(Key(host), Credential::kToken, false, kStart)) << host;
  }
  EXPECT_TRUE(limiter.AdmitHello(Key("2001:db8:1:2:abcd::1"), Credential::kToken, false, kStart))
      << "IPv6 addresses of one /64 share a bucket";
}

TEST(AddressLimiter, FailedCodesBlockCodeHellosButNotTokens) {
  AddressLimits limits;
  limits.failed_codes = RateLimit::PerMinute(6, 3);
  AddressLimiter limiter(limits);
  const AddressKey guesser = Key("203.0.113.7");
  for (int i = 0; i < 3; ++i) {
    ASSERT_FALSE(limiter.AdmitHello(guesser, Credential::kCode, false, kStart));
    limiter.Failed(guesser, kStart);
  }
  auto refused = limiter.AdmitHello(guesser, Credential::kCode, false, kStart);
  ASSERT_TRUE(refused) << "even a right code: a refusal must not tell which codes exist";
  EXPECT_EQ(refused->limit, Limit::kFailedCodes);
  EXPECT_EQ(refused->retry_after, seconds(10));
  EXPECT_FALSE(limiter.AdmitHello(guesser, Credential::kToken, false, kStart))
      << "tablets of the same address reconnect with their tokens";
  EXPECT_TRUE(limiter.AdmitAttempt(guesser, kStart)) << "the HTTP API's checks too";
  EXPECT_FALSE(limiter.AdmitHello(guesser, Credential::kCode, false, kStart + seconds(10)));
  EXPECT_FALSE(limiter.AdmitHello(Key("203.0.113.8"), Credential::kCode, false, kStart));
}

TEST(AddressLimiter, TheServerWideBucketSparesTrustedAddresses) {
  AddressLimits limits;
  limits.failed_codes = RateLimit::PerMinute(6, 30);
  limits.failed_codes_total = RateLimit::PerMinute(60, 10);
  AddressLimiter limiter(limits);
  const AddressKey venue = Key("198.51.100.1");
  ASSERT_FALSE(limiter.AdmitHello(venue, Credential::kCode, true, kStart));
  limiter.Welcomed(venue, kStart);
  // Ten addresses fail once each: the server-wide bucket is empty.
  auto guess = [&](Clock::time_point when) {
    for (int i = 0; i < 10; ++i)
      limiter.Failed(Key(("203.0.113." + std::to_string(i)).c_str()), when);
  };
  guess(kStart);
  auto refused = limiter.AdmitHello(Key("203.0.113.200"), Credential::kCode, false, kStart);
  ASSERT_TRUE(refused) << "a new address while the server is being guessed at";
  EXPECT_EQ(refused->limit, Limit::kFailedCodesTotal);
  EXPECT_EQ(refused->retry_after, seconds(1));
  EXPECT_FALSE(limiter.AdmitHello(venue, Credential::kCode, true, kStart + seconds(1) / 2))
      << "the venue's tablets keep joining";
  guess(kStart + minutes(61));
  EXPECT_TRUE(limiter.AdmitHello(venue, Credential::kCode, true, kStart + minutes(61)))
      << "trust lasts the trust window";
}

TEST(AddressLimiter, TablesPerAddressAndGivenBackWhenNotTaken) {
  AddressLimits limits;
  limits.tables = RateLimit::PerMinute(60, 2);
  AddressLimiter limiter(limits);
  const AddressKey nat = Key("198.51.100.1");
  EXPECT_FALSE(limiter.AdmitHello(nat, Credential::kCode, true, kStart));
  EXPECT_FALSE(limiter.AdmitHello(nat, Credential::kCode, true, kStart));
  auto refused = limiter.AdmitHello(nat, Credential::kCode, true, kStart);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->limit, Limit::kTables);
  EXPECT_FALSE(limiter.AdmitHello(nat, Credential::kCode, false, kStart)) << "an observer code";
  limiter.TableNotTaken(nat, kStart);  // e.g. tables_full
  EXPECT_FALSE(limiter.AdmitHello(nat, Credential::kCode, true, kStart));
}

TEST(AddressLimiter, ApiRequests) {
  AddressLimits limits;
  limits.api = RateLimit::PerMinute(60, 2);
  AddressLimiter limiter(limits);
  EXPECT_FALSE(limiter.AdmitApi(Key("203.0.113.7"), kStart));
  EXPECT_FALSE(limiter.AdmitApi(Key("203.0.113.7"), kStart));
  auto refused = limiter.AdmitApi(Key("203.0.113.7"), kStart);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->limit, Limit::kApi);
  EXPECT_EQ(refused->retry_after, seconds(1));
}

TEST(AddressLimiter, ForgetsAddressesAtRestAndBoundsThem) {
  AddressLimits limits;
  limits.max_addresses = 100;
  AddressLimiter limiter(limits);
  for (int i = 0; i < 100; ++i) {
    const std::string address = "10.0." + std::to_string(i / 250) + "." + std::to_string(i % 250);
    ASSERT_FALSE(limiter.AdmitApi(Key(address.c_str()), kStart));
  }
  EXPECT_EQ(limiter.addresses(), 100u);
  auto full = limiter.AdmitApi(Key("10.9.9.9"), kStart);
  ASSERT_TRUE(full) << "no room for a new address while all are busy";
  // A second later every bucket is full again: they are forgotten and room is made.
  EXPECT_FALSE(limiter.AdmitApi(Key("10.9.9.9"), kStart + seconds(2)));
  EXPECT_EQ(limiter.addresses(), 1u);
}

}  // namespace
}  // namespace atelier::net
