#include "server/http/forwarded_for.h"

#include <algorithm>

namespace atelier::http {

std::string LastForwardedFor(std::string_view header) {
  const size_t comma = header.rfind(',');
  std::string_view last = comma == std::string_view::npos ? header : header.substr(comma + 1);
  while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
  if (last.starts_with('[')) {
    const size_t close = last.find(']');
    if (close == std::string_view::npos) return "";
    return std::string(last.substr(1, close - 1));
  }
  // One colon: IPv4 with a port. More: an IPv6 address without brackets, kept whole.
  if (std::count(last.begin(), last.end(), ':') == 1) last = last.substr(0, last.find(':'));
  return std::string(last);
}

}  // namespace atelier::http
