// Deleting a workshop through the hub, over a real log in a temporary directory: a loaded room
// with clients connected and commands in flight stops, finishes what it decided, is deleted from
// the log, and closes its clients with "workshop_deleted"; nothing is appended after; its codes
// and id find nothing any more. And retention: workshops deleted a set time after their
// conclusion, with a fake clock.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "atelier/v1/wire.pb.h"
#include "server/room/frames.h"
#include "server/room/hub.h"
#include "server/room/retention.h"
#include "tests/room/recording_subscriber.h"
#include "tests/storage/test_support.h"
#include "tests/workshop/test_support.h"

namespace atelier::room {
namespace {

using namespace std::chrono_literals;
using testing::RecordingSubscriber;
using workshop::testing::IdeationConfig;
using workshop::testing::PostIdeaCmd;
using workshop::testing::SetPhaseCmd;

bool IsWelcome(const v1::ServerMessage& m) { return m.has_welcome(); }

class HubDeleteTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(); }

  void Start() {
    auto log = storage::EventLog::Open(dir_.path());
    ASSERT_TRUE(log) << log.error().message;
    log_ = *std::move(log);
    // A new io_context per hub: handlers left in an old one hold rooms of the old hub.
    ioc_ = std::make_unique<boost::asio::io_context>();
    work_.emplace(ioc_->get_executor());
    hub_ = std::make_unique<Hub>(ioc_->get_executor(), *log_, metrics_);
    ASSERT_TRUE(hub_->IndexAll());
    for (auto& thread : io_threads_) thread = std::thread([this] { ioc_->run(); });
  }

  void Stop() {
    work_.reset();
    if (ioc_) ioc_->stop();
    for (auto& thread : io_threads_) {
      if (thread.joinable()) thread.join();
    }
    if (hub_) hub_->StopBackground();
    rooms_.clear();
    hub_.reset();
    ioc_.reset();  // the handlers left are destroyed, not run
    log_.reset();
  }

  void TearDown() override { Stop(); }

  v1::CreateWorkshopResponse Create() {
    v1::CreateWorkshopRequest request;
    *request.mutable_workshop()->mutable_config() = IdeationConfig();
    std::promise<std::expected<v1::CreateWorkshopResponse, CreateProblem>> created;
    hub_->Create(request, [&](auto r) { created.set_value(std::move(r)); });
    auto response = created.get_future().get();
    EXPECT_TRUE(response) << response.error().message;
    return response.value_or(v1::CreateWorkshopResponse{});
  }

  std::shared_ptr<RecordingSubscriber> Connect(const v1::Hello& hello) {
    auto subscriber = std::make_shared<RecordingSubscriber>();
    std::shared_ptr<Room> room = hub_->FindForHello(hello);
    EXPECT_NE(room, nullptr);
    if (!room) return subscriber;
    room->Hello(subscriber, hello);
    EXPECT_TRUE(subscriber->WaitForMessage(IsWelcome)) << "welcomed";
    rooms_.push_back(room);  // held like a connection holds it
    return subscriber;
  }

  v1::Hello AnimateurHello(const v1::CreateWorkshopResponse& w) const {
    v1::Hello hello;
    hello.set_workshop_id(w.workshop_id());
    hello.set_animateur_token(w.animateur_token());
    return hello;
  }
  v1::Hello JoinHello(const v1::CreateWorkshopResponse& w) const {
    v1::Hello hello;
    hello.set_join_code(w.join_code());
    return hello;
  }
  v1::Hello ObserverHello(const v1::CreateWorkshopResponse& w) const {
    v1::Hello hello;
    hello.set_observer_code(w.observer_code());
    return hello;
  }

  // Runs a command and waits for its answer.
  v1::ServerMessage Run(Room& room, const std::shared_ptr<RecordingSubscriber>& who,
                        v1::Command command) {
    if (command.command_id().empty()) command.set_command_id("run-" + std::to_string(++runs_));
    const std::string id = command.command_id();
    room.Submit(who, std::move(command));
    auto answer = who->WaitForMessage([&](const v1::ServerMessage& m) {
      return (m.has_accepted() && m.accepted().command_id() == id) ||
             (m.has_rejected() && m.rejected().command_id() == id);
    });
    EXPECT_TRUE(answer) << "answered: " << id;
    return answer.value_or(v1::ServerMessage{});
  }

  std::expected<void, DeleteProblem> Delete(const std::string& id,
                                            std::optional<std::string> token) {
    std::promise<std::expected<void, DeleteProblem>> deleted;
    hub_->Delete(id, std::move(token), [&](auto r) { deleted.set_value(std::move(r)); });
    auto future = deleted.get_future();
    EXPECT_EQ(future.wait_for(30s), std::future_status::ready);
    return future.get();
  }

  storage::test::TempDir dir_;
  std::unique_ptr<storage::EventLog> log_;
  metrics::Metrics metrics_;
  std::unique_ptr<boost::asio::io_context> ioc_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::unique_ptr<Hub> hub_;
  std::vector<std::shared_ptr<Room>> rooms_;
  std::thread io_threads_[2];
  int runs_ = 0;
};

