// The hub over a real log in a temporary directory: start-up that verifies each chain after its
// snapshot only, and the whole-chain check in the background that takes a tampered workshop out
// of service while the others go on.
#include "server/room/hub.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <future>
#include <map>
#include <thread>

#include "atelier/v1/wire.pb.h"
#include "server/demo/scenario.h"
#include "server/engine/engine.h"
#include "server/engine/workshop_loader.h"
#include "server/workshop/apply.h"
#include "server/workshop/state_codec.h"
#include "storage/testing/tamper.h"
#include "tests/room/recording_subscriber.h"
#include "tests/storage/test_support.h"

namespace atelier::room {
namespace {

using namespace std::chrono_literals;
using testing::RecordingSubscriber;

// Changes stored event `seq` behind the log's back: its hash no longer matches its bytes.
void Tamper(const std::filesystem::path& dir, const std::string& id, uint64_t seq) {
  auto changed = storage::testing::ChangeStoredEvent(dir, id, seq);
  ASSERT_TRUE(changed) << changed.error().message;
}

// The reference workshops played into a log, the ideation with a snapshot at event kSnapshotSeq;
// a hub over that log once Start() is called.
class HubTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kSnapshotSeq = 20;

  void SetUp() override {
    auto engine = engine::Engine::Open(dir_.path(), {.log = {}, .snapshot_every = 0});
    ASSERT_TRUE(engine) << engine.error();
    auto played = demo::PlayReferenceWorkshops(**engine, {.seed = 7, .tables = 5});
    ASSERT_TRUE(played) << played.error();
    ideation_ = played->ideation_id;
    evaluation_ = played->evaluation_id;
    observer_code_ = (*engine)->Find(ideation_)->access.observer_code();
    // The state after kSnapshotSeq events, saved as the ideation's snapshot.
    workshop::WorkshopState state;
    auto events = (*engine)->log().Read(ideation_, 1, kSnapshotSeq);
    ASSERT_TRUE(events);
    for (const v1::LoggedEvent& logged : *events) {
      v1::Event event;
      ASSERT_TRUE(event.ParseFromString(logged.event()));
      event.set_hash(logged.hash());
      ASSERT_TRUE(workshop::Apply(state, event));
    }
    ASSERT_TRUE(engine::SaveSnapshot((*engine)->log(), state));
  }

  void Start() {
    auto log = storage::EventLog::Open(dir_.path());
    ASSERT_TRUE(log) << log.error().message;
    log_ = *std::move(log);
    hub_ = std::make_unique<Hub>(ioc_.get_executor(), *log_, metrics_);
    ASSERT_TRUE(hub_->IndexAll());
    io_thread_ = std::thread([this] { ioc_.run(); });
  }

  void TearDown() override {
    work_.reset();
    ioc_.stop();
    if (io_thread_.joinable()) io_thread_.join();
    hub_.reset();
    log_.reset();
  }

  v1::Hello ObserverHello() const {
    v1::Hello hello;
    hello.set_observer_code(observer_code_);
    return hello;
  }

  storage::test::TempDir dir_;
  std::string ideation_, evaluation_, observer_code_;
  std::unique_ptr<storage::EventLog> log_;
  metrics::Metrics metrics_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      ioc_.get_executor()};
  std::unique_ptr<Hub> hub_;
  std::thread io_thread_;
};

TEST_F(HubTest, AnIntactLogIsLoadedAndVerifiedInTheBackground) {
  Start();
  ASSERT_NE(hub_->Find(ideation_), nullptr);
  ASSERT_NE(hub_->Find(evaluation_), nullptr);
  std::promise<void> checked;
  hub_->VerifyInBackground([&] { checked.set_value(); });
  ASSERT_EQ(checked.get_future().wait_for(10s), std::future_status::ready);
  EXPECT_EQ(metrics_.chains_verified_total.Value(), 2u);
  EXPECT_EQ(metrics_.chain_verify_failures_total.Value(), 0u);
  EXPECT_NE(hub_->Find(ideation_), nullptr);
}

