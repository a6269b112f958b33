// The WebSocket upgrade checks Origin: a page of another site cannot open a connection from a
// participant's browser; the server's own pages, allowed sites and non-browser clients can.
#include <gtest/gtest.h>

#include "tests/server/live_workshop.h"
#include "tests/server/raw_websocket.h"

namespace atelier::server_test {
namespace {

int Upgrade(LiveWorkshop& w, const std::vector<std::string>& headers, std::string* body = nullptr) {
  auto raw = RawWebSocket::Open(w.server().host(), w.server().port(), headers);
  EXPECT_TRUE(raw) << raw.error();
  if (!raw) return 0;
  if (body) *body = raw->response().body;
  return raw->response().status;
}

TEST(Origin, TheServersOwnPagesAndNonBrowsersConnectOtherSitesDoNot) {
  LiveWorkshop w(IdeationConfig());
  const std::string own = "http://127.0.0.1:" + std::to_string(w.server().port());
  EXPECT_EQ(Upgrade(w, {}), 101) << "no Origin: the CLI, a script";
  EXPECT_EQ(Upgrade(w, {"Origin: " + own}), 101);
  std::string body;
  EXPECT_EQ(Upgrade(w, {"Origin: https://evil.example"}, &body), 403);
  EXPECT_NE(body.find("\"code\":\"origin_not_allowed\""), std::string::npos) << body;
  EXPECT_EQ(Upgrade(w, {"Origin: null"}), 403);
  EXPECT_EQ(Upgrade(w, {"Origin: http://127.0.0.1:1"}), 403) << "another port is another site";
  auto metrics = w.Http().Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("\natelier_refusals_total{limit=\"origin\"} 3\n"),
            std::string::npos);
}

TEST(Origin, AllowedSites) {
  LiveWorkshop w(IdeationConfig(), {"--allow-origin", "https://app.example.fr"});
  EXPECT_EQ(Upgrade(w, {"Origin: https://app.example.fr"}), 101);
  EXPECT_EQ(Upgrade(w, {"Origin: http://app.example.fr"}), 403);
  EXPECT_EQ(Upgrade(w, {"Origin: https://evil.example"}), 403);
  LiveWorkshop any(IdeationConfig(), {"--allow-origin", "*"});
  EXPECT_EQ(Upgrade(any, {"Origin: https://evil.example"}), 101);
}

}  // namespace
}  // namespace atelier::server_test
