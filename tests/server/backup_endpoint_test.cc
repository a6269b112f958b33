// Online backups over real sockets: `POST /api/admin/backup` while a workshop receives commands
// gives a directory that a second server opens as its data: every chain verifies (its archive
// checks offline) and its results equal the first server's at the backup's head. Refusals: no
// --backup-dir, a client that is not local.
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "archive/archive_check.h"
#include "atelier/v1/timeline.pb.h"
#include "clients/client/proto_json.h"
#include "clients/client/workshop_api.h"
#include "google/protobuf/util/message_differencer.h"
#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

namespace fs = std::filesystem;

struct BackupsDir {
  BackupsDir() {
    std::string pattern = (fs::temp_directory_path() / "atelier-backups-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~BackupsDir() { fs::remove_all(path); }
  fs::path path;
};

TEST(BackupEndpoint, ABackupTakenDuringAWorkshopRestoresToAServerWithTheSameResults) {
  BackupsDir backups;
  // Prolific: the posting table may outrun a backup on a loaded machine by hundreds of ideas.
  LiveWorkshop w(Prolific(IdeationConfig()),
                 {"--backup-dir", backups.path.string(), "--command-rate", "off"});
  auto animateur = w.Animateur();
  auto t1 = w.NewTable();
  auto t2 = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  LiveWorkshop::Accept(*t1, PostIdeaCmd("Un repair café une fois par mois"));
  // A table keeps posting on a thread of its own while the backup is taken.
  std::atomic<bool> stop{false};
  std::atomic<int> posted{0};
  std::thread posting([&] {
    while (!stop && posted < 5000) {
      LiveWorkshop::Accept(*t2, PostIdeaCmd("Idée " + std::to_string(posted.load())));
      ++posted;
    }
  });
  while (posted < 20) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto answer = w.Http().Post("/api/admin/backup", "");
  stop = true;
  posting.join();
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 201u) << answer->body;
  auto made = client::FromJson<v1::BackupMade>(answer->body);
  ASSERT_TRUE(made) << made.error();
  EXPECT_EQ(made->workshops(), 1u);
  ASSERT_TRUE(fs::is_directory(made->path())) << made->path();
  EXPECT_EQ(fs::path(made->path()).parent_path(), backups.path);
  EXPECT_TRUE(fs::path(made->path()).filename().string().starts_with("atelier-backup-"));
  // A second one the same second gets a directory of its own.
  auto second = w.Http().Post("/api/admin/backup", "");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 201u) << second->body;
  EXPECT_NE(client::FromJson<v1::BackupMade>(second->body)->path(), made->path());

  // Restore: a copy of the backup is the data directory of another server.
  const fs::path restored_data = backups.path / "restored";
  fs::copy(made->path(), restored_data, fs::copy_options::recursive);
  testing::ServerOptions options;
  options.extra_args = {"--data", restored_data.string()};
  auto restored = testing::ServerProcess::Start(options);
  ASSERT_TRUE(restored) << restored.error();
  client::HttpClient restored_http((*restored)->host(), (*restored)->port());
  const std::string id = w.created().workshop_id();
  const client::HttpHeaders as_animateur = {
      {"Authorization", "Bearer " + w.created().animateur_token()}};
  auto archive = restored_http.Get("/api/workshops/" + id + "/archive", as_animateur);
  ASSERT_TRUE(archive);
  ASSERT_EQ(archive->status, 200u) << archive->body;
  std::istringstream in(archive->body);
  auto report = archive::CheckArchive(in);
  ASSERT_TRUE(report) << report.error().message;
  const uint64_t head = report->manifest.head_seq();
  EXPECT_GE(head, 4u + 20u) << "the events acknowledged before the backup are in it";

  auto restored_results = client::GetResults(restored_http, id,
                                             {.animateur_token = w.created().animateur_token()});
  ASSERT_TRUE(restored_results) << restored_results.error();
  auto moment = w.Http().Get("/api/workshops/" + id + "/timeline?at=" + std::to_string(head),
                             as_animateur);
  ASSERT_TRUE(moment);
  ASSERT_EQ(moment->status, 200u) << moment->body;
  auto then = client::FromJson<v1::TimelineMoment>(moment->body);
  ASSERT_TRUE(then) << then.error();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(then->results(),
                                                                 *restored_results))
      << "at the backup's head, the first server's results:\n" << then->results().DebugString()
      << "the restored server's:\n" << restored_results->DebugString();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(then->results(), report->results))
      << "and the archive's recount";
}

TEST(BackupEndpoint, RefusedWithoutABackupDirectoryOrFromAnotherMachine) {
  LiveWorkshop off(IdeationConfig());
  auto refused = off.Http().Post("/api/admin/backup", "");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503u);
  EXPECT_NE(refused->body.find("\"code\":\"backups_off\""), std::string::npos) << refused->body;

  BackupsDir backups;
  LiveWorkshop on(IdeationConfig(),
                  {"--backup-dir", backups.path.string(), "--trusted-proxy", "127.0.0.1"});
  auto remote = on.Http().Post("/api/admin/backup", "", {{"X-Forwarded-For", "203.0.113.9"}});
  ASSERT_TRUE(remote);
  EXPECT_EQ(remote->status, 403u) << remote->body;
  EXPECT_TRUE(fs::is_empty(backups.path)) << "nothing was written";
  auto wrong_method = on.Http().Get("/api/admin/backup");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405u);
}

}  // namespace
}  // namespace atelier::server_test
