// ServerProcess against a stand-in binary with the server's command-line contract
// (fake_atelier_server.cc), so that the helper is tested before and apart from the real server.
#include "tests/integration/server_process.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <filesystem>
#include <fstream>

namespace atelier::testing {
namespace {

ServerOptions Fake(std::vector<std::string> extra = {}) {
  ServerOptions options;
  options.binary = ATELIER_FAKE_SERVER_PATH;
  options.extra_args = std::move(extra);
  return options;
}

bool Accepts(uint16_t port) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  boost::system::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  return !ec;
}

int Starts(const std::string& data_dir) {
  std::ifstream file(data_dir + "/starts");
  int lines = 0;
  for (std::string line; std::getline(file, line);) ++lines;
  return lines;
}

TEST(ServerProcess, StartsOnAFreePortInAFreshDataDirectory) {
  auto server = ServerProcess::Start(Fake());
  ASSERT_TRUE(server) << server.error();
  EXPECT_GT((*server)->port(), 0);
  EXPECT_EQ((*server)->address(), "127.0.0.1:" + std::to_string((*server)->port()));
  EXPECT_TRUE(Accepts((*server)->port()));
  EXPECT_EQ(Starts((*server)->data_dir()), 1);
  auto stopped = (*server)->Stop();
  ASSERT_TRUE(stopped) << stopped.error();
  EXPECT_EQ(*stopped, 0);
  EXPECT_FALSE((*server)->running());
  EXPECT_NE((*server)->Output().find("and more output"), std::string::npos);
}

TEST(ServerProcess, StopReportsTheExitCode) {
  auto server = ServerProcess::Start(Fake({"--fake-mode", "exit3"}));
  ASSERT_TRUE(server) << server.error();
  EXPECT_EQ((*server)->Stop().value_or(-1), 3);
}

TEST(ServerProcess, RestartKeepsTheDataDirectory) {
  auto server = ServerProcess::Start(Fake());
  ASSERT_TRUE(server) << server.error();
  const std::string data_dir = (*server)->data_dir();
  ASSERT_TRUE((*server)->Restart());
  EXPECT_EQ((*server)->data_dir(), data_dir);
  EXPECT_TRUE(Accepts((*server)->port()));
  EXPECT_EQ(Starts(data_dir), 2);
}

TEST(ServerProcess, KillEndsTheProcessAndRestartComesBack) {
  auto server = ServerProcess::Start(Fake());
  ASSERT_TRUE(server) << server.error();
  const pid_t pid = (*server)->pid();
  (*server)->Kill();
  EXPECT_FALSE((*server)->running());
  EXPECT_NE(kill(pid, 0), 0);  // reaped: no such process
  ASSERT_TRUE((*server)->Restart());
  EXPECT_TRUE(Accepts((*server)->port()));
}

TEST(ServerProcess, TheDestructorRemovesTheDataDirectory) {
  std::string data_dir;
  {
    auto server = ServerProcess::Start(Fake());
    ASSERT_TRUE(server) << server.error();
    data_dir = (*server)->data_dir();
    EXPECT_TRUE(std::filesystem::exists(data_dir));
  }
  EXPECT_FALSE(std::filesystem::exists(data_dir));
}

TEST(ServerProcess, WithoutTheListeningLineStartFailsInTime) {
  ServerOptions options = Fake({"--fake-mode", "silent"});
  options.start_timeout = std::chrono::milliseconds(300);
  auto server = ServerProcess::Start(options);
  ASSERT_FALSE(server);
  EXPECT_NE(server.error().find("printed no line within 300 ms"), std::string::npos)
      << server.error();
}

TEST(ServerProcess, AMissingBinaryFailsToStart) {
  ServerOptions options;
  options.binary = "/no/such/atelier-server";
  auto server = ServerProcess::Start(options);
  ASSERT_FALSE(server);
  EXPECT_NE(server.error().find("ended before"), std::string::npos) << server.error();
}

}  // namespace
}  // namespace atelier::testing
