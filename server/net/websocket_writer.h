// WebSocketWriter: writes what waits for one client as WebSocket frames, in one non-blocking
// sendmsg gathered from the frames' own bytes (never copied into one buffer).
//
// Prepare takes every frame waiting: a message is one binary frame; events queued in a row
// become one EventBatch frame (its tag and length, the events' pre-encoded bytes, then
// through_seq), so that a round's events cost the client one frame. Control frames (a pong, a
// ping) go first, a close frame last. Flush writes as much as the socket takes and says whether
// it is all out; the caller waits for the socket to drain and flushes again. Between Prepare
// and the last Flush the writer holds the frames (their shared bytes) and a small head per
// frame; Done lets go of them, and of any buffer grown past a few frames, so that an idle
// connection holds none.
//
// Not thread-safe; owned by one session.
#ifndef ATELIER_SERVER_NET_WEBSOCKET_WRITER_H_
#define ATELIER_SERVER_NET_WEBSOCKET_WRITER_H_

#include <sys/uio.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "server/net/frame_queue.h"
#include "server/room/subscriber.h"

namespace atelier::net {

class WebSocketWriter {
 public:
  enum class Flushed { kAll, kBlocked, kFailed };

  // Takes every frame of `queue` (leaving it empty), the bytes of `control` (whole control
  // frames, leaving it empty) and, when `close` is not null, the close frame to end with.
  // Returns how many frames the write holds (0: nothing to write). Only when nothing is in
  // flight.
  size_t Prepare(FrameQueue& queue, std::string& control, const std::string* close);
  // Writes what is left on the socket `fd` without blocking: kAll when everything is out,
  // kBlocked when the socket is full (flush again once writable), kFailed on an error (the
  // connection is gone).
  Flushed Flush(int fd);
  // After kAll: lets go of the frames written.
  void Done();

  bool in_flight() const { return next_ < gather_.size(); }
  bool holds_close() const { return holds_close_; }

 private:
  std::vector<room::Frame> frames_;  // whose bytes gather_ points into
  std::string control_;
  std::string heads_;  // frame headers, EventBatch heads and tails
  std::vector<iovec> gather_;
  size_t next_ = 0;  // gather_[0, next_) is written
  bool holds_close_ = false;
  uint64_t through_seq_ = 0;  // the highest seq sent so far
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_WEBSOCKET_WRITER_H_
