// A RoomLog in memory for tests of the room: appends that can be held, refused for lack of room
// (kBusy, before Append returns, as the real log does), failed, or refused up front (Writable);
// loads that fold what was made durable, as the real log would read it back.
#ifndef ATELIER_TESTS_ROOM_FAKE_ROOM_LOG_H_
#define ATELIER_TESTS_ROOM_FAKE_ROOM_LOG_H_

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "server/room/room_log.h"

namespace atelier::room::testing {

class FakeRoomLog : public RoomLog {
 public:
  void Append(std::vector<storage::SealedEvent> events, storage::AppendCallback done) override;
  storage::Result<void> Writable() override;
  void Load(const std::string& workshop_id, From from, LoadDone done) override;
  void SaveSnapshot(const std::string& workshop_id, uint64_t seq,
                    std::function<std::string()> bytes, std::function<void()> done) override;

  // Appends wait until Release (held) or are made durable at once (not held, the default).
  void Hold();
  // Completes every waiting append with `result` (success: they become durable), and stops
  // holding.
  void Release(storage::Result<void> result = {});
  // The next `n` appends are refused with kBusy before Append returns.
  void RefuseBusy(int n);
  // Writable() answers this (success by default).
  void SetWritable(storage::Result<void> writable);
  // Load() fails with this reason from now on.
  void FailLoads(std::string reason);

  // How many events each append carried, in order (refused ones included).
  std::vector<size_t> append_sizes();
  std::vector<storage::SealedEvent> durable();
  // Waits until `n` appends are waiting (held).
  bool WaitForWaiting(size_t n);

 private:
  struct Waiting {
    std::vector<storage::SealedEvent> events;
    storage::AppendCallback done;
  };

  std::mutex mu_;
  std::condition_variable changed_;
  bool hold_ = false;
  int busy_ = 0;
  storage::Result<void> writable_;
  std::string load_failure_;
  std::deque<Waiting> waiting_;
  std::vector<storage::SealedEvent> durable_;
  std::vector<size_t> append_sizes_;
};

}  // namespace atelier::room::testing

#endif  // ATELIER_TESTS_ROOM_FAKE_ROOM_LOG_H_
