// OriginPolicy: which web pages may open a WebSocket to this server. A browser sends the
// page's origin with the upgrade; a page of another site must not be able to act, from a
// participant's browser, as that participant (Cross-Site WebSocket Hijacking).
//
// Allowed:
//   - no Origin at all (a client that is not a browser: the CLI, the load generator);
//   - the server's own origin: the Origin's host and port equal the request's Host (default
//     ports dropped: "https://a.fr" matches "a.fr" and "a.fr:443");
//   - an origin of the allow-list (--allow-origin "https://atelier.example.fr"), or any with
//     "*".
// Everything else is refused, "null" (a sandboxed page, a file) included. Comparisons ignore
// case. Pure; thread-safe once built.
#ifndef ATELIER_SERVER_HTTP_ORIGIN_POLICY_H_
#define ATELIER_SERVER_HTTP_ORIGIN_POLICY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::http {

struct Origin {
  std::string scheme;     // "http" or "https"
  std::string authority;  // host[:port], lowercase, the scheme's default port dropped
};

// "https://Atelier.example.fr:443" -> {https, atelier.example.fr}; nullopt for anything that is
// not scheme://host[:port] with an http(s) scheme (a path, "null", garbage).
std::optional<Origin> ParseOrigin(std::string_view text);

class OriginPolicy {
 public:
  OriginPolicy() = default;
  // Each entry an origin ("https://atelier.example.fr") or "*". The error names an entry that
  // is not an origin.
  static std::optional<std::string> Check(const std::vector<std::string>& allowed);
  explicit OriginPolicy(const std::vector<std::string>& allowed);

  // origin: the Origin header, "" when absent; host: the Host header.
  bool Allows(std::string_view origin, std::string_view host) const;

 private:
  bool any_ = false;
  std::vector<Origin> allowed_;
};

}  // namespace atelier::http

#endif  // ATELIER_SERVER_HTTP_ORIGIN_POLICY_H_
