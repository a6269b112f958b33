#include "server/net/token_bucket.h"

#include <gtest/gtest.h>

#include "tests/net/net_testing.h"

namespace atelier::net {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

using testing::kStart;

TEST(TokenBucket, ABurstThenTheRate) {
  const RateLimit limit = RateLimit::PerMinute(60, 3);  // one a second, three at once
  TokenBucket bucket;
  EXPECT_TRUE(bucket.Full(limit, kStart));
  EXPECT_TRUE(bucket.TryTake(limit, kStart));
  EXPECT_TRUE(bucket.TryTake(limit, kStart));
  EXPECT_TRUE(bucket.TryTake(limit, kStart));
  EXPECT_FALSE(bucket.TryTake(limit, kStart));
  EXPECT_EQ(bucket.RetryAfter(limit, kStart), milliseconds(1000));
  EXPECT_EQ(bucket.RetryAfter(limit, kStart + milliseconds(400)), milliseconds(600));
  EXPECT_FALSE(bucket.TryTake(limit, kStart + milliseconds(999)));
  EXPECT_TRUE(bucket.TryTake(limit, kStart + milliseconds(1000)));
  EXPECT_FALSE(bucket.TryTake(limit, kStart + milliseconds(1000)));
  EXPECT_FALSE(bucket.Full(limit, kStart + seconds(3)));
  EXPECT_TRUE(bucket.Full(limit, kStart + seconds(4)));
  EXPECT_DOUBLE_EQ(bucket.Tokens(limit, kStart + seconds(100)), 3) << "never past the burst";
}

TEST(TokenBucket, TakeNeverGoesBelowEmptyAndGiveNeverPastFull) {
  const RateLimit limit = RateLimit::PerMinute(6, 2);  // one every 10 s
  TokenBucket bucket;
  for (int i = 0; i < 10; ++i) bucket.Take(limit, kStart);
  EXPECT_DOUBLE_EQ(bucket.Tokens(limit, kStart), 0);
  EXPECT_EQ(bucket.RetryAfter(limit, kStart), seconds(10)) << "one token away, however many takes";
  bucket.Give(limit, kStart);
  EXPECT_TRUE(bucket.TryTake(limit, kStart));
  for (int i = 0; i < 10; ++i) bucket.Give(limit, kStart);
  EXPECT_DOUBLE_EQ(bucket.Tokens(limit, kStart), 2);
}

TEST(TokenBucket, OffLimitsNothing) {
  TokenBucket bucket;
  for (int i = 0; i < 100'000; ++i) ASSERT_TRUE(bucket.TryTake(RateLimit::Off(), kStart));
  EXPECT_EQ(bucket.RetryAfter(RateLimit::Off(), kStart), milliseconds(0));
}

TEST(TokenBucket, AClockGoingBackDoesNotRefill) {
  const RateLimit limit = RateLimit::PerMinute(60, 1);
  TokenBucket bucket;
  EXPECT_TRUE(bucket.TryTake(limit, kStart + seconds(10)));
  EXPECT_FALSE(bucket.TryTake(limit, kStart));
  EXPECT_FALSE(bucket.TryTake(limit, kStart + seconds(10)));
  EXPECT_TRUE(bucket.TryTake(limit, kStart + seconds(11)));
}

TEST(RateLimitText, ParsesAndFormats) {
  auto limit = ParseRateLimit("600/min,1000");
  ASSERT_TRUE(limit) << limit.error();
  EXPECT_DOUBLE_EQ(limit->per_second, 10);
  EXPECT_DOUBLE_EQ(limit->burst, 1000);
  EXPECT_EQ(FormatRateLimit(*limit), "600/min,1000");
  EXPECT_DOUBLE_EQ(ParseRateLimit("2/s,5")->per_second, 2);
  EXPECT_DOUBLE_EQ(ParseRateLimit("360/h,30")->per_second, 0.1);
  EXPECT_EQ(FormatRateLimit(*ParseRateLimit("6/min,30")), "6/min,30");
  EXPECT_EQ(FormatRateLimit(*ParseRateLimit("30/h,10")), "30/h,10");
  EXPECT_TRUE(ParseRateLimit("off")->off());
  EXPECT_EQ(FormatRateLimit(RateLimit::Off()), "off");
  for (const char* bad :
       {"", "600", "600/min", "600/day,5", "x/min,5", "6/min,0", "-1/s,5", "6/min,5,", "6,5/min"}) {
    EXPECT_FALSE(ParseRateLimit(bad)) << bad;
  }
}

}  // namespace
}  // namespace atelier::net
