// The text report of a workshop's Results (state.proto), in French like the screens: for an
// ideation, the points per idea or cluster as a bar histogram, most first; for an evaluation,
// the ranking with each criterion's 0-10 distribution, mean, median and spread. Participation
// counts stand beside the results.
//
// Pure; thread-safe.
#ifndef ATELIER_CLIENTS_CLI_RESULTS_PRINTER_H_
#define ATELIER_CLIENTS_CLI_RESULTS_PRINTER_H_

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "atelier/v1/state.pb.h"

namespace atelier::cli {

// What Results does not carry: the question, and the criteria's names (by id). Either may be
// empty: the report then says "atelier <id>" and "critère <id>".
struct ResultsLabels {
  std::string question;
  std::map<uint32_t, std::string> criteria;
};

void PrintResults(const v1::Results& results, const ResultsLabels& labels, std::ostream& out);

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_RESULTS_PRINTER_H_
