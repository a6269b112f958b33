#include "clients/cli/cli.h"

#include <cstdlib>
#include <exception>
#include <vector>

#include "clients/cli/subcommand.h"

namespace atelier::cli {
namespace {

constexpr const char* kDefaultServer = "127.0.0.1:8080";

std::vector<Subcommand> Subcommands() {
  return {CreateSubcommand(), JoinSubcommand(),    SendSubcommand(),
          TailSubcommand(),   ResultsSubcommand(), DemoSubcommand(), VerifySubcommand(),
          SynthesisSubcommand(), DataSubcommand(), BackupSubcommand()};
}

void PrintOverview(std::ostream& out) {
  out << "Usage: atelier SUBCOMMAND [options]   (atelier SUBCOMMAND --help for its options)\n\n"
         "Drives a running atelier-server over HTTP and WebSocket, and checks archives offline.\n\n";
  for (const Subcommand& s : Subcommands()) {
    out << "  " << s.name << std::string(10 - std::min<size_t>(s.name.size(), 9), ' ') << s.summary
        << "\n";
  }
  out << "\nEvery subcommand takes --server HOST:PORT (default " << kDefaultServer
      << ").\nExit codes: 0 ok, 1 failure, 2 usage (atelier verify: 3 tampered, 4 truncated,\n"
         "5 unreadable).\n";
}

int UsageError(std::ostream& err, const std::string& name, const std::string& message) {
  err << "atelier " << name << ": " << message << "\nTry 'atelier " << name << " --help'.\n";
  return kExitUsage;
}

int RunSubcommand(const Subcommand& subcommand, std::span<const std::string> argv, std::istream& in,
                  std::ostream& out, std::ostream& err) {
  ArgSpec spec = subcommand.spec;
  spec.options.push_back({"--server", 1});
  // --help wins over anything else on the line, even errors.
  for (const std::string& arg : argv) {
    if (arg == "--help" || arg == "-h") {
      out << subcommand.help;
      return kExitOk;
    }
  }
  auto args = Args::Parse(spec, argv);
  if (!args) return UsageError(err, subcommand.name, args.error());
  auto server = ParseServerAddress(args->Value("--server", kDefaultServer));
  if (!server) return UsageError(err, subcommand.name, server.error());
  Invocation invocation{subcommand.name, *args, *server, in, out, err};
  return subcommand.run(invocation);
}

}  // namespace

int Invocation::Fail(const std::string& message) const {
  err << "atelier " << name << ": " << message << "\n";
  return kExitFailure;
}

int Invocation::Usage(const std::string& message) const { return UsageError(err, name, message); }

std::string Invocation::OrganizerKey() const {
  if (args.Has("--organizer-key")) return args.Value("--organizer-key");
  const char* key = std::getenv("ATELIER_ORGANIZER_KEY");
  return key == nullptr ? "" : key;
}

int Run(std::span<const std::string> args, std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    if (args.empty()) {
      PrintOverview(err);
      return kExitUsage;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
      PrintOverview(out);
      return kExitOk;
    }
    for (const Subcommand& subcommand : Subcommands()) {
      if (subcommand.name == args[0])
        return RunSubcommand(subcommand, args.subspan(1), in, out, err);
    }
    err << "atelier: unknown subcommand '" << args[0] << "'\nTry 'atelier --help'.\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    err << "atelier: internal error: " << e.what() << "\n";
  } catch (...) {
    err << "atelier: internal error\n";
  }
  return kExitFailure;
}

}  // namespace atelier::cli