TEST_F(HubDeleteTest, ALoadedRoomWithCommandsInFlightStopsClosesItsClientsAndKeepsNothing) {
  const v1::CreateWorkshopResponse w = Create();
  const v1::CreateWorkshopResponse other = Create();
  auto animateur = Connect(AnimateurHello(w));
  auto table = Connect(JoinHello(w));
  auto observer = Connect(ObserverHello(w));
  std::shared_ptr<Room> room = hub_->Find(w.workshop_id());
  ASSERT_NE(room, nullptr);
  ASSERT_TRUE(Run(*room, animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE)).has_accepted());

  // Commands in flight when the deletion comes: those before it are decided and made durable
  // (then deleted), those after it are never decided.
  constexpr int kIdeas = 40;
  for (int i = 0; i < kIdeas; ++i) {
    v1::Command post = PostIdeaCmd("idée " + std::to_string(i));
    post.set_command_id("idea-" + std::to_string(i));
    room->Submit(table, post);
    if (i == kIdeas / 2) {
      hub_->Delete(w.workshop_id(), w.animateur_token(), [](auto) {});
    }
  }
  for (const auto& client : {animateur, table, observer}) {
    auto told = client->WaitForMessage([](const v1::ServerMessage& m) {
      return m.has_error() && m.error().code() == "workshop_deleted";
    });
    EXPECT_TRUE(told) << "told plainly that the workshop was deleted";
    std::string reason;
    EXPECT_EQ(client->WaitForClose(&reason), kCloseDeleted);
    EXPECT_EQ(reason, "workshop deleted");
  }
  // Every idea accepted was before the deletion: nothing after it was decided.
  int accepted = 0;
  int last_accepted = -1;
  for (const auto& received : table->all()) {
    if (!received.message || !received.message->has_accepted()) continue;
    const std::string& id = received.message->accepted().command_id();
    if (!id.starts_with("idea-")) continue;
    ++accepted;
    last_accepted = std::max(last_accepted, std::stoi(id.substr(5)));
  }
  EXPECT_LE(last_accepted, kIdeas / 2);
  EXPECT_EQ(accepted, last_accepted + 1);

  // Late commands and a late Hello change nothing.
  room->Submit(table, PostIdeaCmd("trop tard"));
  auto late = std::make_shared<RecordingSubscriber>();
  room->Hello(late, AnimateurHello(w));
  EXPECT_NE(late->WaitForClose(), 0);
  EXPECT_EQ(log_->Head(w.workshop_id())->seq, 0u);
  auto listed = log_->ListWorkshops();
  ASSERT_TRUE(listed);
  EXPECT_EQ(*listed, std::vector<std::string>{other.workshop_id()});
  EXPECT_TRUE(log_->Read(w.workshop_id(), 1, 1000)->empty());

  // Unknown by every way in; the other workshop is whole.
  EXPECT_EQ(hub_->FindForHello(JoinHello(w)), nullptr);
  EXPECT_EQ(hub_->FindForHello(ObserverHello(w)), nullptr);
  EXPECT_EQ(hub_->FindForHello(AnimateurHello(w)), nullptr);
  EXPECT_EQ(hub_->Find(w.workshop_id()), nullptr);
  EXPECT_NE(hub_->FindForHello(JoinHello(other)), nullptr);
  EXPECT_EQ(metrics_.workshops_deleted_total.Value(), 1u);
  EXPECT_EQ(metrics_.workshops.Value(), 1);

  // And after a restart.
  rooms_.clear();
  room.reset();
  Stop();
  Start();
  EXPECT_EQ(hub_->FindForHello(JoinHello(w)), nullptr);
  EXPECT_EQ(hub_->Find(w.workshop_id()), nullptr);
  EXPECT_NE(hub_->Find(other.workshop_id()), nullptr);
}

TEST_F(HubDeleteTest, AWrongTokenDeletesNothingAndTheRoomGoesOn) {
  const v1::CreateWorkshopResponse w = Create();
  auto animateur = Connect(AnimateurHello(w));
  auto deleted = Delete(w.workshop_id(), "not-the-token");
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code, "bad_token");
  deleted = Delete(w.workshop_id(), "");
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code, "bad_token");
  std::shared_ptr<Room> room = hub_->Find(w.workshop_id());
  ASSERT_NE(room, nullptr);
  EXPECT_TRUE(Run(*room, animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE)).has_accepted());
  EXPECT_EQ(log_->Head(w.workshop_id())->seq, 2u);
  EXPECT_EQ(metrics_.workshops_deleted_total.Value(), 0u);
}

TEST_F(HubDeleteTest, AnUnknownWorkshopIsSaidUnknown) {
  auto deleted = Delete("0123abcd", "whatever");
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code, "unknown_workshop");
}

