#include "tests/soak/client_trace.h"

#include <google/protobuf/text_format.h>

#include "clients/cli/format.h"

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

std::string ActorName(const v1::Actor& actor) { return cli::DescribeActor(actor); }

}  // namespace atelier::soak
