// The HTTP API calls against a scripted HTTP server (fake_server.h).
#include "clients/client/workshop_api.h"

#include <gtest/gtest.h>

#include <boost/beast/http.hpp>

#include "clients/client/proto_json.h"
#include "tests/clients/fake_server.h"

namespace atelier::client {
namespace {

namespace http = boost::beast::http;
using testing::FakeServer;
using testing::Socket;

// Serves one request: records it and answers `status` with `body`.
FakeServer::Script Answer(http::request<http::string_body>& seen, http::status status,
                          std::string body) {
  return [&seen, status, body](Socket socket, int) {
    boost::beast::flat_buffer buffer;
    http::read(socket, buffer, seen);
    http::response<http::string_body> res{status, 11};
    res.set(http::field::content_type, "application/json");
    res.body() = body;
    res.prepare_payload();
    http::write(socket, res);
  };
}

TEST(WorkshopApi, CreateWorkshopPostsTheRequestAndReadsTheCodes) {
  http::request<http::string_body> seen;
  FakeServer server(1, Answer(seen, http::status::created,
                              R"({"workshopId": "w1", "joinCode": "123456",
                                  "observerCode": "ab12", "animateurToken": "secret",
                                  "newFieldFromANewerServer": 1})"));
  v1::CreateWorkshopRequest request;
  request.mutable_workshop()->mutable_config()->set_question("Comment optimiser la salle ?");
  auto created = CreateWorkshop(HttpClient("127.0.0.1", server.port()), request);
  ASSERT_TRUE(created) << created.error();
  EXPECT_EQ(created->workshop_id(), "w1");
  EXPECT_EQ(created->join_code(), "123456");
  EXPECT_EQ(created->animateur_token(), "secret");
  EXPECT_EQ(seen.method(), http::verb::post);
  EXPECT_EQ(seen.target(), "/api/workshops");
  EXPECT_EQ(seen[http::field::content_type], "application/json");
  auto sent = FromJson<v1::CreateWorkshopRequest>(seen.body());
  ASSERT_TRUE(sent) << sent.error();
  EXPECT_EQ(sent->workshop().config().question(), "Comment optimiser la salle ?");
}

TEST(WorkshopApi, ResultsAskWithTheAnimateursBearerToken) {
  http::request<http::string_body> seen;
  FakeServer server(1, Answer(seen, http::status::ok,
                              R"({"workshopId": "w 1", "seq": "42",
                                  "points": [{"targetId": 3, "points": 12}]})"));
  ResultsAccess access;
  access.animateur_token = "secret";
  auto results = GetResults(HttpClient("127.0.0.1", server.port()), "w 1", access);
  ASSERT_TRUE(results) << results.error();
  EXPECT_EQ(results->seq(), 42u);
  EXPECT_EQ(results->points(0).points(), 12u);
  EXPECT_EQ(seen.method(), http::verb::get);
  EXPECT_EQ(seen.target(), "/api/workshops/w%201/results");
  EXPECT_EQ(seen[http::field::authorization], "Bearer secret");
}

TEST(WorkshopApi, ResultsAskWithTheObserverCodeInTheQuery) {
  http::request<http::string_body> seen;
  FakeServer server(1, Answer(seen, http::status::ok, "{}"));
  ResultsAccess access;
  access.observer_code = "ab&12";
  ASSERT_TRUE(GetResults(HttpClient("127.0.0.1", server.port()), "w1", access));
  EXPECT_EQ(seen.target(), "/api/workshops/w1/results?observer=ab%2612");
  EXPECT_EQ(seen.count(http::field::authorization), 0u);
}

TEST(WorkshopApi, AnApiErrorBecomesItsCodeAndMessage) {
  http::request<http::string_body> seen;
  FakeServer server(1, Answer(seen, http::status::not_found,
                              R"({"code": "unknown_workshop", "message": "no workshop w9"})"));
  ResultsAccess access;
  access.animateur_token = "secret";
  auto results = GetResults(HttpClient("127.0.0.1", server.port()), "w9", access);
  ASSERT_FALSE(results);
  EXPECT_EQ(results.error(), "HTTP 404 unknown_workshop: no workshop w9");
}

TEST(WorkshopApi, AnAnswerThatIsNotJsonIsAnError) {
  http::request<http::string_body> seen;
  FakeServer server(1, Answer(seen, http::status::created, "<html>proxy</html>"));
  auto created = CreateWorkshop(HttpClient("127.0.0.1", server.port()), {});
  ASSERT_FALSE(created);
  EXPECT_NE(created.error().find("unexpected answer from the server"), std::string::npos);
}

TEST(WorkshopApi, NobodyListeningIsAnError) {
  auto created = CreateWorkshop(HttpClient("127.0.0.1", testing::UnusedPort()), {});
  ASSERT_FALSE(created);
  EXPECT_NE(created.error().find("cannot connect"), std::string::npos) << created.error();
}

TEST(UrlEncode, KeepsUnreservedCharactersAndEncodesTheRest) {
  EXPECT_EQ(UrlEncode("aZ09-_.~"), "aZ09-_.~");
  EXPECT_EQ(UrlEncode("a b/é"), "a%20b%2F%C3%A9");
}

}  // namespace
}  // namespace atelier::client
