// The parts of an HTTP request target (RFC 9110 origin-form, "/path?query#fragment") that the
// server reads: its path, its query parameters, and percent-decoding.
//
// Pure functions over string views; thread-safe.
#ifndef ATELIER_SERVER_HTTP_URL_H_
#define ATELIER_SERVER_HTTP_URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace atelier::http {

// The target without its query string and fragment, still percent-encoded.
std::string_view TargetPath(std::string_view target);

// Decodes %XX escapes (either case of hex digit); with `plus_is_space`, '+' becomes ' ' (the
// form encoding of query strings, not of paths). nullopt when a '%' is not followed by two hex
// digits. Decoded bytes are returned as they are: the caller checks for NUL, '/' and the like.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space = false);

// The value of the first query parameter called `name` (compared after decoding), decoded with
// '+' as a space. Empty when absent, when given without a value, or when malformed.
std::string QueryParam(std::string_view target, std::string_view name);

}  // namespace atelier::http

#endif  // ATELIER_SERVER_HTTP_URL_H_
