// Descriptors: with the server's limit at 1,024 (systemd's usual soft limit) and 1,100 idle
// sockets held open against it, the server neither spins nor locks normal clients out.
// Twice: with the default reserve (connections are capped below the limit, idle ones evicted
// to make room) and with no reserve at all, so that accept itself runs out (EMFILE) and must
// back off rather than spin.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "clients/client/workshop_api.h"
#include "tests/server/live_workshop.h"
#include "tests/server/raw_websocket.h"

namespace atelier::server_test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kIdleSockets = 1'100;

// CPU time (user + system) the process has used, in seconds.
double CpuSeconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), {});
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  long ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stol(field);
  }
  return static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// /metrics's value of one series.
class Descriptors : public ::testing::TestWithParam<const char*> {};  // --fd-reserve

TEST_P(Descriptors, IdleSocketsPastTheLimitNeitherSpinNorLockOutNormalClients) {
#if defined(ATELIER_SANITIZED)
  if (std::string(GetParam()) == "0") {
    // UBSan checks a dynamic type by reading the memory through a pipe: in a process out of
    // descriptors it cannot make one and reports a false error. The release build runs it.
    GTEST_SKIP() << "a sanitized server cannot run out of descriptors";
  }
#endif
  rlimit mine{};
  getrlimit(RLIMIT_NOFILE, &mine);
  if (mine.rlim_max < kIdleSockets + 300) {
    GTEST_SKIP() << "this test needs " << kIdleSockets + 300 << " descriptors; the hard limit is "
                 << mine.rlim_max;
  }
  mine.rlim_cur = mine.rlim_max;
  setrlimit(RLIMIT_NOFILE, &mine);

  LiveWorkshop w(IdeationConfig(), {"--max-open-files", "1024", "--fd-reserve", GetParam()});
  std::vector<RawSocket> idle;
  for (int i = 0; i < kIdleSockets; ++i) {
    auto socket = RawSocket::Connect(w.server().host(), w.server().port());
    ASSERT_TRUE(socket) << i << ": " << socket.error();
    idle.push_back(*std::move(socket));
  }
  std::this_thread::sleep_for(seconds(2));  // the accepts and evictions settle

  const double before = CpuSeconds(w.server().pid());
  std::this_thread::sleep_for(seconds(3));
  const double used = CpuSeconds(w.server().pid()) - before;
  EXPECT_LT(used, 0.6) << "the server used " << used << " s of CPU in 3 s with idle sockets";

  // A normal client still creates a workshop and joins it.
  v1::CreateWorkshopRequest request;
  *request.mutable_workshop()->mutable_config() = IdeationConfig();
  auto created = client::CreateWorkshop(w.Http(), request);
  ASSERT_TRUE(created) << created.error();
  Connection tablet;
  ASSERT_TRUE(tablet.Connect(w.server().host(), w.server().port()));
  v1::Hello hello;
  hello.set_join_code(created->join_code());
  auto welcome = tablet.Hello(hello);
  ASSERT_TRUE(welcome) << welcome.error();
  EXPECT_EQ(welcome->role().kind(), v1::ACTOR_KIND_TABLE);

  if (std::string(GetParam()) == "0") {
    EXPECT_GT(w.Metric("atelier_refusals_total{limit=\"descriptors\"}"), 0)
        << "accept ran out of descriptors";
  } else {
    EXPECT_EQ(w.Metric("atelier_refusals_total{limit=\"descriptors\"}"), 0)
        << "the reserve kept accept from running out";
  }
  EXPECT_GT(w.Metric("atelier_idle_connections_evicted_total"), 0);
}

INSTANTIATE_TEST_SUITE_P(Reserve, Descriptors, ::testing::Values("384", "0"),
                         [](const auto& info) { return std::string("Reserve") + info.param; });

}  // namespace
}  // namespace atelier::server_test
