// atelier-many-workshops [--workshops N] [--live M] [--unload-after S]: the server's memory
// follows the live workshops, not the whole history.
//
// Writes N small workshops into a new log (each: 4 tables, 10 ideas, a few votes; about 25
// events), starts atelier-server on it, and measures: the time until it answers (/healthz), its
// resident memory then, after M observers connected to M different workshops (each room loaded
// on its first Hello), and once they left and the rooms were unloaded (the server run with
// --unload-after S). Prints a report and one RESULT line (JSON). For BENCHMARKS.md.
#include <sys/types.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <atomic>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "clients/client/connection.h"
#include "clients/client/http_client.h"
#include "server/engine/command_pipeline.h"
#include "server/engine/secrets.h"
#include "storage/event_log.h"
#include "tests/integration/server_process.h"

namespace {

namespace v1 = atelier::v1;
using Clock = std::chrono::steady_clock;

std::string ObserverCode(int i) { return "obs" + std::to_string(i); }

// One workshop's events, through the server's own pipeline, appended without waiting.
void WriteWorkshop(atelier::storage::EventLog& log, int i, std::atomic<int>& pending) {
  atelier::workshop::WorkshopState state;
  int64_t now = 1'700'000'000'000 + i;
  auto run = [&](v1::Command command, const v1::Actor& actor, bool join = false) {
    atelier::workshop::CommandContext context;
    context.actor = actor;
    context.now_ms = ++now;
    context.workshop_id = "w" + std::to_string(i);
    context.access.set_join_code(std::to_string(10'000'000 + i));
    context.access.set_observer_code(ObserverCode(i));
    context.access.set_animateur_token_sha256(atelier::engine::TokenHash("token" + std::to_string(i)));
    context.via_join_code = join;
    context.new_token_sha256 = std::string(32, 't');
    auto step = atelier::engine::Execute(state, command, context,
                                         command.command_id().empty()
                                             ? atelier::engine::Source::kServer
                                             : atelier::engine::Source::kClient);
    if (!step.accepted()) return;
    pending.fetch_add(1);
    log.Append(step.sealed, [&pending](const atelier::storage::Result<void>& r) {
      if (!r) std::abort();
      pending.fetch_sub(1);
    });
  };
  auto actor = [](v1::ActorKind kind, uint32_t table = 0) {
    v1::Actor a;
    a.set_kind(kind);
    a.set_table_id(table);
    return a;
  };
  v1::Command c;
  c.mutable_create_workshop()->mutable_config()->set_question("Atelier n° " + std::to_string(i));
  c.mutable_create_workshop()->mutable_config()->set_template_(v1::TEMPLATE_IDEATION);
  run(c, actor(v1::ACTOR_KIND_ANIMATEUR));
  for (int t = 0; t < 4; ++t) {
    v1::Command join;
    join.mutable_join_table();
    run(join, actor(v1::ACTOR_KIND_TABLE), /*join=*/true);
  }
  int n = 0;
  auto phase = [&](v1::Phase p) {
    v1::Command set;
    set.set_command_id("p" + std::to_string(++n));
    set.mutable_set_phase()->set_phase(p);
    run(set, actor(v1::ACTOR_KIND_ANIMATEUR));
  };
  phase(v1::PHASE_DIVERGENCE);
  for (int k = 0; k < 10; ++k) {
    v1::Command post;
    post.set_command_id("i" + std::to_string(k));
    post.mutable_post_idea()->set_text("Idée " + std::to_string(k) + " de l'atelier " +
                                       std::to_string(i) + " : ouvrir la salle le soir");
    run(post, actor(v1::ACTOR_KIND_TABLE, 1 + k % 4));
  }
  phase(v1::PHASE_CONVERGENCE);
  for (int t = 1; t <= 4; ++t) {
    v1::Command vote;
    vote.set_command_id("v");
    auto* p = vote.mutable_set_points()->add_points();
    p->set_target_id(static_cast<uint32_t>(1 + (t % 4) * 2 + 4));
    p->set_points(2);
    run(vote, actor(v1::ACTOR_KIND_TABLE, t));
  }
}

long RssKb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

std::string Metric(atelier::client::HttpClient& http, const std::string& name) {
  auto metrics = http.Get("/metrics");
  if (!metrics) return "?";
  const std::string& body = metrics->body;
  size_t at = body.find("\n" + name + " ");
  if (at == std::string::npos) return "?";
  at += name.size() + 2;
  return body.substr(at, body.find('\n', at) - at);
}

}  // namespace

