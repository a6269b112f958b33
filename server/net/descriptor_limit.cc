#include "server/net/descriptor_limit.h"

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace atelier::net {

std::expected<uint64_t, std::string> SetOpenFileLimit(uint64_t wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return std::unexpected("getrlimit(RLIMIT_NOFILE): " + std::string(strerror(errno)));
  }
  rlim_t target = wanted == 0 ? limit.rlim_max : static_cast<rlim_t>(wanted);
  if (limit.rlim_max != RLIM_INFINITY) target = std::min(target, limit.rlim_max);
  if (target != limit.rlim_cur) {
    limit.rlim_cur = target;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
      return std::unexpected("setrlimit(RLIMIT_NOFILE, " + std::to_string(target) +
                             "): " + strerror(errno));
    }
  }
  return static_cast<uint64_t>(limit.rlim_cur);
}

}  // namespace atelier::net
