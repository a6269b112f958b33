// Retention: deletes each workshop a set time after its conclusion (atelier-server
// --retention-days), by itself, on a thread of its own (never an I/O thread).
//
// A workshop's conclusion is the server time of the event that moved it to PHASE_CONCLUSION
// (the last phase of every template) when that is its phase now; a workshop never concluded
// (or moved back out of conclusion) counts from its last event instead: "N days after it was
// last used". It is due once now >= conclusion + `after`.
//
// Sweep() lists the log's workshops, reads each one's events (once: again only when its head
// has moved since), and deletes those due through `remove` (Hub::Delete, which stops the room,
// tells its clients and purges the log), one after the other. Each deletion is one log line
// ("deleted by retention: concluded on DATE, more than N days ago") and counted in
// retention_deletions_total. A workshop `remove` cannot delete now (unknown to the hub: out of
// service; or unavailable) is tried again at the next sweep.
//
// Start() sweeps at once and then every `interval`; Stop() interrupts a sweep (a deletion being
// waited for is given up on; the hub finishes it) and joins the thread.
//
// Thread safety: Start, Stop and Sweep may be called from any thread; Sweep must not run twice
// at once (Start's thread runs it; tests call it directly instead).
#ifndef ATELIER_SERVER_ROOM_RETENTION_H_
#define ATELIER_SERVER_ROOM_RETENTION_H_

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "server/metrics/metrics.h"
#include "storage/event_log.h"

namespace atelier::room {

// When a workshop concluded (above), from its events; an error when they cannot be read, 0 for
// a workshop with no events.
std::expected<int64_t, std::string> ConclusionTimeMs(storage::EventLog& log,
                                                     const std::string& workshop_id);

class Retention {
 public:
  // Server time now, in milliseconds since the epoch (a fake clock in tests).
  using NowMs = std::function<int64_t()>;
  // Deletes the workshop; calls `done` once, on any thread, with whether it was deleted.
  using Remove = std::function<void(const std::string& workshop_id, std::function<void(bool)> done)>;

  Retention(storage::EventLog& log, std::chrono::milliseconds after, NowMs now, Remove remove,
            metrics::Metrics& metrics);
  ~Retention();

  // One pass over every workshop; the ids it deleted.
  std::vector<std::string> Sweep();

  void Start(std::chrono::milliseconds interval);
  void Stop();

 private:
  struct Seen {
    uint64_t head_seq = 0;
    int64_t conclusion_ms = 0;
  };
  void Arm(std::chrono::milliseconds interval);
  // Waits for `remove`'s answer, or gives up when stopped.
  bool RemoveAndWait(const std::string& workshop_id);

  storage::EventLog& log_;
  const std::chrono::milliseconds after_;
  const NowMs now_;
  const Remove remove_;
  metrics::Metrics& metrics_;
  std::map<std::string, Seen> seen_;  // used by Sweep only

  std::mutex mu_;
  std::condition_variable changed_;
  bool stopping_ = false;  // guarded by mu_
  boost::asio::thread_pool thread_{1};
  boost::asio::steady_timer timer_{thread_.get_executor()};
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_RETENTION_H_
