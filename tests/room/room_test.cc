// The room with its log faked (fake_room_log.h): rounds and their order, back-pressure from a full
// log queue, a failed append, a log that cannot write, unloading, and what reaches the log.
#include "server/room/room.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "server/engine/secrets.h"
#include "tests/room/fake_room_log.h"
#include "tests/room/recording_subscriber.h"
#include "tests/workshop/test_support.h"

namespace atelier::room {
namespace {

namespace v1 = atelier::v1;
using namespace std::chrono_literals;
using testing::FakeRoomLog;
using testing::RecordingSubscriber;
using workshop::testing::IdeationConfig;
using workshop::testing::PostIdeaCmd;
using workshop::testing::SetPhaseCmd;

class FakeObserver : public RoomObserver {
 public:
  void OnCommand(bool, v1::RejectionReason) override {}
  void OnRound(size_t operations, size_t) override {
    std::lock_guard lock(mu_);
    rounds.push_back(operations);
  }
  void OnEventsDurable(size_t, std::chrono::nanoseconds) override {}
  void OnDeliveries(size_t, size_t) override {}
  void OnAppendBusy() override { ++busy; }
  void OnStorageFailure(const std::string&, const std::string&) override { ++storage_failures; }
  void OnOutOfService(const std::string&, const std::string&) override { ++out_of_service; }
  void OnResumeFloor(const std::string&, uint64_t) override {}
  bool OnIdle(Room&) override {
    ++idle_calls;
    return forget_when_idle;
  }
  std::vector<size_t> Rounds() {
    std::lock_guard lock(mu_);
    return rounds;
  }

  std::atomic<int> busy{0}, storage_failures{0}, out_of_service{0}, idle_calls{0};
  std::atomic<bool> forget_when_idle{true};

 private:
  std::mutex mu_;
  std::vector<size_t> rounds;
};

class RoomTest : public ::testing::Test {
 protected:
  void SetUp() override { io_thread_ = std::thread([this] { ioc_.run(); }); }
  void TearDown() override {
    log_.Release();
    work_.reset();
    ioc_.stop();
    io_thread_.join();
  }

  // A new ideation workshop in divergence, with the animateur connected. Results are refreshed
  // every 10 ms unless the test says otherwise.
  void Make(RoomOptions options = {}, std::chrono::milliseconds results_interval = 10ms) {
    options.results_interval = results_interval;
    room_ = std::make_shared<Room>(ioc_.get_executor(), log_, observer_, "w-room", options);
    v1::CreateWorkshop create;
    *create.mutable_config() = IdeationConfig();
    v1::WorkshopAccess access;
    access.set_join_code("12345678");
    access.set_observer_code("0b5e7e");
    access.set_animateur_token_sha256(engine::TokenHash(animateur_token_));
    std::promise<bool> created;
    room_->Create(create, access, [&](auto result) { created.set_value(result.has_value()); });
    ASSERT_TRUE(created.get_future().get());
    animateur_ = Connect([&](v1::Hello& h) {
      h.set_workshop_id("w-room");
      h.set_animateur_token(animateur_token_);
    });
    ASSERT_TRUE(Run(animateur_, SetPhaseCmd(v1::PHASE_DIVERGENCE), "phase").has_accepted());
  }

  std::shared_ptr<RecordingSubscriber> Connect(const std::function<void(v1::Hello&)>& who) {
    auto subscriber = std::make_shared<RecordingSubscriber>();
    v1::Hello hello;
    who(hello);
    room_->Hello(subscriber, hello);
    EXPECT_TRUE(subscriber->WaitForMessage([](const auto& m) { return m.has_welcome(); }))
        << "welcomed";
    return subscriber;
  }
  std::shared_ptr<RecordingSubscriber> NewTable() {
    return Connect([](v1::Hello& h) { h.set_join_code("12345678"); });
  }

