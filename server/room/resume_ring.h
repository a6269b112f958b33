// ResumeRing: a room's last events as the log holds them (their sealed bytes, shared with the
// log's writer), so that a client that dropped and comes back gets exactly the events it missed
// and may see, without a snapshot, when it was not gone too long.
//
// Events are parsed only for a client that resumes. Not thread-safe: used on the room's strand.
#ifndef ATELIER_SERVER_ROOM_RESUME_RING_H_
#define ATELIER_SERVER_ROOM_RESUME_RING_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

#include "atelier/v1/workshop.pb.h"
#include "server/room/subscriber.h"
#include "storage/sealed_event.h"

namespace atelier::room {

class ResumeRing {
 public:
  // Keeps the last `capacity` events.
  explicit ResumeRing(size_t capacity) : capacity_(capacity) {}

  // Replaces the contents with `events` (consecutive, oldest first).
  void Assign(std::vector<storage::SealedEvent> events);
  // Adds the next event (seq: the last one's + 1).
  void Push(storage::SealedEvent event);
  // Forgets the events after `seq` (they never became durable).
  void TrimAfter(uint64_t seq);

  // The frames of the events after `last_seq` up to `head_seq` that `viewer` may see, in order,
  // or nullopt when the client needs a snapshot instead: last_seq is 0 or beyond the head, the
  // events are no longer in the ring, or they would take more than `max_bytes` (one snapshot
  // frame is better than a backlog that would overflow the connection's queue).
  std::optional<std::vector<Frame>> Missed(uint64_t last_seq, uint64_t head_seq,
                                           const atelier::v1::Actor& viewer,
                                           size_t max_bytes) const;

  // The events after `after_seq` up to `through_seq`, or nullopt when some are not in the ring.
  std::optional<std::vector<storage::SealedEvent>> Range(uint64_t after_seq,
                                                         uint64_t through_seq) const;
  // The seq of the oldest event held (0: none) and of the newest.
  uint64_t first_seq() const { return events_.empty() ? 0 : events_.front().seq(); }
  uint64_t last_seq() const { return events_.empty() ? 0 : events_.back().seq(); }
  std::string_view last_hash() const {
    return events_.empty() ? std::string_view() : events_.back().hash();
  }

  size_t size() const { return events_.size(); }

 private:
  size_t capacity_;
  std::deque<storage::SealedEvent> events_;
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_RESUME_RING_H_
