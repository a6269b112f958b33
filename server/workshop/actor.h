// Who acts: an atelier.v1.Actor built in one call.
#ifndef ATELIER_SERVER_WORKSHOP_ACTOR_H_
#define ATELIER_SERVER_WORKSHOP_ACTOR_H_

#include <cstdint>

#include "atelier/v1/workshop.pb.h"

namespace atelier::workshop {

// The actor of `kind`, at `table` (tables and seats) with `seat` (seats); 0 where none.
inline v1::Actor MakeActor(v1::ActorKind kind, uint32_t table = 0, uint32_t seat = 0) {
  v1::Actor actor;
  actor.set_kind(kind);
  actor.set_table_id(table);
  actor.set_seat_id(seat);
  return actor;
}

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_ACTOR_H_
