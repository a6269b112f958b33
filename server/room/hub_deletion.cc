// Hub: deleting a workshop. The registry and the rest of the hub are in hub.cc.
#include <boost/asio/post.hpp>

#include "server/log/log.h"
#include "server/room/hub.h"

namespace atelier::room {

namespace net = boost::asio;

void Hub::Delete(const std::string& workshop_id, std::optional<std::string> animateur_token,
                 DeleteDone done) {
  std::shared_ptr<Room> room = Find(workshop_id);
  if (!room) {
    return done(std::unexpected(DeleteProblem{"unknown_workshop", "no such workshop"}));
  }
  room->StopForDeletion(std::move(animateur_token), [this, workshop_id, room, done](
                                                        std::expected<void, std::string> stopped) {
    if (!stopped) {
      if (stopped.error() == "not_allowed") {
        return done(std::unexpected(
            DeleteProblem{"bad_token", "only the workshop's animateur token deletes it"}));
      }
      return done(std::unexpected(
          DeleteProblem{"unavailable", "the workshop cannot be deleted now; try again"}));
    }
    // The room takes nothing more and everything it decided is durable: delete, off its strand.
    net::post(deletions_, [this, workshop_id, room, done] {
      storage::Result<void> deleted = log_.DeleteWorkshop(workshop_id);
      if (!deleted) {
        log::Error("not deleted (the workshop is whole and serves again): " +
                       deleted.error().message,
                   workshop_id);
        room->DeletionFailed();
        return done(std::unexpected(DeleteProblem{"unavailable", deleted.error().message}));
      }
      Known codes;
      {
        std::lock_guard lock(mu_);
        if (auto it = known_.find(workshop_id); it != known_.end()) {
          codes = it->second;
          join_codes_.erase(it->second.join_code);
          observer_codes_.erase(it->second.observer_code);
          known_.erase(it);
        }
        if (auto it = rooms_.find(workshop_id); it != rooms_.end() && it->second.get() == room.get()) {
          rooms_.erase(it);
        }
        deleted_.insert(workshop_id);
        UpdateGauges();
      }
      if (claims_ != nullptr && !codes.join_code.empty()) {
        // The codes may name a new workshop now, on any node (this thread may wait for it).
        claims_->Release(codes.join_code, workshop_id);
        claims_->Release(codes.observer_code, workshop_id);
      }
      metrics_.workshops_deleted_total.Increment();  // before the clients hear of it
      room->Deleted();
      done({});
    });
  });
}

}  // namespace atelier::room
