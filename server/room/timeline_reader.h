// TimelineReader: reads a workshop's history for the console's timeline
// (GET /api/workshops/{id}/timeline, timeline.proto) on a thread of its own, from the log: the
// live room, its state and its strand are never touched, so scrubbing through a live workshop
// does not slow it, and no I/O thread waits on the disk.
//
// At most kMaxWaiting reads wait or run at once (a console dragging its slider asks again and
// again; the fold of a long workshop takes a while): past that a read is refused at once and
// the caller answers busy. Each read runs engine::ReadTimeline or engine::MomentAt (their
// headers say what they cost and check).
//
// Thread safety: Outline and Moment may be called from any thread; `done` runs on the reader's
// thread. Stop() (or the destructor) waits for the reads queued; call it before closing the log.
#ifndef ATELIER_SERVER_ROOM_TIMELINE_READER_H_
#define ATELIER_SERVER_ROOM_TIMELINE_READER_H_

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <string>

#include "atelier/v1/timeline.pb.h"
#include "storage/event_log.h"

namespace atelier::room {

class TimelineReader {
 public:
  static constexpr size_t kMaxWaiting = 8;

  explicit TimelineReader(storage::EventLog& log);
  ~TimelineReader();

  using OutlineDone = std::function<void(std::expected<v1::Timeline, std::string>)>;
  using MomentDone = std::function<void(std::expected<v1::TimelineMoment, std::string>)>;
  // False, and `done` never called, when kMaxWaiting reads are waiting already.
  [[nodiscard]] bool Outline(std::string workshop_id, OutlineDone done);
  // `seq` >= 1; past the durable head, the head's moment.
  [[nodiscard]] bool Moment(std::string workshop_id, uint64_t seq, MomentDone done);

  void Stop();

 private:
  // Counts a read in; false when there is no room for it.
  bool Admit();

  storage::EventLog& log_;
  std::atomic<size_t> waiting_{0};
  boost::asio::thread_pool reads_{1};
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_TIMELINE_READER_H_
