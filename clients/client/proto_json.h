// Protobuf messages to and from JSON, with protobuf's JSON mapping (lowerCamelCase field names,
// enums by name), which is what the HTTP API speaks (api.proto).
//
// Pure functions; thread-safe.
#ifndef ATELIER_CLIENTS_CLIENT_PROTO_JSON_H_
#define ATELIER_CLIENTS_CLIENT_PROTO_JSON_H_

#include <google/protobuf/message.h>

#include <expected>
#include <string>
#include <string_view>

namespace atelier::client {

// Parses `json` into `message` (cleared first). Unknown fields are an error unless
// `ignore_unknown`: a typo in a request file is reported rather than silently dropped, while a
// newer server's responses still parse. The error names what protobuf found.
std::expected<void, std::string> ParseJson(std::string_view json,
                                           google::protobuf::Message& message,
                                           bool ignore_unknown = false);

template <class M>
std::expected<M, std::string> FromJson(std::string_view json, bool ignore_unknown = false) {
  M message;
  if (auto ok = ParseJson(json, message, ignore_unknown); !ok) return std::unexpected(ok.error());
  return message;
}

// One line of JSON (no newline), or indented when `pretty`.
std::string ToJson(const google::protobuf::Message& message, bool pretty = false);

}  // namespace atelier::client

#endif  // ATELIER_CLIENTS_CLIENT_PROTO_JSON_H_
