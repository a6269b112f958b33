// Start-up that trusts each workshop's log up to its snapshot, the whole chains checked in the
// background, and a tampered workshop kept apart while the others are served.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "atelier/v1/log.pb.h"
#include "clients/client/workshop_api.h"
#include "storage/testing/tamper.h"
#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

using namespace std::chrono_literals;

// A server whose stderr goes to a file, with two workshops: "tampered" gets a snapshot at event
// 10 and events up to 16; "intact" a few events.
class ChainCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stderr_file_ = std::filesystem::temp_directory_path() /
                   ("atelier-chain-check-" + std::to_string(getpid()) + ".err");
    std::filesystem::remove(stderr_file_);
    testing::ServerOptions options;
    options.extra_args = {"--snapshot-every", "10"};
    options.stderr_file = stderr_file_.string();
    auto server = testing::ServerProcess::Start(options);
    ASSERT_TRUE(server) << server.error();
    server_ = *std::move(server);
    tampered_ = Create();
    intact_ = Create();
    auto animateur = Animateur(tampered_);
    ASSERT_TRUE(animateur);
    uint64_t seq = LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
    while (seq < 16)
      seq = LiveWorkshop::Accept(*animateur, PostIdeaCmd("Idée " + std::to_string(seq)));
    auto other = Animateur(intact_);
    ASSERT_TRUE(other);
    LiveWorkshop::Accept(*other, SetPhaseCmd(v1::PHASE_DIVERGENCE));
    auto stopped = server_->Stop();
    ASSERT_TRUE(stopped && *stopped == 0);
  }
  void TearDown() override { std::filesystem::remove(stderr_file_); }

  v1::CreateWorkshopResponse Create() {
    v1::CreateWorkshopRequest request;
    *request.mutable_workshop()->mutable_config() = IdeationConfig();
    auto created =
        client::CreateWorkshop(client::HttpClient(server_->host(), server_->port()), request);
    EXPECT_TRUE(created) << created.error();
    return created ? *created : v1::CreateWorkshopResponse{};
  }

  // Connects and says Hello as the workshop's animateur; null (and the error) when refused.
  std::unique_ptr<client::Connection> Animateur(const v1::CreateWorkshopResponse& w,
                                                std::string* error = nullptr) {
    auto connection = std::make_unique<client::Connection>();
    if (!connection->Connect(server_->host(), server_->port())) return nullptr;
    v1::Hello hello;
    hello.set_workshop_id(w.workshop_id());
    hello.set_animateur_token(w.animateur_token());
    auto welcome = connection->Hello(hello);
    if (!welcome) {
      if (error) *error = welcome.error();
      return nullptr;
    }
    return connection;
  }

  // Changes the bytes of a stored event of `w` behind the log's back (its hash no longer
  // matches them).
  void Tamper(const v1::CreateWorkshopResponse& w, uint64_t seq) {
    auto changed =
        storage::testing::ChangeStoredEvent(server_->data_dir(), w.workshop_id(), seq);
    ASSERT_TRUE(changed) << changed.error().message;
  }

  std::string Errors() const {
    std::ifstream in(stderr_file_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::string Metrics() {
    auto metrics = client::HttpClient(server_->host(), server_->port()).Get("/metrics");
    EXPECT_TRUE(metrics && metrics->status == 200u);
    return metrics ? metrics->body : "";
  }

  std::filesystem::path stderr_file_;
  std::unique_ptr<testing::ServerProcess> server_;
  v1::CreateWorkshopResponse tampered_;
  v1::CreateWorkshopResponse intact_;
};

TEST_F(ChainCheckTest, AnEventChangedBeforeTheSnapshotIsFoundAfterStartAndItsWorkshopClosed) {
  Tamper(tampered_, 5);
  ASSERT_TRUE(server_->Restart());
  auto other = Animateur(intact_);
  ASSERT_TRUE(other) << "the intact workshop is served";
  LiveWorkshop::Accept(*other, PostIdeaCmd("Toujours servie"));

  // The background check finds it: the workshop becomes unknown, its clients closed with 1011.
  std::string refusal;
  for (auto deadline = std::chrono::steady_clock::now() + 10s;
       std::chrono::steady_clock::now() < deadline;) {
    auto connection = Animateur(tampered_, &refusal);
    if (!connection) break;
    // Still in service: this client must be closed when the check fails.
    for (int i = 0; i < 20 && connection->is_open(); ++i) (void)connection->Next(50ms);
    if (!connection->is_open()) {
      EXPECT_EQ(connection->CloseCode(), 1011);
    }
  }
  EXPECT_NE(refusal.find("unknown_workshop"), std::string::npos) << refusal;
  const std::string id = tampered_.workshop_id();
  EXPECT_NE(Errors().find(" error workshop=" + id +
                          " the log failed its integrity check: event 5: hash mismatch"),
            std::string::npos)
      << Errors();
  const std::string metrics = Metrics();
  EXPECT_NE(metrics.find("\natelier_chain_verify_failures_total 1\n"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("\natelier_chains_verified_total 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("\natelier_workshops 1\n"), std::string::npos) << metrics;
  LiveWorkshop::Accept(*other, PostIdeaCmd("Encore servie"));
}

TEST_F(ChainCheckTest, AnEventChangedAfterTheSnapshotKeepsItsWorkshopFromClients) {
  Tamper(tampered_, 13);
  ASSERT_TRUE(server_->Restart()) << "the server starts with the others";
  // Its room is loaded on the first Hello, which verifies the events after the snapshot (or the
  // background check gets there first): either way the Hello is refused, never welcomed.
  std::string refusal;
  EXPECT_FALSE(Animateur(tampered_, &refusal));
  EXPECT_TRUE(refusal.find("unavailable") != std::string::npos ||
              refusal.find("unknown_workshop") != std::string::npos)
      << refusal;
  std::string why;
  auto other = Animateur(intact_, &why);
  ASSERT_TRUE(other) << why << "\n" << Errors();
  LiveWorkshop::Accept(*other, PostIdeaCmd("Servie malgré l'autre"));
  // From then on it is unknown.
  refusal.clear();
  EXPECT_FALSE(Animateur(tampered_, &refusal));
  EXPECT_NE(refusal.find("unknown_workshop"), std::string::npos) << refusal;
  const std::string id = tampered_.workshop_id();
  EXPECT_NE(Errors().find(" error workshop=" + id), std::string::npos) << Errors();
  EXPECT_NE(Errors().find("event 13: hash mismatch"), std::string::npos) << Errors();
  // Counted once, whichever found it.
  EXPECT_NE(Metrics().find("\natelier_chain_verify_failures_total 1\n"), std::string::npos)
      << Metrics();
}

}  // namespace
}  // namespace atelier::server_test
