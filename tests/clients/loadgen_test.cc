// The load generator against the real atelier-server: its runs complete with every client
// receiving every idea exactly once (a short broadcast with observers, a reconnect storm, idle
// connections), and its exactly-once check does catch a client that missed or repeated events.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "clients/loadgen/report.h"
#include "clients/loadgen/runs.h"
#include "clients/loadgen/usage.h"
#include "tests/integration/server_process.h"

namespace atelier::testing {
namespace {

using loadgen::RunOptions;

// The load generator is many tablets on one address, joining and sending far faster than a
// room: the server's per-address and per-connection limits are lifted for it (as
// bench/system/run.sh does).
ServerOptions LoadServer() {
  ServerOptions options;
  options.extra_args = {"--hello-rate", "off", "--table-rate", "off", "--command-rate", "off",
                        "--max-connections-per-address", "1000000"};
  return options;
}

RunOptions SmallRun(const ServerProcess& server) {
  RunOptions o;
  o.target.host = server.host();
  o.target.port = server.port();
  o.workshops = 2;
  o.tables = 12;
  o.observers = 2;
  o.senders = 3;
  o.window = 2;
  o.warmup_s = 0.2;
  o.duration_s = 0.8;
  o.server_pid = server.pid();
  return o;
}

TEST(Loadgen, BroadcastDeliversEveryIdeaToEveryClientOnce) {
  auto server = ServerProcess::Start(LoadServer());
  ASSERT_TRUE(server) << server.error();
  EXPECT_EQ(loadgen::RunBroadcast(SmallRun(**server)), 0);
}

TEST(Loadgen, BroadcastAtAFixedRate) {
  auto server = ServerProcess::Start(LoadServer());
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.rate = 200;
  EXPECT_EQ(loadgen::RunBroadcast(o), 0);
}

// With one I/O thread the server skips strands and writes deliveries straight into the
// connections' queues: the same guarantees must hold.
ServerOptions OneIoThread() {
  ServerOptions options = LoadServer();
  options.threads = 1;
  return options;
}

TEST(Loadgen, BroadcastOnOneIoThread) {
  auto server = ServerProcess::Start(OneIoThread());
  ASSERT_TRUE(server) << server.error();
  EXPECT_EQ(loadgen::RunBroadcast(SmallRun(**server)), 0);
}

TEST(Loadgen, StormOnOneIoThread) {
  auto server = ServerProcess::Start(OneIoThread());
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.tables = 40;
  o.rate = 300;
  EXPECT_EQ(loadgen::RunStorm(o), 0);
}

TEST(Loadgen, RealisticOnOneIoThread) {
  auto server = ServerProcess::Start(OneIoThread());
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.tables = 8;
  o.speed = 200;
  EXPECT_EQ(loadgen::RunRealistic(o), 0);
}

TEST(Loadgen, EveryoneResumesAfterAStormWithoutGapOrRepeat) {
  auto server = ServerProcess::Start(LoadServer());
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.tables = 40;
  o.rate = 300;
  EXPECT_EQ(loadgen::RunStorm(o), 0);
}

TEST(Loadgen, IdleConnectionsAreAllLive) {
  auto server = ServerProcess::Start(LoadServer());
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.workshops = 4;
  o.tables = 50;
  EXPECT_EQ(loadgen::RunConnections(o), 0);
}

// The idle mode: WebSockets opened and left silent; the server's memory read around them.
// Atelier drops a connection that sends no Hello after --hello-timeout: with it longer than the
// run every connection stays open and the run passes; with it shorter than the run's settling
// the server drops them and the run fails (a server that shed connections would look cheaper).
TEST(Loadgen, IdleConnectionsStayOpenWhileTheServerIsWeighed) {
  ServerOptions options = LoadServer();
  options.extra_args.insert(options.extra_args.end(), {"--hello-timeout", "600"});
  auto server = ServerProcess::Start(options);
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.workshops = 1;
  o.tables = 300;
  o.connect_parallel = 64;
  EXPECT_EQ(loadgen::RunIdle(o), 0);
}

TEST(Loadgen, AnIdleRunFailsWhenTheServerDropsItsConnections) {
  ServerOptions options = LoadServer();
  options.extra_args.insert(options.extra_args.end(), {"--hello-timeout", "1"});
  auto server = ServerProcess::Start(options);
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.workshops = 1;
  o.tables = 20;
  EXPECT_EQ(loadgen::RunIdle(o), 1);
}

TEST(Loadgen, AnIdleRunNeedsTheServersPid) {
  auto server = ServerProcess::Start(LoadServer());
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.server_pid = 0;
  EXPECT_EQ(loadgen::RunIdle(o), 2);
}

TEST(Loadgen, RealisticWorkshopsPlayThroughToTheReveal) {
  auto server = ServerProcess::Start(LoadServer());
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.tables = 8;
  o.speed = 200;  // the 8-minute script in 2.4 s
  EXPECT_EQ(loadgen::RunRealistic(o), 0);
}

TEST(Loadgen, ConnectionsThatCannotBeMadeFailTheRun) {
  auto server = ServerProcess::Start(LoadServer());
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.tables = 20;
  ASSERT_TRUE((*server)->Stop());
  o.target.atelier = false;  // nothing to create: the run goes straight to connecting
  EXPECT_EQ(loadgen::RunConnections(o), 1);
}

// A small peak: tablets, their phones and an observer; every phone scores every idea on every
// criterion, each score accepted and seen by the phone, its tablet and the animateur.
TEST(Loadgen, PeakEveryPhoneScoresEverythingAndEachScoreIsAccepted) {
  auto server = ServerProcess::Start(LoadServer());
  ASSERT_TRUE(server) << server.error();
  RunOptions o = SmallRun(**server);
  o.workshops = 1;
  o.tables = 4;
  o.observers = 1;
  o.seats = 3;
  o.ideas = 3;
  o.criteria = 2;
  o.peak_s = 60;
  o.speed = 60;  // one second
  EXPECT_EQ(loadgen::RunPeak(o), 0);
}

TEST(LoadgenCheck, FindsMissedAndRepeatedIdeas) {
  boost::asio::io_context ioc;
  loadgen::Fleet fleet(ioc, loadgen::ServerTarget{});
  fleet.workshops().resize(2);
  fleet.workshops()[0].ideas_accepted = 5;
  fleet.AddMembers(2, 0);
  for (loadgen::Member& m : fleet.members()) {
    m.welcomed = true;
    m.ideas_seen = 5;
  }
  auto check = loadgen::CheckDelivery(fleet);
  EXPECT_TRUE(check.complete);
  EXPECT_EQ(check.misses, 0u);

  fleet.members()[1].ideas_seen = 3;  // workshop 0's second table missed two
  fleet.members()[2].repeats = 1;
  check = loadgen::CheckDelivery(fleet);
  EXPECT_FALSE(check.complete);
  EXPECT_EQ(check.misses, 2u);
  EXPECT_EQ(check.repeats, 1u);

  fleet.members()[1].ideas_seen = 5;
  fleet.members()[3].ideas_seen = 6;  // workshop 1: the room delivered 6, one member has 5
  check = loadgen::CheckDelivery(fleet);
  EXPECT_EQ(check.misses, 1u);
}

// What a run reports of the server comes from the server itself: its round stages and writes
// (its /metrics), its CPU, and every core's busy time.
TEST(LoadgenUsage, ReadsTheServersRoundStagesItsWritesAndTheCores) {
  auto server = ServerProcess::Start(LoadServer());
  ASSERT_TRUE(server) << server.error();
  const RunOptions o = SmallRun(**server);
  const loadgen::UseSample before = loadgen::SampleUse(o.server_pid, &o.target);
  ASSERT_EQ(loadgen::RunBroadcast(o), 0);
  const loadgen::UseSample after = loadgen::SampleUse(o.server_pid, &o.target);
  ASSERT_TRUE(before.server && after.server);
  EXPECT_GT(after.server->cpu_seconds, before.server->cpu_seconds);
  EXPECT_GT(after.self_cpu_seconds, before.self_cpu_seconds);
  ASSERT_FALSE(after.cores.empty());
  ASSERT_EQ(after.cores.size(), before.cores.size());
  EXPECT_GT(after.cores[0].second, before.cores[0].second);
  for (const char* name : {"atelier_round_queued_seconds", "atelier_round_decided_seconds",
                           "atelier_round_durable_seconds", "atelier_round_handed_seconds",
                           "atelier_write_wait_seconds", "atelier_write_seconds"}) {
    ASSERT_TRUE(after.histograms.contains(name)) << name;
    ASSERT_TRUE(before.histograms.contains(name)) << name;
    const loadgen::Histogram run = loadgen::Difference(after.histograms.at(name), before.histograms.at(name));
    EXPECT_GT(run.count(), 0) << name;
    EXPECT_GE(run.sum, 0) << name;
    EXPECT_LE(loadgen::Quantile(run, 0.5), loadgen::Quantile(run, 0.99)) << name;
  }
  // Every idea of the run was appended in some round, and delivered by some write.
  const loadgen::Histogram durable = loadgen::Difference(after.histograms.at("atelier_round_durable_seconds"),
                                                         before.histograms.at("atelier_round_durable_seconds"));
  const loadgen::Histogram writes = loadgen::Difference(after.histograms.at("atelier_write_seconds"),
                                                        before.histograms.at("atelier_write_seconds"));
  EXPECT_GE(writes.count(), durable.count());
}

TEST(LoadgenUsage, AQuantileIsInterpolatedWithinItsBucket) {
  const auto parsed = loadgen::ParseHistograms(
      "# TYPE atelier_x_seconds histogram\n"
      "atelier_x_seconds_bucket{le=\"0.001\"} 10\n"
      "atelier_x_seconds_bucket{le=\"0.002\"} 30\n"
      "atelier_x_seconds_bucket{le=\"+Inf\"} 40\n"
      "atelier_x_seconds_sum 0.05\n"
      "atelier_x_seconds_count 40\n"
      "atelier_connections 3\n");
  ASSERT_EQ(parsed.size(), 1u);
  const loadgen::Histogram& end = parsed.at("atelier_x_seconds");
  EXPECT_EQ(end.count(), 40);
  EXPECT_DOUBLE_EQ(end.sum, 0.05);
  EXPECT_DOUBLE_EQ(loadgen::Quantile(end, 0.25), 0.001);   // the 10th of 40: the first bound
  EXPECT_DOUBLE_EQ(loadgen::Quantile(end, 0.5), 0.0015);   // the 20th: halfway through (1, 2] ms
  EXPECT_DOUBLE_EQ(loadgen::Quantile(end, 0.99), 0.002);   // in +Inf: the last finite bound
  loadgen::Histogram start = end;
  for (auto& bucket : start.buckets) bucket.second /= 2;
  start.sum = 0.01;
  const loadgen::Histogram between = loadgen::Difference(end, start);
  EXPECT_EQ(between.count(), 20);
  EXPECT_DOUBLE_EQ(between.sum, 0.04);
  EXPECT_DOUBLE_EQ(loadgen::Quantile(loadgen::Histogram{}, 0.5), 0);
}

}  // namespace
}  // namespace atelier::testing
