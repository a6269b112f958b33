// The process's limit on open descriptors (RLIMIT_NOFILE). systemd starts services with a soft
// limit of 1,024 and a much higher hard limit: each connection is a descriptor, so the server
// raises its soft limit to the hard one at start-up (or to what --max-open-files asks, which
// may also lower it, as tests do).
#ifndef ATELIER_SERVER_NET_DESCRIPTOR_LIMIT_H_
#define ATELIER_SERVER_NET_DESCRIPTOR_LIMIT_H_

#include <cstdint>
#include <expected>
#include <string>

namespace atelier::net {

// Sets the soft limit to `wanted` (0: the hard limit), never past the hard limit. Returns the
// soft limit now in force, or why it could not be read or set.
std::expected<uint64_t, std::string> SetOpenFileLimit(uint64_t wanted);

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_DESCRIPTOR_LIMIT_H_
