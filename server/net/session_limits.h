// What one WebSocket connection may hold and do: its outbound queue, its inbound messages and
// its commands in flight. Values, copied into each session.
#ifndef ATELIER_SERVER_NET_SESSION_LIMITS_H_
#define ATELIER_SERVER_NET_SESSION_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace atelier::net {

struct SessionLimits {
  // Outbound: past either bound the queue is dropped and the client closed with 4001 (it
  // resumes from its last seq without loss).
  size_t max_queued_bytes = 4 << 20;
  size_t max_queued_frames = 16'384;
  // Inbound: a bigger message closes the connection (1009).
  size_t max_message_bytes = 64 << 10;
  // Commands handed to the room and not answered yet, at most: at the bound the session stops
  // reading its socket until answers go out (TCP back-pressure), so a client that sends faster
  // than the room answers slows only itself. The web app keeps at most 64 on the wire.
  uint32_t max_unanswered = 64;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_SESSION_LIMITS_H_
