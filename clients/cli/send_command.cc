// atelier send IDENTITY COMMAND-JSON
#include <ostream>

#include "clients/cli/format.h"
#include "clients/cli/identity.h"
#include "clients/cli/request_file.h"
#include "clients/cli/subcommand.h"
#include "clients/client/proto_json.h"

namespace atelier::cli {
namespace {

int RunSend(const Invocation& in) {
  auto hello = HelloFromArgs(in.args);
  if (!hello) return in.Usage(hello.error());
  auto command = ParseCommandArgument(in.args.positional()[0], in.in);
  if (!command) return in.Usage(command.error());
  client::Connection connection;
  auto welcome = Join(connection, in.server, *hello);
  if (!welcome) return in.Fail(welcome.error());
  auto answer = connection.Execute(*command);
  connection.Close();
  if (!answer) return in.Fail(answer.error());
  if (in.args.Has("--json")) {
    in.out << client::ToJson(*answer) << "\n";
  } else if (answer->has_accepted()) {
    in.out << "accepted: seq " << answer->accepted().seq()
           << (answer->accepted().duplicate() ? " (duplicate: applied once already)" : "") << "\n";
  } else {
    in.out << "rejected: " << DescribeRejection(answer->rejected().rejection()) << "\n";
  }
  return answer->has_accepted() ? kExitOk : kExitFailure;
}

}  // namespace

Subcommand SendSubcommand() {
  std::vector<OptionSpec> options = IdentityOptions();
  options.push_back({"--json", 0});
  return {
      .name = "send",
      .summary = "send one command and print whether it was accepted",
      .help =
          std::string("Usage: atelier send [--server HOST:PORT] [--json] IDENTITY COMMAND-JSON\n\n"
                      "Joins, sends one atelier.v1.Command and prints the answer:\n"
                      "  accepted: seq N                 the event is durable (exit code 0)\n"
                      "  rejected: REASON: message (...) the rules refused it (exit code 1)\n"
                      "COMMAND-JSON is protobuf JSON, inline, @FILE, or - for stdin, e.g.\n"
                      "  '{\"postIdea\": {\"text\": \"Ouvrir la salle le week-end\"}}'\n"
                      "  '{\"setPhase\": {\"phase\": \"PHASE_DIVERGENCE\"}}'\n"
                      "  '{\"setPoints\": {\"points\": [{\"targetId\": 4, \"points\": 3}]}}'\n"
                      "Without a commandId, a fresh one is made; give one to retry safely.\n\n") +
          kIdentityHelp +
          "  --json                 print the CommandAccepted or CommandRejected as JSON\n",
      .spec = {.options = options, .min_positional = 1, .max_positional = 1},
      .run = RunSend,
  };
}

}  // namespace atelier::cli