int main(int argc, char** argv) {
  int workshops = 10'000, live = 100, unload_after = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    int value = std::atoi(argv[i + 1]);
    if (flag == "--workshops") workshops = value;
    else if (flag == "--live") live = value;
    else if (flag == "--unload-after") unload_after = value;
  }
  live = std::min(live, workshops);
  atelier::testing::ServerOptions options;
  options.threads = 1;
  options.extra_args = {"--unload-after", std::to_string(unload_after), "--hello-rate", "off",
                        "--max-connections-per-address", "1000000",
                        "--failed-attempt-rate", "off", "--failed-attempt-rate-total", "off"};
  // A server started once makes its data directory; stopped, its log gets the workshops.
  auto server = atelier::testing::ServerProcess::Start(options);
  if (!server) return std::fprintf(stderr, "%s\n", server.error().c_str()), 1;
  if (auto stopped = (*server)->Stop(); !stopped) {
    return std::fprintf(stderr, "%s\n", stopped.error().c_str()), 1;
  }
  const std::filesystem::path dir = (*server)->data_dir();
  {
    auto log = atelier::storage::EventLog::Open(dir, {.sync = false, .min_free_bytes = 0});
    if (!log) return std::fprintf(stderr, "%s\n", log.error().message.c_str()), 1;
    std::atomic<int> pending{0};
    for (int i = 0; i < workshops; ++i) {
      while (pending.load() > 30'000) std::this_thread::yield();
      WriteWorkshop(**log, i, pending);
    }
    while (pending.load() > 0) std::this_thread::yield();
    const auto events = (*log)->stats().events;
    std::printf("wrote %d workshops, %llu events\n", workshops,
                static_cast<unsigned long long>(events));
  }
  std::system("sync");
  const auto started = Clock::now();
  if (auto restarted = (*server)->Restart(); !restarted) {
    return std::fprintf(stderr, "%s\n", restarted.error().c_str()), 1;
  }
  atelier::client::HttpClient http((*server)->host(), (*server)->port());
  while (!http.Get("/healthz")) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const double start_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const long idle_kb = RssKb((*server)->pid());

  std::vector<std::unique_ptr<atelier::client::Connection>> observers;
  const auto connecting = Clock::now();
  for (int i = 0; i < live; ++i) {
    auto connection = std::make_unique<atelier::client::Connection>();
    v1::Hello hello;
    hello.set_observer_code(ObserverCode(i * (workshops / live)));
    auto connected = connection->Connect((*server)->host(), (*server)->port());
    auto welcomed = connected ? connection->Hello(hello) : std::unexpected(connected.error());
    if (!welcomed) {
      std::fprintf(stderr, "observer %d not welcomed: %s\n", i, welcomed.error().c_str());
      return 1;
    }
    observers.push_back(std::move(connection));
  }
  const double welcome_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - connecting).count() / live;
  const long live_kb = RssKb((*server)->pid());
  const std::string loaded = Metric(http, "atelier_rooms_loaded");
  observers.clear();
  std::this_thread::sleep_for(std::chrono::seconds(unload_after * 2 + 1));
  const long after_kb = RssKb((*server)->pid());
  const std::string loaded_after = Metric(http, "atelier_rooms_loaded");
  const std::string unloaded = Metric(http, "atelier_rooms_unloaded_total");
  (void)(*server)->Stop();

  std::printf(
      "%d workshops in the log, %d live\n"
      "  start-up (to /healthz): %.0f ms\n"
      "  resident memory: %ld KB after start-up; %ld KB with %d live rooms (%s loaded), "
      "%.1f ms per first welcome; %ld KB after they left (%s loaded, %s unloaded)\n",
      workshops, live, start_ms, idle_kb, live_kb, live, loaded.c_str(), welcome_ms, after_kb,
      loaded_after.c_str(), unloaded.c_str());
  std::printf(
      "RESULT {\"label\": \"many workshops\", \"workshops\": %d, \"live\": %d, \"start_ms\": %.0f, "
      "\"rss_kb_idle\": %ld, \"rss_kb_live\": %ld, \"rss_kb_after\": %ld, "
      "\"first_welcome_ms\": %.1f}\n",
      workshops, live, start_ms, idle_kb, live_kb, after_kb, welcome_ms);
  return 0;
}
