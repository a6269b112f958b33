// The network edge's counters, served at GET /metrics after Metrics' (same format): what was
// refused and by which limit, failed authentications by kind, Hello attempts, connections that
// paused reading at their bound of unanswered commands, idle connections closed to make room,
// and the process's memory and descriptors (read from /proc when rendered).
//
// Thread safety: as Metrics (metrics.h): relaxed atomic updates, Render() from any thread.
#ifndef ATELIER_SERVER_METRICS_EDGE_METRICS_H_
#define ATELIER_SERVER_METRICS_EDGE_METRICS_H_

#include <array>
#include <string>
#include <string_view>

#include "server/metrics/counter.h"

namespace atelier::metrics {

// A limit something was refused for: atelier_refusals_total{limit="..."} (the label is
// LimitLabel()).
enum class Limit {
  kConnections,            // connections in total (or descriptors left for them)
  kConnectionsPerAddress,  // connections of one client address
  kDescriptors,            // accept failed: the process is out of descriptors (EMFILE/ENFILE)
  kHellos,                 // Hello attempts of one address
  kFailedCodes,            // failed code, token or key attempts of one address
  kFailedCodesTotal,       // failed attempts of the whole server, from addresses not trusted
  kTables,                 // tables and seats taken by one address
  kCommands,               // commands of one connection
  kHints,                  // draft-hint requests of one connection
  kApi,                    // HTTP API requests of one address
  kOrigin,                 // a WebSocket upgrade from a page of another site
  kHeaderSize,             // HTTP request headers over the limit (431)
  kHelloTimeout,           // no Hello in time
  kMessageTimeout,         // a WebSocket message not whole in time after its first byte
  kRequestTimeout,         // an HTTP request not whole in time
};
inline constexpr size_t kLimitCount = 15;
std::string_view LimitLabel(Limit limit);

// A failed authentication: atelier_auth_failures_total{kind="..."} (AuthKindLabel()).
enum class AuthKind {
  kJoinCode,      // no workshop has this join code
  kObserverCode,  // no workshop has this observer code
  kWorkshopId,    // no workshop has this id (a Hello with a token, an API call)
  kToken,         // an animateur, table or seat token that is not valid
  kOrganizerKey,  // creating a workshop with a key that is not valid
  kMetricsToken,  // /metrics with a token that is not valid
};
inline constexpr size_t kAuthKindCount = 6;
std::string_view AuthKindLabel(AuthKind kind);

class EdgeMetrics {
 public:
  EdgeMetrics() = default;
  EdgeMetrics(const EdgeMetrics&) = delete;
  EdgeMetrics& operator=(const EdgeMetrics&) = delete;

  void CountRefusal(Limit limit) noexcept { refusals_[static_cast<size_t>(limit)].Increment(); }
  void CountAuthFailure(AuthKind kind) noexcept {
    auth_failures_[static_cast<size_t>(kind)].Increment();
  }
  uint64_t Refusals(Limit limit) const noexcept {
    return refusals_[static_cast<size_t>(limit)].Value();
  }
  uint64_t AuthFailures(AuthKind kind) const noexcept {
    return auth_failures_[static_cast<size_t>(kind)].Value();
  }

  Counter hello_attempts_total;  // atelier_hello_attempts_total: every Hello received
  // atelier_read_pauses_total: times a connection stopped reading at its bound of unanswered
  // commands (it resumes as answers go out).
  Counter read_pauses_total;
  // atelier_idle_connections_evicted_total: connections that had not said who they are (or
  // were idle between HTTP requests) closed to make room for a new one at a connection limit.
  Counter idle_evicted_total;

  // Every family, HELP and TYPE first; then process_resident_memory_bytes, process_open_fds and
  // process_max_fds from /proc/self (left out if /proc cannot be read).
  std::string Render() const;

 private:
  std::array<Counter, kLimitCount> refusals_;
  std::array<Counter, kAuthKindCount> auth_failures_;
};

}  // namespace atelier::metrics

#endif  // ATELIER_SERVER_METRICS_EDGE_METRICS_H_
