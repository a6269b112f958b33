// The per-profile parts of the results (results.h): each profile's votes and participation, and
// the consolidation tables of the steps with categories. Internal to ComputeResults, which adds
// each profile's evaluations.
//
// Cheap like the rest of the results: votes come from the per-profile tallies Apply keeps
// (state.h), participation from one pass over the tables and the seats, consolidation from one
// pass over the ideas. Pure functions of the state; thread-compatible.
#ifndef ATELIER_SERVER_WORKSHOP_PROFILE_RESULTS_H_
#define ATELIER_SERVER_WORKSHOP_PROFILE_RESULTS_H_

#include "atelier/v1/state.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

// One ProfileResults per configured profile, in the configuration's order, with its id, name,
// votes (per vote step its voters voted in, in agenda order: the targets they named, by target
// id, with their points, voters and, for a ranking or buckets, ranks or buckets) and
// participation (its tables and their ideas; the seats whose ProfileOfSeat it is; its ballots
// and points in `shown_vote_step`, the step Results.points shows). Nothing when the workshop
// has no profiles.
void AddProfileShares(const WorkshopState& state, uint32_t shown_vote_step,
                      v1::Results& results);

// One Consolidation per step with categories, in agenda order: the step's live ideas with a
// category, counted per (author table's profile, category); non-zero cells only, by profile then
// category. Nothing when no step has categories.
void AddConsolidations(const WorkshopState& state, v1::Results& results);

// A target's spread in a vote of `kind`, from its step's tally: how many put it at each rank
// (RANKING), or in each of the three buckets (BUCKETS, always three counts); nothing otherwise.
// Shared with results.cc.
void AddSpread(const Tally& tally, TargetId target_id, v1::BallotKind kind, v1::TargetResult& out);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_PROFILE_RESULTS_H_