TEST_F(HubTest, AnEventChangedBeforeTheSnapshotTakesTheWorkshopOutOfServiceAfterTheCheck) {
  Tamper(dir_.path(), ideation_, 12);
  Start();
  std::shared_ptr<Room> room = hub_->FindForHello(ObserverHello());
  ASSERT_NE(room, nullptr) << "trusted up to its snapshot at start-up";
  auto observer = std::make_shared<RecordingSubscriber>();
  room->Hello(observer, ObserverHello());
  ASSERT_TRUE(observer->WaitForMessage([](const v1::ServerMessage& m) { return m.has_welcome(); }))
      << "welcomed";

  std::promise<void> checked;
  hub_->VerifyInBackground([&] { checked.set_value(); });
  ASSERT_EQ(checked.get_future().wait_for(10s), std::future_status::ready);
  std::string reason;
  EXPECT_EQ(observer->WaitForClose(&reason), kCloseUnavailable);
  EXPECT_NE(reason.find("integrity"), std::string::npos) << reason;
  EXPECT_EQ(hub_->FindForHello(ObserverHello()), nullptr);
  EXPECT_EQ(hub_->Find(ideation_), nullptr);
  EXPECT_NE(hub_->Find(evaluation_), nullptr);
  EXPECT_EQ(metrics_.chain_verify_failures_total.Value(), 1u);
  EXPECT_EQ(metrics_.chains_verified_total.Value(), 1u);
  EXPECT_EQ(metrics_.workshops.Value(), 1);
}

TEST_F(HubTest, AnEventChangedAfterTheSnapshotTakesTheWorkshopOutWhenItIsLoaded) {
  Tamper(dir_.path(), ideation_, kSnapshotSeq + 2);
  Start();
  EXPECT_EQ(hub_->rooms_loaded(), 0u) << "nothing is loaded before it is asked for";
  std::shared_ptr<Room> room = hub_->FindForHello(ObserverHello());
  ASSERT_NE(room, nullptr) << "known by its codes; its log is read when it is loaded";
  auto observer = std::make_shared<RecordingSubscriber>();
  room->Hello(observer, ObserverHello());
  std::string reason;
  EXPECT_EQ(observer->WaitForClose(&reason), kCloseUnavailable);
  EXPECT_NE(reason.find("failed to load"), std::string::npos) << reason;
  EXPECT_EQ(hub_->FindForHello(ObserverHello()), nullptr);
  EXPECT_EQ(hub_->Find(ideation_), nullptr);
  EXPECT_NE(hub_->Find(evaluation_), nullptr);
  EXPECT_EQ(metrics_.chain_verify_failures_total.Value(), 1u);
  EXPECT_EQ(metrics_.workshops.Value(), 1);
}

TEST_F(HubTest, RoomsAreLoadedWhenFirstAskedForAndUnknownCodesFindNothing) {
  Start();
  EXPECT_EQ(metrics_.workshops.Value(), 2);
  EXPECT_EQ(hub_->rooms_loaded(), 0u);
  v1::Hello unknown;
  unknown.set_join_code("00000000");
  EXPECT_EQ(hub_->FindForHello(unknown), nullptr);
  std::shared_ptr<Room> room = hub_->FindForHello(ObserverHello());
  ASSERT_NE(room, nullptr);
  EXPECT_EQ(room->workshop_id(), ideation_);
  EXPECT_EQ(hub_->rooms_loaded(), 1u);
  auto observer = std::make_shared<RecordingSubscriber>();
  room->Hello(observer, ObserverHello());
  ASSERT_TRUE(observer->WaitForMessage([](const v1::ServerMessage& m) { return m.has_welcome(); }))
      << "welcomed once loaded";
  EXPECT_EQ(hub_->FindForHello(ObserverHello()).get(), room.get()) << "the same room";
  EXPECT_EQ(metrics_.rooms_loaded_total.Value(), 1u);
}

// The ideas' texts in a welcome's snapshot, by id.
std::map<uint32_t, std::string> IdeaTexts(const v1::WorkshopState& state) {
  std::map<uint32_t, std::string> texts;
  for (const v1::IdeaState& idea : state.ideas()) texts[idea.id()] = idea.text();
  return texts;
}

// The stored snapshot at `seq` changed behind the log's back by `change` (the log closed).
void ChangeStoredSnapshot(const std::filesystem::path& dir, const std::string& id, uint64_t seq,
                          const std::function<void(std::string&)>& change) {
  auto bytes = storage::testing::ReadStoredSnapshot(dir, id, seq);
  ASSERT_TRUE(bytes) << bytes.error().message;
  change(*bytes);
  ASSERT_TRUE(storage::testing::WriteStoredSnapshot(dir, id, seq, *bytes));
}

