// atelier demo
#include <ostream>
#include <random>

#include "clients/cli/demo_player.h"
#include "clients/cli/subcommand.h"
#include "clients/cli/template_player.h"

namespace atelier::cli {
namespace {

// Reads the options both demos take (DemoOptions and TemplateOptions share them) and plays.
template <class Options, class Play>
int Run(const Invocation& in, Options options, uint64_t default_tables, Play play) {
  options.server = in.server;
  auto tables = in.args.Number("--tables", default_tables, 1, 100);
  if (!tables) return in.Usage(tables.error());
  auto pace = in.args.Number("--pace-ms", 400, 0, 60'000);
  if (!pace) return in.Usage(pace.error());
  auto seed = in.args.Number("--seed", std::random_device{}(), 0, UINT32_MAX);
  if (!seed) return in.Usage(seed.error());
  options.tables = static_cast<int>(*tables);
  options.pace = std::chrono::milliseconds(*pace);
  options.seed = static_cast<uint32_t>(*seed);
  options.organizer_key = in.OrganizerKey();
  auto outcome = play(options, in.out);
  in.out.flush();
  if (!outcome) return in.Fail(outcome.error());
  return kExitOk;
}

int RunDemo(const Invocation& in) {
  if (std::string key = in.args.Value("--template"); !key.empty()) {
    TemplateOptions options;
    options.key = std::move(key);
    return Run(in, std::move(options), 3, PlayTemplate);
  }
  return Run(in, DemoOptions{}, 6, PlayDemo);
}

}  // namespace

Subcommand DemoSubcommand() {
  return {
      .name = "demo",
      .summary = "play the seed's ideation workshop with simulated tables",
      .help =
          "Usage: atelier demo [--server HOST:PORT] [--template KEY] [--tables N] [--pace-ms MS]\n"
          "                    [--seed S] [--organizer-key KEY]\n\n"
          "Creates the workshop « Comment optimiser l'utilisation de la salle municipale ? »,\n"
          "prints the join code and the observer link, then plays it over real WebSocket\n"
          "connections (one per table and one for the animateur): tables post ideas, the\n"
          "animateur merges the duplicates its hints suggest, each table spends its 30 points\n"
          "(never on its own ideas), the animateur reveals, and the results are printed.\n\n"
          "With --template KEY, plays one of the server's methods instead (GET /api/templates:\n"
          "ideation, evaluation, sprint, cartes-de-role, parcours-usager, election-des-futurs,\n"
          "jurisprudence, bilan-de-mandature, barometre), step by step: tables (with a profile\n"
          "each, in turn, where the method has profiles) post its example ideas in each facet,\n"
          "every voter casts the step's ballot, every participant scores on its phone.\n\n"
          "  --template KEY the method to play (default: the ideation above)\n"
          "  --tables N     simulated tables, 1 to 100 (default 6; 3 with --template)\n"
          "  --pace-ms MS   pause between steps, to follow on the observer screen (default 400;\n"
          "                 0: as fast as the server answers)\n"
          "  --seed S       the tables' tastes (default: random)\n"
          "  --organizer-key KEY  for a server with --organizer-keys (default:\n"
          "                 $ATELIER_ORGANIZER_KEY)\n",
      .spec = {.options = {{"--template", 1},
                           {"--tables", 1},
                           {"--pace-ms", 1},
                           {"--seed", 1},
                           {"--organizer-key", 1}}},
      .run = RunDemo,
  };
}

}  // namespace atelier::cli
