#include "server/net/deadline_wheel.h"

#include <algorithm>
#include <utility>

namespace atelier::net {

namespace {
constexpr int64_t kTickNanos = std::chrono::nanoseconds(DeadlineWheel::kTick).count();
}  // namespace

int64_t DeadlineWheel::FloorTick(Clock::time_point at) {
  const int64_t ns = std::chrono::nanoseconds(at.time_since_epoch()).count();
  return ns / kTickNanos;
}

int64_t DeadlineWheel::CeilTick(Clock::time_point at) {
  if (at == Clock::time_point::max()) return INT64_MAX / kTickNanos;
  const int64_t ns = std::chrono::nanoseconds(at.time_since_epoch()).count();
  return ns / kTickNanos + (ns % kTickNanos != 0 ? 1 : 0);
}

void DeadlineWheel::Start(boost::asio::io_context& io) {
  std::lock_guard lock(mu_);
  timer_ = std::make_unique<boost::asio::steady_timer>(io);
  if (entries_ > 0) Arm();
}

void DeadlineWheel::Stop() {
  std::lock_guard lock(mu_);
  timer_.reset();  // a wait pending ends; its handler is not run (the io_context has stopped)
  ticking_ = false;
}

void DeadlineWheel::Schedule(Entry& entry, Clock::time_point at) {
  std::lock_guard lock(mu_);
  if (entry.tick_ >= 0) Unlink(entry);
  if (!ticking_ && entries_ == 0) next_tick_ = FloorTick(Clock::now());
  Link(entry, std::max(CeilTick(at), next_tick_));
  if (!ticking_ && timer_) Arm();
}

void DeadlineWheel::Cancel(Entry& entry) {
  std::lock_guard lock(mu_);
  if (entry.tick_ >= 0) Unlink(entry);
}

size_t DeadlineWheel::size() const {
  std::lock_guard lock(mu_);
  return entries_;
}

void DeadlineWheel::Link(Entry& entry, int64_t tick) {
  Entry*& head = slots_[static_cast<size_t>(tick % kSlots)];
  entry.tick_ = tick;
  entry.prev_ = nullptr;
  entry.next_ = head;
  if (head) head->prev_ = &entry;
  head = &entry;
  ++entries_;
}

void DeadlineWheel::Unlink(Entry& entry) {
  if (entry.prev_) {
    entry.prev_->next_ = entry.next_;
  } else {
    slots_[static_cast<size_t>(entry.tick_ % kSlots)] = entry.next_;
  }
  if (entry.next_) entry.next_->prev_ = entry.prev_;
  entry.prev_ = entry.next_ = nullptr;
  entry.tick_ = -1;
  --entries_;
}

void DeadlineWheel::Arm() {
  ticking_ = true;
  timer_->expires_at(Clock::time_point(std::chrono::nanoseconds(next_tick_ * kTickNanos)));
  timer_->async_wait([this](boost::system::error_code ec) {
    if (!ec) OnTick();
  });
}

void DeadlineWheel::OnTick() {
  std::vector<std::shared_ptr<void>> fired;
  {
    std::lock_guard lock(mu_);
    ticking_ = false;
    if (!timer_) return;
    const int64_t now = FloorTick(Clock::now());
    // Each slot from the first not gone through to now's, once at most (after a long stall
    // every slot is gone through once, with everything due by now taken).
    const int64_t last = std::min(now, next_tick_ + kSlots - 1);
    for (int64_t tick = next_tick_; tick <= last; ++tick) {
      Entry* entry = slots_[static_cast<size_t>(tick % kSlots)];
      while (entry) {
        Entry* next = entry->next_;
        if (entry->tick_ <= now) {
          Unlink(*entry);
          fired.push_back(entry->Expire());
        }
        entry = next;
      }
    }
    next_tick_ = std::max(next_tick_, now + 1);
    if (entries_ > 0) Arm();
  }
  // The owners are released here, without the lock: one that goes cancels its entry.
}

}  // namespace atelier::net
