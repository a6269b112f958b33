// The real atelier-server with its event log on a small filesystem (a tmpfs) that fills up
// while tables post ideas: the server does not abort and stays up, other workshops stay
// readable (a Hello, their results), commands are accepted again once space is back without a
// restart, and nothing acknowledged is lost. While the disk is full, tables keep their
// connections and get every command refused with REJECTION_REASON_STORAGE_UNAVAILABLE (nothing
// applied; they send it again later). Skipped where the machine allows no mount
// (tests/integration/small_filesystem.h).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "atelier/v1/events.pb.h"
#include "clients/client/connection.h"
#include "clients/client/http_client.h"
#include "clients/client/workshop_api.h"
#include "storage/event_log.h"
#include "tests/integration/server_process.h"
#include "tests/integration/small_filesystem.h"
#include "tests/workshop/test_support.h"

namespace atelier::server_test {
namespace {

namespace v1 = ::atelier::v1;
using namespace std::chrono_literals;
using client::Connection;
using testing::ServerProcess;
using testing::SmallFilesystem;
using workshop::testing::IdeationConfig;
using workshop::testing::PostIdeaCmd;
using workshop::testing::SetPhaseCmd;

constexpr uint64_t kMiB = 1 << 20;

// What the tables got for their commands, by kind, for the report.
struct Outcomes {
  int accepted = 0;
  std::map<std::string, int> rejected;  // by reason
  std::map<std::string, int> errors;    // the connection failed or closed: by first words
  std::string Describe() const {
    std::string text = std::to_string(accepted) + " accepted";
    for (const auto& [reason, n] : rejected) text += ", " + std::to_string(n) + " " + reason;
    for (const auto& [error, n] : errors) text += ", " + std::to_string(n) + " x '" + error + "'";
    return text;
  }
};

class DiskFullServerTest : public ::testing::TestWithParam<uint64_t> {
 protected:
  void SetUp() override {
    auto disk = SmallFilesystem::Mount(64 * kMiB);
    if (!disk) GTEST_SKIP() << "cannot mount a small filesystem here: " << disk.error();
    disk_ = std::move(*disk);
    stderr_file_ = std::filesystem::temp_directory_path() /
                   ("atelier-disk-full-" + std::to_string(getpid()) + ".err");
    std::filesystem::remove(stderr_file_);
    testing::ServerOptions options;
    options.data_parent = disk_->path().string();
    options.stderr_file = stderr_file_.string();  // off the small disk
    options.extra_args = {"--min-free-bytes", std::to_string(GetParam())};
    auto server = ServerProcess::Start(options);
    ASSERT_TRUE(server) << server.error();
    server_ = *std::move(server);
    busy_ = Create();
    quiet_ = Create();
    auto animateur = Hello(AnimateurHello(busy_));
    ASSERT_TRUE(animateur);
    ASSERT_TRUE(Execute(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE)).has_value());
    auto quiet = Hello(AnimateurHello(quiet_));
    ASSERT_TRUE(quiet);
    ASSERT_TRUE(Execute(*quiet, SetPhaseCmd(v1::PHASE_DIVERGENCE)).has_value());
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(Execute(*quiet, PostIdeaCmd("Idée calme " + std::to_string(i))).has_value());
    }
    for (int i = 0; i < 3; ++i) {
      v1::Hello hello;
      hello.set_join_code(busy_.join_code());
      tables_.push_back(Hello(hello));
      ASSERT_TRUE(tables_.back());
      table_hellos_.push_back(hello);
      table_hellos_.back().clear_join_code();
      table_hellos_.back().set_workshop_id(tables_.back()->welcome().workshop_id());
      table_hellos_.back().set_table_token(tables_.back()->welcome().token());
    }
  }

  void TearDown() override {
    tables_.clear();
    server_.reset();  // stopped and its data directory removed before the disk goes
    if (HasFailure()) std::cout << "server's stderr:\n" << ServerErrors() << std::endl;
    std::filesystem::remove(stderr_file_);
  }

  // The server's stderr so far (its last 8 KiB).
  std::string ServerErrors() const {
    std::ifstream file(stderr_file_);
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    return text.size() > 8192 ? text.substr(text.size() - 8192) : text;
  }