  void Send(const std::shared_ptr<RecordingSubscriber>& who, v1::Command command,
            const std::string& id) {
    command.set_command_id(id);
    room_->Submit(who, std::move(command));
  }
  // Waits until every operation sent is in the room's inbox (an operation on its way holds the
  // room until it is queued), so that a test knows what the next round will find there.
  bool WaitQueued() {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (room_->holders() != 0) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(1ms);
    }
    return true;
  }
  // The answer to command `id` (accepted or rejected, alone or in an Answers frame): the last
  // one received, once there is one.
  v1::ServerMessage Answer(const std::shared_ptr<RecordingSubscriber>& who, const std::string& id,
                           std::chrono::milliseconds timeout = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      v1::ServerMessage found;
      for (const RecordingSubscriber::Received& r : who->all()) {
        if (!r.message) continue;
        const v1::ServerMessage& m = *r.message;
        std::vector<v1::CommandAccepted> accepted(m.answers().accepted().begin(),
                                                  m.answers().accepted().end());
        std::vector<v1::CommandRejected> rejected(m.answers().rejected().begin(),
                                                  m.answers().rejected().end());
        if (m.has_accepted()) accepted.push_back(m.accepted());
        if (m.has_rejected()) rejected.push_back(m.rejected());
        for (const auto& a : accepted) {
          if (a.command_id() == id) *found.mutable_accepted() = a;
        }
        for (const auto& r : rejected) {
          if (r.command_id() == id) *found.mutable_rejected() = r;
        }
      }
      if (found.has_accepted() || found.has_rejected() ||
          std::chrono::steady_clock::now() >= deadline) {
        return found;
      }
      std::this_thread::sleep_for(5ms);
    }
  }
  // How many answers to `id` arrived.
  size_t Answers(const std::shared_ptr<RecordingSubscriber>& who, const std::string& id) {
    size_t n = 0;
    for (const RecordingSubscriber::Received& r : who->all()) {
      if (!r.message) continue;
      const v1::ServerMessage& m = *r.message;
      n += m.has_accepted() && m.accepted().command_id() == id;
      n += m.has_rejected() && m.rejected().command_id() == id;
      for (const auto& a : m.answers().accepted()) n += a.command_id() == id;
      for (const auto& r : m.answers().rejected()) n += r.command_id() == id;
    }
    return n;
  }
  // Sends the command and waits for its new answer.
  v1::ServerMessage Run(const std::shared_ptr<RecordingSubscriber>& who, v1::Command command,
                        const std::string& id) {
    const size_t before = Answers(who, id);
    Send(who, std::move(command), id);
    for (int i = 0; i < 2000 && Answers(who, id) == before; ++i) std::this_thread::sleep_for(5ms);
    return Answer(who, id);
  }

  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      ioc_.get_executor()};
  std::thread io_thread_;
  FakeRoomLog log_;
  FakeObserver observer_;
  std::shared_ptr<Room> room_;
  std::string animateur_token_ = engine::NewToken();
  std::shared_ptr<RecordingSubscriber> animateur_;
};

TEST_F(RoomTest, AnswersAndEventsGoOutOnlyOnceTheRoundIsDurable) {
  Make();
  auto table = NewTable();
  auto other = NewTable();
  log_.Hold();
  Send(table, PostIdeaCmd("Un jardin partagé"), "c-1");
  ASSERT_TRUE(log_.WaitForWaiting(1));
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(other->WaitFor([](const auto& r) { return r.event.has_value(); }, 0ms))
      << "no event before it is durable";
  EXPECT_FALSE(Answer(table, "c-1", 0ms).has_accepted()) << "no answer before it is durable";
  log_.Release();
  EXPECT_TRUE(Answer(table, "c-1").has_accepted());
  auto event = other->WaitFor([](const auto& r) { return r.event && r.event->has_idea_posted(); });
  ASSERT_TRUE(event);
  EXPECT_EQ(event->event->idea_posted().idea().text(), "Un jardin partagé");
}

TEST_F(RoomTest, ARoundTakesAtMostMaxRoundOperationsTheRestWaitForTheNext) {
  RoomOptions options;
  options.max_round_operations = 3;
  // No results refresh during the test: its tick is an operation of a round too, and one
  // arriving while the disk is held would take a place among the 3 (seen: 1, 2, 3, 2).
  Make(options, std::chrono::hours(1));
  auto table = NewTable();
  const size_t before = log_.append_sizes().size();
  log_.Hold();
  Send(table, PostIdeaCmd("Idée 0"), "c-0");
  ASSERT_TRUE(log_.WaitForWaiting(1));  // round of one, waiting for the disk
  for (int i = 1; i <= 7; ++i) Send(table, PostIdeaCmd("Idée " + std::to_string(i)), "c-" + std::to_string(i));
  ASSERT_TRUE(WaitQueued());  // the 7 wait in the inbox
  log_.Release();
  for (int i = 0; i <= 7; ++i) EXPECT_TRUE(Answer(table, "c-" + std::to_string(i)).has_accepted());
  std::vector<size_t> sizes = log_.append_sizes();
  sizes.erase(sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>(before));
  EXPECT_EQ(sizes, (std::vector<size_t>{1, 3, 3, 1}));
}

