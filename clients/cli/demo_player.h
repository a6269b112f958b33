// Plays the seed's ideation workshop (demo_script.h) against a running server, over the real
// protocol: creates the workshop over HTTP, then one WebSocket connection per simulated table
// and one for the animateur. Tables join and post their ideas; the animateur moves the phases,
// merges the duplicates its DuplicateHints suggest (and two it spots itself); each table spends
// its 30 points on ideas that are not its own (by its own view: the own flag of its snapshot and
// of the ideas it posted); the server's refusal of a self-vote and of a table moving a phase is
// shown; the animateur reveals the results, which are fetched over HTTP and printed.
//
// Narration goes to `out`, in French like the screens. Blocks until done; everything runs on
// the calling thread.
#ifndef ATELIER_CLIENTS_CLI_DEMO_PLAYER_H_
#define ATELIER_CLIENTS_CLI_DEMO_PLAYER_H_

#include <chrono>
#include <cstdint>
#include <expected>
#include <ostream>
#include <string>

#include "atelier/v1/api.pb.h"
#include "clients/cli/args.h"

namespace atelier::cli {

struct DemoOptions {
  ServerAddress server;
  int tables = 6;
  // Between two steps (an idea, a merge, a vote, a phase), so that a person can follow on the
  // observer screen. 0 plays as fast as the server answers.
  std::chrono::milliseconds pace{400};
  uint32_t seed = 0;  // of the tables' tastes
  std::string organizer_key;  // to create the workshop on a server with --organizer-keys
};

struct DemoOutcome {
  v1::CreateWorkshopResponse workshop;
  int merges = 0;
  int refusals_shown = 0;
};

std::expected<DemoOutcome, std::string> PlayDemo(const DemoOptions& options, std::ostream& out);

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_DEMO_PLAYER_H_
