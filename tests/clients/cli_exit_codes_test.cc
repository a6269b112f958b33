// The `atelier` binary as users run it: --help, and the exit codes of bad arguments (2) and of
// failures (1), with the message on stderr. No server is needed: these fail before or at the
// connection.
#include <gtest/gtest.h>

#include "tests/clients/fake_server.h"
#include "tests/clients/run_process.h"

namespace atelier::testing {
namespace {

ProcessResult Atelier(std::vector<std::string> args) { return RunProcess(ATELIER_CLI_PATH, args); }

std::string NoServer() { return "127.0.0.1:" + std::to_string(UnusedPort()); }

void ExpectUsage(std::vector<std::string> args, const std::string& message) {
  ProcessResult r = Atelier(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(CliExitCodes, HelpListsTheSubcommands) {
  ProcessResult r = Atelier({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* name : {"create", "join", "send", "tail", "results", "demo"}) {
    EXPECT_NE(r.out.find(std::string("  ") + name), std::string::npos) << name;
  }
}

TEST(CliExitCodes, EverySubcommandHasItsHelp) {
  for (const char* name : {"create", "join", "send", "tail", "results", "demo"}) {
    ProcessResult r = Atelier({name, "--help"});
    EXPECT_EQ(r.exit_code, 0) << name;
    EXPECT_TRUE(r.out.starts_with(std::string("Usage: atelier ") + name)) << r.out;
  }
}

TEST(CliExitCodes, BadArgumentsAreUsageErrors) {
  ExpectUsage({}, "Usage: atelier SUBCOMMAND");
  ExpectUsage({"bogus"}, "unknown subcommand 'bogus'");
  ExpectUsage({"create"}, "missing argument");
  ExpectUsage({"create", "a.json", "b.json"}, "unexpected argument 'b.json'");
  ExpectUsage({"join"}, "say who you are");
  ExpectUsage({"join", "--code"}, "--code needs a value");
  ExpectUsage({"join", "--code", "1", "--observer", "x"}, "only one of");
  ExpectUsage({"join", "--workshop", "w1"}, "exactly one of --token");
  ExpectUsage({"join", "--bogus"}, "unknown option --bogus");
  ExpectUsage({"send", "--observer", "x"}, "missing argument");
  ExpectUsage({"send", "--observer", "x", "--server", NoServer(), "{\"postIdeas\": {}}"},
              "postIdeas");
  ExpectUsage({"send", "--observer", "x", "--server", NoServer(), "{}"}, "no command");
  ExpectUsage({"results", "--workshop", "w1"}, "exactly one of --token");
  ExpectUsage({"results"}, "--workshop ID is required");
  ExpectUsage({"demo", "--tables", "0"}, "--tables must be between 1 and 100");
  ExpectUsage({"demo", "--pace-ms", "fast"}, "--pace-ms must be a whole number");
  ExpectUsage({"tail", "--observer", "x", "--count", "-3"}, "--count must be a whole number");
  ExpectUsage({"join", "--observer", "x", "--server", "nowhere"}, "--server must be host:port");
}

TEST(CliExitCodes, FailuresExitOneWithAClearMessage) {
  ProcessResult missing = Atelier({"create", "/no/such/file.json"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot open /no/such/file.json"), std::string::npos) << missing.err;

  const std::string example =
      std::string(ATELIER_SOURCE_DIR) + "/clients/cli/examples/salle_municipale.json";
  for (std::vector<std::string> args : {
           std::vector<std::string>{"create", example},
           {"join", "--observer", "x"},
           {"send", "--observer", "x", R"({"postIdea": {"text": "x"}})"},
           {"tail", "--observer", "x"},
           {"results", "--workshop", "w1", "--observer", "x"},
           {"demo", "--pace-ms", "0"},
       }) {
    args.insert(args.end(), {"--server", NoServer()});
    ProcessResult r = Atelier(args);
    EXPECT_EQ(r.exit_code, 1) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find("cannot connect to 127.0.0.1:"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace atelier::testing
