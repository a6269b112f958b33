// The workshops and clients of the kill -9 soak, on one atelier-server:
// - W1, divergence: three tables and the animateur post, edit and delete ideas; an observer;
// - W2, convergence: twelve ideas, two merged into a cluster the animateur keeps renaming; two
//   tables move their points (a budget of 20);
// - W3, scoring: a table's three seats, each on a phone, score five ideas on three criteria;
//   the animateur and the table's tablet only watch.
// Thirteen real clients (SoakClient), each run on its own thread during a cycle.
//
// Errors while setting up (a refused Hello, a refused set-up command) are test failures
// (ADD_FAILURE); ok() says whether the fleet is whole. Thread-compatible: one test thread drives
// it; Start runs the clients on threads of their own until Join.
#ifndef ATELIER_TESTS_SOAK_SOAK_FLEET_H_
#define ATELIER_TESTS_SOAK_SOAK_FLEET_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <expected>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "atelier/v1/api.pb.h"
#include "tests/integration/server_process.h"
#include "tests/soak/log_audit.h"
#include "tests/soak/soak_client.h"

namespace atelier::soak {

class SoakFleet {
 public:
  // Creates the workshops on the running `server`, joins every client and sets the phases.
  // Each client's random choices are seeded from `rng`.
  SoakFleet(const testing::ServerProcess& server, std::mt19937_64& rng);
  ~SoakFleet();  // joins the threads of a Start without Join

  bool ok() const { return ok_; }
  const std::vector<v1::CreateWorkshopResponse>& workshops() const { return workshops_; }
  std::vector<std::string> workshop_ids() const;
  const std::vector<std::unique_ptr<SoakClient>>& clients() const { return clients_; }

  // Every client's Run on a thread of its own, with plans[i] for clients()[i]; `stop` and
  // `killing` must outlive Join().
  void Start(int cycle, const std::vector<SoakClient::Plan>& plans, const std::atomic<bool>& stop,
             const std::atomic<bool>& killing);
  void Join();
  // While started: commands accepted so far (all clients); whether every client has sent its
  // burst and had every answer, or lost its connection.
  size_t Accepted() const;
  bool BurstsDone() const;

  // After a kill: SoakClient::MarkKilled, then NoteLogged from the log as `audit` read it.
  void MarkKilled();
  void NoteLogged(const LogAudit& audit);

  // Every client resumes on the restarted server; the first error, if any.
  std::expected<void, std::string> Reconnect(const std::string& host, uint16_t port);
  // Every client retries (SoakClient::Retry, samples[i] for clients()[i]), all at once.
  void Retry(int cycle, const std::vector<size_t>& samples, std::chrono::milliseconds timeout);

  // The clients' problems not returned before.
  std::vector<std::string> TakeProblems();
  // One sentence of figures: commands sent, accepted, refused, unanswered at a kill, ...
  std::string Figures() const;

 private:
  // Connects, says Hello and makes a client of it; null (and a test failure) when refused.
  SoakClient* Connect(const std::string& name, const v1::Hello& hello,
                      std::unique_ptr<Workload> workload);
  SoakClient* ConnectAnimateur(const std::string& name, const v1::CreateWorkshopResponse& w,
                               std::unique_ptr<Workload> workload);
  SoakClient* ConnectTable(const std::string& name, const v1::CreateWorkshopResponse& w,
                           std::unique_ptr<Workload> workload);
  v1::CreateWorkshopResponse Create(const v1::WorkshopConfig& config,
                                    const std::vector<std::string>& ideas = {});
  void SetUp(SoakClient* client, v1::Command command);
  void SetUpIdeation();
  void SetUpConvergence();
  void SetUpEvaluation();

  const testing::ServerProcess& server_;
  std::mt19937_64& rng_;
  bool ok_ = true;
  std::vector<v1::CreateWorkshopResponse> workshops_;
  std::vector<std::unique_ptr<SoakClient>> clients_;
  std::vector<size_t> reported_;  // per client: problems already returned
  std::map<std::string, uint64_t> set_up_seq_;  // per workshop: the last set-up command's seq
  std::vector<std::thread> threads_;
};

}  // namespace atelier::soak

#endif  // ATELIER_TESTS_SOAK_SOAK_FLEET_H_
