#include "server/http/origin_policy.h"

#include <gtest/gtest.h>

namespace atelier::http {
namespace {

TEST(OriginPolicy, TheServersOwnOriginAndNonBrowsers) {
  const OriginPolicy policy;
  EXPECT_TRUE(policy.Allows("", "atelier.example.fr")) << "no Origin: not a browser";
  EXPECT_TRUE(policy.Allows("https://atelier.example.fr", "atelier.example.fr"));
  EXPECT_TRUE(policy.Allows("https://Atelier.Example.FR", "atelier.example.fr"));
  EXPECT_TRUE(policy.Allows("https://atelier.example.fr:443", "atelier.example.fr"));
  EXPECT_TRUE(policy.Allows("https://atelier.example.fr", "atelier.example.fr:443"));
  EXPECT_TRUE(policy.Allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_TRUE(policy.Allows("http://[::1]:8080", "[::1]:8080"));
}

TEST(OriginPolicy, RefusesOtherSites) {
  const OriginPolicy policy;
  EXPECT_FALSE(policy.Allows("https://evil.example", "atelier.example.fr"));
  EXPECT_FALSE(policy.Allows("https://atelier.example.fr.evil.example", "atelier.example.fr"));
  EXPECT_FALSE(policy.Allows("http://127.0.0.1:9999", "127.0.0.1:8080")) << "another port";
  EXPECT_FALSE(policy.Allows("null", "atelier.example.fr")) << "a sandboxed page or a file";
  EXPECT_FALSE(policy.Allows("file://", "atelier.example.fr"));
  EXPECT_FALSE(policy.Allows("https://atelier.example.fr/path", "atelier.example.fr"));
  EXPECT_FALSE(policy.Allows("https://x", "")) << "no Host to compare with";
}

TEST(OriginPolicy, TheAllowList) {
  ASSERT_EQ(OriginPolicy::Check({"https://atelier.example.fr", "*"}), std::nullopt);
  EXPECT_EQ(OriginPolicy::Check({"atelier.example.fr"}), "atelier.example.fr");
  const OriginPolicy policy({"https://app.example.fr", "http://localhost:5173"});
  EXPECT_TRUE(policy.Allows("https://app.example.fr", "api.example.fr"));
  EXPECT_TRUE(policy.Allows("http://localhost:5173", "127.0.0.1:8080"));
  EXPECT_FALSE(policy.Allows("http://app.example.fr", "api.example.fr")) << "the scheme counts";
  EXPECT_FALSE(policy.Allows("https://evil.example", "api.example.fr"));
  EXPECT_TRUE(OriginPolicy({"*"}).Allows("https://anyone.example", "api.example.fr"));
}

TEST(OriginPolicy, ParsesOrigins) {
  auto origin = ParseOrigin("HTTPS://Atelier.Example.fr:443/");
  ASSERT_TRUE(origin);
  EXPECT_EQ(origin->scheme, "https");
  EXPECT_EQ(origin->authority, "atelier.example.fr");
  EXPECT_EQ(ParseOrigin("http://a.fr:8080")->authority, "a.fr:8080");
  EXPECT_EQ(ParseOrigin("http://a.fr:443")->authority, "a.fr:443");
  EXPECT_FALSE(ParseOrigin("ws://a.fr"));
  EXPECT_FALSE(ParseOrigin("https://"));
  EXPECT_FALSE(ParseOrigin("https://a b"));
}

}  // namespace
}  // namespace atelier::http
