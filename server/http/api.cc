#include "server/http/api.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "server/metrics/rejection_code.h"

namespace atelier::http {
namespace {

constexpr int kBadRequest = 400;
constexpr int kConflict = 409;
constexpr int kContentTooLarge = 413;

}  // namespace

ApiProblem BodyTooLarge() {
  return ApiProblem{kContentTooLarge, "body_too_large",
                    "request body is larger than " + std::to_string(kMaxBodyBytes) + " bytes"};
}

std::expected<v1::CreateWorkshopRequest, ApiProblem> ParseCreateRequest(
    std::string_view json_body) {
  if (json_body.size() > kMaxBodyBytes) return std::unexpected(BodyTooLarge());
  if (json_body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return std::unexpected(ApiProblem{kBadRequest, "bad_json",
                                      "request body is empty; expected a CreateWorkshopRequest "
                                      "JSON object"});
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  options.case_insensitive_enum_parsing = false;
  v1::CreateWorkshopRequest request;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json_body.data(), json_body.size()), &request, options);
  if (!status.ok()) {
    // Protobuf's first line says what is wrong and where; the lines after it quote the body,
    // which may hold a token, and would reach logs.
    const std::string message(status.message());
    const std::string what = message.substr(0, message.find('\n'));
    return std::unexpected(
        ApiProblem{kBadRequest, "bad_json", "invalid CreateWorkshopRequest JSON: " + what});
  }
  if (!request.has_workshop()) {
    return std::unexpected(ApiProblem{kBadRequest, "missing_field", "\"workshop\" is required"});
  }
  return request;
}

std::expected<std::optional<uint64_t>, ApiProblem> TimelineAt(std::string_view target) {
  std::string_view query = target.substr(0, target.find('#'));
  const size_t mark = query.find('?');
  query = mark == std::string_view::npos ? std::string_view() : query.substr(mark + 1);
  bool present = false;
  while (!query.empty() && !present) {
    const std::string_view pair = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
    present = PercentDecode(pair.substr(0, pair.find('=')), true) == "at";
  }
  if (!present) return std::nullopt;
  const std::string text = QueryParam(target, "at");
  uint64_t seq = 0;
  const char* end = text.data() + text.size();
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  const auto parsed = std::from_chars(text.data(), end, seq);
  if (!digits || parsed.ec != std::errc() || parsed.ptr != end || seq == 0) {
    return std::unexpected(ApiProblem{
        kBadRequest, "bad_seq",
        "?at= takes the seq of an event: a whole number from 1 (past the last event, the last)"});
  }
  return seq;
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  options.always_print_enums_as_ints = false;
  options.preserve_proto_field_names = false;
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    throw std::logic_error("cannot print " + message.GetTypeName() +
                           " as JSON: " + std::string(status.message()));
  }
  return json;
}

std::string ProblemJson(const ApiProblem& problem) {
  v1::ApiError error;
  error.set_code(problem.code);
  error.set_message(problem.message);
  return ToJson(error);
}

ApiProblem CreateFailure(std::string code, std::string message) {
  int status = 500;
  if (code == "unknown_workshop") status = 404;
  if (code == "bad_token") status = 403;
  if (code == "invalid_config") status = 400;
  if (code == "unavailable") status = 503;
  return ApiProblem{status, std::move(code), std::move(message)};
}

ApiProblem FromRejection(const v1::Rejection& rejection) {
  const int status =
      rejection.reason() == v1::REJECTION_REASON_WORKSHOP_EXISTS ? kConflict : kBadRequest;
  std::string code = metrics::RejectionCode(rejection.reason());
  std::string message = rejection.message().empty() ? code : rejection.message();
  return ApiProblem{status, std::move(code), std::move(message)};
}

}  // namespace atelier::http
