#include "tests/soak/client_trace.h"

#include <google/protobuf/text_format.h>

namespace atelier::soak {

std::string Text(const google::protobuf::Message& message) {
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.SetUseUtf8StringEscaping(true);
  std::string text;
  printer.PrintToString(message, &text);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  constexpr size_t kMax = 300;
  return text.size() > kMax ? text.substr(0, kMax) + "..." : text;
}

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
