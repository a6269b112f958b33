// FrameQueue: the frames waiting for one connection, oldest first.
//
// A vector with a read index rather than a std::deque: an idle connection's queue holds no
// memory at all (libstdc++'s deque allocates over 500 bytes as soon as it is built), and with
// ten thousand connections that is what counts. Emptying it keeps the vector's capacity for
// the next round unless it grew past a few dozen frames (a burst), which is given back.
//
// Not thread-safe: owned by one session, used on its executor.
#ifndef ATELIER_SERVER_NET_FRAME_QUEUE_H_
#define ATELIER_SERVER_NET_FRAME_QUEUE_H_

#include <cstddef>
#include <utility>
#include <vector>

#include "server/room/subscriber.h"

namespace atelier::net {

class FrameQueue {
 public:
  bool empty() const { return head_ == frames_.size(); }
  size_t size() const { return frames_.size() - head_; }

  room::Frame& front() { return frames_[head_]; }
  const room::Frame& operator[](size_t i) const { return frames_[head_ + i]; }

  void push_back(room::Frame frame) { frames_.push_back(std::move(frame)); }

  // Removes the oldest frame (the queue must not be empty).
  void pop_front() {
    frames_[head_] = room::Frame{};  // let go of the bytes now
    if (++head_ == frames_.size()) clear();
  }

  void clear() {
    if (frames_.capacity() > kKeptCapacity) {
      std::vector<room::Frame>().swap(frames_);
    } else {
      frames_.clear();
    }
    head_ = 0;
  }

 private:
  static constexpr size_t kKeptCapacity = 32;

  std::vector<room::Frame> frames_;
  size_t head_ = 0;  // frames_[0, head_) are already sent
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_FRAME_QUEUE_H_
