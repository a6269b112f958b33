// Route matching and the bearer token.
#include "server/http/route.h"

#include <gtest/gtest.h>

namespace atelier::http {
namespace {

struct Case {
  std::string_view method;
  std::string target;  // owns: some are built below
  Route::Kind kind;
  std::string_view workshop_id = {};
  std::string_view allow = {};
};

TEST(MatchRoute, Table) {
  const Case cases[] = {
      {"GET", "/healthz", Route::kHealth},
      {"HEAD", "/healthz", Route::kHealth},
      {"GET", "/healthz?verbose=1", Route::kHealth},
      {"POST", "/healthz", Route::kMethodNotAllowed, "", "GET, HEAD"},
      {"GET", "/metrics", Route::kMetrics},
      {"DELETE", "/metrics", Route::kMethodNotAllowed, "", "GET, HEAD"},
      {"POST", "/api/workshops", Route::kCreateWorkshop},
      {"POST", "/api/workshops?x=1", Route::kCreateWorkshop},
      {"GET", "/api/workshops", Route::kMethodNotAllowed, "", "POST"},
      {"post", "/api/workshops", Route::kMethodNotAllowed, "", "POST"},
      {"GET", "/api/workshops/w-42_a/results", Route::kResults, "w-42_a"},
      {"HEAD", "/api/workshops/W9/results?observer=123", Route::kResults, "W9"},
      {"POST", "/api/workshops/w1/results", Route::kMethodNotAllowed, "", "GET, HEAD"},
      {"GET", "/api/workshops/w-42_a/archive", Route::kArchive, "w-42_a"},
      {"HEAD", "/api/workshops/W9/archive", Route::kArchive, "W9"},
      {"POST", "/api/workshops/w1/archive", Route::kMethodNotAllowed, "", "GET, HEAD"},
      {"GET", "/api/workshops/w1/archives", Route::kNotFound},
      {"GET", "/api/workshops/" + std::string(64, 'a') + "/results", Route::kResults,
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
      {"GET", "/api/workshops/w1/timeline", Route::kTimeline, "w1"},
      {"HEAD", "/api/workshops/w1/timeline?at=12", Route::kTimeline, "w1"},
      {"DELETE", "/api/workshops/w1/timeline", Route::kMethodNotAllowed, "", "GET, HEAD"},
      {"GET", "/api/workshops/w1/timeline/12", Route::kNotFound},
      {"GET", "/ws", Route::kWebSocket},
      {"GET", "/ws?v=1", Route::kWebSocket},
      {"HEAD", "/ws", Route::kMethodNotAllowed, "", "GET"},
      {"POST", "/ws", Route::kMethodNotAllowed, "", "GET"},
      {"GET", "/", Route::kStatic},
      {"HEAD", "/app.js", Route::kStatic},
      {"GET", "/console?workshop=w1", Route::kStatic},
      {"GET", "/observer", Route::kStatic},
      {"GET", "/healthz/extra", Route::kStatic},
      {"GET", "/apis", Route::kStatic},
      {"PUT", "/index.html", Route::kMethodNotAllowed, "", "GET, HEAD"},
      {"GET", "/api", Route::kNotFound},
      {"GET", "/api/", Route::kNotFound},
      {"GET", "/api/workshops/", Route::kNotFound},
      {"DELETE", "/api/workshops/w-42_a", Route::kDeleteWorkshop, "w-42_a"},
      {"DELETE", "/api/workshops/w1?x=1", Route::kDeleteWorkshop, "w1"},
      // The path exists now (DELETE); other methods on it are told which one it takes.
      {"GET", "/api/workshops/w1", Route::kMethodNotAllowed, "", "DELETE"},
      {"delete", "/api/workshops/w1", Route::kMethodNotAllowed, "", "DELETE"},
      {"DELETE", "/api/workshops/w1/results", Route::kMethodNotAllowed, "", "GET, HEAD"},
      {"DELETE", "/api/workshops/w1/archive", Route::kMethodNotAllowed, "", "GET, HEAD"},
      {"DELETE", "/api/workshops/", Route::kNotFound},
      {"DELETE", "/api/workshops/a.b", Route::kNotFound},
      {"DELETE", "/api/workshops/w1/", Route::kNotFound},
      {"DELETE", "/api/workshops/" + std::string(65, 'a'), Route::kNotFound},
      {"GET", "/api/workshops/w1/results/", Route::kNotFound},
      {"GET", "/api/workshops//results", Route::kNotFound},
      {"GET", "/api/workshops/results", Route::kMethodNotAllowed, "", "DELETE"},  // an id
      {"GET", "/api/workshops/a.b/results", Route::kNotFound},
      {"GET", "/api/workshops/a%2Fb/results", Route::kNotFound},
      {"GET", "/api/workshops/" + std::string(65, 'a') + "/results", Route::kNotFound},
      {"GET", "/api/templates", Route::kTemplates},
      {"HEAD", "/api/templates?lang=en", Route::kTemplates},
      {"GET", "/api/join/12345678", Route::kJoinInfo},
      {"HEAD", "/api/join/12345678?x=1", Route::kJoinInfo},
      {"POST", "/api/join/12345678", Route::kMethodNotAllowed, "", "GET, HEAD"},
      {"GET", "/api/join/", Route::kNotFound},
      {"GET", "/api/join/1234-5678", Route::kNotFound},
      {"GET", "/api/join/12%2034", Route::kNotFound},
      {"GET", "/api/join/1/2", Route::kNotFound},
      {"GET", "/api/join/" + std::string(33, '1'), Route::kNotFound},
      {"POST", "/api/admin/backup", Route::kBackup},
      {"GET", "/api/admin/backup", Route::kMethodNotAllowed, "", "POST"},
      {"POST", "/api/admin/backup/x", Route::kNotFound},
      {"POST", "/api/other", Route::kNotFound},
      {"GET", "*", Route::kNotFound},
      {"GET", "http://example.org/", Route::kNotFound},
      {"GET", "", Route::kNotFound},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.target);
    const Route route = MatchRoute(c.method, c.target);
    EXPECT_EQ(route.kind, c.kind);
    EXPECT_EQ(route.workshop_id, c.workshop_id);
    EXPECT_EQ(route.allow, c.allow);
  }
}

TEST(MatchRoute, JoinInfoKeepsTheCodeAsSent) {
  EXPECT_EQ(MatchRoute("GET", "/api/join/12345678").join_code, "12345678");
  EXPECT_EQ(MatchRoute("GET", "/api/join/" + std::string(32, '7')).join_code, std::string(32, '7'));
  EXPECT_EQ(MatchRoute("POST", "/api/join/12345678").join_code, "");
  EXPECT_EQ(MatchRoute("GET", "/api/workshops/w1/results").join_code, "");
}

TEST(BearerToken, ReadsTheToken) {
  EXPECT_EQ(BearerToken("Bearer 0123abcdef"), "0123abcdef");
  EXPECT_EQ(BearerToken("bearer abc"), "abc");
  EXPECT_EQ(BearerToken("BEARER  abc  "), "abc");
  EXPECT_EQ(BearerToken("  Bearer\tabc"), "abc");
  EXPECT_EQ(BearerToken("Bearer a-b.c_d~e+f/g=="), "a-b.c_d~e+f/g==");
}

TEST(BearerToken, EmptyForOtherSchemesOrMalformedTokens) {
  EXPECT_EQ(BearerToken(""), "");
  EXPECT_EQ(BearerToken("Bearer"), "");
  EXPECT_EQ(BearerToken("Bearer "), "");
  EXPECT_EQ(BearerToken("Bearerabc"), "");
  EXPECT_EQ(BearerToken("Basic dXNlcjpwYXNz"), "");
  EXPECT_EQ(BearerToken("Bearer abc def"), "");
  EXPECT_EQ(BearerToken("Bearer ab=c"), "");
  EXPECT_EQ(BearerToken("Bearer =="), "");
  EXPECT_EQ(BearerToken("Bearer \"abc\""), "");
}

}  // namespace
}  // namespace atelier::http
