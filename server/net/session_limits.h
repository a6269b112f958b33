// What one connection may hold and do, and how long it may take: for a WebSocket its outbound
// queue, its inbound messages, its commands in flight and its timeouts; for HTTP a request's
// headers and time. Values, copied into each session.
#ifndef ATELIER_SERVER_NET_SESSION_LIMITS_H_
#define ATELIER_SERVER_NET_SESSION_LIMITS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "server/net/token_bucket.h"

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
  // Commands a connection may send (a bucket each): past it a command is answered
  // CommandRejected OVERLOADED with retry_after_ms (the web app keeps it and sends it again
  // then). A burst for an offline outbox flushing, a rate far above a table's.
  RateLimit commands = RateLimit::PerMinute(600, 200);
  // Draft-hint requests (the tablet asks as its user types, at most every 350 ms): past it,
  // ErrorMessage "overloaded" with retry_after_ms, and the connection stays open.
  RateLimit hints = RateLimit::PerMinute(120, 20);

  // A connection that has not said Hello this long after the upgrade gets ErrorMessage
  // "timeout" and a close (1008).
  std::chrono::seconds hello_timeout{10};
  // A message must arrive whole this long after its first bytes of payload, else ErrorMessage
  // "timeout" and a close (1008): a frame trickled a byte at a time is closed, whereas the idle
  // timer alone would be reset by each byte.
  std::chrono::seconds message_timeout{20};
  // Nothing received for half of this: a ping; nothing for all of it (no pong): the connection
  // is closed. A tablet that vanished (Wi-Fi gone, lid closed) is found within this.
  std::chrono::seconds idle_timeout{30};
};

struct HttpLimits {
  // A request (headers and body) must arrive whole this long after the connection opened or
  // the previous answer went out; an idle keep-alive connection is closed after it too.
  std::chrono::seconds request_timeout{30};
  // Request headers past this many bytes: 431.
  size_t max_header_bytes = 16 << 10;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_SESSION_LIMITS_H_
