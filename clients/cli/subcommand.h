// What every `atelier` subcommand is: a name, its --help text, the options it accepts, and a
// function from parsed arguments to an exit code.
//
// Exit codes: 0 ok, 1 failure (an English message on stderr), 2 usage (bad arguments); `atelier
// verify`, `synthesis` and `data` add 3, 4 and 5 for a tampered, truncated or unreadable archive. A
// subcommand never throws; Run (cli.h) catches what would escape anyway.
#ifndef ATELIER_CLIENTS_CLI_SUBCOMMAND_H_
#define ATELIER_CLIENTS_CLI_SUBCOMMAND_H_

#include <functional>
#include <istream>
#include <ostream>
#include <string>

#include "clients/cli/args.h"

namespace atelier::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
// The archive subcommands only (verify, synthesis, data): what is wrong with the archive
// (checked_archive.h).
inline constexpr int kExitArchiveTampered = 3;
inline constexpr int kExitArchiveTruncated = 4;
inline constexpr int kExitArchiveUnreadable = 5;

// One run of a subcommand. `server` is --server, parsed (default 127.0.0.1:8080).
struct Invocation {
  std::string name;  // "create"
  const Args& args;
  ServerAddress server;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;

  // Prints "atelier NAME: message" on stderr; returns kExitFailure.
  int Fail(const std::string& message) const;
  // Prints "atelier NAME: message" and a pointer to --help on stderr; returns kExitUsage.
  int Usage(const std::string& message) const;
  // The organizer key to create workshops with: --organizer-key, else
  // $ATELIER_ORGANIZER_KEY (which other users cannot read in ps), else "".
  std::string OrganizerKey() const;
};

struct Subcommand {
  std::string name;
  std::string summary;  // one line for `atelier --help`
  std::string help;     // the whole `atelier NAME --help`, options included
  ArgSpec spec;         // without --server and --help, which every subcommand accepts
  std::function<int(const Invocation&)> run;
};

Subcommand CreateSubcommand();
Subcommand JoinSubcommand();
Subcommand SendSubcommand();
Subcommand TailSubcommand();
Subcommand ResultsSubcommand();
Subcommand DemoSubcommand();
Subcommand VerifySubcommand();
Subcommand SynthesisSubcommand();
Subcommand DataSubcommand();
Subcommand BackupSubcommand();

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_SUBCOMMAND_H_
