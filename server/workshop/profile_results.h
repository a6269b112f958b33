// The per-profile parts of the results (results.h): each profile's points and participation,
// and the consolidation tables of the steps with categories. Internal to ComputeResults, which
// adds each profile's evaluations.
//
// Cheap like the rest of the results: points come from the per-profile totals Apply keeps
// (state.h), participation from one pass over the tables and the seats, consolidation from one
// pass over the ideas. Pure functions of the state; thread-compatible.
#ifndef ATELIER_SERVER_WORKSHOP_PROFILE_RESULTS_H_
#define ATELIER_SERVER_WORKSHOP_PROFILE_RESULTS_H_

#include "atelier/v1/state.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

// One ProfileResults per configured profile, in the configuration's order, with its id, name,
// points (targets with points from the profile's tables, by target id) and
// participation (its tables, their ideas and points; the seats whose ProfileOfSeat it is).
// Nothing when the workshop has no profiles.
void AddProfileShares(const WorkshopState& state, v1::Results& results);

// One Consolidation per step with categories, in agenda order: the step's live ideas with a
// category, counted per (author table's profile, category); non-zero cells only, by profile then
// category. Nothing when no step has categories.
void AddConsolidations(const WorkshopState& state, v1::Results& results);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_PROFILE_RESULTS_H_
