// LogService: the rooms' RoomLog over the real event log, with the threads that may block on it:
// one that loads workshops (on demand, and back after a failed append), one that writes
// snapshots, and one that checks fully (engine/snapshot_check.h: CheckSnapshots, a fold of the
// log from event 1) each snapshot a load started from, the first time one is used: the room
// answers from the snapshot at once, and is read back from the log if the check discards it
// (Room::SnapshotDiscarded). No I/O thread ever waits on the disk.
//
// Thread safety: every method may be called from any thread. Stop() (or the destructor) waits
// for the loads and snapshot writes queued; call it before closing the log.
#ifndef ATELIER_SERVER_ROOM_LOG_SERVICE_H_
#define ATELIER_SERVER_ROOM_LOG_SERVICE_H_

#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "server/engine/snapshot_check.h"
#include "server/room/room_log.h"
#include "storage/event_log.h"

namespace atelier::room {

class LogService : public RoomLog {
 public:
  // A snapshot a load found untrustworthy and deleted (engine/workshop_loader.h), on the loading
  // thread, or one the full check after a load discarded, on the checking thread.
  using OnDiscarded =
      std::function<void(const std::string& workshop_id, const engine::DiscardedSnapshot&)>;
  // `recent_events`: how many of its last events a loaded workshop comes with (resume_ring.h).
  LogService(storage::EventLog& log, size_t recent_events, OnDiscarded on_discarded = {});
  ~LogService() override;

  void Append(std::vector<storage::SealedEvent> events, storage::AppendCallback done) override;
  storage::Result<void> Writable() override { return log_.Writable(); }
  // Verifies the chain after the newest trusted snapshot (engine/workshop_loader.h), folds the
  // rest, and reads the last events. Snapshots it discards go to `on_discarded`, as do those
  // the full check of the snapshot it used discards afterwards.
  void Load(const std::string& workshop_id, From from, LoadDone done) override;
  // A failure is printed on stderr and otherwise ignored.
  void SaveSnapshot(const std::string& workshop_id, uint64_t seq,
                    std::function<std::string()> bytes, std::function<void()> done) override;

  void Stop();
  storage::EventLog& log() { return log_; }

 private:
  // Queues the full check of the workshop's snapshot at `seq` unless it was checked already.
  void CheckLater(const std::string& workshop_id, uint64_t seq);

  storage::EventLog& log_;
  const size_t recent_events_;
  const OnDiscarded on_discarded_;
  boost::asio::thread_pool loads_{1};
  boost::asio::thread_pool snapshots_{1};  // PutSnapshot is a synchronous RocksDB write
  boost::asio::thread_pool checks_{1};
  std::mutex mu_;
  std::set<std::pair<std::string, uint64_t>> checked_;  // snapshots checked or queued, by seq
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_LOG_SERVICE_H_
