// kill -9 under load, repeated (issue 10, "Faults"): the real atelier-server and the thirteen
// real clients of three workshops (soak_fleet.h) sending commands with many in flight; at a
// random moment the server is killed (SIGKILL), its log read back and checked (log_audit.h),
// the server started again on the same data directory, the clients resume and retry with the
// same ids every command that had no answer and a sample of those that had one. Then again.
//
// ATELIER_SOAK_CYCLES: how many kills (default 3; `make soak`: 200). ATELIER_SOAK_SEED: the
// seed of every random choice (default: a fresh one); it is printed, and a failure names it so
// that the same choices can be played again (thread timing makes the rest vary).
//
// Nothing here asserts a timing: waits have generous deadlines and the kill moments are counted
// in acknowledged commands as well as in milliseconds.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "clients/client/connection.h"
#include "tests/integration/server_process.h"
#include "tests/soak/log_audit.h"
#include "tests/soak/soak_client.h"
#include "tests/soak/soak_fleet.h"
#include "tests/soak/workload.h"

namespace atelier::soak {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr size_t kMaxProblemsShown = 20;

uint64_t EnvNumber(const char* name, uint64_t otherwise) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return otherwise;
  char* end = nullptr;
  const unsigned long long number = std::strtoull(value, &end, 10);
  if (*end != '\0') {
    ADD_FAILURE() << name << "=" << value << " is not a number; using " << otherwise;
    return otherwise;
  }
  return number;
}

enum class KillMoment { kMidBurst, kAfterBurst, kWhileIdle };

class KillRestartSoak : public ::testing::Test {
 protected:
  void SetUp() override {
    cycles_ = static_cast<int>(EnvNumber("ATELIER_SOAK_CYCLES", 3));
    seed_ = EnvNumber("ATELIER_SOAK_SEED", std::random_device()());
    rng_.seed(seed_);
    std::cout << "kill -9 soak: seed " << seed_ << ", " << cycles_ << " cycles (replay with "
              << Replay() << ")" << std::endl;
    stderr_file_ = std::filesystem::temp_directory_path() /
                   ("atelier-kill9-" + std::to_string(getpid()) + ".err");
    std::filesystem::remove(stderr_file_);

    testing::ServerOptions options;
    options.stderr_file = stderr_file_.string();
    options.extra_args = ServerArgs();
    options.start_timeout = 60s;
    auto server = testing::ServerProcess::Start(options);
    ASSERT_TRUE(server) << server.error();
    server_ = *std::move(server);
    fleet_ = std::make_unique<SoakFleet>(*server_, rng_);
    ASSERT_TRUE(fleet_->ok());
  }

  void TearDown() override {
    if (HasFailure()) std::cout << "the server's stderr:\n" << ServerErrors() << std::endl;
    std::filesystem::remove(stderr_file_);
  }

  std::string Replay() const {
    return "ATELIER_SOAK_SEED=" + std::to_string(seed_) +
           " ATELIER_SOAK_CYCLES=" + std::to_string(cycles_);
  }

  // Varied from one start to the next: the pipelined rounds, and snapshots often enough that
  // kills land around them.
  std::vector<std::string> ServerArgs() {
    const char* kSnapshotEvery[] = {"20", "200", "10000"};
    return {"--rounds-in-flight", Uniform(rng_, 0, 1) ? "4" : "1", "--snapshot-every",
            kSnapshotEvery[Uniform(rng_, 0, 2)]};
  }

