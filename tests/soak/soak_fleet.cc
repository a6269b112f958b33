#include "tests/soak/soak_fleet.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "clients/client/http_client.h"
#include "clients/client/workshop_api.h"
#include "tests/workshop/test_support.h"

namespace atelier::soak {
namespace {

using namespace std::chrono_literals;
using workshop::testing::EvaluationConfig;
using workshop::testing::IdeationConfig;
using workshop::testing::MergeCmd;
using workshop::testing::SetPhaseCmd;

}  // namespace

SoakFleet::SoakFleet(const testing::ServerProcess& server, std::mt19937_64& rng)
    : server_(server), rng_(rng) {
  SetUpIdeation();
  if (ok_) SetUpConvergence();
  if (ok_) SetUpEvaluation();
  for (const auto& c : clients_) {
    if (!ok_) break;
    if (auto seen = c->CatchUp(set_up_seq_[c->trace().workshop_id]); !seen) {
      ADD_FAILURE() << seen.error();
      ok_ = false;
    }
  }
}

SoakFleet::~SoakFleet() { Join(); }

std::vector<std::string> SoakFleet::workshop_ids() const {
  std::vector<std::string> ids;
  for (const v1::CreateWorkshopResponse& w : workshops_) ids.push_back(w.workshop_id());
  return ids;
}

v1::CreateWorkshopResponse SoakFleet::Create(const v1::WorkshopConfig& config,
                                             const std::vector<std::string>& ideas) {
  v1::CreateWorkshopRequest request;
  *request.mutable_workshop()->mutable_config() = config;
  for (const std::string& text : ideas) request.mutable_workshop()->add_ideas()->set_text(text);
  auto created =
      client::CreateWorkshop(client::HttpClient(server_.host(), server_.port()), request);
  if (!created) {
    ADD_FAILURE() << "creating a workshop: " << created.error();
    ok_ = false;
    return {};
  }
  workshops_.push_back(*created);
  return *created;
}

SoakClient* SoakFleet::Connect(const std::string& name, const v1::Hello& hello,
                               std::unique_ptr<Workload> workload) {
  auto connection = std::make_unique<client::Connection>();
  auto connected = connection->Connect(server_.host(), server_.port());
  std::expected<v1::Welcome, std::string> welcome =
      connected ? connection->Hello(hello) : std::unexpected(connected.error());
  if (!welcome) {
    ADD_FAILURE() << name << ": " << welcome.error();
    ok_ = false;
    return nullptr;
  }
  clients_.push_back(std::make_unique<SoakClient>(name, std::move(connection), *welcome,
                                                  std::move(workload), rng_()));
  reported_.push_back(0);
  return clients_.back().get();
}

SoakClient* SoakFleet::ConnectAnimateur(const std::string& name,
                                        const v1::CreateWorkshopResponse& w,
                                        std::unique_ptr<Workload> workload) {
  v1::Hello hello;
  hello.set_workshop_id(w.workshop_id());
  hello.set_animateur_token(w.animateur_token());
  return Connect(name, hello, std::move(workload));
}

SoakClient* SoakFleet::ConnectTable(const std::string& name, const v1::CreateWorkshopResponse& w,
                                    std::unique_ptr<Workload> workload) {
  v1::Hello hello;
  hello.set_join_code(w.join_code());
  hello.set_table_name(name);
  return Connect(name, hello, std::move(workload));
}

void SoakFleet::SetUp(SoakClient* client, v1::Command command) {
  if (client == nullptr || !ok_) return;
  auto done = client->Execute(std::move(command));
  if (!done) {
    ADD_FAILURE() << client->trace().name << ": " << done.error();
    ok_ = false;
    return;
  }
  uint64_t& last = set_up_seq_[client->trace().workshop_id];
  last = std::max(last, *done);
}

void SoakFleet::SetUpIdeation() {
  const v1::CreateWorkshopResponse w = Create(IdeationConfig());
  if (!ok_) return;
  SoakClient* animateur = ConnectAnimateur("W1 animateur", w, IdeaWriter("Animateur"));
  for (int t = 1; t <= 3; ++t) {
    const std::string name = "W1 table " + std::to_string(t);
    ConnectTable(name, w, IdeaWriter(name));
  }
  v1::Hello observer;
  observer.set_observer_code(w.observer_code());
  Connect("W1 observer", observer, Reader());
  SetUp(animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
}

void SoakFleet::SetUpConvergence() {
  std::vector<std::string> ideas;
  for (int i = 1; i <= 12; ++i) ideas.push_back("Proposition " + std::to_string(i));
  // A budget of 20 rather than 30: with 3 points at most on each of 11 targets, some votes go
  // over it and are refused.
  v1::WorkshopConfig config = IdeationConfig();
  config.set_budget_per_table(20);
  const v1::CreateWorkshopResponse w = Create(config, ideas);
  if (!ok_) return;
  SoakClient* animateur = ConnectAnimateur("W2 animateur", w, ClusterRenamer());
  ConnectTable("W2 table 1", w, Voter());
  ConnectTable("W2 table 2", w, Voter());
  SetUp(animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  SetUp(animateur, MergeCmd({1, 2}, "Ouvrir la salle"));  // the seeded ideas are 1 to 12
  SetUp(animateur, SetPhaseCmd(v1::PHASE_GROUPING));
  SetUp(animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
}

void SoakFleet::SetUpEvaluation() {
  const v1::CreateWorkshopResponse w =
      Create(EvaluationConfig(), {"Hébergement chez l'habitant", "Cours de français gratuits",
                                  "Parrainage par des familles", "Accès aux sports",
                                  "Un lieu d'accueil en centre-ville"});
  if (!ok_) return;
  SoakClient* animateur = ConnectAnimateur("W3 animateur", w, Reader());
  SoakClient* table = ConnectTable("W3 table", w, Reader());
  if (table == nullptr) return;
  for (uint32_t seat = 1; seat <= 3; ++seat) {
    v1::Hello hello;
    hello.set_join_code(w.join_code());
    hello.set_table_id(table->trace().actor.table_id());
    hello.set_seat_number(seat);
    Connect("W3 seat " + std::to_string(seat), hello, Scorer());
  }
  SetUp(animateur, SetPhaseCmd(v1::PHASE_SCORING));
}

void SoakFleet::Start(int cycle, const std::vector<SoakClient::Plan>& plans,
                      const std::atomic<bool>& stop, const std::atomic<bool>& killing) {
  for (size_t i = 0; i < clients_.size(); ++i) {
    threads_.emplace_back([&, i, cycle] { clients_[i]->Run(cycle, plans.at(i), stop, killing); });
  }
}

void SoakFleet::Join() {
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

size_t SoakFleet::Accepted() const {
  size_t total = 0;
  for (const auto& c : clients_) total += c->accepted();
  return total;
}

bool SoakFleet::BurstsDone() const {
  return std::ranges::all_of(clients_, [](const auto& c) { return c->burst_done() || c->lost(); });
}

void SoakFleet::MarkKilled() {
  for (const auto& c : clients_) c->MarkKilled();
}

void SoakFleet::NoteLogged(const LogAudit& audit) {
  for (const auto& c : clients_) {
    c->NoteLogged([&](const std::string& id) {
      return audit.Find(c->trace().workshop_id, c->trace().actor, id);
    });
  }
}

std::expected<void, std::string> SoakFleet::Reconnect(const std::string& host, uint16_t port) {
  for (const auto& c : clients_) {
    if (auto back = c->Reconnect(host, port); !back) return back;
  }
  return {};
}

void SoakFleet::Retry(int cycle, const std::vector<size_t>& samples,
                      std::chrono::milliseconds timeout) {
  for (size_t i = 0; i < clients_.size(); ++i) {
    threads_.emplace_back([&, i] { clients_[i]->Retry(cycle, samples.at(i), timeout); });
  }
  Join();
}

std::vector<std::string> SoakFleet::TakeProblems() {
  std::vector<std::string> fresh;
  for (size_t i = 0; i < clients_.size(); ++i) {
    const std::vector<std::string>& all = clients_[i]->problems();
    fresh.insert(fresh.end(), all.begin() + static_cast<ptrdiff_t>(reported_[i]), all.end());
    reported_[i] = all.size();
  }
  return fresh;
}

std::string SoakFleet::Figures() const {
  size_t sent = 0, accepted = 0, rejected = 0, unanswered = 0, applied = 0, retried = 0,
         duplicates = 0, resumes = 0, snapshots = 0, late = 0;
  std::map<std::string, size_t> reasons;
  for (const auto& c : clients_) {
    for (const auto& [id, record] : c->trace().commands) {
      ++sent;
      accepted += record.state == CommandRecord::State::kAccepted;
      if (record.state == CommandRecord::State::kRejected) {
        ++rejected;
        ++reasons[v1::RejectionReason_Name(record.reason)];
      }
      unanswered += record.kills_in_flight > 0;
      applied += record.applied_before_answer;
    }
    retried += c->retried();
    duplicates += c->retried_duplicates();
    resumes += c->resumes();
    snapshots += c->resumes_with_snapshot();
    late += c->late_answers();
  }
  std::ostringstream text;
  text << sent << " commands (" << accepted << " accepted, " << rejected << " refused:";
  for (const auto& [reason, count] : reasons) text << " " << count << " " << reason;
  text << "), " << late
       << " answers read after the kill (sent before it), " << unanswered
       << " unanswered at a kill (" << applied << " of them found applied), " << retried
       << " retries (" << duplicates << " answered as duplicates of their first seq), " << resumes
       << " resumes (" << snapshots << " with a snapshot, the others with the events missed)";
  return text.str();
}

}  // namespace atelier::soak
