#include "server/metrics/metrics.h"

#include "server/metrics/prometheus_text.h"
#include "server/metrics/rejection_code.h"

namespace atelier::metrics {
namespace {

constexpr std::array<std::string_view, 5> kStatusClasses = {"1xx", "2xx", "3xx", "4xx", "5xx"};

void Write(PrometheusText& out, std::string_view name, std::string_view help, const Counter& c) {
  out.Family(name, "counter", help);
  out.Sample(name, {}, c.Value());
}

void Write(PrometheusText& out, std::string_view name, std::string_view help, const Gauge& g) {
  out.Family(name, "gauge", help);
  out.Sample(name, {}, g.Value());
}

void Write(PrometheusText& out, const std::string& name, std::string_view help,
           const LatencyHistogram& histogram) {
  const LatencyHistogram::Snapshot snapshot = histogram.Read();
  out.Family(name, "histogram", help);
  const std::string bucket = name + "_bucket";
  for (size_t i = 0; i < LatencyHistogram::kBoundLabels.size(); ++i) {
    out.Sample(bucket, {{"le", LatencyHistogram::kBoundLabels[i]}}, snapshot.cumulative[i]);
  }
  out.Sample(bucket, {{"le", "+Inf"}}, snapshot.cumulative.back());
  out.Sample(name + "_sum", {}, snapshot.sum_seconds);
  out.Sample(name + "_count", {}, snapshot.count);
}

struct StageFamily {
  std::string name;
  std::string_view help;
};

// In the order of RoundStage.
const std::array<StageFamily, kRoundStageCount> kRoundStages = {{
    {"atelier_round_queued_seconds",
     "A round's oldest operation, from posted to the room until the round begins, in seconds."},
    {"atelier_round_decided_seconds",
     "A round, from its beginning until every operation is decided, sealed and applied."},
    {"atelier_round_waiting_seconds",
     "A decided round, until the log takes it (rounds before it not durable yet)."},
    {"atelier_round_durable_seconds",
     "A round's events, from taken by the log until written and fsynced."},
    {"atelier_round_resumed_seconds",
     "A durable round, until the room's strand runs it again."},
    {"atelier_round_handed_seconds",
     "A durable round, until its views are built and its frames handed to the connections."},
}};

}  // namespace

void Metrics::ObserveRoundStage(RoundStage stage, std::chrono::nanoseconds latency) noexcept {
  round_stages_[static_cast<size_t>(stage)].Observe(latency);
}

void Metrics::CountRejection(v1::RejectionReason reason) noexcept {
  const bool known = v1::RejectionReason_IsValid(reason);
  rejections_[known ? reason : v1::REJECTION_REASON_UNSPECIFIED].Increment();
}

void Metrics::CountHttpResponse(int status) noexcept {
  const bool valid = status >= 100 && status <= 599;
  http_responses_[valid ? status / 100 - 1 : 4].Increment();
}

std::string Metrics::Render() const {
  if (before_render) before_render();
  PrometheusText out;
  Write(out, "atelier_connections", "WebSocket connections open now.", connections);
  Write(out, "atelier_connections_total", "WebSocket connections accepted since start.",
        connections_total);
  Write(out, "atelier_workshops", "Workshops the server knows (in memory or not).", workshops);
  Write(out, "atelier_events_appended_total", "Events appended durably to the log.",
        events_appended_total);
  Write(out, "atelier_deliveries_total", "Events delivered to clients, one per event per client.",
        deliveries_total);
  Write(out, "atelier_frames_sent_total", "WebSocket frames sent.", frames_sent_total);
  Write(out, "atelier_commands_total", "Commands received from clients.", commands_total);
  Write(out, "atelier_queue_drops_total",
        "Clients closed for falling too far behind (close code 4001).", queue_drops_total);
  Write(out, "atelier_chains_verified_total",
        "Workshops whose whole hash chain the background check found intact.",
        chains_verified_total);
  Write(out, "atelier_chain_verify_failures_total",
        "Workshops kept from clients: their log failed to load or its whole-chain check.",
        chain_verify_failures_total);
  Write(out, "atelier_snapshots_discarded_total",
        "Stored snapshots found to disagree with the log and deleted (the log's state is served).",
        snapshots_discarded_total);
  Write(out, "atelier_workshops_deleted_total",
        "Workshops deleted (by their animateur or by retention) and purged from the log.",
        workshops_deleted_total);
  Write(out, "atelier_retention_deletions_total",
        "Workshops deleted by the retention setting (--retention-days).",
        retention_deletions_total);

  Write(out, "atelier_rooms_loaded", "Workshops whose room is in memory now.", rooms_loaded);
  Write(out, "atelier_rooms_loaded_total", "Rooms loaded from the log since start.",
        rooms_loaded_total);
  Write(out, "atelier_rooms_unloaded_total", "Rooms forgotten after nobody used them.",
        rooms_unloaded_total);
  Write(out, "atelier_rounds_total", "Rounds of operations decided by rooms.", rounds_total);
  Write(out, "atelier_round_operations_total", "Operations those rounds took.",
        round_operations_total);
  Write(out, "atelier_round_events_total", "Events those rounds appended.", round_events_total);
  Write(out, "atelier_append_busy_total",
        "Rounds the log had no room for (each waited and was appended again).",
        append_busy_total);
  Write(out, "atelier_storage_failures_total",
        "Rounds the log could not store (their commands were refused, nothing applied).",
        storage_failures_total);
  Write(out, "atelier_log_queue_depth", "Events waiting for the disk now.", log_queue_depth);
  out.Family("atelier_log_busy_refusals_total", "counter",
             "Appends the log refused because its queue was full.");
  out.Sample("atelier_log_busy_refusals_total", {}, log_busy_refusals.Value());

  out.Family("atelier_rejections_total", "counter", "Commands rejected, by reason.");
  for (int reason = 0; reason < v1::RejectionReason_ARRAYSIZE; ++reason) {
    if (!v1::RejectionReason_IsValid(reason)) continue;
    const std::string code = RejectionCode(static_cast<v1::RejectionReason>(reason));
    out.Sample("atelier_rejections_total", {{"reason", code}}, rejections_[reason].Value());
  }

  out.Family("atelier_http_requests_total", "counter", "HTTP responses sent, by status class.");
  for (size_t i = 0; i < kStatusClasses.size(); ++i) {
    out.Sample("atelier_http_requests_total", {{"status", kStatusClasses[i]}},
               http_responses_[i].Value());
  }

  Write(out, "atelier_append_latency_seconds",
        "Time from a command's append request to its event being durable, in seconds.",
        append_latency_);
  for (size_t i = 0; i < kRoundStages.size(); ++i) {
    Write(out, kRoundStages[i].name, kRoundStages[i].help, round_stages_[i]);
  }
  Write(out, "atelier_write_wait_seconds",
        "Time from a frame queued for a connection to the write that takes it, in seconds.",
        write_wait_);
  Write(out, "atelier_write_seconds",
        "Time a write to a connection takes until the socket has it all, in seconds.", write_);
  return out.text();
}

}  // namespace atelier::metrics
