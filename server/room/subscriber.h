// What a room sends to a connected client. The WebSocket session implements it; the room never
// sees sockets.
//
// Both methods are called on the room's strand and must not block: an implementation queues the
// frame (bounded) and returns. A frame is shared, immutable, serialized once for everybody who
// gets the same bytes.
#ifndef ATELIER_SERVER_ROOM_SUBSCRIBER_H_
#define ATELIER_SERVER_ROOM_SUBSCRIBER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "atelier/v1/workshop.pb.h"

namespace atelier::room {

// A whole ServerMessage, or one Event to be sent inside an EventBatch: consecutive event frames
// waiting for one client go out together in one EventBatch (see websocket_session.h).
struct Frame {
  enum class Kind { kMessage, kEvent };
  Kind kind = Kind::kMessage;
  // kMessage: a serialized ServerMessage. kEvent: an Event already encoded as field 1 of
  // EventBatch (tag, length, bytes), so batches are built by concatenation.
  std::shared_ptr<const std::string> bytes;
  uint64_t seq = 0;  // kEvent: the event's seq
  // kMessage: how many of the client's commands it answers (1 for a CommandAccepted or
  // CommandRejected, or for an error answering a command; the count of an Answers frame). A
  // connection keeps a bound on its commands not answered yet and counts them down with this.
  uint32_t answers = 0;
};

// Close codes the room uses besides the WebSocket ones.
inline constexpr uint16_t kCloseTooSlow = 4001;      // queue bound reached: resume with last seq
inline constexpr uint16_t kCloseUnavailable = 1011;  // the workshop's log failed: reconnect
inline constexpr uint16_t kCloseReadBack = 1012;  // the state was read back from the log: reconnect
inline constexpr uint16_t kCloseTryAgainLater = 1013;  // nothing could be stored: reconnect later
inline constexpr uint16_t kCloseDeleted = 4004;  // the workshop was deleted: do not reconnect

class Subscriber {
 public:
  virtual ~Subscriber() = default;
  virtual void Deliver(Frame frame) = 0;
  // Sends a close with this code and reason once what is queued before it is written.
  virtual void Disconnect(uint16_t code, std::string reason) = 0;

  // The connection's welcome goes out: `welcome`, then `missed`, the events after `from_seq` up
  // to `through_seq` that `actor` may see (none for a snapshot, where from_seq is through_seq).
  // A connection held by another node of a cluster (replicated()) takes the events from that
  // node's own ring instead.
  virtual void Welcome(const Frame& welcome, const std::vector<Frame>& missed,
                       const atelier::v1::Actor& actor, uint64_t from_seq, uint64_t through_seq) {
    (void)actor;
    (void)from_seq;
    (void)through_seq;
    Deliver(welcome);
    for (const Frame& event : missed) Deliver(event);
  }
  // True for a connection of another node (cluster): the room's events reach it through that
  // node, which builds the views itself from the round (ReplicaSink), so Broadcast skips it.
  virtual bool replicated() const { return false; }
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_SUBSCRIBER_H_
