// The per-profile results recomputed from a state's raw data (each table's points, each seat's
// scores, each idea), without the totals Apply keeps nor results.cc's code: what the tests hold
// ComputeResults's per-profile parts and consolidation tables to.
//
// Pure functions; thread-compatible.
#ifndef ATELIER_TESTS_WORKSHOP_PROFILE_RECOUNT_H_
#define ATELIER_TESTS_WORKSHOP_PROFILE_RECOUNT_H_

#include <string>

#include "atelier/v1/state.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop::testing {

// "" when results.profiles and results.consolidations say what the raw data says: one entry per
// configured profile with its name; per vote step its voters voted in, the targets they named
// with their points, voters, ranks or buckets (and, when every voter has a profile, the
// profiles' votes adding up to each step's tally); its participation; for every idea its seats scored (and no other), for every criterion the
// histogram, count and mean of its seats' scores (a seat's own profile, else its table's) and
// the idea's weighted overall score; for every
// step with categories the ideas per (author's profile, category). Otherwise the first
// difference, in one line.
std::string CompareWithRecount(const WorkshopState& state, const v1::Results& results);

}  // namespace atelier::workshop::testing

#endif  // ATELIER_TESTS_WORKSHOP_PROFILE_RECOUNT_H_
