// A real atelier-server on loopback and the clients of one workshop, for integration tests:
// the server process (tests/integration/server_process.h), the HTTP API to create the workshop,
// and one WebSocket connection per role, each a real client (clients/client/connection.h).
#ifndef ATELIER_TESTS_SERVER_LIVE_WORKSHOP_H_
#define ATELIER_TESTS_SERVER_LIVE_WORKSHOP_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "atelier/v1/api.pb.h"
#include "clients/client/connection.h"
#include "clients/client/http_client.h"
#include "tests/integration/server_process.h"
#include "tests/workshop/test_support.h"

namespace atelier::server_test {

namespace v1 = ::atelier::v1;
using client::Connection;

// The reference workshops' configurations, shared with the domain's tests.
using workshop::testing::EvaluationConfig;
using workshop::testing::IdeationConfig;
using workshop::testing::Prolific;

class LiveWorkshop {
 public:
  // Starts a server (extra arguments appended) and creates a workshop with `config`.
  explicit LiveWorkshop(const v1::WorkshopConfig& config, std::vector<std::string> server_args = {},
                        std::vector<std::string> ideas = {});

  testing::ServerProcess& server() { return *server_; }
  const v1::CreateWorkshopResponse& created() const { return created_; }
  client::HttpClient Http() const { return client::HttpClient(server_->host(), server_->port()); }
  // The value of one /metrics series, labels included (atelier_refusals_total{limit="origin"});
  // -1 when absent.
  long Metric(const std::string& series) const;

  std::unique_ptr<Connection> Animateur(uint64_t last_seq = 0);
  std::unique_ptr<Connection> Observer(uint64_t last_seq = 0);
  // A new tablet: joins with the code, gets the next free table.
  std::unique_ptr<Connection> NewTable(const std::string& name = "");
  // A personal phone taking a seat of a table.
  std::unique_ptr<Connection> NewSeat(uint32_t table_id, uint32_t seat_number);
  std::unique_ptr<Connection> Connect();

  // Runs a command that must be accepted; returns the event's seq.
  static uint64_t Accept(Connection& connection, v1::Command command);
  // Runs a command that must be rejected; returns the rejection.
  static v1::Rejection Reject(Connection& connection, v1::Command command);

  // Reads messages until one satisfies `match`, or fails the test after the timeout.
  static v1::ServerMessage WaitFor(Connection& connection,
                                   const std::function<bool(const v1::ServerMessage&)>& match,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Every event received until `seq` has been seen (through_seq reaches it).
  static std::vector<v1::Event> EventsThrough(Connection& connection, uint64_t seq);

  std::expected<v1::Results, std::string> ResultsAsAnimateur();

 private:
  std::unique_ptr<testing::ServerProcess> server_;
  v1::CreateWorkshopResponse created_;
};

// Command builders, shared with the domain's tests.
using workshop::testing::MergeCmd;
using workshop::testing::PostIdeaCmd;
using workshop::testing::ScoreCmd;
using workshop::testing::SetPhaseCmd;
using workshop::testing::SetPointsCmd;

}  // namespace atelier::server_test

#endif  // ATELIER_TESTS_SERVER_LIVE_WORKSHOP_H_
