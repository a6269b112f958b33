// The text report of a workshop's Results (state.proto), in French like the screens: the
// ranking with each criterion's distribution over its range (0-10, or a smiley scale's 1-5),
// mean, median and spread, when ideas were scored; then each vote as its ballot counts it:
// points or gommettes per idea as a bar histogram, most first; how many chose each idea (a
// pick); a Borda count with how many put each idea first, second... (a ranking); the
// coffre-fort, machine à laver and poubelle of each idea (buckets). Participation counts stand
// beside the results.
//
// Pure; thread-safe.
#ifndef ATELIER_CLIENTS_CLI_RESULTS_PRINTER_H_
#define ATELIER_CLIENTS_CLI_RESULTS_PRINTER_H_

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "atelier/v1/state.pb.h"
#include "atelier/v1/workshop.pb.h"

namespace atelier::cli {

// What Results does not carry: the question, and the criteria's names (by id). Either may be
// empty: the report then says "atelier <id>" and "critère <id>". `config`, when known (its
// agenda not empty), gives each vote's ballot kind and title and each criterion's range;
// without it, a vote is counted in points and a criterion's range is 0-10.
struct ResultsLabels {
  std::string question;
  std::map<uint32_t, std::string> criteria;
  v1::WorkshopConfig config;
};

void PrintResults(const v1::Results& results, const ResultsLabels& labels, std::ostream& out);

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_RESULTS_PRINTER_H_
