#include "server/room/chain_checker.h"

#include "server/log/log.h"

#include <boost/asio/post.hpp>

namespace atelier::room {

void ChainChecker::Start(std::vector<std::string> workshop_ids, Callbacks callbacks) {
  boost::asio::post(thread_, [this, ids = std::move(workshop_ids),
                              callbacks = std::move(callbacks)] {
    for (const std::string& id : ids) {
      if (stopping_) return;
      auto head = log_.VerifyChain(id);
      if (head) {
        if (callbacks.intact) callbacks.intact(id);
        auto checked = engine::CheckSnapshots(log_, id, [&](const engine::DiscardedSnapshot& d) {
          if (callbacks.snapshot_discarded) callbacks.snapshot_discarded(id, d);
        });
        if (!checked && !stopping_) {
          log::Warning("its snapshots could not be checked: " + checked.error(), id);
        }
        continue;
      }
      const storage::Error& error = head.error();
      if (error.code != storage::Error::Code::kBrokenChain &&
          error.code != storage::Error::Code::kCorruption) {
        if (stopping_) return;  // the log is being closed
        log::Warning("the whole chain could not be checked: " + error.message, id);
        continue;
      }
      std::string reason = error.message;
      if (const std::string prefix = "workshop " + id + ": "; reason.starts_with(prefix)) {
        reason.erase(0, prefix.size());
      }
      if (callbacks.broken) callbacks.broken(id, reason);
    }
    if (callbacks.done) callbacks.done();
  });
}

void ChainChecker::Stop() {
  stopping_ = true;
  thread_.join();
}

}  // namespace atelier::room
