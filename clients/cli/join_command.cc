// atelier join IDENTITY
#include <ostream>

#include "clients/cli/format.h"
#include "clients/cli/identity.h"
#include "clients/cli/subcommand.h"
#include "clients/client/proto_json.h"

namespace atelier::cli {
namespace {

int RunJoin(const Invocation& in) {
  auto hello = HelloFromArgs(in.args);
  if (!hello) return in.Usage(hello.error());
  client::Connection connection;
  auto welcome = Join(connection, in.server, *hello);
  if (!welcome) return in.Fail(welcome.error());
  if (in.args.Has("--json")) {
    in.out << client::ToJson(*welcome) << "\n";
  } else {
    in.out << DescribeWelcome(*welcome, connection.through_seq());
  }
  connection.Close();
  return kExitOk;
}

}  // namespace

Subcommand JoinSubcommand() {
  std::vector<OptionSpec> options = IdentityOptions();
  options.push_back({"--json", 0});
  return {
      .name = "join",
      .summary = "join a workshop and print the Welcome (role, token to keep)",
      .help = std::string("Usage: atelier join [--server HOST:PORT] [--json] IDENTITY\n\n"
                          "Connects to /ws, says Hello and prints the Welcome: the role, the token "
                          "to keep\n(on a fresh table or seat join) and a summary of the "
                          "workshop.\n\n") +
              kIdentityHelp + "  --json                 print the Welcome as JSON instead\n",
      .spec = {.options = options},
      .run = RunJoin,
  };
}

}  // namespace atelier::cli
