// The real server with a configuration file (--config): it starts with what the file sets, the
// command line winning, and refuses to start on a wrong line, naming it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/integration/server_process.h"

namespace atelier::server_test {
namespace {

namespace fs = std::filesystem;

struct ConfigDir {
  ConfigDir() : path(fs::temp_directory_path() / ("atelier-config-" + std::to_string(getpid()))) {
    fs::create_directories(path);
  }
  ~ConfigDir() { fs::remove_all(path); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(path / name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  fs::path path;
};

TEST(ServerConfig, TheServerStartsWithItsFileTheCommandLineWinning) {
  ConfigDir dir;
  testing::ServerOptions options;
  // The file's listen address would fail (port 1 is privileged); the command line's wins.
  options.extra_args = {"--config", dir.Write("atelier.conf",
                                              "# test\nlisten = 127.0.0.1:1\n"
                                              "retention-days = 7\nthreads = 1\n")};
  options.stderr_file = (dir.path / "stderr").string();
  auto server = testing::ServerProcess::Start(options);
  ASSERT_TRUE(server) << server.error() << dir.Read("stderr");
  EXPECT_NE(dir.Read("stderr").find("retention: each workshop is deleted 7 days"),
            std::string::npos)
      << dir.Read("stderr");
  auto stopped = (*server)->Stop();
  ASSERT_TRUE(stopped) << stopped.error();
  EXPECT_EQ(*stopped, 0);
}

TEST(ServerConfig, AWrongLineStopsTheStartNamingTheLine) {
  ConfigDir dir;
  testing::ServerOptions options;
  options.extra_args = {"--config", dir.Write("atelier.conf", "threads = 2\nlisen = 0.0.0.0:80\n")};
  options.stderr_file = (dir.path / "stderr").string();
  options.start_timeout = std::chrono::seconds(10);
  auto server = testing::ServerProcess::Start(options);
  EXPECT_FALSE(server) << "started with an unknown setting";
  EXPECT_NE(dir.Read("stderr").find("atelier.conf:2: unknown setting 'lisen'"), std::string::npos)
      << dir.Read("stderr");

  options.extra_args = {"--config", (dir.path / "missing.conf").string()};
  server = testing::ServerProcess::Start(options);
  EXPECT_FALSE(server) << "started without its configuration file";
  EXPECT_NE(dir.Read("stderr").find("cannot read the configuration file"), std::string::npos)
      << dir.Read("stderr");
}

}  // namespace
}  // namespace atelier::server_test
