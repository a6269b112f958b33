#include "server/net/metrics_access.h"

#include "server/engine/secrets.h"

namespace atelier::net {

MetricsDecision DecideMetricsAccess(std::string_view token_sha256, bool on_metrics_listener,
                                    bool client_loopback, std::string_view bearer) {
  if (client_loopback) return MetricsDecision::kAllowed;
  if (!bearer.empty()) {
    if (!token_sha256.empty() && engine::TokenMatches(bearer, token_sha256)) {
      return MetricsDecision::kAllowed;
    }
    return MetricsDecision::kBadToken;
  }
  if (on_metrics_listener && token_sha256.empty()) return MetricsDecision::kAllowed;
  return MetricsDecision::kForbidden;
}

}  // namespace atelier::net
