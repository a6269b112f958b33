#include "tests/server/live_workshop.h"

#include "clients/client/workshop_api.h"

namespace atelier::server_test {

LiveWorkshop::LiveWorkshop(const v1::WorkshopConfig& config, std::vector<std::string> server_args,
                           std::vector<std::string> ideas) {
  testing::ServerOptions options;
  options.extra_args = std::move(server_args);
  auto server = testing::ServerProcess::Start(options);
  if (!server) {
    ADD_FAILURE() << server.error();
    return;
  }
  server_ = *std::move(server);
  v1::CreateWorkshopRequest request;
  *request.mutable_workshop()->mutable_config() = config;
  for (const std::string& text : ideas) request.mutable_workshop()->add_ideas()->set_text(text);
  auto created = client::CreateWorkshop(Http(), request);
  if (!created) {
    ADD_FAILURE() << created.error();
    return;
  }
  created_ = *std::move(created);
}

std::unique_ptr<Connection> LiveWorkshop::Connect() {
  auto connection = std::make_unique<Connection>();
  auto connected = connection->Connect(server_->host(), server_->port());
  EXPECT_TRUE(connected) << connected.error();
  return connection;
}

namespace {
std::unique_ptr<Connection> Welcomed(std::unique_ptr<Connection> connection,
                                     const v1::Hello& hello) {
  auto welcome = connection->Hello(hello);
  EXPECT_TRUE(welcome) << welcome.error();
  return connection;
}
}  // namespace

std::unique_ptr<Connection> LiveWorkshop::Animateur(uint64_t last_seq) {
  v1::Hello hello;
  hello.set_workshop_id(created_.workshop_id());
  hello.set_animateur_token(created_.animateur_token());
  hello.set_last_seq(last_seq);
  return Welcomed(Connect(), hello);
}

std::unique_ptr<Connection> LiveWorkshop::Observer(uint64_t last_seq) {
  v1::Hello hello;
  hello.set_observer_code(created_.observer_code());
  hello.set_last_seq(last_seq);
  return Welcomed(Connect(), hello);
}

std::unique_ptr<Connection> LiveWorkshop::NewTable(const std::string& name) {
  v1::Hello hello;
  hello.set_join_code(created_.join_code());
  hello.set_table_name(name);
  return Welcomed(Connect(), hello);
}

std::unique_ptr<Connection> LiveWorkshop::NewSeat(uint32_t table_id, uint32_t seat_number) {
  v1::Hello hello;
  hello.set_join_code(created_.join_code());
  hello.set_table_id(table_id);
  hello.set_seat_number(seat_number);
  return Welcomed(Connect(), hello);
}

uint64_t LiveWorkshop::Accept(Connection& connection, v1::Command command) {
  std::string what = command.ShortDebugString();
  auto answer = connection.Execute(std::move(command));
  if (!answer) {
    ADD_FAILURE() << what << ": " << answer.error();
    return 0;
  }
  if (!answer->has_accepted()) {
    ADD_FAILURE() << what << " rejected: " << answer->ShortDebugString();
    return 0;
  }
  return answer->accepted().seq();
}

v1::Rejection LiveWorkshop::Reject(Connection& connection, v1::Command command) {
  std::string what = command.ShortDebugString();
  auto answer = connection.Execute(std::move(command));
  if (!answer || !answer->has_rejected()) {
    ADD_FAILURE() << what << " was not rejected: "
                  << (answer ? answer->ShortDebugString() : answer.error());
    return {};
  }
  return answer->rejected().rejection();
}

v1::ServerMessage LiveWorkshop::WaitFor(Connection& connection,
                                        const std::function<bool(const v1::ServerMessage&)>& match,
                                        std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto message = connection.Next(std::max(left, std::chrono::milliseconds(1)));
    if (!message) break;
    if (match(*message)) return *message;
  }
  ADD_FAILURE() << "the expected message did not come";
  return {};
}

std::vector<v1::Event> LiveWorkshop::EventsThrough(Connection& connection, uint64_t seq) {
  std::vector<v1::Event> events;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  // through_seq() counts what is still in the inbox: trust it only once the inbox is empty.
  uint64_t seen = connection.inbox_size() == 0 ? connection.through_seq() : 0;
  while (seen < seq && std::chrono::steady_clock::now() < deadline) {
    auto message = connection.Next(std::chrono::milliseconds(500));
    if (!message) continue;
    if (message->has_events()) {
      for (const v1::Event& e : message->events().events()) events.push_back(e);
      seen = message->events().through_seq();
    }
  }
  return events;
}

std::expected<v1::Results, std::string> LiveWorkshop::ResultsAsAnimateur() {
  return client::GetResults(Http(), created_.workshop_id(),
                            {.animateur_token = created_.animateur_token()});
}

long LiveWorkshop::Metric(const std::string& series) const {
  auto metrics = Http().Get("/metrics");
  if (!metrics) return -1;
  const size_t at = metrics->body.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stol(metrics->body.substr(at + series.size() + 2));
}

}  // namespace atelier::server_test
