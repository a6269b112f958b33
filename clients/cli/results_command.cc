// atelier results --workshop ID (--token T | --observer CODE)
#include <ostream>

#include "clients/cli/identity.h"
#include "clients/cli/results_printer.h"
#include "clients/cli/subcommand.h"
#include "clients/client/proto_json.h"
#include "clients/client/workshop_api.h"

namespace atelier::cli {
namespace {

int RunResults(const Invocation& in) {
  if (!in.args.Has("--workshop")) return in.Usage("--workshop ID is required");
  const int ways =
      in.args.Has("--token") + in.args.Has("--animateur-token") + in.args.Has("--observer");
  if (ways != 1) {
    return in.Usage("give exactly one of --token (the animateur's) and --observer");
  }
  client::ResultsAccess access;
  access.animateur_token = in.args.Value("--token", in.args.Value("--animateur-token"));
  access.observer_code = in.args.Value("--observer");
  client::HttpClient http(in.server.host, in.server.port);
  auto results = client::GetResults(http, in.args.Value("--workshop"), access);
  if (!results) return in.Fail("cannot get the results: " + results.error());
  if (in.args.Has("--json")) {
    in.out << client::ToJson(*results, /*pretty=*/true) << "\n";
  } else {
    ResultsLabels labels;
    // With the configuration, each vote is printed as its ballot counts it and each criterion
    // over its own range: the animateur's from the raw data, an observer's from what its screen
    // receives (the Welcome's snapshot). Without it (unreachable), the results alone.
    auto label = [&](const std::string& question, const v1::WorkshopConfig& config) {
      labels.question = question;
      labels.config = config;
      for (const v1::Criterion& c : config.criteria()) labels.criteria[c.id()] = c.name();
    };
    if (!access.animateur_token.empty()) {
      auto raw = client::GetRawData(http, in.args.Value("--workshop"), access.animateur_token);
      if (raw) label(raw->question(), raw->config());
    } else {
      v1::Hello hello;
      hello.set_observer_code(access.observer_code);
      client::Connection connection;
      auto welcome = Join(connection, in.server, hello);
      if (welcome && welcome->snapshot().workshop_id() == in.args.Value("--workshop")) {
        label(welcome->snapshot().config().question(), welcome->snapshot().config());
      }
      connection.Close();
    }
    if (in.args.Has("--question")) labels.question = in.args.Value("--question");
    PrintResults(*results, labels, in.out);
  }
  return kExitOk;
}

}  // namespace

Subcommand ResultsSubcommand() {
  return {
      .name = "results",
      .summary = "print a workshop's results (histograms) or their JSON",
      .help =
          "Usage: atelier results [--server HOST:PORT] --workshop ID (--token T | --observer "
          "CODE)\n"
          "                       [--json] [--question TEXT]\n\n"
          "GET /api/workshops/ID/results and prints them: the points per idea or cluster as a\n"
          "histogram (ideation), or the ranking with each criterion's distribution "
          "(evaluation).\n\n"
          "  --token T, --animateur-token T   the animateur's token (always allowed)\n"
          "  --observer CODE                  the observer code (when observers may see results)\n"
          "  --json                           print the atelier.v1.Results as JSON instead\n"
          "  --question TEXT                  the title to print above the results\n",
      .spec = {.options = {{"--workshop", 1},
                           {"--token", 1},
                           {"--animateur-token", 1},
                           {"--observer", 1},
                           {"--json", 0},
                           {"--question", 1}}},
      .run = RunResults,
  };
}

}  // namespace atelier::cli
