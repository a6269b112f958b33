// The two reference workshops of the product, played through the engine by simulated tables:
// "Comment optimiser l'utilisation de la salle municipale ?" (ideation: ideas in French,
// duplicates merged from the engine's own hints, 30-point votes), then its top five carried
// into an evaluation scored by every seat on three criteria.
//
// Used by `atelier-demo` (what `make run` shows until the server exists) and by tests that need
// a realistic log. Deterministic for a given seed. Blocks on the engine's durable appends.
#ifndef ATELIER_SERVER_DEMO_SCENARIO_H_
#define ATELIER_SERVER_DEMO_SCENARIO_H_

#include <cstdint>
#include <expected>
#include <ostream>
#include <string>

#include "server/engine/engine.h"

namespace atelier::demo {

struct ScenarioResult {
  std::string ideation_id;
  std::string evaluation_id;
  uint64_t rejections_shown = 0;  // rejected commands the scenario made on purpose
};

struct ScenarioOptions {
  uint32_t seed = 2026;
  int tables = 6;
  std::ostream* narration = nullptr;  // what happens, step by step, in French; null: silent
};

std::expected<ScenarioResult, std::string> PlayReferenceWorkshops(engine::Engine& engine,
                                                                  const ScenarioOptions& options);

// A plain-text report of a workshop's results: the sorted histogram of points, or per idea and
// criterion the 0-10 distribution, mean, median and spread, the ranking, and participation.
void PrintResults(const workshop::WorkshopState& state, std::ostream& out);

}  // namespace atelier::demo

#endif  // ATELIER_SERVER_DEMO_SCENARIO_H_
