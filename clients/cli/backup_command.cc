// atelier backup: asks the server on this machine for an online backup of its whole log.
#include <ostream>

#include "atelier/v1/api.pb.h"
#include "clients/cli/subcommand.h"
#include "clients/client/http_client.h"
#include "clients/client/proto_json.h"

namespace atelier::cli {
namespace {

int RunBackup(const Invocation& in) {
  client::HttpClient http(in.server.host, in.server.port);
  auto answer = http.Post("/api/admin/backup", "");
  if (!answer) return in.Fail("cannot reach the server: " + answer.error());
  if (answer->status != 201) {
    auto problem = client::FromJson<v1::ApiError>(answer->body, /*ignore_unknown=*/true);
    return in.Fail("the server refused (" + std::to_string(answer->status) + "): " +
                   (problem ? problem->message() : answer->body));
  }
  auto made = client::FromJson<v1::BackupMade>(answer->body, /*ignore_unknown=*/true);
  if (!made) return in.Fail("the server's answer is not a BackupMade: " + made.error());
  in.out << made->path() << "\n";
  in.err << "atelier backup: " << made->workshops() << " workshop(s) backed up in "
         << made->path() << "\n";
  return kExitOk;
}

}  // namespace

Subcommand BackupSubcommand() {
  return {
      .name = "backup",
      .summary = "take an online backup of the server's whole log (on its machine)",
      .help =
          "Usage: atelier backup [--server HOST:PORT]\n\n"
          "POST /api/admin/backup: the server, running with --backup-dir DIR, writes a\n"
          "consistent copy of its whole event log into a new directory of DIR while workshops\n"
          "go on, and this prints its path. Run it on the server's machine (the server takes\n"
          "backups for local clients only). To restore: stop the server, copy the backup's\n"
          "directory to be the data directory (--data), start the server.\n",
      .spec = {},
      .run = RunBackup,
  };
}

}  // namespace atelier::cli
