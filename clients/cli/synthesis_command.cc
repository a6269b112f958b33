// atelier synthesis ARCHIVE and atelier data ARCHIVE: the synthesis and the raw data the server
// serves (report/), made offline from a workshop's archive once it is checked whole.
#include <ostream>

#include "clients/cli/checked_archive.h"
#include "clients/cli/subcommand.h"
#include "report/raw_csv.h"
#include "report/raw_data.h"
#include "report/synthesis.h"
#include "report/text_format.h"

namespace atelier::cli {
namespace {

// The one stderr line that says what the document was made from.
void SayMadeFrom(const Invocation& in, const CheckedArchive& checked) {
  const v1::ArchiveManifest& manifest = checked.report.manifest;
  in.err << "atelier " << in.name << ": archive intacte, atelier " << manifest.workshop_id() << ", "
         << manifest.head_seq() << " événements ; empreinte "
         << archive::HexHash(manifest.head_hash()) << "\n";
}

int RunSynthesis(const Invocation& in) {
  const auto language = report::ParseLanguage(in.args.Value("--lang"));
  if (!language) return in.Usage("--lang is fr or en");
  auto checked = ReadCheckedArchive(in, in.args.positional().front());
  if (!checked) return checked.error();
  in.out << report::RenderSynthesis(checked->record, *language);
  SayMadeFrom(in, *checked);
  return in.out ? kExitOk : in.Fail("cannot write the synthesis");
}

int RunData(const Invocation& in) {
  std::optional<report::RawTable> table;
  if (in.args.Has("--csv")) {
    table = report::ParseRawTable(in.args.Value("--csv"));
    if (!table) return in.Usage("--csv is points, scores, ideas or phases");
  }
  auto checked = ReadCheckedArchive(in, in.args.positional().front());
  if (!checked) return checked.error();
  const v1::RawData data = report::MakeRawData(checked->record);
  in.out << (table ? report::RawCsv(data, *table) : report::RawDataJson(data) + "\n");
  SayMadeFrom(in, *checked);
  return in.out ? kExitOk : in.Fail("cannot write the data");
}

constexpr const char* kArchiveExitCodes =
    "Exit codes: 0 done; 2 usage; 3 tampered, 4 truncated, 5 unreadable archive (as `atelier\n"
    "verify`: nothing is made from an archive that fails its check).\n";

}  // namespace

Subcommand SynthesisSubcommand() {
  return {
      .name = "synthesis",
      .summary = "make a workshop's printable synthesis (HTML) from its archive, offline",
      .help = std::string(
                  "Usage: atelier synthesis ARCHIVE [--lang fr|en] > synthese.html\n\n"
                  "Checks the archive as `atelier verify` does, then writes on stdout the same\n"
                  "synthesis the server serves (GET /api/workshops/ID/synthesis): one HTML file\n"
                  "with no script and nothing to load, for a browser to show and print (A4): the\n"
                  "question, the method and its rules, the phases with their times, participation,\n"
                  "the ideas and clusters, the results with their charts, and the fingerprint (head\n"
                  "hash). Prints the archive's fingerprint on stderr.\n\n"
                  "  --lang fr|en   the document's language (default fr)\n\n") +
              kArchiveExitCodes,
      .spec = {.options = {{"--lang", 1}}, .min_positional = 1, .max_positional = 1},
      .run = RunSynthesis,
  };
}

Subcommand DataSubcommand() {
  return {
      .name = "data",
      .summary = "print a workshop's raw data (JSON or CSV) from its archive, offline",
      .help = std::string(
                  "Usage: atelier data ARCHIVE [--csv points|scores|ideas|phases]\n\n"
                  "Checks the archive as `atelier verify` does, then prints the raw data the server\n"
                  "serves (GET /api/workshops/ID/data.json, data.csv?table=...): each table's points\n"
                  "per idea or cluster, each seat's scores, the ideas with their cluster and author\n"
                  "table, the phases with their times (proto/atelier/v1/report.proto). Tables by\n"
                  "number and name; never a token or a code.\n\n"
                  "  --csv TABLE   one CSV (UTF-8 with BOM, formulas guarded) instead of the JSON\n\n") +
              kArchiveExitCodes,
      .spec = {.options = {{"--csv", 1}}, .min_positional = 1, .max_positional = 1},
      .run = RunData,
  };
}

}  // namespace atelier::cli
