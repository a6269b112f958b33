// Plays one of the server's methods (GET /api/templates) from its creation to its results, over
// the real protocol: creates the workshop from the template, connects the animateur, the tables
// (each choosing a profile where the method has some, in turn) and, where participants score or
// vote for themselves, every seat on its own connection; then the animateur moves through the
// agenda step by step and, in each, the room does what the step asks: tables post the
// template's example ideas (in each facet of the step: a category, a stage and a lane, in
// turn), the animateur merges two ideas, each voter casts a ballot of the step's kind (points or
// dots within budget and cap, exactly N, a ranking, buckets; never its own table's ideas unless
// the step allows it), each seat scores each idea on each criterion within its scale; a table
// tries once to vote for its own idea, and the server's refusal is shown. At the end the
// animateur reveals the results, fetched over HTTP and printed.
//
// Every command must be accepted (except the one meant to be refused): a method whose agenda
// the server's rules cannot play fails with the server's reason. Narration goes to `out`, in
// French. Blocks until done; everything runs on the calling thread.
#ifndef ATELIER_CLIENTS_CLI_TEMPLATE_PLAYER_H_
#define ATELIER_CLIENTS_CLI_TEMPLATE_PLAYER_H_

#include <chrono>
#include <cstdint>
#include <expected>
#include <ostream>
#include <string>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/state.pb.h"
#include "clients/cli/args.h"

namespace atelier::cli {

struct TemplateOptions {
  ServerAddress server;
  std::string key;  // WorkshopTemplate.key: "sprint", "barometre", ...
  int tables = 3;
  std::chrono::milliseconds pace{400};
  uint32_t seed = 0;  // of the voters' tastes
  std::string organizer_key;
};

struct TemplateOutcome {
  v1::CreateWorkshopResponse workshop;
  v1::Results results;  // as revealed at the end
  int steps = 0;        // agenda steps played after set-up
  int ballots = 0;      // ballots cast
  int scores = 0;       // scores given
  int refusals_shown = 0;
};

std::expected<TemplateOutcome, std::string> PlayTemplate(const TemplateOptions& options,
                                                         std::ostream& out);

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_TEMPLATE_PLAYER_H_
