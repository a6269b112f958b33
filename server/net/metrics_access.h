// Who may read /metrics: it tells how busy the server is and which limits are hit, which is
// for its operators, not for the Internet. Allowed:
//   - a client on a loopback address (a scraper on the same machine; behind a trusted proxy,
//     the address the proxy says the client has; a request from a loopback peer that carries
//     a proxy's headers without that proxy being trusted is not local: nginx must not make
//     everyone local);
//   - anyone who sends "Authorization: Bearer <token>" with the --metrics-token;
//   - anyone who reaches the --metrics-listen address, when no token is set (the operator
//     binds it to a private interface); with a token set, the token is needed there too.
// A wrong token is a failed authentication; anything else is forbidden (403). Pure.
#ifndef ATELIER_SERVER_NET_METRICS_ACCESS_H_
#define ATELIER_SERVER_NET_METRICS_ACCESS_H_

#include <string>
#include <string_view>

namespace atelier::net {

enum class MetricsDecision { kAllowed, kBadToken, kForbidden };

// token_sha256: the SHA-256 of --metrics-token (engine::TokenHash), empty when none is set.
// bearer: the token the request carries ("" for none). Compared in constant time.
MetricsDecision DecideMetricsAccess(std::string_view token_sha256, bool on_metrics_listener,
                                    bool client_loopback, std::string_view bearer);

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_METRICS_ACCESS_H_
