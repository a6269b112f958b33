#include "server/metrics/edge_metrics.h"

#include "server/metrics/process_stats.h"
#include "server/metrics/prometheus_text.h"

namespace atelier::metrics {

std::string_view LimitLabel(Limit limit) {
  switch (limit) {
    case Limit::kConnections:
      return "connections";
    case Limit::kConnectionsPerAddress:
      return "connections_per_address";
    case Limit::kDescriptors:
      return "descriptors";
    case Limit::kHellos:
      return "hellos";
    case Limit::kFailedCodes:
      return "failed_codes";
    case Limit::kFailedCodesTotal:
      return "failed_codes_total";
    case Limit::kTables:
      return "tables";
    case Limit::kCommands:
      return "commands";
    case Limit::kHints:
      return "hints";
    case Limit::kApi:
      return "api";
    case Limit::kOrigin:
      return "origin";
    case Limit::kHeaderSize:
      return "header_size";
    case Limit::kHelloTimeout:
      return "hello_timeout";
    case Limit::kMessageTimeout:
      return "message_timeout";
    case Limit::kRequestTimeout:
      return "request_timeout";
  }
  return "unknown";
}

std::string_view AuthKindLabel(AuthKind kind) {
  switch (kind) {
    case AuthKind::kJoinCode:
      return "join_code";
    case AuthKind::kObserverCode:
      return "observer_code";
    case AuthKind::kWorkshopId:
      return "workshop_id";
    case AuthKind::kToken:
      return "token";
    case AuthKind::kOrganizerKey:
      return "organizer_key";
    case AuthKind::kMetricsToken:
      return "metrics_token";
  }
  return "unknown";
}

std::string EdgeMetrics::Render() const {
  PrometheusText out;
  out.Family("atelier_refusals_total", "counter",
             "Connections, Hellos, commands and requests refused, by the limit they were over.");
  for (size_t i = 0; i < kLimitCount; ++i) {
    out.Sample("atelier_refusals_total", {{"limit", LimitLabel(static_cast<Limit>(i))}},
               refusals_[i].Value());
  }
  out.Family("atelier_auth_failures_total", "counter",
             "Failed authentications (codes, tokens and keys that match nothing), by kind.");
  for (size_t i = 0; i < kAuthKindCount; ++i) {
    out.Sample("atelier_auth_failures_total", {{"kind", AuthKindLabel(static_cast<AuthKind>(i))}},
               auth_failures_[i].Value());
  }
  out.Family("atelier_hello_attempts_total", "counter", "WebSocket Hello messages received.");
  out.Sample("atelier_hello_attempts_total", {}, hello_attempts_total.Value());
  out.Family("atelier_read_pauses_total", "counter",
             "Times a connection stopped reading at its bound of unanswered commands.");
  out.Sample("atelier_read_pauses_total", {}, read_pauses_total.Value());
  out.Family("atelier_idle_connections_evicted_total", "counter",
             "Idle connections closed to make room for a new one at a connection limit.");
  out.Sample("atelier_idle_connections_evicted_total", {}, idle_evicted_total.Value());

  if (const std::optional<ProcessStats> process = ReadProcessStats()) {
    out.Family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
    out.Sample("process_resident_memory_bytes", {}, process->resident_bytes);
    out.Family("process_open_fds", "gauge", "Number of open file descriptors.");
    out.Sample("process_open_fds", {}, process->open_fds);
    out.Family("process_max_fds", "gauge", "Maximum number of open file descriptors.");
    out.Sample("process_max_fds", {}, process->max_fds);
  }
  return out.text();
}

}  // namespace atelier::metrics
