#include "tests/soak/client_trace.h"

namespace atelier::soak {

std::string ActorName(const v1::Actor& actor) {
  switch (actor.kind()) {
    case v1::ACTOR_KIND_ANIMATEUR:
      return "animateur";
    case v1::ACTOR_KIND_TABLE:
      return "table " + std::to_string(actor.table_id());
    case v1::ACTOR_KIND_SEAT:
      return "seat " + std::to_string(actor.seat_id());
    case v1::ACTOR_KIND_OBSERVER:
      return "observer";
    case v1::ACTOR_KIND_SYSTEM:
      return "system";
    default:
      return "actor kind " + std::to_string(actor.kind());
  }
}

}  // namespace atelier::soak
