// atelier verify ARCHIVE: the offline check of a workshop's archive (archive/archive_check.h).
#include <fstream>
#include <ostream>

#include "archive/archive_check.h"
#include "clients/cli/checked_archive.h"
#include "clients/cli/results_printer.h"
#include "clients/cli/subcommand.h"
#include "clients/client/proto_json.h"

namespace atelier::cli {
namespace {

int RunVerify(const Invocation& in) {
  const std::string& path = in.args.positional().front();
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    in.err << "atelier verify: UNREADABLE: cannot open " << path << "\n";
    return kExitArchiveUnreadable;
  }
  auto report = archive::CheckArchive(file);
  if (!report) {
    in.err << "atelier verify: " << ArchiveVerdict(report.error().kind) << ": " << path << ": "
           << report.error().message << "\n";
    return ArchiveExitCode(report.error().kind);
  }
  if (in.args.Has("--json")) {
    in.out << client::ToJson(report->results, /*pretty=*/true) << "\n";
  } else {
    ResultsLabels labels;
    labels.question = report->question;
    labels.criteria = report->criteria;
    labels.config = report->config;
    PrintResults(report->results, labels, in.out);
    in.out << "\n";
  }
  const v1::ArchiveManifest& manifest = report->manifest;
  in.out << "Archive intacte : atelier " << manifest.workshop_id() << ", " << manifest.head_seq()
         << " événements, chaîne vérifiée.\n"
         << "Empreinte (head hash) : " << archive::HexHash(manifest.head_hash()) << "\n";
  return kExitOk;
}

}  // namespace

Subcommand VerifySubcommand() {
  return {
      .name = "verify",
      .summary = "check a workshop's archive offline and recompute its results",
      .help =
          "Usage: atelier verify ARCHIVE [--json]\n\n"
          "Checks a workshop's archive (GET /api/workshops/ID/archive) without a server or a\n"
          "network: the file's format and checksum, every event's hash and its link to the one\n"
          "before, seqs 1..head without a gap, the last hash against the manifest's head. Then\n"
          "folds the events with the server's own rules, recomputes the results and prints them\n"
          "as `atelier results` does, then the head hash (the \"empreinte\" the room saw).\n\n"
          "  --json   print the recomputed atelier.v1.Results as JSON instead of the report\n\n"
          "Exit codes:\n"
          "  0  intact: the chain holds and leads to the head hash printed\n"
          "  2  usage (bad arguments)\n"
          "  3  tampered: an event, the chain, the head or the file's bytes were changed (the\n"
          "     first bad event is named on stderr, with why)\n"
          "  4  truncated: fewer events than the manifest says, or the file cut mid-way\n"
          "  5  unreadable: not an archive, an unknown format version, or cannot be opened\n",
      .spec = {.options = {{"--json", 0}}, .min_positional = 1, .max_positional = 1},
      .run = RunVerify,
  };
}

}  // namespace atelier::cli
