// /metrics is for operators: loopback clients, the --metrics-token, or the --metrics-listen
// address; not for everyone who reaches the public port (here, behind a trusted proxy that says
// the client is elsewhere).
#include <gtest/gtest.h>

#include <regex>

#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

using client::HttpHeaders;

const std::string kToken = "s3cr3t-metrics-token-0123";

unsigned Status(const client::HttpClient& http, const std::string& target,
                const HttpHeaders& headers = {}) {
  auto response = http.Get(target, headers);
  EXPECT_TRUE(response) << response.error();
  return response ? response->status : 0;
}

TEST(MetricsAccess, LoopbackOnlyOnThePublicPort) {
  LiveWorkshop w(IdeationConfig(), {"--trusted-proxy", "127.0.0.1"});
  client::HttpClient http = w.Http();
  EXPECT_EQ(Status(http, "/metrics"), 200u) << "a scraper on the machine";
  EXPECT_EQ(Status(http, "/metrics", {{"X-Forwarded-For", "203.0.113.7"}}), 403u)
      << "a client of the Internet, through the proxy";
  EXPECT_EQ(Status(http, "/metrics", {{"X-Forwarded-For", "203.0.113.7, 127.0.0.1"}}), 200u)
      << "the proxy's own view is the last entry";
  EXPECT_EQ(Status(http, "/metrics", {{"X-Forwarded-For", "127.0.0.1, 203.0.113.7"}}), 403u)
      << "what the client wrote first is not believed";
  auto refused = http.Get("/metrics", {{"X-Forwarded-For", "203.0.113.7"}});
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->body.find("--metrics-token"), std::string::npos) << refused->body;
  EXPECT_EQ(Status(http, "/healthz", {{"X-Forwarded-For", "203.0.113.7"}}), 200u);
}

TEST(MetricsAccess, AProxyThatIsNotTrustedDoesNotMakeEveryoneLocal) {
  LiveWorkshop w(IdeationConfig());  // a proxy in front, but no --trusted-proxy
  EXPECT_EQ(Status(w.Http(), "/metrics", {{"X-Forwarded-For", "127.0.0.1"}}), 403u)
      << "a proxy's header, from a proxy not trusted: nobody's word, and not local";
  EXPECT_EQ(Status(w.Http(), "/metrics", {{"X-Real-IP", "127.0.0.1"}}), 403u);
  EXPECT_EQ(Status(w.Http(), "/metrics"), 200u);
}

TEST(MetricsAccess, TheTokenOpensItFromAnywhere) {
  LiveWorkshop w(IdeationConfig(), {"--trusted-proxy", "127.0.0.1", "--metrics-token", kToken});
  client::HttpClient http = w.Http();
  const HttpHeaders outside = {{"X-Forwarded-For", "203.0.113.7"}};
  HttpHeaders with_token = outside;
  with_token.emplace_back("Authorization", "Bearer " + kToken);
  HttpHeaders wrong = outside;
  wrong.emplace_back("Authorization", "Bearer not-the-token-at-all");
  EXPECT_EQ(Status(http, "/metrics", with_token), 200u);
  EXPECT_EQ(Status(http, "/metrics", wrong), 403u);
  EXPECT_EQ(Status(http, "/metrics", outside), 403u);
  auto metrics = http.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("\natelier_auth_failures_total{kind=\"metrics_token\"} 1\n"),
            std::string::npos);
}

TEST(MetricsAccess, TheMetricsListenerServesOnlyMetrics) {
  LiveWorkshop w(IdeationConfig(), {"--metrics-listen", "127.0.0.1:0"});
  std::smatch match;
  const std::string output = w.server().Output();
  ASSERT_TRUE(std::regex_search(output, match,
                                std::regex(R"(atelier-server metrics on 127\.0\.0\.1:([0-9]+))")))
      << output;
  client::HttpClient metrics_http("127.0.0.1", static_cast<uint16_t>(std::stoi(match[1])));
  auto metrics = metrics_http.Get("/metrics");
  ASSERT_TRUE(metrics) << metrics.error();
  EXPECT_EQ(metrics->status, 200u);
  EXPECT_NE(metrics->body.find("process_resident_memory_bytes"), std::string::npos);
  EXPECT_NE(metrics->body.find("atelier_refusals_total"), std::string::npos);
  EXPECT_EQ(Status(metrics_http, "/healthz"), 200u);
  EXPECT_EQ(Status(metrics_http, "/"), 404u);
  EXPECT_EQ(Status(metrics_http, "/api/workshops/" + w.created().workshop_id() + "/results"), 404u);
}

}  // namespace
}  // namespace atelier::server_test
