// Building the frames a room hands to its connections (subscriber.h), each serialized once and
// shared by every connection that gets the same bytes. Internal to the room.
#ifndef ATELIER_SERVER_ROOM_FRAMES_H_
#define ATELIER_SERVER_ROOM_FRAMES_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/wire.pb.h"
#include "server/room/subscriber.h"

namespace atelier::room {

// A whole ServerMessage; `answers`: how many commands it answers (Frame::answers).
Frame MessageFrame(const atelier::v1::ServerMessage& message, uint32_t answers = 0);

// An Event encoded as field 1 (tag, length, bytes) of EventBatch, so that a connection's
// waiting events are sent as one EventBatch by concatenation.
Frame EventFrame(const atelier::v1::Event& event);

// ErrorMessage{code, message}.
Frame ErrorFrame(std::string code, std::string message, uint32_t answers = 0);

// Server time, in milliseconds since the epoch.
inline int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_FRAMES_H_
