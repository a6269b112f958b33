// A connection that joined a room, as the room keeps it. Internal to the room.
#ifndef ATELIER_SERVER_ROOM_ROOM_MEMBER_H_
#define ATELIER_SERVER_ROOM_ROOM_MEMBER_H_

#include "server/room/room.h"

namespace atelier::room {

struct Room::Member {
  std::shared_ptr<Subscriber> subscriber;
  atelier::v1::Actor actor;  // as authenticated by the Hello
  uint64_t through_seq = 0;  // the client has everything it may see up to here
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_ROOM_MEMBER_H_
