// The HTTP JSON API's codec and errors, free of any transport: the network session reads the
// request (route.h, url.h), calls these, and writes the status and body they give.
//
// JSON is protobuf's canonical mapping (lowerCamelCase names, enums by name, 64-bit integers as
// strings). Errors are an atelier.v1.ApiError {"code", "message"} with a 4xx or 5xx status;
// codes are short snake_case words a client may switch on, messages are English for developers.
//
// Pure functions; thread-safe.
#ifndef ATELIER_SERVER_HTTP_API_H_
#define ATELIER_SERVER_HTTP_API_H_

#include <google/protobuf/message.h>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/rejection.pb.h"
#include "server/http/route.h"
#include "server/http/url.h"

namespace atelier::http {

// The largest request body the API reads. The session should refuse a longer one before reading
// it (Beast's body_limit) with the same problem as ParseCreateRequest gives.
inline constexpr size_t kMaxBodyBytes = 64 * 1024;

struct ApiProblem {
  int status = 500;
  std::string code;
  std::string message;
};

// The problem for a body over kMaxBodyBytes: 413 "body_too_large".
ApiProblem BodyTooLarge();

// Parses POST /api/workshops's body. Unknown field names and unknown enum names are errors, so
// a typo is a 400 naming it rather than a silently default setting. Problems: 413
// body_too_large; 400 bad_json (malformed JSON, unknown field, wrong type or enum name: the
// message says which); 400 missing_field (no "workshop"). The workshop's content is the domain's
// to validate (Decide answers INVALID_CONFIG).
std::expected<v1::CreateWorkshopRequest, ApiProblem> ParseCreateRequest(std::string_view json_body);

// The event a timeline request asks for (GET /api/workshops/{id}/timeline, timeline.proto): its
// ?at= as a seq >= 1 in decimal digits, any size up to 2^64 - 1 (the caller clamps it to the
// head); nullopt when the target has no "at" parameter (the outline is asked). 400 bad_seq for
// anything else: "?at" or "?at=" without a value, 0, signs, spaces, letters, past 2^64 - 1.
std::expected<std::optional<uint64_t>, ApiProblem> TimelineAt(std::string_view target);

// The message as JSON with every field shown, zeros and empty strings included, so clients need
// no defaults. Throws std::logic_error if protobuf cannot print it, which only a message holding
// an unresolvable google.protobuf.Any could cause: a bug.
std::string ToJson(const google::protobuf::Message& message);

// An atelier.v1.ApiError as JSON: {"code":"...","message":"..."}.
std::string ProblemJson(const ApiProblem& problem);

// A command's rejection as an API problem: 409 for WORKSHOP_EXISTS, otherwise 400; code =
// RejectionCode(reason) ("invalid_config"); message = the rejection's message, or the code when
// it has none.
ApiProblem FromRejection(const v1::Rejection& rejection);

// A workshop that could not be created (room/hub.h's CreateProblem codes) as an API problem:
// "unknown_workshop" 404, "bad_token" 403, "invalid_config" 400, "unavailable" 503 (with a
// Retry-After from the caller), anything else 500.
ApiProblem CreateFailure(std::string code, std::string message);

}  // namespace atelier::http

#endif  // ATELIER_SERVER_HTTP_API_H_
