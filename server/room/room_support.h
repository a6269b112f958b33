// Small helpers shared by the room's source files. Internal to the room.
#ifndef ATELIER_SERVER_ROOM_ROOM_SUPPORT_H_
#define ATELIER_SERVER_ROOM_ROOM_SUPPORT_H_

#include <openssl/crypto.h>

#include <chrono>
#include <cstdint>
#include <string_view>

#include "atelier/v1/workshop.pb.h"

namespace atelier::room {

// Server time, in milliseconds since the epoch.
inline int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline atelier::v1::Actor MakeActor(atelier::v1::ActorKind kind, uint32_t table = 0,
                                    uint32_t seat = 0) {
  atelier::v1::Actor actor;
  actor.set_kind(kind);
  actor.set_table_id(table);
  actor.set_seat_id(seat);
  return actor;
}

// Whether two secrets are equal, in time independent of where they differ. Empty never matches.
inline bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_ROOM_SUPPORT_H_
