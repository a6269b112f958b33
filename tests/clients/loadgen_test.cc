// The load generator against the real atelier-server: its runs complete with every client
// receiving every idea exactly once (a short broadcast with observers, a reconnect storm, idle
// connections), and its exactly-once check does catch a client that missed or repeated events.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "clients/loadgen/report.h"
#include "clients/loadgen/runs.h"
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

}  // namespace
}  // namespace atelier::testing
