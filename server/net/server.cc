#include "server/net/server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include "server/cluster/node.h"
#include "server/engine/secrets.h"
#include "server/metrics/metrics.h"
#include "server/log/log.h"
#include "server/net/descriptor_limit.h"
#include "server/net/listener.h"
#include "server/net/open_addresses.h"
#include "server/room/hub.h"
#include "server/room/retention.h"
#include "storage/event_log.h"
#include "storage/operator_log.h"

namespace atelier::net {

namespace asio = boost::asio;

namespace {

// A node's default name: the host name (what a subject allows of it) and the port.
std::string DefaultNodeName(uint16_t port) {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  std::string name;
  for (const char* c = host; *c != '\0' && name.size() < 48; ++c) {
    const bool ok = std::isalnum(static_cast<unsigned char>(*c)) || *c == '-' || *c == '_';
    name += ok ? *c : '_';
  }
  if (name.empty()) name = "node";
  return name + "-" + std::to_string(port);
}

}  // namespace

int RunServer(const ServerOptions& options) {
  // Before the log opens its files: every connection is a descriptor too.
  auto open_files = SetOpenFileLimit(options.max_open_files);
  if (!open_files) {
    log::Error("descriptors: " + open_files.error());
    return 1;
  }
  if (*open_files <= options.fd_reserve) {
    log::Error("the descriptor limit (" + std::to_string(*open_files) +
               ") leaves no room for connections after the " +
               std::to_string(options.fd_reserve) + " kept in reserve (--fd-reserve)");
    return 1;
  }
  ConnectionLimits connection_limits = options.connections;
  connection_limits.max_total =
      std::min<uint64_t>(connection_limits.max_total, *open_files - options.fd_reserve);
  log::Info("descriptors: limit " + std::to_string(*open_files) + "; connections at most " +
            std::to_string(connection_limits.max_total) + " (" +
            std::to_string(connection_limits.max_per_address) + " per address), " +
            std::to_string(options.fd_reserve) + " descriptors kept for the log and files");

  std::unique_ptr<OrganizerKeys> organizer_keys;
  if (!options.organizer_keys.empty()) {
    auto loaded = OrganizerKeys::Load(options.organizer_keys);
    if (!loaded) {
      log::Error("organizer keys: " + loaded.error());
      return 1;
    }
    organizer_keys = *std::move(loaded);
    log::Info("organizer keys: " + std::to_string(organizer_keys->size()) + " key(s) in " +
              options.organizer_keys.string());
  } else {
    log::Info("organizer keys: none given (--organizer-keys); workshops are created from this "
              "machine only");
  }

  // The storage layer's lines (RocksDB's warnings, failed writes, recoveries) in our format.
  storage::SetOperatorLogSink([](storage::LogLevel level, std::string_view line) {
    log::Write(level == storage::LogLevel::kError     ? log::Level::kError
               : level == storage::LogLevel::kWarning ? log::Level::kWarning
                                                      : log::Level::kInfo,
               line);
  });
  storage::EventLogOptions log_options;
  log_options.min_free_bytes = options.min_free_bytes;
  auto event_log = storage::EventLog::Open(options.data_dir, log_options);
  if (!event_log) {
    log::Error("cannot open the log in " + options.data_dir.string() + ": " +
               event_log.error().message);
    return 1;
  }
  // Declared so that they outlive what uses them: sessions left in the io_context touch the
  // metrics when destroyed, and rooms append to the log.
  metrics::Metrics metrics;
  metrics::EdgeMetrics edge_metrics;
  ConnectionRegistry connections(connection_limits, edge_metrics);
  AddressLimiter limiter(options.addresses);
  DeadlineWheel deadlines;  // before the io_context: sessions cancel their deadline as they go
  // Made below, once the hub is; declared here so that it too outlives the sessions, which refer
  // to it until they are destroyed with the io_context.
  std::optional<ServerContext> context_storage;
  asio::io_context ioc(options.threads);
  deadlines.Start(ioc);
  struct StopTicking {  // before the io_context goes, whichever way this returns
    DeadlineWheel& wheel;
    ~StopTicking() { wheel.Stop(); }
  } stop_ticking{deadlines};
  room::RoomOptions room_options;
  room_options.snapshot_every = options.snapshot_every;
  room_options.rounds_in_flight = options.rounds_in_flight;
  room_options.unload_after = options.unload_after;
  std::unique_ptr<cluster::Node> node;
  if (!options.cluster_url.empty()) {
    cluster::NodeOptions node_options;
    node_options.nats_url = options.cluster_url;
    node_options.lease_ttl = options.lease_ttl;
    node_options.name =
        options.node_name.empty() ? DefaultNodeName(options.port) : options.node_name;
    auto connected = cluster::Node::Connect(ioc.get_executor(), node_options);
    if (!connected) {
      log::Error("cluster: " + connected.error());
      return 1;
    }
    node = *std::move(connected);
    room_options.replica = &node->replica();
  }
  room::Hub hub(ioc.get_executor(), **event_log, metrics, room_options);
  // A workshop that cannot be read is left out; only a log that cannot be listed stops us.
  if (auto indexed = hub.IndexAll(); !indexed) {
    log::Error(indexed.error());
    return 1;
  }
  if (node) {
    if (auto started = node->Start(hub); !started) {
      log::Error("cluster: " + started.error());
      return 1;
    }
  }
  metrics.before_render = [&log = **event_log, &metrics] {
    const storage::EventLogStats stats = log.stats();
    metrics.log_queue_depth.Set(static_cast<int64_t>(stats.queued));
    metrics.log_busy_refusals.Set(static_cast<int64_t>(stats.busy));
  };
  ServerContext& context =
      context_storage.emplace(hub, metrics, edge_metrics, connections, limiter, deadlines,
                              options.static_dir, options.session, options.http,
                              options.threads == 1);
  for (const std::string& proxy : options.trusted_proxies) {
    context.trusted_proxies.push_back(asio::ip::make_address(proxy));  // checked by the flags
  }
  context.origins = http::OriginPolicy(options.allow_origins);
  context.cluster = node.get();
  context.organizer_keys = organizer_keys.get();
  std::unique_ptr<room::Retention> retention;
  if (options.retention_days > 0) {
    retention = std::make_unique<room::Retention>(
        **event_log, std::chrono::days(options.retention_days),
        [] {
          return std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
              .count();
        },
        [&hub](const std::string& id, std::function<void(bool)> done) {
          hub.Delete(id, std::nullopt, [done](auto deleted) { done(deleted.has_value()); });
        },
        metrics);
    log::Info("retention: each workshop is deleted " + std::to_string(options.retention_days) +
              " days after its conclusion (checked now and every hour)");
  } else {
    log::Info("retention: none (--retention-days); workshops are kept until deleted");
  }
  room::ArchiveExporter archives(**event_log, std::filesystem::temp_directory_path().string());
  context.archives = &archives;
  room::TimelineReader timelines(**event_log);
  context.timelines = &timelines;
  room::ReportMaker reports(**event_log);
  context.reports = &reports;
  room::BackupTaker backups(**event_log, options.backup_dir);
  context.backups = &backups;
  if (!options.metrics_token.empty()) {
    context.metrics_token_sha256 = engine::TokenHash(options.metrics_token);
  }
  boost::system::error_code ec;
  auto address = asio::ip::make_address(options.address, ec);
  if (ec) {
    log::Error("bad listen address '" + options.address + "'");
    return 2;
  }
  auto listener = Listener::Open(ioc, {address, options.port}, context);
  if (!listener) {
    log::Error(listener.error());
    return 1;
  }
  std::shared_ptr<Listener> metrics_listener;
  if (options.metrics_listen) {
    auto opened = Listener::Open(ioc, {asio::ip::make_address(options.metrics_address),
                                       options.metrics_port},
                                 context, /*metrics_only=*/true);
    if (!opened) {
      log::Error("metrics: " + opened.error());
      return 1;
    }
    metrics_listener = *std::move(opened);
  }
  // Signals are caught before the server says it listens: a supervisor (or a test) may send
  // SIGTERM as soon as it reads that line.
  asio::signal_set signals(ioc, SIGTERM, SIGINT);
  asio::steady_timer grace(ioc);
  signals.async_wait([&](boost::system::error_code, int) {
    (*listener)->Stop();
    if (metrics_listener) metrics_listener->Stop();
    if (node) node->Stop();
    hub.Shutdown([&] {
      // Let the close frames go out, then stop.
      asio::post(ioc, [&] {
        grace.expires_after(std::chrono::milliseconds(300));
        grace.async_wait([&](boost::system::error_code) { ioc.stop(); });
      });
    });
  });

  (*listener)->Run();
  auto bound = (*listener)->endpoint();
  if (node) node->SetListener(bound);
  std::cout << "atelier-server listening on " << bound.address().to_string() << ":" << bound.port()
            << std::endl;
  if (!options.static_dir.empty()) {
    std::cout << OpenAddressesText(BaseUrls(bound, MachineAddresses())) << std::flush;
  }
  if (metrics_listener) {
    metrics_listener->Run();
    const auto metrics_bound = metrics_listener->endpoint();
    std::cout << "atelier-server metrics on " << metrics_bound.address().to_string() << ":"
              << metrics_bound.port() << std::endl;
  }
  // Start-up verified each chain after its snapshot only: the whole chains now, off the I/O
  // threads, while clients are served.
  hub.VerifyInBackground();
  if (retention) retention->Start(std::chrono::hours(1));

  std::vector<std::thread> threads;
  for (int i = 1; i < options.threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  node.reset();  // it holds rooms of the hub for other nodes' connections
  if (retention) retention->Stop();
  hub.StopBackground();
  archives.Stop();
  timelines.Stop();
  reports.Stop();
  backups.Stop();
  if (auto closed = (*event_log)->Close(); !closed) {
    log::Error("closing the log: " + closed.error().message);
    return 1;
  }
  return 0;
}

}  // namespace atelier::net