class HubSnapshotTest : public HubTest {
 protected:
  // The ideation's ideas as an observer is welcomed with them now.
  std::map<uint32_t, std::string> WelcomedIdeas() {
    std::shared_ptr<Room> room = hub_->FindForHello(ObserverHello());
    EXPECT_NE(room, nullptr);
    if (!room) return {};
    auto observer = std::make_shared<RecordingSubscriber>();
    room->Hello(observer, ObserverHello());
    auto welcome = observer->WaitForMessage(
        [](const v1::ServerMessage& m) { return m.has_welcome(); });
    EXPECT_TRUE(welcome) << "welcomed";
    return welcome ? IdeaTexts(welcome->welcome().snapshot()) : std::map<uint32_t, std::string>{};
  }

  // The ideas of the log's state as of event 20, folded with no snapshot.
  std::map<uint32_t, std::string> LogIdeasAt20() {
    auto log = storage::EventLog::Open(dir_.path());
    EXPECT_TRUE(log);
    workshop::WorkshopState state;
    auto events = (*log)->Read(ideation_, 1, kSnapshotSeq);
    EXPECT_TRUE(events);
    for (const v1::LoggedEvent& logged : *events) {
      v1::Event event;
      EXPECT_TRUE(event.ParseFromString(logged.event()));
      event.set_hash(logged.hash());
      EXPECT_TRUE(workshop::Apply(state, event));
    }
    return IdeaTexts(workshop::ToProto(state));
  }

  // Loading the room discards the snapshot: reported, deleted, and the log's state served.
  void ExpectDiscardedAtLoad() {
    const std::map<uint32_t, std::string> truth = LogIdeasAt20();
    Start();
    ::testing::internal::CaptureStderr();
    const std::map<uint32_t, std::string> served = WelcomedIdeas();
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find("workshop=" + ideation_ + " snapshot at event 20 discarded"),
              std::string::npos)
        << err;
    EXPECT_EQ(metrics_.snapshots_discarded_total.Value(), 1u);
    EXPECT_EQ(metrics_.chain_verify_failures_total.Value(), 0u);
    for (const auto& [id, text] : truth) EXPECT_EQ(served.at(id), text) << "idea " << id;
    auto latest = log_->LatestSnapshot(ideation_);
    ASSERT_TRUE(latest);
    EXPECT_FALSE(latest->has_value()) << "the snapshot is gone from the store";
  }

  void VerifyAndWait() {
    std::promise<void> checked;
    hub_->VerifyInBackground([&] { checked.set_value(); });
    ASSERT_EQ(checked.get_future().wait_for(30s), std::future_status::ready);
  }
};

TEST_F(HubSnapshotTest, AnIdeaChangedInTheSnapshotIsFoundByTheBackgroundCheckAndDiscarded) {
  const std::map<uint32_t, std::string> truth = LogIdeasAt20();
  ASSERT_FALSE(truth.empty()) << "the ideation has ideas by event 20";
  ChangeStoredSnapshot(dir_.path(), ideation_, kSnapshotSeq, [&](std::string& bytes) {
    v1::WorkshopState proto;
    ASSERT_TRUE(proto.ParseFromString(bytes));
    std::string text = proto.ideas(0).text();
    text[0] = text[0] == 'Q' ? 'W' : 'Q';
    proto.mutable_ideas(0)->set_text(text);
    bytes = proto.SerializeAsString();
  });
  Start();
  ::testing::internal::CaptureStderr();
  VerifyAndWait();
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("workshop=" + ideation_ + " snapshot at event 20 discarded"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("text"), std::string::npos) << err;
  EXPECT_EQ(metrics_.snapshots_discarded_total.Value(), 1u);
  EXPECT_EQ(metrics_.chain_verify_failures_total.Value(), 0u);
  EXPECT_EQ(metrics_.chains_verified_total.Value(), 2u);
  auto latest = log_->LatestSnapshot(ideation_);
  ASSERT_TRUE(latest);
  EXPECT_FALSE(latest->has_value()) << "the snapshot is gone from the store";
  const std::map<uint32_t, std::string> served = WelcomedIdeas();
  for (const auto& [id, text] : truth) EXPECT_EQ(served.at(id), text) << "idea " << id;
}