TEST_F(HubDeleteTest, AWorkshopNotLoadedIsLoadedThenDeleted) {
  const v1::CreateWorkshopResponse w = Create();
  Stop();
  Start();
  EXPECT_EQ(hub_->rooms_loaded(), 0u);
  auto deleted = Delete(w.workshop_id(), w.animateur_token());  // the load is in progress
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_EQ(log_->Head(w.workshop_id())->seq, 0u);
  EXPECT_EQ(hub_->Find(w.workshop_id()), nullptr);
  EXPECT_EQ(hub_->rooms_loaded(), 0u);
  auto again = Delete(w.workshop_id(), w.animateur_token());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "unknown_workshop");
}

// Retention, with the clock of the test: each workshop is due `after` its conclusion, or its
// last event when it never concluded.
class RetentionTest : public HubDeleteTest {
 protected:
  static constexpr int64_t kDay = 24 * 3600 * 1000;

  std::unique_ptr<Retention> Make(int days) {
    return std::make_unique<Retention>(
        *log_, std::chrono::days(days), [this] { return now_ms_.load(); },
        [this](const std::string& id, std::function<void(bool)> done) {
          hub_->Delete(id, std::nullopt, [done](auto r) { done(r.has_value()); });
        },
        metrics_);
  }

  int64_t LastEventMs(const std::string& id) {
    auto head = log_->Head(id);
    auto events = log_->Read(id, head->seq, 1);
    v1::Event event;
    EXPECT_TRUE(event.ParseFromString(events->front().event()));
    return event.server_time_ms();
  }

  std::atomic<int64_t> now_ms_{0};
};

TEST_F(RetentionTest, DeletesEachWorkshopAfterItsConclusionOrItsLastEvent) {
  const v1::CreateWorkshopResponse concluded = Create();
  auto animateur = Connect(AnimateurHello(concluded));
  std::shared_ptr<Room> room = hub_->Find(concluded.workshop_id());
  for (v1::Phase phase : {v1::PHASE_DIVERGENCE, v1::PHASE_GROUPING, v1::PHASE_CONVERGENCE,
                          v1::PHASE_CONCLUSION}) {
    ASSERT_TRUE(Run(*room, animateur, SetPhaseCmd(phase)).has_accepted());
  }
  const int64_t concluded_at = LastEventMs(concluded.workshop_id());
  auto conclusion = ConclusionTimeMs(*log_, concluded.workshop_id());
  ASSERT_TRUE(conclusion);
  EXPECT_EQ(*conclusion, concluded_at);
  // A workshop never concluded, used last after that one concluded (the server's clock moved).
  while (NowMs() <= concluded_at) std::this_thread::yield();
  const v1::CreateWorkshopResponse open = Create();
  const int64_t open_last = LastEventMs(open.workshop_id());
  ASSERT_GT(open_last, concluded_at);
  EXPECT_EQ(*ConclusionTimeMs(*log_, open.workshop_id()), open_last);

  std::unique_ptr<Retention> retention = Make(30);
  now_ms_ = concluded_at + 30 * kDay - 1;
  EXPECT_TRUE(retention->Sweep().empty()) << "not due yet";
  EXPECT_EQ(log_->Head(concluded.workshop_id())->seq, 5u);

  now_ms_ = concluded_at + 30 * kDay;
  EXPECT_EQ(retention->Sweep(), std::vector<std::string>{concluded.workshop_id()});
  std::string reason;
  EXPECT_EQ(animateur->WaitForClose(&reason), kCloseDeleted);
  EXPECT_EQ(log_->Head(concluded.workshop_id())->seq, 0u);
  EXPECT_EQ(hub_->Find(concluded.workshop_id()), nullptr);
  EXPECT_NE(hub_->Find(open.workshop_id()), nullptr) << "never concluded: from its last event";
  EXPECT_EQ(metrics_.retention_deletions_total.Value(), 1u);

  now_ms_ = open_last + 30 * kDay;
  EXPECT_EQ(retention->Sweep(), std::vector<std::string>{open.workshop_id()});
  EXPECT_EQ(hub_->Find(open.workshop_id()), nullptr);
  EXPECT_TRUE(retention->Sweep().empty());
  EXPECT_EQ(metrics_.retention_deletions_total.Value(), 2u);
  EXPECT_EQ(metrics_.workshops_deleted_total.Value(), 2u);
}

TEST_F(RetentionTest, AWorkshopMovedBackOutOfConclusionCountsFromItsLastEvent) {
  const v1::CreateWorkshopResponse w = Create();
  auto animateur = Connect(AnimateurHello(w));
  std::shared_ptr<Room> room = hub_->Find(w.workshop_id());
  ASSERT_TRUE(Run(*room, animateur, SetPhaseCmd(v1::PHASE_CONCLUSION)).has_accepted());
  ASSERT_TRUE(Run(*room, animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE)).has_accepted());
  ASSERT_TRUE(Run(*room, animateur, PostIdeaCmd("après coup")).has_accepted());
  EXPECT_EQ(*ConclusionTimeMs(*log_, w.workshop_id()), LastEventMs(w.workshop_id()));
}

}  // namespace
}  // namespace atelier::room