  client::HttpClient Http() const { return client::HttpClient(server_->host(), server_->port()); }

  v1::CreateWorkshopResponse Create() {
    v1::CreateWorkshopRequest request;
    *request.mutable_workshop()->mutable_config() = IdeationConfig();
    request.mutable_workshop()->mutable_config()->set_max_ideas_per_table(10'000);
    auto created = client::CreateWorkshop(Http(), request);
    EXPECT_TRUE(created) << created.error();
    return created ? *created : v1::CreateWorkshopResponse{};
  }

  static v1::Hello AnimateurHello(const v1::CreateWorkshopResponse& w) {
    v1::Hello hello;
    hello.set_workshop_id(w.workshop_id());
    hello.set_animateur_token(w.animateur_token());
    return hello;
  }

  // A new connection welcomed with `hello`; null (and the error in `error`) when not.
  std::unique_ptr<Connection> Hello(const v1::Hello& hello, std::string* error = nullptr) {
    auto connection = std::make_unique<Connection>();
    auto connected = connection->Connect(server_->host(), server_->port(), 5s);
    if (!connected) {
      if (error) *error = connected.error();
      return nullptr;
    }
    auto welcome = connection->Hello(hello, 5s);
    if (!welcome) {
      if (error) *error = welcome.error();
      return nullptr;
    }
    return connection;
  }

  // Accepted: the event's seq. Else the rejection reason or the error.
  std::expected<uint64_t, std::string> Execute(Connection& connection, v1::Command command) {
    auto answer = connection.Execute(std::move(command), 5s);
    if (!answer) return std::unexpected("error: " + answer.error());
    if (answer->has_accepted()) return answer->accepted().seq();
    return std::unexpected(v1::RejectionReason_Name(answer->rejected().rejection().reason()));
  }

  // Table `i` posts one idea (reconnecting first if its connection was closed); counts the
  // outcome and remembers an acknowledged idea by seq.
  bool Post(size_t i, Outcomes& outcomes) {
    if (!tables_[i] || !tables_[i]->is_open()) {
      std::string error;
      tables_[i] = Hello(table_hellos_[i], &error);
      if (!tables_[i]) {
        ++outcomes.errors["hello: " + error.substr(0, 40)];
        return false;
      }
    }
    const std::string text = "Idée " + std::to_string(++ideas_);
    auto outcome = Execute(*tables_[i], PostIdeaCmd(text));
    if (outcome) {
      ++outcomes.accepted;
      acknowledged_[*outcome] = text;
      return true;
    }
    if (outcome.error().starts_with("error: ")) {
      Connection& table = *tables_[i];
      ++outcomes.errors[table.is_open() ? outcome.error().substr(0, 40)
                                        : "closed with " + std::to_string(table.CloseCode()) + " " +
                                              table.CloseReason()];
    } else {
      ++outcomes.rejected[outcome.error()];
    }
    return false;
  }

  // Reads that must work whatever the disk: a Hello to the quiet workshop, its results, health.
  void ExpectOtherReadsWork() {
    std::string error;
    auto observer = Hello(AnimateurHello(quiet_), &error);
    EXPECT_TRUE(observer) << "Hello to another workshop: " << error;
    auto results = client::GetResults(Http(), quiet_.workshop_id(),
                                      {.animateur_token = quiet_.animateur_token()});
    EXPECT_TRUE(results) << "GET results of another workshop: " << results.error();
    auto health = Http().Get("/healthz");
    EXPECT_TRUE(health && health->status == 200);
  }

  std::unique_ptr<SmallFilesystem> disk_;
  std::filesystem::path stderr_file_;
  std::unique_ptr<ServerProcess> server_;
  v1::CreateWorkshopResponse busy_;
  v1::CreateWorkshopResponse quiet_;
  std::vector<std::unique_ptr<Connection>> tables_;
  std::vector<v1::Hello> table_hellos_;
  std::map<uint64_t, std::string> acknowledged_;  // busy workshop: seq -> idea text
  int ideas_ = 0;
};

TEST_P(DiskFullServerTest, TheServerStaysUpAndAcceptsCommandsAgainOnceSpaceIsBack) {
  Outcomes before;
  for (int i = 0; i < 9; ++i) Post(i % tables_.size(), before);
  ASSERT_EQ(before.accepted, 9) << before.Describe();

  // The guard's reserve (when on) leaves a little room; with it off the disk is really full.
  auto filled = disk_->Fill("filler", GetParam() > 0 ? GetParam() / 2 : 0);
  ASSERT_TRUE(filled) << filled.error();
  std::this_thread::sleep_for(150ms);  // past the log's cached free-space measure
  Outcomes full;
  const auto until = std::chrono::steady_clock::now() + 3s;
  int attempts = 0;
  for (size_t i = 0; std::chrono::steady_clock::now() < until; ++i, ++attempts) {
    if (!Post(i % tables_.size(), full)) std::this_thread::sleep_for(20ms);
    if (i % 5 == 0) ExpectOtherReadsWork();
  }
  std::cout << "[ disk full ] --min-free-bytes " << GetParam() << ", free " << disk_->FreeBytes()
            << " bytes: " << attempts << " commands: " << full.Describe() << std::endl;
  if (GetParam() > 0) {
    EXPECT_EQ(full.accepted, 0) << "the guard let commands through: " << full.Describe();
  } else {
    // A few may still fit in the WAL's last page; then the disk is full.
    EXPECT_LT(full.accepted, attempts) << "the disk was not full: " << full.Describe();
  }
  EXPECT_GT(attempts - full.accepted, 0);
  EXPECT_TRUE(full.errors.empty()) << "connections failed or were closed: " << full.Describe();
  for (const auto& [reason, n] : full.rejected) {
    EXPECT_EQ(reason, "REJECTION_REASON_STORAGE_UNAVAILABLE") << full.Describe();
  }
  ExpectOtherReadsWork();

  disk_->Remove("filler");
  Outcomes after;
  const auto deadline = std::chrono::steady_clock::now() + 15s;
  bool accepted = false;
  for (size_t i = 0; !accepted && std::chrono::steady_clock::now() < deadline; ++i) {
    accepted = Post(i % tables_.size(), after);
    if (!accepted) std::this_thread::sleep_for(50ms);
  }
  std::cout << "[ space back ] " << after.Describe() << std::endl;
  ASSERT_TRUE(accepted) << "no command accepted within 15 s of freeing space: " << after.Describe();
  for (size_t i = 0; i < tables_.size(); ++i) EXPECT_TRUE(Post(i, after)) << after.Describe();
  ExpectOtherReadsWork();

  // A clean stop (not a signal), then every acknowledged idea is in the log at its seq.
  auto stopped = server_->Stop();
  ASSERT_TRUE(stopped) << stopped.error();
  EXPECT_EQ(*stopped, 0);
  auto log =
      storage::EventLog::Open(server_->data_dir(), storage::EventLogOptions{.min_free_bytes = 0});
  ASSERT_TRUE(log) << log.error().message;
  auto head = (*log)->VerifyChain(busy_.workshop_id());
  ASSERT_TRUE(head) << head.error().message;
  ASSERT_TRUE((*log)->VerifyChain(quiet_.workshop_id()));
  auto events = (*log)->Read(busy_.workshop_id(), 1, 1'000'000);
  ASSERT_TRUE(events) << events.error().message;
  std::map<uint64_t, std::string> logged;
  for (const v1::LoggedEvent& logged_event : *events) {
    v1::Event event;
    ASSERT_TRUE(event.ParseFromString(logged_event.event()));
    if (event.has_idea_posted()) logged[event.seq()] = event.idea_posted().idea().text();
  }
  for (const auto& [seq, text] : acknowledged_) {
    ASSERT_TRUE(logged.contains(seq)) << "acknowledged event " << seq << " is not in the log";
    EXPECT_EQ(logged[seq], text) << "event " << seq;
  }
}

// 0: no reserve, the disk really fills up and writes fail; 8 MiB: the guard refuses first.
INSTANTIATE_TEST_SUITE_P(Reserve, DiskFullServerTest, ::testing::Values(0, 8 * kMiB),
                         [](const ::testing::TestParamInfo<uint64_t>& info) {
                           return info.param == 0 ? std::string("GuardOff")
                                                  : std::string("GuardOn");
                         });

}  // namespace
}  // namespace atelier::server_test
