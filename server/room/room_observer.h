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
