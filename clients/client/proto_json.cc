#include "clients/client/proto_json.h"

#include <google/protobuf/util/json_util.h>

namespace atelier::client {

std::expected<void, std::string> ParseJson(std::string_view json,
                                           google::protobuf::Message& message,
                                           bool ignore_unknown) {
  message.Clear();
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = ignore_unknown;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &message, options);
  if (!status.ok()) {
    return std::unexpected("not a valid " + message.GetTypeName() +
                           " in JSON: " + std::string(status.message()));
  }
  return {};
}

std::string ToJson(const google::protobuf::Message& message, bool pretty) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = pretty;
  std::string out;
  // Printing a well-formed message cannot fail.
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  if (pretty && !out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace atelier::client
