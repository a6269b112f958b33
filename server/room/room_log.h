// What a room needs of the event log and of the threads that may block on it: narrow, so that
// the room can be tested with a fake (tests/room/), and so that a room never touches the disk on
// its strand.
#ifndef ATELIER_SERVER_ROOM_ROOM_LOG_H_
#define ATELIER_SERVER_ROOM_ROOM_LOG_H_

#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "server/workshop/state.h"
#include "storage/log_types.h"
#include "storage/sealed_event.h"

namespace atelier::room {

// A workshop as its log has it: the state as of its last durable event, and its last events
// (consecutive, ending there) for clients that resume.
struct LoadedWorkshop {
  workshop::WorkshopState state;
  std::vector<storage::SealedEvent> recent;
  uint64_t snapshot_seq = 0;  // the stored snapshot the state was folded from (0: event 1)
};

class RoomLog {
 public:
  virtual ~RoomLog() = default;

  // Appends consecutive events of one workshop, all or none (storage::EventLog::Append), and
  // calls `done` once: success when all are durable. A refusal because the log has no room for
  // them now (kBusy: nothing was queued) is reported before Append returns, on the caller's
  // thread; every other outcome may come later, on any thread.
  virtual void Append(std::vector<storage::SealedEvent> events, storage::AppendCallback done) = 0;

  // Whether an append would be taken now: an error with its reason while the disk is below its
  // reserve or the log recovers from a failed write (storage::EventLog::Writable). Cheap: a room
  // asks before each round, and refuses what would write rather than decide it.
  virtual storage::Result<void> Writable() = 0;

  // Reads the workshop back from the log on a thread of its own (a blocking read, verified after
  // its snapshot) and calls `done` there: the room's state when its memory is ahead of the log,
  // or a workshop loaded on demand. kEventOne folds every event, trusting no snapshot (after one
  // was found to disagree with the log).
  enum class From { kSnapshot, kEventOne };
  using LoadDone = std::function<void(std::expected<LoadedWorkshop, std::string>)>;
  virtual void Load(const std::string& workshop_id, From from, LoadDone done) = 0;

  // Stores a snapshot of the workshop as of event `seq` on a thread of its own, its bytes made
  // there by `bytes` (serializing a large workshop took its room's strand 30-70 ms: BENCHMARKS.md,
  // the peak); an empty result stores nothing. `done` once the write is over, stored or not (a
  // snapshot is only a shortcut: the log stays the truth).
  virtual void SaveSnapshot(const std::string& workshop_id, uint64_t seq,
                            std::function<std::string()> bytes, std::function<void()> done) = 0;
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_ROOM_LOG_H_
