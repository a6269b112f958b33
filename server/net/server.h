// Server: the whole atelier-server process. Opens the log, loads every workshop (one whose log
// fails its check is reported on stderr and left out; the others are served), listens, verifies
// every whole hash chain in the background (room/hub.h), runs the I/O threads, and shuts down
// cleanly on SIGTERM or SIGINT: stops accepting, lets every room finish its durable appends and
// close its connections with 1001, closes the log, exits 0. Exits 1 when the log cannot be
// opened or read.
#ifndef ATELIER_SERVER_NET_SERVER_H_
#define ATELIER_SERVER_NET_SERVER_H_

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "server/net/address_limiter.h"
#include "server/net/connection_registry.h"
#include "server/net/session_limits.h"

namespace atelier::net {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;
  std::filesystem::path data_dir = "./data";
  std::filesystem::path static_dir;  // empty: a default page
  // Where POST /api/admin/backup puts each backup (a new directory each); empty: backups off.
  std::filesystem::path backup_dir;
  // A node of a cluster on NATS at this URL (server/cluster/node.h); empty: a single server.
  std::string cluster_url;
  // This node's name in the cluster (default: the host name and the port).
  std::string node_name;
  // How long a workshop's lease outlives its owner's last renewal (server/cluster/lease.h).
  std::chrono::milliseconds lease_ttl{10'000};
  int threads = 2;
  // What one WebSocket connection may hold and do, and its timeouts.
  SessionLimits session;
  // What one HTTP request may take.
  HttpLimits http;
  // Connections open at once, in total and per client address. The total is lowered to what
  // the descriptor limit leaves after fd_reserve.
  ConnectionLimits connections;
  // What one client address may attempt over time.
  AddressLimits addresses;
  // The soft RLIMIT_NOFILE to set at start-up (0: the hard limit).
  uint64_t max_open_files = 0;
  // Descriptors kept from connections for the log's files, static files being served, refusals
  // being answered and the process's own.
  uint64_t fd_reserve = 384;
  // Each workshop's state is saved as a snapshot every this many events (0: never).
  uint64_t snapshot_every = 10'000;
  // Per workshop: rounds decided and appended while earlier ones wait for the disk.
  size_t rounds_in_flight = 1;
  // Free space kept in reserve on the disk holding the event log: below it, commands are
  // refused (nothing written) until there is room again (storage/options.h; 0: no reserve).
  uint64_t min_free_bytes = uint64_t{256} << 20;
  // Each workshop is deleted this many days after its conclusion (room/retention.h); 0: never.
  uint32_t retention_days = 0;
  // A workshop nobody has used for this long is unloaded (room.h); 0: never.
  std::chrono::milliseconds unload_after{10 * 60 * 1000};
  // A second listener serving only /metrics and /healthz (metrics_access.h), when set.
  std::string metrics_address;
  uint16_t metrics_port = 0;
  bool metrics_listen = false;
  // Lets /metrics be read from anywhere with "Authorization: Bearer <token>"; empty: none.
  std::string metrics_token;
  // The organizer keys' file (organizer_keys.h); empty: workshops are created from loopback
  // addresses only.
  std::filesystem::path organizer_keys;
  // Origins besides the server's own whose pages may open a WebSocket ("*": any).
  std::vector<std::string> allow_origins;
  // Reverse proxies whose X-Forwarded-For gives the client's address.
  std::vector<std::string> trusted_proxies;
};

// Runs until a signal; returns the process exit code. Prints one line
// "atelier-server listening on ADDRESS:PORT" on stdout once it accepts connections, then with
// metrics_listen "atelier-server metrics on ADDRESS:PORT".
int RunServer(const ServerOptions& options);

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_SERVER_H_
