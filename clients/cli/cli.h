// The `atelier` command line: `atelier SUBCOMMAND [options]`, for people and scripts driving a
// running atelier-server over its HTTP API and WebSocket.
//
// Run never throws; it returns the process exit code (subcommand.h).
#ifndef ATELIER_CLIENTS_CLI_CLI_H_
#define ATELIER_CLIENTS_CLI_CLI_H_

#include <istream>
#include <ostream>
#include <span>
#include <string>

namespace atelier::cli {

// `args` excludes the program name.
int Run(std::span<const std::string> args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_CLI_H_
