// The server's counters, served at GET /metrics in the Prometheus text format (0.0.4).
//
// One Metrics object lives as long as the server and is shared by every thread, by reference;
// the network code updates it as things happen. The set of metrics is fixed: each is a member
// named after the metric it renders as.
//
// Thread safety: every update is a relaxed atomic operation, lock-free, without allocation, so
// it is cheap on hot paths (a send, an append). Render() may run concurrently with updates; it
// reads each value once, so figures taken under load are each accurate but not from one instant.
#ifndef ATELIER_SERVER_METRICS_METRICS_H_
#define ATELIER_SERVER_METRICS_METRICS_H_

#include <array>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "atelier/v1/rejection.pb.h"
#include "server/metrics/counter.h"
#include "server/metrics/latency_histogram.h"

namespace atelier::metrics {

// The Content-Type of Render()'s text.
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// The stages of a room's round (room/room_observer.h, RoundStages), one histogram each.
enum class RoundStage { kQueued, kDecided, kWaiting, kDurable, kResumed, kHanded };
inline constexpr size_t kRoundStageCount = 6;

class Metrics {
 public:
  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  Gauge connections;              // atelier_connections: WebSocket connections open now
  Counter connections_total;      // atelier_connections_total: WebSocket connections accepted
  Gauge workshops;                // atelier_workshops: workshops loaded
  Counter events_appended_total;  // atelier_events_appended_total: events made durable
  Counter deliveries_total;       // atelier_deliveries_total: events sent, counted per client
  Counter frames_sent_total;      // atelier_frames_sent_total: WebSocket frames sent
  Counter commands_total;         // atelier_commands_total: commands received
  Counter queue_drops_total;      // atelier_queue_drops_total: clients closed as too slow
  // atelier_chains_verified_total: workshops whose whole hash chain the background check (after
  // start-up) found intact.
  Counter chains_verified_total;
  // atelier_chain_verify_failures_total: workshops kept from clients because their log failed a
  // check: left out at start-up (it did not load) or taken out of service by the background
  // check.
  Counter chain_verify_failures_total;
  // atelier_snapshots_discarded_total: stored snapshots found to disagree with the log (at a
  // load's cheap checks or by the background check's full comparison) and deleted.
  Counter snapshots_discarded_total;
  // atelier_workshops_deleted_total: workshops deleted (by their animateur or by retention),
  // their events purged from the log; atelier_retention_deletions_total: those of them deleted
  // by the retention setting (--retention-days).
  Counter workshops_deleted_total;
  Counter retention_deletions_total;

  // Rooms and the log (set by the hub; the log's gauges refreshed by before_render).
  Gauge rooms_loaded;              // atelier_rooms_loaded: workshops in memory now
  Counter rooms_loaded_total;      // atelier_rooms_loaded_total
  Counter rooms_unloaded_total;    // atelier_rooms_unloaded_total: forgotten after idling
  Counter rounds_total;            // atelier_rounds_total: rounds decided
  Counter round_operations_total;  // atelier_round_operations_total: operations they took
  Counter round_events_total;      // atelier_round_events_total: events they appended
  Counter append_busy_total;       // atelier_append_busy_total: rounds the log had no room for
  Counter storage_failures_total;  // atelier_storage_failures_total: rounds the log failed
  Gauge log_queue_depth;           // atelier_log_queue_depth: events waiting for the disk
  Gauge log_busy_refusals;         // atelier_log_busy_refusals_total: appends refused, queue full
  // Called at the start of Render() to refresh the gauges read from elsewhere (the log).
  std::function<void()> before_render;

  // atelier_rejections_total{reason="budget_exceeded"}: one series per RejectionReason (label as
  // RejectionCode()); a value unknown to this build counts as "unspecified".
  void CountRejection(v1::RejectionReason reason) noexcept;

  // atelier_http_requests_total{status="2xx"}: HTTP responses by status class, 1xx to 5xx
  // (1xx: WebSocket upgrades). A status outside 100-599 counts as 5xx: it is a server bug.
  void CountHttpResponse(int status) noexcept;

  // atelier_append_latency_seconds: from a command's append request to its event being durable.
  void ObserveAppendLatency(std::chrono::nanoseconds latency) noexcept {
    append_latency_.Observe(latency);
  }

  // atelier_round_{queued,decided,waiting,durable,resumed,handed}_seconds: where a round's time
  // goes (RoundStage).
  void ObserveRoundStage(RoundStage stage, std::chrono::nanoseconds latency) noexcept;
  // atelier_write_wait_seconds: a frame queued for a connection until a write takes it;
  // atelier_write_seconds: that write until the socket has it all.
  void ObserveWriteWait(std::chrono::nanoseconds latency) noexcept { write_wait_.Observe(latency); }
  void ObserveWrite(std::chrono::nanoseconds latency) noexcept { write_.Observe(latency); }

  // Every metric, HELP and TYPE first, in the order above.
  std::string Render() const;

 private:
  std::array<Counter, v1::RejectionReason_ARRAYSIZE> rejections_;
  std::array<Counter, 5> http_responses_;  // by status class, 1xx first
  LatencyHistogram append_latency_;
  std::array<LatencyHistogram, kRoundStageCount> round_stages_;
  LatencyHistogram write_wait_;
  LatencyHistogram write_;
};

}  // namespace atelier::metrics

#endif  // ATELIER_SERVER_METRICS_METRICS_H_
