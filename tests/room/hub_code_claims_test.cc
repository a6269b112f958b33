// The codes of a new workshop in a cluster (code_claims.h): the hub takes only codes the
// cluster's registry lets it claim, draws again when another node's workshop has one, refuses to
// create when the registry cannot answer, and gives the codes back on deletion. The registry is
// an in-memory stand-in for NATS' key-value bucket (the real one: tests/cluster); the log is real.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "server/room/hub.h"
#include "tests/storage/test_support.h"
#include "tests/workshop/test_support.h"

namespace atelier::room {
namespace {

// Codes -> workshop ids, as the cluster holds them. `refuse_next` claims are answered "another
// workshop has it"; with `down`, every claim fails.
class Registry : public CodeClaims {
 public:
  std::expected<bool, std::string> Claim(const std::string& code,
                                         const std::string& workshop_id) override {
    std::lock_guard lock(mu_);
    if (down) return std::unexpected("down");
    if (refuse_next > 0) {
      --refuse_next;
      refused.insert(code);
      return false;
    }
    auto [it, inserted] = codes.try_emplace(code, workshop_id);
    return inserted || it->second == workshop_id;
  }
  void Release(const std::string& code, const std::string& workshop_id) override {
    std::lock_guard lock(mu_);
    if (auto it = codes.find(code); it != codes.end() && it->second == workshop_id) {
      codes.erase(it);
    }
  }
  std::map<std::string, std::string> Codes() {
    std::lock_guard lock(mu_);
    return codes;
  }

  std::mutex mu_;
  int refuse_next = 0;
  bool down = false;
  std::map<std::string, std::string> codes;
  std::set<std::string> refused;
};

class HubCodeClaimsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = storage::EventLog::Open(dir_.path());
    ASSERT_TRUE(log) << log.error().message;
    log_ = *std::move(log);
    hub_ = std::make_unique<Hub>(ioc_.get_executor(), *log_, metrics_);
    ASSERT_TRUE(hub_->IndexAll());
    hub_->SetCodeClaims(&registry_);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  void TearDown() override {
    work_.reset();
    ioc_.stop();
    thread_.join();
    hub_->StopBackground();
    hub_.reset();
  }

  std::expected<v1::CreateWorkshopResponse, CreateProblem> Create() {
    v1::CreateWorkshopRequest request;
    *request.mutable_workshop()->mutable_config() = workshop::testing::IdeationConfig();
    std::promise<std::expected<v1::CreateWorkshopResponse, CreateProblem>> created;
    hub_->Create(request, [&](auto r) { created.set_value(std::move(r)); });
    return created.get_future().get();
  }

  storage::test::TempDir dir_;
  std::unique_ptr<storage::EventLog> log_;
  metrics::Metrics metrics_;
  boost::asio::io_context ioc_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      ioc_.get_executor()};
  std::unique_ptr<Hub> hub_;
  std::thread thread_;
  Registry registry_;
};

TEST_F(HubCodeClaimsTest, ANewWorkshopTakesOnlyCodesTheClusterLetItClaim) {
  registry_.refuse_next = 3;  // three codes drawn are another node's workshop's
  auto created = Create();
  ASSERT_TRUE(created) << created.error().message;
  const std::map<std::string, std::string> claimed = registry_.Codes();
  EXPECT_EQ(claimed.at(created->join_code()), created->workshop_id());
  EXPECT_EQ(claimed.at(created->observer_code()), created->workshop_id());
  EXPECT_EQ(claimed.size(), 2u);
  EXPECT_EQ(registry_.refused.size(), 3u);
  EXPECT_FALSE(registry_.refused.contains(created->join_code()));
  EXPECT_FALSE(registry_.refused.contains(created->observer_code()));
  v1::Hello by_code;
  by_code.set_join_code(created->join_code());
  EXPECT_NE(hub_->FindForHello(by_code), nullptr);
}

TEST_F(HubCodeClaimsTest, NoWorkshopIsCreatedWhileTheClusterCannotAnswer) {
  registry_.down = true;
  auto created = Create();
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, "unavailable");
  EXPECT_EQ(hub_->KnownCodes().size(), 0u);
  registry_.down = false;
  EXPECT_TRUE(Create());
}

TEST_F(HubCodeClaimsTest, ADeletedWorkshopGivesItsCodesBack) {
  auto created = Create();
  ASSERT_TRUE(created) << created.error().message;
  std::promise<std::expected<void, DeleteProblem>> deleted;
  hub_->Delete(created->workshop_id(), created->animateur_token(),
               [&](auto r) { deleted.set_value(std::move(r)); });
  ASSERT_TRUE(deleted.get_future().get());
  EXPECT_TRUE(registry_.Codes().empty());
}

}  // namespace
}  // namespace atelier::room
