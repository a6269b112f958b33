// The server's threads as the system sees them: names and priorities.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "server/room/background_pool.h"
#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

// The nice value of each thread of process `pid`, by the thread's name.
std::map<std::string, int> NiceByThreadName(pid_t pid) {
  std::map<std::string, int> out;
  const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& task : std::filesystem::directory_iterator(tasks)) {
    std::ifstream comm_file(task.path() / "comm");
    std::string comm;
    std::getline(comm_file, comm);
    std::ifstream stat_file(task.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(stat_file)), {});
    // After "pid (comm) ", the fields from state (3rd) on: nice is the 19th.
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    for (int i = 3; i < 19; ++i) fields >> field;
    int nice = 0;
    if (fields >> nice) out[comm] = nice;
  }
  return out;
}

// Work that no client waits for runs on threads at a lower priority (background_pool.h): the
// snapshots, their checks after a load, the whole-chain check after start-up. A load, which a
// client waits for, keeps the process's.
TEST(BackgroundThreads, YieldToTheRestAndAreNamed) {
  LiveWorkshop w(IdeationConfig());
  // Each pool names its thread from a first task: given a moment on a busy machine.
  std::map<std::string, int> nice;
  for (int tries = 0; tries < 50; ++tries) {
    nice = NiceByThreadName(w.server().pid());
    if (nice.contains("atelier-snap") && nice.contains("atelier-checks") &&
        nice.contains("atelier-chains") && nice.contains("atelier-loads")) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::string names;
  for (const auto& [name, value] : nice) names += name + "=" + std::to_string(value) + " ";
  const int process_nice = getpriority(PRIO_PROCESS, static_cast<id_t>(w.server().pid()));
  for (const char* background : {"atelier-snap", "atelier-checks", "atelier-chains"}) {
    ASSERT_TRUE(nice.contains(background)) << background << " not among " << names;
    EXPECT_EQ(nice.at(background), process_nice + room::kBackgroundNice) << background;
  }
  ASSERT_TRUE(nice.contains("atelier-loads")) << names;
  EXPECT_EQ(nice.at("atelier-loads"), process_nice);
}

}  // namespace
}  // namespace atelier::server_test