TEST_F(RoomTest, AFullLogQueueMakesTheRoundWaitAndAppendAgainNeverAFailure) {
  Make();
  auto table = NewTable();
  log_.RefuseBusy(4);
  for (int i = 0; i < 3; ++i) Send(table, PostIdeaCmd("Idée " + std::to_string(i)), "c-" + std::to_string(i));
  for (int i = 0; i < 3; ++i) {
    v1::ServerMessage answer = Answer(table, "c-" + std::to_string(i));
    EXPECT_TRUE(answer.has_accepted()) << answer.ShortDebugString();
  }
  EXPECT_EQ(observer_.busy.load(), 4);
  EXPECT_EQ(observer_.storage_failures.load(), 0);
  EXPECT_EQ(table->close_code(), 0);
  // Every event once, in order, no gap.
  std::vector<storage::SealedEvent> durable = log_.durable();
  for (size_t i = 0; i < durable.size(); ++i) EXPECT_EQ(durable[i].seq(), i + 1);
}

TEST_F(RoomTest, AFailedAppendRefusesTheRoundsCommandsKeepsTheConnectionAndReadsTheStateBack) {
  Make();
  auto table = NewTable();
  const uint64_t kept = Run(table, PostIdeaCmd("Gardée"), "c-1").accepted().seq();
  log_.Hold();
  Send(table, PostIdeaCmd("Perdue 1"), "c-2");
  ASSERT_TRUE(log_.WaitForWaiting(1));
  Send(table, PostIdeaCmd("Perdue 2"), "c-3");
  ASSERT_TRUE(WaitQueued());
  log_.Release(storage::Fail(storage::Error::Code::kNoSpace, "fake: disk full"));
  // The round in flight failed: its command was refused, nothing applied.
  v1::ServerMessage refused = Answer(table, "c-2");
  ASSERT_TRUE(refused.has_rejected()) << refused.ShortDebugString();
  EXPECT_EQ(refused.rejected().rejection().reason(), v1::REJECTION_REASON_STORAGE_UNAVAILABLE);
  EXPECT_GT(refused.rejected().rejection().retry_after_ms(), 0u);
  // The command waiting behind it is decided on the state read back from the log: it follows
  // the last durable event.
  v1::ServerMessage next = Answer(table, "c-3");
  ASSERT_TRUE(next.has_accepted()) << next.ShortDebugString();
  EXPECT_EQ(next.accepted().seq(), kept + 1);
  EXPECT_EQ(observer_.storage_failures.load(), 1);
  EXPECT_EQ(table->close_code(), 0) << "the connection stays";
  // The refused command sent again with its id is applied, once.
  v1::ServerMessage again = Run(table, PostIdeaCmd("Perdue 1"), "c-2");
  ASSERT_TRUE(again.has_accepted()) << again.ShortDebugString();
  EXPECT_EQ(again.accepted().seq(), kept + 2);
  EXPECT_FALSE(again.accepted().duplicate());
  EXPECT_EQ(Run(table, PostIdeaCmd("Perdue 1"), "c-2x").accepted().duplicate(), false);
  EXPECT_EQ(Answers(table, "c-2"), 2u) << "refused once, accepted once";
  std::vector<storage::SealedEvent> durable = log_.durable();
  for (size_t i = 0; i < durable.size(); ++i) EXPECT_EQ(durable[i].seq(), i + 1);
}

TEST_F(RoomTest, ALogThatCannotWriteHasCommandsRefusedUndecidedWhileReadsGoOn) {
  Make();
  auto table = NewTable();
  const uint64_t kept = Run(table, PostIdeaCmd("Gardée"), "c-1").accepted().seq();
  const size_t appends = log_.append_sizes().size();
  log_.SetWritable(storage::Fail(storage::Error::Code::kNoSpace, "fake: below the reserve"));
  v1::ServerMessage refused = Run(table, PostIdeaCmd("Plus de place"), "c-2");
  ASSERT_TRUE(refused.has_rejected());
  EXPECT_EQ(refused.rejected().rejection().reason(), v1::REJECTION_REASON_STORAGE_UNAVAILABLE);
  EXPECT_NE(refused.rejected().rejection().message().find("below the reserve"), std::string::npos);
  EXPECT_EQ(Run(table, PostIdeaCmd("Gardée"), "c-1").accepted().duplicate(), true)
      << "a retry of what is stored needs no write";
  auto observer = Connect([](v1::Hello& h) { h.set_observer_code("0b5e7e"); });  // reads go on
  auto newcomer = std::make_shared<RecordingSubscriber>();
  v1::Hello join;
  join.set_join_code("12345678");
  room_->Hello(newcomer, join);
  auto error = newcomer->WaitForMessage([](const auto& m) { return m.has_error(); });
  ASSERT_TRUE(error) << "a join is an event: not now";
  EXPECT_EQ(error->error().code(), "unavailable");
  EXPECT_EQ(log_.append_sizes().size(), appends) << "nothing was decided, nothing appended";
  EXPECT_EQ(observer_.storage_failures.load(), 0);
  log_.SetWritable({});
  v1::ServerMessage accepted = Run(table, PostIdeaCmd("Plus de place"), "c-2");
  ASSERT_TRUE(accepted.has_accepted());
  EXPECT_EQ(accepted.accepted().seq(), kept + 1);
}

