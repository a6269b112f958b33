// What a room reports to its owner (the hub: metrics, log lines, the registry of rooms). Called
// on the room's strand; implementations must not block and must not call back into the room
// synchronously.
#ifndef ATELIER_SERVER_ROOM_ROOM_OBSERVER_H_
#define ATELIER_SERVER_ROOM_ROOM_OBSERVER_H_

#include <chrono>
#include <cstddef>
#include <string>

#include "atelier/v1/rejection.pb.h"

namespace atelier::room {

class Room;

// The stages of one round, from its oldest operation to its frames handed to the connections.
// Each is the time between two moments; together they add up to the oldest operation's wait for
// its outputs. Rounds that append nothing have no log stages (zero).
struct RoundStages {
  bool logged = false;  // the round appended events: the three log stages below apply
  std::chrono::nanoseconds queued{0};   // the oldest operation posted -> the round begins
  std::chrono::nanoseconds decided{0};  // begins -> decided (decide, seal, apply every operation)
  std::chrono::nanoseconds waiting{0};  // decided -> the log takes it (rounds ahead not durable)
  std::chrono::nanoseconds durable{0};  // taken by the log -> written and fsynced (writer thread)
  std::chrono::nanoseconds resumed{0};  // durable -> back on the room's strand
  std::chrono::nanoseconds handed{0};   // on the strand -> views built, frames handed to clients
};

class RoomObserver {
 public:
  virtual ~RoomObserver() = default;
  // A command decided (accepted, or rejected with `reason`).
  virtual void OnCommand(bool accepted, atelier::v1::RejectionReason reason) = 0;
  // A round decided: how many operations it took and how many events it appends.
  virtual void OnRound(size_t operations, size_t events) = 0;
  // A round's events made durable, `append_latency` after the round began.
  virtual void OnEventsDurable(size_t events, std::chrono::nanoseconds append_latency) = 0;
  virtual void OnDeliveries(size_t events, size_t frames) = 0;
  // Where a round's time went, stage by stage (RoundStages), once its outputs are out.
  virtual void OnRoundStages(const RoundStages& stages) { (void)stages; }
  // The log had no room for a round's events; the room waits and appends them again.
  virtual void OnAppendBusy() = 0;
  // A round's events did not reach the log: its commands were refused (STORAGE_UNAVAILABLE)
  // and the room is reading its state back from the log.
  virtual void OnStorageFailure(const std::string& workshop_id, const std::string& error) = 0;
  // The room could not be loaded or restored from its log, or was taken out of service: it
  // closed its connections and refuses everything from now on.
  virtual void OnOutOfService(const std::string& workshop_id, const std::string& reason) = 0;
  // The room read itself back after a discarded snapshot: resumes at or below `seq` must get a
  // full snapshot (Room::RaiseResumeFloor), also in a room loaded later.
  virtual void OnResumeFloor(const std::string& workshop_id, uint64_t seq) = 0;
  // Nobody has used the room for RoomOptions::unload_after. Returns true if the owner forgot it
  // (no connection or request holds it, and none can get it any more): the room then stops.
  virtual bool OnIdle(Room& room) = 0;
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_ROOM_OBSERVER_H_
