#include "server/net/deadline_wheel.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <vector>

namespace atelier::net {
namespace {

using Clock = DeadlineWheel::Clock;
using std::chrono::milliseconds;

// An owner as a session is one: shared, its expiry posted to the io_context.
class Owner : public DeadlineWheel::Entry, public std::enable_shared_from_this<Owner> {
 public:
  Owner(boost::asio::io_context& io, DeadlineWheel& wheel) : io_(io), wheel_(wheel) {}
  ~Owner() { wheel_.Cancel(*this); }

  std::vector<Clock::time_point> fired;  // when each expiry ran

 private:
  std::shared_ptr<void> Expire() override {
    auto self = weak_from_this().lock();
    if (self) boost::asio::post(io_, [self] { self->fired.push_back(Clock::now()); });
    return self;
  }

  boost::asio::io_context& io_;
  DeadlineWheel& wheel_;
};

class DeadlineWheelTest : public ::testing::Test {
 protected:
  DeadlineWheelTest() { wheel_.Start(io_); }
  ~DeadlineWheelTest() override { wheel_.Stop(); }

  std::shared_ptr<Owner> MakeOwner() { return std::make_shared<Owner>(io_, wheel_); }
  // Runs the io_context until `at`.
  void RunUntil(Clock::time_point at) {
    boost::asio::steady_timer stop(io_, at);
    stop.async_wait([this](boost::system::error_code) { io_.stop(); });
    io_.restart();
    io_.run();
  }

  DeadlineWheel wheel_;  // before the io_context, as in the server
  boost::asio::io_context io_;
};

TEST_F(DeadlineWheelTest, EachEntryFiresOnceAndNeverBeforeItsDeadline) {
  auto early = MakeOwner();
  auto late = MakeOwner();
  const auto start = Clock::now();
  wheel_.Schedule(*late, start + milliseconds(450));
  wheel_.Schedule(*early, start + milliseconds(150));
  EXPECT_EQ(wheel_.size(), 2u);
  RunUntil(start + milliseconds(900));
  ASSERT_EQ(early->fired.size(), 1u);
  ASSERT_EQ(late->fired.size(), 1u);
  EXPECT_GE(early->fired[0], start + milliseconds(150));
  EXPECT_GE(late->fired[0], start + milliseconds(450));
  EXPECT_LT(early->fired[0], late->fired[0]);
  EXPECT_EQ(wheel_.size(), 0u);
}

TEST_F(DeadlineWheelTest, ACancelledEntryDoesNotFire) {
  auto cancelled = MakeOwner();
  auto kept = MakeOwner();
  const auto start = Clock::now();
  wheel_.Schedule(*cancelled, start + milliseconds(100));
  wheel_.Schedule(*kept, start + milliseconds(300));
  wheel_.Cancel(*cancelled);
  wheel_.Cancel(*cancelled);  // twice: nothing more
  RunUntil(start + milliseconds(700));
  EXPECT_TRUE(cancelled->fired.empty());
  EXPECT_EQ(kept->fired.size(), 1u);
}

TEST_F(DeadlineWheelTest, ASecondScheduleReplacesTheFirst) {
  auto sooner = MakeOwner();
  auto later = MakeOwner();
  const auto start = Clock::now();
  wheel_.Schedule(*sooner, start + milliseconds(5000));
  wheel_.Schedule(*sooner, start + milliseconds(100));  // moved earlier
  wheel_.Schedule(*later, start + milliseconds(100));
  wheel_.Schedule(*later, start + milliseconds(5000));  // moved later
  EXPECT_EQ(wheel_.size(), 2u);
  RunUntil(start + milliseconds(600));
  EXPECT_EQ(sooner->fired.size(), 1u);
  EXPECT_TRUE(later->fired.empty());
  EXPECT_EQ(wheel_.size(), 1u);
}

// A deadline more than a round of the wheel away shares its slot with a near one: going through
// that slot takes the near one only.
TEST_F(DeadlineWheelTest, ADeadlineRoundsAwayWaitsItsRound) {
  auto near = MakeOwner();
  auto far = MakeOwner();
  const auto start = Clock::now();
  const auto round = DeadlineWheel::kTick * DeadlineWheel::kSlots;
  wheel_.Schedule(*near, start + milliseconds(200));
  wheel_.Schedule(*far, start + milliseconds(200) + round);
  RunUntil(start + milliseconds(600));
  EXPECT_EQ(near->fired.size(), 1u);
  EXPECT_TRUE(far->fired.empty());
  EXPECT_EQ(wheel_.size(), 1u);
}

TEST_F(DeadlineWheelTest, AnOwnerGoneBeforeItsDeadlineIsNotCalled) {
  auto kept = MakeOwner();
  const auto start = Clock::now();
  {
    auto gone = MakeOwner();
    wheel_.Schedule(*gone, start + milliseconds(100));
  }  // its destructor cancels
  wheel_.Schedule(*kept, start + milliseconds(200));
  RunUntil(start + milliseconds(600));
  EXPECT_EQ(kept->fired.size(), 1u);
  EXPECT_EQ(wheel_.size(), 0u);
}

// Deadlines already past (a stalled thread, a deadline set late) fire at the next tick.
TEST_F(DeadlineWheelTest, APastDeadlineFiresAtTheNextTick) {
  auto owner = MakeOwner();
  const auto start = Clock::now();
  wheel_.Schedule(*owner, start - std::chrono::seconds(30));
  RunUntil(start + milliseconds(500));
  EXPECT_EQ(owner->fired.size(), 1u);
}

}  // namespace
}  // namespace atelier::net
