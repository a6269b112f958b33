// An archive read for `atelier verify`, `atelier synthesis` and `atelier data`: checked whole
// with archive::CheckArchive (layout, chain, head, the fold) while its events are folded into a
// report record. Nothing of an archive that fails the check is used.
//
// On a fault, prints "atelier NAME: VERDICT: PATH: why" on stderr and gives the exit code
// (subcommand.h): 3 tampered, 4 truncated, 5 unreadable (or the file cannot be opened).
#ifndef ATELIER_CLIENTS_CLI_CHECKED_ARCHIVE_H_
#define ATELIER_CLIENTS_CLI_CHECKED_ARCHIVE_H_

#include <expected>
#include <string>

#include "archive/archive_check.h"
#include "clients/cli/subcommand.h"
#include "report/workshop_record.h"

namespace atelier::cli {

int ArchiveExitCode(archive::ArchiveError::Kind kind);
const char* ArchiveVerdict(archive::ArchiveError::Kind kind);  // "TAMPERED"...

struct CheckedArchive {
  archive::ArchiveReport report;
  report::WorkshopRecord record;
};

// The exit code on failure (the message already printed).
std::expected<CheckedArchive, int> ReadCheckedArchive(const Invocation& in, const std::string& path);

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_CHECKED_ARCHIVE_H_
