// The client address a trusted reverse proxy (nginx) passes in X-Forwarded-For. Each proxy
// appends the address it received the request from, so the last entry is the one the proxy
// next to us saw; entries before it are whatever the client wrote and are never trusted.
// Pure.
#ifndef ATELIER_SERVER_HTTP_FORWARDED_FOR_H_
#define ATELIER_SERVER_HTTP_FORWARDED_FOR_H_

#include <string>
#include <string_view>

namespace atelier::http {

// The last entry of an X-Forwarded-For value, trimmed, without brackets or a port
// ("[2001:db8::1]:443" -> "2001:db8::1", "203.0.113.7:5000" -> "203.0.113.7"); "" when there is
// none. The caller still parses it as an address.
std::string LastForwardedFor(std::string_view header);

}  // namespace atelier::http

#endif  // ATELIER_SERVER_HTTP_FORWARDED_FOR_H_
