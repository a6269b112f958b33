// ServerContext: what every listener and session of the server shares, by reference. Built by
// RunServer before the I/O threads start and outlives every session; its members are
// thread-safe (see each one's header).
#ifndef ATELIER_SERVER_NET_SERVER_CONTEXT_H_
#define ATELIER_SERVER_NET_SERVER_CONTEXT_H_

#include <boost/asio/ip/address.hpp>
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "server/metrics/edge_metrics.h"
#include "server/metrics/metrics.h"
#include "server/cluster/node.h"
#include "server/http/origin_policy.h"
#include "server/net/address_limiter.h"
#include "server/net/connection_registry.h"
#include "server/net/deadline_wheel.h"
#include "server/net/organizer_keys.h"
#include "server/net/session_limits.h"
#include "server/room/archive_exporter.h"
#include "server/room/backup_taker.h"
#include "server/room/hub.h"
#include "server/room/timeline_reader.h"
#include "server/room/report_maker.h"

namespace atelier::net {

struct ServerContext {
  room::Hub& hub;
  metrics::Metrics& metrics;
  metrics::EdgeMetrics& edge_metrics;
  ConnectionRegistry& connections;
  AddressLimiter& limiter;
  DeadlineWheel& deadlines;  // the WebSocket sessions' timeouts
  std::filesystem::path static_dir;  // empty: a default page
  SessionLimits limits;
  HttpLimits http_limits;
  // The server runs one I/O thread: the io_context is then an implicit strand and connections
  // need no strand of their own (saving a lock and a queue hop on every write).
  bool single_thread = false;
  // Reverse proxies (nginx) whose X-Forwarded-For is believed: for their connections the client
  // is the last address of that header. Anyone else's header is ignored.
  std::vector<boost::asio::ip::address> trusted_proxies = {};
  // Who may create workshops (--organizer-keys); null: anyone on a loopback address, nobody
  // else.
  OrganizerKeys* organizer_keys = nullptr;
  // Which pages may open a WebSocket (the server's own, --allow-origin).
  http::OriginPolicy origins = {};
  // SHA-256 of --metrics-token; empty when none is set (metrics_access.h).
  std::string metrics_token_sha256 = {};
  // Static files being sent now: each holds a descriptor beyond its connection's, so at most
  // kMaxStaticFilesOpen (they come out of the descriptor reserve); past it, 503.
  static constexpr size_t kMaxStaticFilesOpen = 64;
  mutable std::atomic<size_t> static_files_open{0};
  // Writes workshops' archives off the I/O threads (GET /api/workshops/{id}/archive); null: the
  // route answers 404. Archives being sent count in static_files_open (a descriptor each).
  room::ArchiveExporter* archives = nullptr;
  // Reads workshops' timelines off the I/O threads (GET /api/workshops/{id}/timeline); null: the
  // route answers 404.
  room::TimelineReader* timelines = nullptr;
  // Makes syntheses and raw data off the I/O threads (GET /api/workshops/{id}/synthesis,
  // data.json, data.csv); null: those routes answer 404.
  room::ReportMaker* reports = nullptr;
  // Takes backups of the log off the I/O threads (POST /api/admin/backup); null: 404.
  room::BackupTaker* backups = nullptr;
  // This node of a cluster (--cluster): Hellos and join codes of workshops owned by other nodes
  // go there. Null on a single server.
  cluster::Node* cluster = nullptr;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_SERVER_CONTEXT_H_
