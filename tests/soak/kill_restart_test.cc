// kill -9 under load, repeated (issue 10, "Faults"): the real atelier-server, three workshops
// and thirteen real clients sending commands with many in flight; at a random moment the
// server is killed (SIGKILL), its log read back and checked (log_audit.h), the server started
// again on the same data directory, the clients resume and retry with the same ids every
// command that had no answer and a sample of those that had one. Then again.
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
#include "clients/client/http_client.h"
#include "clients/client/workshop_api.h"
#include "tests/integration/server_process.h"
#include "tests/soak/log_audit.h"
#include "tests/soak/soak_client.h"
#include "tests/soak/workload.h"
#include "tests/workshop/test_support.h"

namespace atelier::soak {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using workshop::testing::EvaluationConfig;
using workshop::testing::IdeationConfig;
using workshop::testing::MergeCmd;
using workshop::testing::SetPhaseCmd;

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

template <class T>
T Uniform(std::mt19937_64& rng, T low, T high) {
  return std::uniform_int_distribution<T>(low, high)(rng);
}

enum class KillMoment { kMidBurst, kAfterBurst, kWhileIdle };

const char* Name(KillMoment moment) {
  switch (moment) {
    case KillMoment::kMidBurst:
      return "in the middle of a burst";
    case KillMoment::kAfterBurst:
      return "right after a burst";
    case KillMoment::kWhileIdle:
      return "while idle";
  }
  return "?";
}

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
    ASSERT_NO_FATAL_FAILURE(SetUpIdeation());
    ASSERT_NO_FATAL_FAILURE(SetUpConvergence());
    ASSERT_NO_FATAL_FAILURE(SetUpEvaluation());
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

  v1::CreateWorkshopResponse Create(const v1::WorkshopConfig& config,
                                    const std::vector<std::string>& ideas = {}) {
    v1::CreateWorkshopRequest request;
    *request.mutable_workshop()->mutable_config() = config;
    for (const std::string& text : ideas) request.mutable_workshop()->add_ideas()->set_text(text);
    auto created =
        client::CreateWorkshop(client::HttpClient(server_->host(), server_->port()), request);
    EXPECT_TRUE(created) << created.error();
    if (!created) return {};
    workshops_.push_back(created->workshop_id());
    created_.push_back(*created);
    return *created;
  }

  // Connects, says Hello and makes a client of it; null (and a test failure) when refused.
  SoakClient* Join(const std::string& name, const v1::Hello& hello,
                   std::unique_ptr<Workload> workload) {
    auto connection = std::make_unique<client::Connection>();
    auto connected = connection->Connect(server_->host(), server_->port());
    EXPECT_TRUE(connected) << name << ": " << connected.error();
    if (!connected) return nullptr;
    auto welcome = connection->Hello(hello);
    EXPECT_TRUE(welcome) << name << ": " << welcome.error();
    if (!welcome) return nullptr;
    clients_.push_back(std::make_unique<SoakClient>(name, std::move(connection), *welcome,
                                                    std::move(workload), rng_()));
    return clients_.back().get();
  }

  SoakClient* JoinAnimateur(const std::string& name, const v1::CreateWorkshopResponse& w,
                            std::unique_ptr<Workload> workload) {
    v1::Hello hello;
    hello.set_workshop_id(w.workshop_id());
    hello.set_animateur_token(w.animateur_token());
    return Join(name, hello, std::move(workload));
  }

  SoakClient* JoinTable(const std::string& name, const v1::CreateWorkshopResponse& w,
                        std::unique_ptr<Workload> workload) {
    v1::Hello hello;
    hello.set_join_code(w.join_code());
    hello.set_table_name(name);
    return Join(name, hello, std::move(workload));
  }

  static void Setup(SoakClient* client, v1::Command command) {
    ASSERT_NE(client, nullptr);
    auto done = client->Execute(std::move(command));
    ASSERT_TRUE(done) << client->trace().name << ": " << done.error();
  }