// The case: a changed snapshot passes the cheap checks, so a room loads from it and
// serves its state at once; the full check that follows the load discards it, the room reads
// itself back from the log and closes its connections, and whoever comes back with its last
// seq gets a full snapshot of the log's state, not the events on top of its bad view.
TEST_F(HubSnapshotTest, ARoomLoadedFromAChangedSnapshotIsReadBackAndItsClientsStartAgain) {
  const std::map<uint32_t, std::string> truth = LogIdeasAt20();
  ASSERT_FALSE(truth.empty());
  uint32_t changed_id = 0;
  ChangeStoredSnapshot(dir_.path(), ideation_, kSnapshotSeq, [&](std::string& bytes) {
    v1::WorkshopState proto;
    ASSERT_TRUE(proto.ParseFromString(bytes));
    changed_id = proto.ideas(0).id();
    proto.mutable_ideas(0)->set_text("Changed behind the log's back");
    bytes = proto.SerializeAsString();
  });
  Start();
  ::testing::internal::CaptureStderr();
  std::shared_ptr<Room> room = hub_->FindForHello(ObserverHello());
  ASSERT_NE(room, nullptr);
  auto first = std::make_shared<RecordingSubscriber>();
  room->Hello(first, ObserverHello());
  auto welcome =
      first->WaitForMessage([](const v1::ServerMessage& m) { return m.has_welcome(); });
  ASSERT_TRUE(welcome);
  const uint64_t last_seq = welcome->welcome().snapshot().seq();
  std::string reason;
  EXPECT_EQ(first->WaitForClose(&reason), kCloseReadBack) << "closed once read back: " << reason;
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("workshop=" + ideation_ + " snapshot at event 20 discarded"),
            std::string::npos)
      << err;
  EXPECT_EQ(metrics_.snapshots_discarded_total.Value(), 1u);

  // Back with its last seq: a full snapshot (no missed events on top of the bad view).
  v1::Hello resume = ObserverHello();
  resume.set_last_seq(last_seq);
  auto again = std::make_shared<RecordingSubscriber>();
  hub_->FindForHello(resume)->Hello(again, resume);
  auto rewelcome =
      again->WaitForMessage([](const v1::ServerMessage& m) { return m.has_welcome(); });
  ASSERT_TRUE(rewelcome);
  ASSERT_TRUE(rewelcome->welcome().has_snapshot()) << "a full snapshot, not the missed events";
  const std::map<uint32_t, std::string> served = IdeaTexts(rewelcome->welcome().snapshot());
  EXPECT_EQ(served.at(changed_id), truth.at(changed_id));
  EXPECT_EQ(rewelcome->welcome().snapshot().seq(), last_seq) << "nothing lost or added";
}

TEST_F(HubSnapshotTest, ATruncatedSnapshotIsDiscardedWhenTheRoomLoads) {
  ChangeStoredSnapshot(dir_.path(), ideation_, kSnapshotSeq,
                       [](std::string& bytes) { bytes.resize(bytes.size() / 2); });
  ExpectDiscardedAtLoad();
}

TEST_F(HubSnapshotTest, AnotherWorkshopsStateStoredAsTheSnapshotIsDiscardedWhenTheRoomLoads) {
  {
    auto log = storage::EventLog::Open(dir_.path());
    ASSERT_TRUE(log);
    auto state = engine::LoadWorkshop(**log, evaluation_, {.use_snapshots = false});
    ASSERT_TRUE(state);
    ASSERT_TRUE((*log)->PutSnapshot(ideation_, kSnapshotSeq,
                                    workshop::ToProto(*state).SerializeAsString()));
  }
  ExpectDiscardedAtLoad();
}

TEST_F(HubSnapshotTest, AnIntactSnapshotIsKeptWhileTheWorkshopKeepsReceivingEvents) {
  Start();
  std::shared_ptr<Room> room = hub_->Find(ideation_);
  ASSERT_NE(room, nullptr);
  auto observer = std::make_shared<RecordingSubscriber>();
  room->Hello(observer, ObserverHello());
  ASSERT_TRUE(observer->WaitForMessage([](const v1::ServerMessage& m) { return m.has_welcome(); }));
  // A snapshot written by the server itself while the check runs: the newest state, saved again
  // and again, must never be taken for a bad one.
  std::atomic<bool> stop = false;
  std::thread writer([&] {
    auto head = log_->Head(ideation_);
    ASSERT_TRUE(head);
    auto state = engine::LoadWorkshop(*log_, ideation_, {.use_snapshots = false});
    ASSERT_TRUE(state);
    while (!stop) ASSERT_TRUE(engine::SaveSnapshot(*log_, *state));
  });
  ::testing::internal::CaptureStderr();
  VerifyAndWait();
  stop = true;
  writer.join();
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(err.find("discarded"), std::string::npos) << err;
  EXPECT_EQ(metrics_.snapshots_discarded_total.Value(), 0u);
  EXPECT_EQ(metrics_.chains_verified_total.Value(), 2u);
  auto latest = log_->LatestSnapshot(ideation_);
  ASSERT_TRUE(latest && latest->has_value()) << "kept";
}

}  // namespace
}  // namespace atelier::room