TEST_F(RoomTest, ARoomThatCannotReadItsLogBackGoesOutOfService) {
  Make();
  auto table = NewTable();
  log_.FailLoads("fake: unreadable");
  log_.Hold();
  Send(table, PostIdeaCmd("Perdue"), "c-1");
  ASSERT_TRUE(log_.WaitForWaiting(1));
  log_.Release(storage::Fail(storage::Error::Code::kIo, "fake: I/O error"));
  std::string reason;
  EXPECT_EQ(table->WaitForClose(&reason), kCloseUnavailable);
  EXPECT_NE(reason.find("unreadable"), std::string::npos) << reason;
  EXPECT_EQ(observer_.out_of_service.load(), 1);
  auto late = std::make_shared<RecordingSubscriber>();
  v1::Hello hello;
  hello.set_observer_code("0b5e7e");
  room_->Hello(late, hello);
  EXPECT_EQ(late->WaitForClose(), kCloseUnavailable);
}

TEST_F(RoomTest, ACommandsUnknownFieldsNeverReachTheLog) {
  Make();
  auto table = NewTable();
  v1::Command post = PostIdeaCmd("Une idée ordinaire");
  post.GetReflection()->MutableUnknownFields(&post)->AddLengthDelimited(1000, std::string(60'000, 'x'));
  post.mutable_post_idea()->GetReflection()
      ->MutableUnknownFields(post.mutable_post_idea())
      ->AddLengthDelimited(1001, std::string(1000, 'y'));
  ASSERT_TRUE(Run(table, post, "c-1").has_accepted());
  const storage::SealedEvent last = log_.durable().back();
  EXPECT_LT(last.stored().size(), 300u);
  v1::Event event;
  ASSERT_TRUE(event.ParseFromArray(last.event_bytes().data(),
                                   static_cast<int>(last.event_bytes().size())));
  EXPECT_TRUE(event.GetReflection()->GetUnknownFields(event).empty());
  EXPECT_EQ(event.idea_posted().idea().text(), "Une idée ordinaire");
}

TEST_F(RoomTest, AnIdleRoomIsForgottenOnlyOnceNobodyHoldsIt) {
  RoomOptions options;
  options.unload_after = 50ms;
  Make(options);
  std::shared_ptr<Room> held = Room::Held(room_);
  room_->Leave(animateur_);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(observer_.idle_calls.load(), 0) << "held: never asked";
  held.reset();
  for (int i = 0; i < 100 && observer_.idle_calls.load() == 0; ++i) std::this_thread::sleep_for(20ms);
  EXPECT_EQ(observer_.idle_calls.load(), 1);
  // Forgotten: whoever still had it is told to come again.
  auto late = std::make_shared<RecordingSubscriber>();
  v1::Hello hello;
  hello.set_observer_code("0b5e7e");
  room_->Hello(late, hello);
  std::string reason;
  EXPECT_EQ(late->WaitForClose(&reason), kCloseUnavailable);
  EXPECT_NE(reason.find("unloaded"), std::string::npos) << reason;
}

TEST_F(RoomTest, ARoomWithAConnectionIsNeverUnloaded) {
  RoomOptions options;
  options.unload_after = 30ms;
  Make(options);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(observer_.idle_calls.load(), 0);
  EXPECT_TRUE(Run(animateur_, PostIdeaCmd("Toujours là"), "a-1").has_accepted());
}

TEST_F(RoomTest, RoundsInFlightFinishInOrder) {
  RoomOptions options;
  options.rounds_in_flight = 3;
  Make(options);
  auto table = NewTable();
  auto watcher = NewTable();
  log_.Hold();
  for (int i = 0; i < 30; ++i) Send(table, PostIdeaCmd("Idée " + std::to_string(i)), "c-" + std::to_string(i));
  ASSERT_TRUE(log_.WaitForWaiting(1));
  std::this_thread::sleep_for(50ms);
  log_.Release();
  uint64_t last = 0;
  for (int i = 0; i < 30; ++i) {
    auto event = watcher->WaitFor([](const auto& r) { return r.event && r.event->has_idea_posted(); });
    ASSERT_TRUE(event);
    EXPECT_GT(event->event->seq(), last);
    last = event->event->seq();
    EXPECT_EQ(event->event->idea_posted().idea().text(), "Idée " + std::to_string(i));
  }
}

}  // namespace
}  // namespace atelier::room
