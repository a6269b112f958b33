// Who a WebSocket subcommand (join, send, tail) says it is: its Hello, from the options
//   --code CODE [--table N] [--table-name NAME]      a new table (N 0 or absent: the next free)
//   --code CODE --table N --seat S                   a new seat on a personal phone
//   --workshop ID --token T | --seat-token T | --animateur-token T    again, with a token
//   --animateur ID TOKEN                             the animateur (same as --animateur-token)
//   --observer CODE                                  read-only
// and --from-seq N for Hello.last_seq.
//
// HelloFromArgs is pure; Join blocks on the network (Connection's timeouts).
#ifndef ATELIER_CLIENTS_CLI_IDENTITY_H_
#define ATELIER_CLIENTS_CLI_IDENTITY_H_

#include <expected>
#include <string>
#include <vector>

#include "atelier/v1/wire.pb.h"
#include "clients/cli/args.h"
#include "clients/client/connection.h"

namespace atelier::cli {

// The options above, to add to a subcommand's ArgSpec.
std::vector<OptionSpec> IdentityOptions();

// The help lines describing them.
extern const char kIdentityHelp[];

// The Hello, or a usage error (none or several identities, a token without --workshop...).
std::expected<v1::Hello, std::string> HelloFromArgs(const Args& args);

// Connects to the server and says `hello`; the error says which step failed.
std::expected<v1::Welcome, std::string> Join(client::Connection& connection,
                                             const ServerAddress& server, const v1::Hello& hello);

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_IDENTITY_H_