  // W1, divergence: three tables and the animateur post, edit and delete ideas; an observer.
  void SetUpIdeation() {
    const v1::CreateWorkshopResponse w = Create(IdeationConfig());
    ASSERT_FALSE(w.workshop_id().empty());
    SoakClient* animateur = JoinAnimateur("W1 animateur", w, IdeaWriter("Animateur"));
    for (int t = 1; t <= 3; ++t) {
      const std::string name = "W1 table " + std::to_string(t);
      ASSERT_NE(JoinTable(name, w, IdeaWriter(name)), nullptr);
    }
    v1::Hello observer;
    observer.set_observer_code(w.observer_code());
    ASSERT_NE(Join("W1 observer", observer, Reader()), nullptr);
    Setup(animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  }

  // W2, convergence: twelve ideas, two merged into a cluster the animateur keeps renaming; two
  // tables move their points.
  void SetUpConvergence() {
    std::vector<std::string> ideas;
    for (int i = 1; i <= 12; ++i) ideas.push_back("Proposition " + std::to_string(i));
    const v1::CreateWorkshopResponse w = Create(IdeationConfig(), ideas);
    ASSERT_FALSE(w.workshop_id().empty());
    SoakClient* animateur = JoinAnimateur("W2 animateur", w, ClusterRenamer());
    ASSERT_NE(JoinTable("W2 table 1", w, Voter()), nullptr);
    ASSERT_NE(JoinTable("W2 table 2", w, Voter()), nullptr);
    Setup(animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
    Setup(animateur, MergeCmd({1, 2}, "Ouvrir la salle"));
    Setup(animateur, SetPhaseCmd(v1::PHASE_GROUPING));
    Setup(animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
  }

  // W3, scoring: a table's three seats, each on a phone, score five ideas on three criteria;
  // the animateur and the table's tablet only watch.
  void SetUpEvaluation() {
    const v1::CreateWorkshopResponse w =
        Create(EvaluationConfig(), {"Hébergement chez l'habitant", "Cours de français gratuits",
                                    "Parrainage par des familles", "Accès aux sports",
                                    "Un lieu d'accueil en centre-ville"});
    ASSERT_FALSE(w.workshop_id().empty());
    SoakClient* animateur = JoinAnimateur("W3 animateur", w, Reader());
    SoakClient* table = JoinTable("W3 table", w, Reader());
    ASSERT_NE(table, nullptr);
    for (uint32_t seat = 1; seat <= 3; ++seat) {
      v1::Hello hello;
      hello.set_join_code(w.join_code());
      hello.set_table_id(table->trace().actor.table_id());
      hello.set_seat_number(seat);
      ASSERT_NE(Join("W3 seat " + std::to_string(seat), hello, Scorer()), nullptr);
    }
    Setup(animateur, SetPhaseCmd(v1::PHASE_SCORING));
  }

  size_t Accepted() const {
    size_t total = 0;
    for (const auto& c : clients_) total += c->accepted();
    return total;
  }

  // Runs every client until the kill, at the moment chosen, then kills the server.
  void LoadAndKill(int cycle) {
    const auto moment = static_cast<KillMoment>(Uniform(rng_, 0, 2));
    const bool mid_burst = moment == KillMoment::kMidBurst;
    const size_t target = Accepted() + Uniform<size_t>(rng_, 1, 400);
    std::vector<SoakClient::Plan> plans;
    for (size_t i = 0; i < clients_.size(); ++i) {
      SoakClient::Plan plan;
      plan.window = Uniform<size_t>(rng_, 1, SoakClient::kMaxInFlight);
      if (!mid_burst) plan.burst = Uniform<size_t>(rng_, 1, 60);
      plans.push_back(plan);
    }
    const auto pause = std::chrono::milliseconds(
        mid_burst ? Uniform(rng_, 0, 30) : moment == KillMoment::kWhileIdle ? Uniform(rng_, 20, 400) : 0);

    std::atomic<bool> stop{false};
    std::atomic<bool> killing{false};
    std::vector<std::thread> threads;
    for (size_t i = 0; i < clients_.size(); ++i) {
      threads.emplace_back(
          [&, i] { clients_[i]->Run(cycle, plans[i], stop, killing); });
    }
    const auto deadline = Clock::now() + 120s;
    auto ready = [&] {
      bool all_done = true;
      for (const auto& c : clients_) all_done = all_done && (c->burst_done() || c->lost());
      return mid_burst ? Accepted() >= target || all_done : all_done;
    };
    while (!ready() && Clock::now() < deadline) std::this_thread::sleep_for(1ms);
    if (!ready()) {
      ADD_FAILURE() << "cycle " << cycle << ": the clients made no progress in 120 s ("
                    << Accepted() << " commands accepted); " << Replay();
    }
    std::this_thread::sleep_for(pause);
    killing = true;
    server_->Kill();
    stop = true;
    for (std::thread& thread : threads) thread.join();
    ++kills_;
    moments_[static_cast<int>(moment)]++;
    for (const auto& c : clients_) c->MarkKilled();
  }

  // Reads the dead server's log, holds every client's trace against it, and tells each client
  // which of its unanswered commands the log holds.
  void Audit(const std::string& label) {
    LogAudit audit = LogAudit::Read(server_->data_dir(), workshops_, label);
    if (last_audit_) audit.CheckKept(*last_audit_);
    for (const auto& c : clients_) audit.Check(c->trace());
    for (const auto& c : clients_) {
      c->NoteLogged([&](const std::string& id) {
        return audit.Find(c->trace().workshop_id, c->trace().actor, id);
      });
    }
    Report(audit.problems());
    if (!audit.problems().empty()) KeepDataDir(label);
    events_ = audit.events();
    last_audit_ = std::move(audit);
  }

  // Right after a restart, before any client: the server serves each workshop at the head of
  // the log as it was read after the kill (a fresh animateur's snapshot is at that seq).
  void CheckServerHeads(int cycle) {
    for (const v1::CreateWorkshopResponse& w : created_) {
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

  void ReportClientProblems() {
    std::vector<std::string> fresh;
    for (size_t i = 0; i < clients_.size(); ++i) {
      const std::vector<std::string>& all = clients_[i]->problems();
      reported_.resize(clients_.size(), 0);
      fresh.insert(fresh.end(), all.begin() + static_cast<ptrdiff_t>(reported_[i]), all.end());
      reported_[i] = all.size();
    }
    Report(fresh);
  }

  void Restart(int cycle) {
    server_->set_extra_args(ServerArgs());
    auto restarted = server_->Restart();
    ASSERT_TRUE(restarted) << "cycle " << cycle << ": " << restarted.error();
  }

  void ReconnectAndRetry(int cycle) {
    for (const auto& c : clients_) {
      auto back = c->Reconnect(server_->host(), server_->port());
      ASSERT_TRUE(back) << "cycle " << cycle << ": " << back.error() << " (" << Replay() << ")";
    }
    std::vector<size_t> samples;
    for (size_t i = 0; i < clients_.size(); ++i) samples.push_back(Uniform<size_t>(rng_, 0, 8));
    std::vector<std::thread> threads;
    for (size_t i = 0; i < clients_.size(); ++i) {
      threads.emplace_back([&, i] { clients_[i]->Retry(cycle, samples[i], 120s); });
    }
    for (std::thread& thread : threads) thread.join();
  }

  void PrintFigures(std::chrono::duration<double> elapsed) const {
    size_t sent = 0, accepted = 0, rejected = 0, unanswered = 0, applied = 0, retried = 0,
           duplicates = 0, resumes = 0, snapshots = 0, late = 0;
    for (const auto& c : clients_) {
      for (const auto& [id, record] : c->trace().commands) {
        ++sent;
        accepted += record.state == CommandRecord::State::kAccepted;
        rejected += record.state == CommandRecord::State::kRejected;
        unanswered += record.kills_in_flight > 0;
        applied += record.applied_before_answer;
      }
      retried += c->retried();
      duplicates += c->retried_duplicates();
      resumes += c->resumes();
      late += c->late_answers();
      snapshots += c->resumes_with_snapshot();
    }
    std::cout << "kill -9 soak: seed " << seed_ << ": " << cycles_done_ << " cycles, " << kills_
              << " kills (" << moments_[0] << " " << Name(KillMoment::kMidBurst) << ", "
              << moments_[1] << " " << Name(KillMoment::kAfterBurst) << ", " << moments_[2]
              << " " << Name(KillMoment::kWhileIdle) << ", " << kills_ - cycles_done_
              << " during a restart), " << sent << " commands (" << accepted << " accepted, "
              << rejected << " refused), " << late
              << " answers read after the kill (sent before it), " << unanswered
              << " unanswered at a kill (" << applied
              << " of them found applied), " << retried << " retries (" << duplicates
              << " answered as duplicates of their first seq), " << resumes << " resumes ("
              << snapshots << " with a snapshot, the others with the events missed), " << events_
              << " events in the log, " << elapsed.count() << " s" << std::endl;
  }

  int cycles_ = 0;
  uint64_t seed_ = 0;
  std::mt19937_64 rng_;
  std::filesystem::path stderr_file_;
  std::unique_ptr<testing::ServerProcess> server_;
  std::vector<std::string> workshops_;
  std::vector<v1::CreateWorkshopResponse> created_;
  std::optional<LogAudit> last_audit_;  // read after the last kill
  bool kept_ = false;                   // the data directory was copied for a post-mortem
  std::vector<std::unique_ptr<SoakClient>> clients_;
  std::vector<size_t> reported_;
  int kills_ = 0;
  int cycles_done_ = 0;
  int moments_[3] = {0, 0, 0};
  size_t events_ = 0;
};

TEST_F(KillRestartSoak, EveryAcknowledgedCommandSurvivesAndEveryRetryIsAppliedOnce) {
  const auto start = Clock::now();
  for (int cycle = 1; cycle <= cycles_ && !HasFailure(); ++cycle) {
    LoadAndKill(cycle);
    ReportClientProblems();
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
    ReportClientProblems();
    if (++cycles_done_ % 10 == 0) {
      std::cout << "kill -9 soak: " << cycles_done_ << " cycles, " << kills_ << " kills, "
                << events_ << " events in the log" << std::endl;
    }
  }
  // The last retries, checked in the log of a server stopped cleanly.
  auto stopped = server_->Stop(60s);
  ASSERT_TRUE(stopped) << stopped.error();
  EXPECT_EQ(*stopped, 0);
  Audit("after the last cycle (stopped with SIGTERM)");
  PrintFigures(Clock::now() - start);
}

}  // namespace
}  // namespace atelier::soak
