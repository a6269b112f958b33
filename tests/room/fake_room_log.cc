#include "tests/room/fake_room_log.h"

#include "server/workshop/apply.h"

namespace atelier::room::testing {

namespace v1 = atelier::v1;

void FakeRoomLog::Append(std::vector<storage::SealedEvent> events, storage::AppendCallback done) {
  std::unique_lock lock(mu_);
  append_sizes_.push_back(events.size());
  if (busy_ > 0) {
    --busy_;
    lock.unlock();
    done(storage::Fail(storage::Error::Code::kBusy, "fake: no room in the queue"));
    return;
  }
  if (hold_) {
    waiting_.push_back({std::move(events), std::move(done)});
    changed_.notify_all();
    return;
  }
  durable_.insert(durable_.end(), events.begin(), events.end());
  lock.unlock();
  done({});
}

storage::Result<void> FakeRoomLog::Writable() {
  std::lock_guard lock(mu_);
  return writable_;
}

void FakeRoomLog::Load(const std::string& workshop_id, From /*from*/, LoadDone done) {
  std::unique_lock lock(mu_);
  if (!load_failure_.empty()) {
    std::string reason = load_failure_;
    lock.unlock();
    return done(std::unexpected(reason));
  }
  LoadedWorkshop loaded;
  for (const storage::SealedEvent& sealed : durable_) {
    if (sealed.workshop_id() != workshop_id) continue;
    v1::Event event;
    event.ParseFromArray(sealed.event_bytes().data(), static_cast<int>(sealed.event_bytes().size()));
    event.set_hash(std::string(sealed.hash()));
    if (auto applied = workshop::Apply(loaded.state, event); !applied) {
      lock.unlock();
      return done(std::unexpected("fake: " + applied.error()));
    }
    loaded.recent.push_back(sealed);
  }
  lock.unlock();
  done(std::move(loaded));
}

void FakeRoomLog::SaveSnapshot(const std::string&, uint64_t, std::function<std::string()>,
                               std::function<void()> done) {
  done();
}

void FakeRoomLog::Hold() {
  std::lock_guard lock(mu_);
  hold_ = true;
}

void FakeRoomLog::Release(storage::Result<void> result) {
  std::deque<Waiting> waiting;
  {
    std::lock_guard lock(mu_);
    hold_ = false;
    waiting.swap(waiting_);
    if (result) {
      for (const Waiting& w : waiting) {
        durable_.insert(durable_.end(), w.events.begin(), w.events.end());
      }
    }
  }
  for (Waiting& w : waiting) w.done(result);
}

void FakeRoomLog::RefuseBusy(int n) {
  std::lock_guard lock(mu_);
  busy_ = n;
}

void FakeRoomLog::SetWritable(storage::Result<void> writable) {
  std::lock_guard lock(mu_);
  writable_ = std::move(writable);
}

void FakeRoomLog::FailLoads(std::string reason) {
  std::lock_guard lock(mu_);
  load_failure_ = std::move(reason);
}

std::vector<size_t> FakeRoomLog::append_sizes() {
  std::lock_guard lock(mu_);
  return append_sizes_;
}

std::vector<storage::SealedEvent> FakeRoomLog::durable() {
  std::lock_guard lock(mu_);
  return durable_;
}

bool FakeRoomLog::WaitForWaiting(size_t n) {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return waiting_.size() >= n; });
}

}  // namespace atelier::room::testing
