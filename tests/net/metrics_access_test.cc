#include "server/net/metrics_access.h"

#include <gtest/gtest.h>

#include "server/engine/secrets.h"

namespace atelier::net {
namespace {

const std::string kToken = "0123456789abcdef-metrics";

TEST(MetricsDecision, LoopbackClientsMayRead) {
  EXPECT_EQ(DecideMetricsAccess("", false, true, ""), MetricsDecision::kAllowed);
  EXPECT_EQ(DecideMetricsAccess(engine::TokenHash(kToken), false, true, ""),
            MetricsDecision::kAllowed);
}

TEST(MetricsDecision, OthersNeedTheToken) {
  const std::string hash = engine::TokenHash(kToken);
  EXPECT_EQ(DecideMetricsAccess("", false, false, ""), MetricsDecision::kForbidden);
  EXPECT_EQ(DecideMetricsAccess(hash, false, false, ""), MetricsDecision::kForbidden);
  EXPECT_EQ(DecideMetricsAccess(hash, false, false, kToken), MetricsDecision::kAllowed);
  EXPECT_EQ(DecideMetricsAccess(hash, false, false, kToken + "x"), MetricsDecision::kBadToken);
  EXPECT_EQ(DecideMetricsAccess("", false, false, kToken), MetricsDecision::kBadToken)
      << "no token is set: none matches";
}

TEST(MetricsDecision, TheMetricsListenerIsOpenUnlessATokenIsSet) {
  EXPECT_EQ(DecideMetricsAccess("", true, false, ""), MetricsDecision::kAllowed);
  EXPECT_EQ(DecideMetricsAccess(engine::TokenHash(kToken), true, false, ""),
            MetricsDecision::kForbidden);
  EXPECT_EQ(DecideMetricsAccess(engine::TokenHash(kToken), true, false, kToken),
            MetricsDecision::kAllowed);
}

}  // namespace
}  // namespace atelier::net
