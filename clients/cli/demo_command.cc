// atelier demo
#include <ostream>
#include <random>

#include "clients/cli/demo_player.h"
#include "clients/cli/subcommand.h"

namespace atelier::cli {
namespace {

int RunDemo(const Invocation& in) {
  DemoOptions options;
  options.server = in.server;
  auto tables = in.args.Number("--tables", 6, 1, 100);
  if (!tables) return in.Usage(tables.error());
  auto pace = in.args.Number("--pace-ms", 400, 0, 60'000);
  if (!pace) return in.Usage(pace.error());
  auto seed = in.args.Number("--seed", std::random_device{}(), 0, UINT32_MAX);
  if (!seed) return in.Usage(seed.error());
  options.tables = static_cast<int>(*tables);
  options.pace = std::chrono::milliseconds(*pace);
  options.seed = static_cast<uint32_t>(*seed);
  options.organizer_key = in.OrganizerKey();
  auto outcome = PlayDemo(options, in.out);
  in.out.flush();
  if (!outcome) return in.Fail(outcome.error());
  return kExitOk;
}

}  // namespace

Subcommand DemoSubcommand() {
  return {
      .name = "demo",
      .summary = "play the seed's ideation workshop with simulated tables",
      .help =
          "Usage: atelier demo [--server HOST:PORT] [--tables N] [--pace-ms MS] [--seed S]\n"
          "                    [--organizer-key KEY]\n\n"
          "Creates the workshop « Comment optimiser l'utilisation de la salle municipale ? »,\n"
          "prints the join code and the observer link, then plays it over real WebSocket\n"
          "connections (one per table and one for the animateur): tables post ideas, the\n"
          "animateur merges the duplicates its hints suggest, each table spends its 30 points\n"
          "(never on its own ideas), the animateur reveals, and the results are printed.\n\n"
          "  --tables N     simulated tables, 1 to 100 (default 6)\n"
          "  --pace-ms MS   pause between steps, to follow on the observer screen (default 400;\n"
          "                 0: as fast as the server answers)\n"
          "  --seed S       the tables' tastes (default: random)\n"
          "  --organizer-key KEY  for a server with --organizer-keys (default:\n"
          "                 $ATELIER_ORGANIZER_KEY)\n",
      .spec = {.options = {{"--tables", 1},
                           {"--pace-ms", 1},
                           {"--seed", 1},
                           {"--organizer-key", 1}}},
      .run = RunDemo,
  };
}

}  // namespace atelier::cli
