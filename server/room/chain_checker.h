// ChainChecker: the whole-chain check of every workshop, on a thread of its own, once the server
// answers (start-up only verifies what it loads after each trusted snapshot). Each intact chain's
// snapshots are then checked against it (engine/snapshot_check.h: CheckSnapshots, a fold of the
// log up to each snapshot's seq): one that disagrees is deleted and reported.
//
// Thread safety: Start and Stop may be called from any thread; the callbacks run on the
// checker's thread.
#ifndef ATELIER_SERVER_ROOM_CHAIN_CHECKER_H_
#define ATELIER_SERVER_ROOM_CHAIN_CHECKER_H_

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <string>
#include <vector>

#include "server/engine/snapshot_check.h"
#include "server/room/background_pool.h"
#include "storage/event_log.h"

namespace atelier::room {

class ChainChecker {
 public:
  // Its thread checks at a lower priority (background_pool.h): serving comes first; on a log of
  // millions of events the check takes seconds of a core.
  explicit ChainChecker(storage::EventLog& log) : log_(log) {
    SetUpPoolThread(thread_, "atelier-chains", kBackgroundNice);
  }
  ~ChainChecker() { Stop(); }

  struct Callbacks {
    std::function<void(const std::string& workshop_id)> intact;
    // The chain is broken (or undecodable): `reason` without the "workshop ID: " prefix.
    std::function<void(const std::string& workshop_id, const std::string& reason)> broken;
    // A snapshot of an intact chain disagreed with the log and was deleted (after `intact`).
    std::function<void(const std::string& workshop_id, const engine::DiscardedSnapshot& snapshot)>
        snapshot_discarded;
    std::function<void()> done;  // every workshop checked (not called when stopped early)
  };

  // Checks each workshop's whole chain (EventLog::VerifyChain: a consistent view, appends go on)
  // one after the other. A workshop that cannot be read for another reason (I/O) is printed on
  // stderr and counted neither intact nor broken. Returns at once.
  void Start(std::vector<std::string> workshop_ids, Callbacks callbacks);

  // Stops after the workshop being checked and waits. Idempotent.
  void Stop();

 private:
  storage::EventLog& log_;
  boost::asio::thread_pool thread_{1};
  std::atomic<bool> stopping_{false};
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_CHAIN_CHECKER_H_
