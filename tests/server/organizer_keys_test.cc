// Creating a workshop needs an organizer key when the server has a keys file: none or a wrong
// one gets 401 with a clear code, a right one creates it and its name goes in the log line; a
// key deleted from the file stops working. Without a keys file only local clients create.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "clients/client/workshop_api.h"
#include "tests/server/live_workshop.h"
#include "tests/server/raw_websocket.h"

namespace atelier::server_test {
namespace {

using client::HttpHeaders;
using std::chrono::milliseconds;

const std::string kJeunesse = "8c1d0e3f1b7a4e52a9d6c07e2f3b5a18";
const std::string kCulture = "Zq2-uV9rT4kLx8wN3pH6";
const std::string kCreate =
    R"({"workshop": {"config": {"question": "Q ?", "template": "TEMPLATE_IDEATION"}}})";

class OrganizerKeys : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("organizer-keys-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    Write("# test keys\njeunesse " + kJeunesse + "\nculture " + kCulture + "\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& text) {
    std::ofstream(keys() + ".new") << text;
    std::filesystem::rename(keys() + ".new", keys());
  }
  std::string keys() const { return (dir_ / "keys.txt").string(); }
  std::string log() const { return (dir_ / "stderr.txt").string(); }
  std::unique_ptr<testing::ServerProcess> Start(std::vector<std::string> args) {
    testing::ServerOptions options;
    options.extra_args = std::move(args);
    options.stderr_file = log();
    auto server = testing::ServerProcess::Start(options);
    EXPECT_TRUE(server) << server.error();
    return server ? *std::move(server) : nullptr;
  }
  std::string Log() const {
    std::ifstream in(log());
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }

  std::filesystem::path dir_;
};

client::HttpResponse Create(testing::ServerProcess& server, const HttpHeaders& headers) {
  client::HttpClient http(server.host(), server.port());
  auto response = http.Post("/api/workshops", kCreate, headers);
  EXPECT_TRUE(response) << response.error();
  return response ? *response : client::HttpResponse{};
}

HttpHeaders Bearer(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }

TEST_F(OrganizerKeys, CreatingAWorkshopNeedsAKeyOfTheFile) {
  auto server = Start({"--organizer-keys", keys()});
  ASSERT_TRUE(server);
  client::HttpResponse none = Create(*server, {});
  EXPECT_EQ(none.status, 401u);
  EXPECT_NE(none.body.find("\"code\":\"organizer_key_required\""), std::string::npos) << none.body;
  auto socket = RawSocket::Connect(server->host(), server->port());
  ASSERT_TRUE(socket);
  auto raw = RawHttp(*socket,
                     "POST /api/workshops HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: " +
                         std::to_string(kCreate.size()) + "\r\n\r\n" + kCreate,
                     std::chrono::seconds(10));
  ASSERT_TRUE(raw) << raw.error();
  EXPECT_EQ(raw->status, 401);
  EXPECT_EQ(raw->Header("www-authenticate"), "Bearer realm=\"atelier organizers\"");
  client::HttpResponse wrong = Create(*server, Bearer(kJeunesse + "0"));
  EXPECT_EQ(wrong.status, 401u);
  EXPECT_NE(wrong.body.find("\"code\":\"bad_organizer_key\""), std::string::npos) << wrong.body;

  client::HttpResponse right = Create(*server, Bearer(kJeunesse));
  ASSERT_EQ(right.status, 201u) << right.body;
  v1::CreateWorkshopRequest request;
  request.mutable_workshop()->mutable_config()->set_question("Q ?");
  request.mutable_workshop()->mutable_config()->set_template_(v1::TEMPLATE_IDEATION);
  auto created =
      client::CreateWorkshop(client::HttpClient(server->host(), server->port()), request, kCulture);
  ASSERT_TRUE(created) << created.error();
  // The log line of the creation names the key, with the workshop it concerns.
  const std::string line =
      " info workshop=" + created->workshop_id() + " created by organizer key culture";
  EXPECT_NE(Log().find(line), std::string::npos) << Log();
  EXPECT_EQ(Log().find(kCulture), std::string::npos) << "a key never goes in the log";

  // The administrator deletes jeunesse's line: that key stops working, culture's goes on.
  Write("culture " + kCulture + "\n");
  unsigned status = 0;
  for (int i = 0; i < 40 && status != 401; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
    status = Create(*server, Bearer(kJeunesse)).status;
  }
  EXPECT_EQ(status, 401u) << "revoked within a second or two";
  EXPECT_EQ(Create(*server, Bearer(kCulture)).status, 201u);

  client::HttpClient http(server->host(), server->port());
  auto metrics = http.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("atelier_auth_failures_total{kind=\"organizer_key\"} "),
            std::string::npos);
  EXPECT_EQ(metrics->body.find("atelier_auth_failures_total{kind=\"organizer_key\"} 0\n"),
            std::string::npos);
}

TEST_F(OrganizerKeys, AKeysFileThatCannotBeReadRefusesCreationsClearly) {
  auto server = Start({"--organizer-keys", keys()});
  ASSERT_TRUE(server);
  std::filesystem::remove(keys());
  unsigned status = 0;
  client::HttpResponse response;
  for (int i = 0; i < 40 && status != 503; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
    response = Create(*server, Bearer(kCulture));
    status = response.status;
  }
  EXPECT_EQ(status, 503u);
  EXPECT_NE(response.body.find("organizer_keys_unavailable"), std::string::npos) << response.body;
  EXPECT_NE(Log().find(" error organizer keys: "), std::string::npos) << Log();
}

TEST_F(OrganizerKeys, AServerWithABadKeysFileDoesNotStart) {
  Write("jeunesse trop-court\n");
  testing::ServerOptions options;
  options.extra_args = {"--organizer-keys", keys()};
  options.stderr_file = log();
  EXPECT_FALSE(testing::ServerProcess::Start(options));
  EXPECT_NE(Log().find("line 1: a key is 16 to 256 characters"), std::string::npos) << Log();
}

TEST_F(OrganizerKeys, WithoutAKeysFileOnlyThisMachineCreates) {
  auto server = Start({"--trusted-proxy", "127.0.0.1"});
  ASSERT_TRUE(server);
  EXPECT_EQ(Create(*server, {}).status, 201u) << "make run stays a one-command start";
  client::HttpResponse remote = Create(*server, {{"X-Forwarded-For", "203.0.113.7"}});
  EXPECT_EQ(remote.status, 403u);
  EXPECT_NE(remote.body.find("--organizer-keys"), std::string::npos) << remote.body;
  EXPECT_EQ(Create(*server, {{"X-Forwarded-For", "127.0.0.1"}}).status, 201u);
}

TEST_F(OrganizerKeys, BehindAProxyThatIsNotTrustedNobodyIsLocal) {
  auto server = Start({});
  ASSERT_TRUE(server);
  EXPECT_EQ(Create(*server, {{"X-Forwarded-For", "203.0.113.7"}}).status, 403u);
  EXPECT_EQ(Create(*server, {{"X-Real-IP", "127.0.0.1"}}).status, 403u);
}

}  // namespace
}  // namespace atelier::server_test