  std::string ServerErrors() const {
    std::ifstream in(stderr_file_);
    std::stringstream text;
    text << in.rdbuf();
    const std::string all = text.str();
    return all.size() > 20'000 ? "..." + all.substr(all.size() - 20'000) : all;
  }

  // Runs every client until the kill, at a moment chosen at random, then kills the server.
  void LoadAndKill(int cycle) {
    const auto moment = static_cast<KillMoment>(Uniform(rng_, 0, 2));
    const bool mid_burst = moment == KillMoment::kMidBurst;
    const size_t target = fleet_->Accepted() + Uniform<size_t>(rng_, 1, 400);
    std::vector<SoakClient::Plan> plans;
    for (size_t i = 0; i < fleet_->clients().size(); ++i) {
      SoakClient::Plan plan;
      plan.window = Uniform<size_t>(rng_, 1, SoakClient::kMaxInFlight);
      if (!mid_burst) plan.burst = Uniform<size_t>(rng_, 1, 60);
      plans.push_back(plan);
    }
    const std::chrono::milliseconds pause(mid_burst                           ? Uniform(rng_, 0, 30)
                                          : moment == KillMoment::kWhileIdle ? Uniform(rng_, 20, 400)
                                                                             : 0);
    std::atomic<bool> stop{false};
    std::atomic<bool> killing{false};
    fleet_->Start(cycle, plans, stop, killing);
    auto ready = [&] {
      return fleet_->BurstsDone() || (mid_burst && fleet_->Accepted() >= target);
    };
    for (const auto deadline = Clock::now() + 120s; !ready() && Clock::now() < deadline;) {
      std::this_thread::sleep_for(1ms);
    }
    if (!ready()) {
      ADD_FAILURE() << "cycle " << cycle << ": the clients made no progress in 120 s ("
                    << fleet_->Accepted() << " commands accepted); " << Replay();
    }
    std::this_thread::sleep_for(pause);
    killing = true;
    server_->Kill();
    stop = true;
    fleet_->Join();
    ++kills_;
    ++moments_[static_cast<int>(moment)];
    fleet_->MarkKilled();
  }

  // Reads the dead server's log, holds every client's trace against it (and against the log
  // read after the kill before), and tells each client which of its unanswered commands the log
  // holds.
  void Audit(const std::string& label) {
    LogAudit audit = LogAudit::Read(server_->data_dir(), fleet_->workshop_ids(), label);
    if (last_audit_) audit.CheckKept(*last_audit_);
    for (const auto& c : fleet_->clients()) audit.Check(c->trace());
    fleet_->NoteLogged(audit);
    Report(audit.problems());
    if (!audit.problems().empty()) KeepDataDir(label);
    events_ = audit.events();
    last_audit_ = std::move(audit);
  }

  void Restart(int cycle) {
    server_->set_extra_args(ServerArgs());
    auto restarted = server_->Restart();
    ASSERT_TRUE(restarted) << "cycle " << cycle << ": " << restarted.error();
  }

  // Right after a restart, before any client: the server serves each workshop at the head of
  // the log as it was read after the kill (a fresh animateur's snapshot is at that seq).
  void CheckServerHeads(int cycle) {
    for (const v1::CreateWorkshopResponse& w : fleet_->workshops()) {
      client::Connection connection;
      auto connected = connection.Connect(server_->host(), server_->port(), 30s);
      ASSERT_TRUE(connected) << connected.error();
      v1::Hello hello;
      hello.set_workshop_id(w.workshop_id());
      hello.set_animateur_token(w.animateur_token());
      auto welcome = connection.Hello(hello, 30s);
      ASSERT_TRUE(welcome) << "cycle " << cycle << ": " << welcome.error();
      const uint64_t logged = last_audit_->head(w.workshop_id());
      if (welcome->snapshot().seq() != logged) {
        server_->Kill();
        KeepDataDir("cycle " + std::to_string(cycle));
        FAIL() << "cycle " << cycle << ": after the restart the server serves workshop "
               << w.workshop_id() << " at seq " << welcome->snapshot().seq()
               << ", the log read after the kill ends at seq " << logged << " (" << Replay()
               << ")";
      }
      connection.Close();
    }
  }

  void ReconnectAndRetry(int cycle) {
    auto back = fleet_->Reconnect(server_->host(), server_->port());
    ASSERT_TRUE(back) << "cycle " << cycle << ": " << back.error() << " (" << Replay() << ")";
    std::vector<size_t> samples;
    for (size_t i = 0; i < fleet_->clients().size(); ++i) {
      samples.push_back(Uniform<size_t>(rng_, 0, 8));
    }
    fleet_->Retry(cycle, samples, 120s);
  }

  // A copy of the data directory of a failed run (the server is dead), for a post-mortem.
  void KeepDataDir(const std::string& when) {
    if (kept_) return;
    kept_ = true;
    const std::filesystem::path copy = std::filesystem::temp_directory_path() /
                                       ("atelier-kill9-seed-" + std::to_string(seed_));
    std::error_code error;
    std::filesystem::remove_all(copy, error);
    std::filesystem::copy(server_->data_dir(), copy, std::filesystem::copy_options::recursive,
                          error);
    std::cout << "the data directory " << when << " is kept in " << copy.string()
              << (error ? " (copy failed: " + error.message() + ")" : "") << std::endl;
  }

  // Every problem on stdout; the first ones also as test failures.
  void Report(const std::vector<std::string>& problems) {
    for (size_t i = 0; i < problems.size(); ++i) {
      if (i < kMaxProblemsShown) {
        ADD_FAILURE() << problems[i] << "\n  (" << Replay() << ")";
      } else {
        std::cout << "problem: " << problems[i] << std::endl;
      }
    }
    if (problems.size() > kMaxProblemsShown) {
      ADD_FAILURE() << problems.size() - kMaxProblemsShown << " more problems (above)";
    }
  }

  void PrintFigures(int cycles, std::chrono::duration<double> elapsed) const {
    std::cout << "kill -9 soak: seed " << seed_ << ": " << cycles << " cycles, " << kills_
              << " kills (" << moments_[0] << " in the middle of a burst, " << moments_[1]
              << " right after a burst, " << moments_[2] << " while idle, " << kills_ - cycles
              << " during a restart), " << fleet_->Figures() << ", " << events_
              << " events in the log, " << elapsed.count() << " s" << std::endl;
  }

  int cycles_ = 0;
  uint64_t seed_ = 0;
  std::mt19937_64 rng_;
  std::filesystem::path stderr_file_;
  std::unique_ptr<testing::ServerProcess> server_;
  std::unique_ptr<SoakFleet> fleet_;
  std::optional<LogAudit> last_audit_;  // read after the last kill
  bool kept_ = false;                   // the data directory was copied for a post-mortem
  int kills_ = 0;
  int moments_[3] = {0, 0, 0};
  size_t events_ = 0;
};

