#include "tests/fuzz/command_stream.h"

namespace atelier::fuzz {

CommandStream ParseCommandStream(std::string_view input) {
  CommandStream stream;
  if (input.empty()) return stream;
  stream.workshop = static_cast<uint8_t>(input[0]);
  input.remove_prefix(1);
  while (input.size() >= 3) {
    Step step;
    step.actor = static_cast<uint8_t>(input[0]);
    const size_t n = static_cast<uint8_t>(input[1]) | (static_cast<uint8_t>(input[2]) << 8);
    input.remove_prefix(3);
    step.message = input.substr(0, n);
    input.remove_prefix(step.message.size());
    stream.steps.push_back(step);
  }
  return stream;
}

std::string EncodeCommandStream(uint8_t workshop,
                                const std::vector<std::pair<uint8_t, std::string>>& steps) {
  std::string out(1, static_cast<char>(workshop));
  for (const auto& [actor, message] : steps) {
    out += static_cast<char>(actor);
    out += static_cast<char>(message.size() & 0xff);
    out += static_cast<char>((message.size() >> 8) & 0xff);
    out += message;
  }
  return out;
}

atelier::v1::Actor ActorFor(uint8_t actor_byte, const workshop::WorkshopState& state) {
  atelier::v1::Actor actor;
  switch (actor_byte) {
    case kAnimateurByte:
      actor.set_kind(atelier::v1::ACTOR_KIND_ANIMATEUR);
      return actor;
    case kObserverByte:
      actor.set_kind(atelier::v1::ACTOR_KIND_OBSERVER);
      return actor;
    case kSystemByte:
      actor.set_kind(atelier::v1::ACTOR_KIND_SYSTEM);
      return actor;
    case kJoiningTabletByte:
      actor.set_kind(atelier::v1::ACTOR_KIND_TABLE);
      return actor;
    default:
      break;
  }
  if (actor_byte < 128) {
    actor.set_kind(atelier::v1::ACTOR_KIND_TABLE);
    actor.set_table_id(actor_byte - 4u);
    return actor;
  }
  const uint32_t id = actor_byte - 128u;
  actor.set_kind(atelier::v1::ACTOR_KIND_SEAT);
  if (auto seat = state.seats.find(id); seat != state.seats.end()) {
    actor.set_seat_id(id);
    actor.set_table_id(seat->second.table_id);
  } else {
    actor.set_table_id(id);
  }
  return actor;
}

}  // namespace atelier::fuzz