TEST_F(KillRestartSoak, EveryAcknowledgedCommandSurvivesAndEveryRetryIsAppliedOnce) {
  const auto start = Clock::now();
  int cycle = 0;
  while (cycle < cycles_ && !HasFailure()) {
    ++cycle;
    LoadAndKill(cycle);
    Report(fleet_->TakeProblems());
    Audit("kill " + std::to_string(kills_) + " (cycle " + std::to_string(cycle) + ")");
    ASSERT_NO_FATAL_FAILURE(Restart(cycle));
    // Now and then, killed again while it starts (verifying, loading), before any client.
    if (Uniform(rng_, 0, 9) == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(Uniform(rng_, 0, 50)));
      server_->Kill();
      ++kills_;
      Audit("kill " + std::to_string(kills_) + " (cycle " + std::to_string(cycle) +
            ", during the restart)");
      ASSERT_NO_FATAL_FAILURE(Restart(cycle));
    }
    ASSERT_NO_FATAL_FAILURE(CheckServerHeads(cycle));
    ASSERT_NO_FATAL_FAILURE(ReconnectAndRetry(cycle));
    Report(fleet_->TakeProblems());
    if (cycle % 10 == 0) {
      std::cout << "kill -9 soak: " << cycle << " cycles, " << kills_ << " kills, " << events_
                << " events in the log" << std::endl;
    }
  }
  // The last retries, checked in the log of a server stopped cleanly.
  auto stopped = server_->Stop(60s);
  ASSERT_TRUE(stopped) << stopped.error();
  EXPECT_EQ(*stopped, 0);
  Audit("after the last cycle (stopped with SIGTERM)");
  PrintFigures(cycle, Clock::now() - start);
}

}  // namespace
}  // namespace atelier::soak
