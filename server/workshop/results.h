// The results of a workshop, computed from its state: each vote step's points per target, the
// evaluation's statistics and ranking per idea, and the participation beside them.
//
// ComputeResults reads the totals that Apply keeps (tallies with their ranks and buckets,
// score_stats, seats_scoring); it never scans the ballots or the individual scores, so it costs
// O(vote steps x targets log targets + ideas x criteria x range) and may run ten times a second
// per workshop. Results are aggregates only: the same message serves every role allowed to see it
// (views.h decides who is).
//
// Pure function of the state; thread-compatible.
//
// Points: for the vote step shown (Results.vote_step_id: the one the workshop is in, else the last
// before it, else the agenda's first), one TargetResult per live vote target (a top-level idea or
// a cluster) that step takes (sources.h: not posted during it or later; its selection), sorted by points descending, then voters descending,
// then id ascending. What points counts depends on the step's ballot (TargetResult in
// state.proto): points, dots, picks, a Borda count, coffre-fort. Targets nobody voted for are
// listed with 0 points, except in an evaluation workshop (no vote), where only targets with
// points would be listed (normally none). other_votes: the same for every other vote step that
// has ballots, in agenda order. Participation's tables_voted and points_spent are the shown
// step's ballots cast and points (or dots) spent; 0 points for the other kinds.
//
// Evaluations (when the workshop has criteria): one IdeaEvaluation per idea, clustered or not
// (an idea in a cluster is still scored as itself); when every scoring step of the agenda has a
// source (sources.h), only the ideas they took. Per criterion, in the config's order: the
// histogram over [min_value, max_value] (all zeros if nobody scored), the count, the mean, the
// median (even count: mean of the two middle values) and the population standard deviation,
// all 0 when count is 0.
// - overall: over the criteria somebody scored, the mean of the criterion's mean weighted by the
//   criterion's weight (CriterionWeight: 0, in logs from before weights, counts as 1), oriented
//   so that higher is better (DIRECTION_LOWER_IS_BETTER: min + max - mean; UNSPECIFIED counts as
//   higher is better) and scaled to 0-10 by (x - min) / (max - min) * 10;
// - spread: over the same criteria, the mean of the standard deviation scaled by 10 / (max - min)
//   (a criterion with min == max scales to 0), weighted the same way;
// - rank (1 = best): ideas with at least one score first, by overall descending, then spread
//   ascending (broader consensus first), then idea id; ideas nobody scored come last, with
//   overall and spread 0. Overall and spread are compared at 1e-9 so that rounding never
//   decides a tie.
//
// Per profile (when the workshop has profiles; profile_results.h): for each profile, the points
// of its tables, the evaluations from its seats' scores alone (as above, of the ideas its seats
// scored only, ranked among themselves, without the ideas' texts, read from the per-profile
// totals Apply keeps) and its participation. Per step with categories: the consolidation table, ideas per (profile,
// category). A workshop without profiles or categories gets neither, so its results are what
// they were before profiles.
#ifndef ATELIER_SERVER_WORKSHOP_RESULTS_H_
#define ATELIER_SERVER_WORKSHOP_RESULTS_H_

#include <cstdint>

#include "atelier/v1/state.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

v1::Results ComputeResults(const WorkshopState& state);

// One vote step's targets as Results lists them (sorted by points, most first): for the top of
// a vote that a later step takes (sources.h).
google::protobuf::RepeatedPtrField<v1::TargetResult> VoteTargets(const WorkshopState& state,
                                                                 uint32_t step_id);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_RESULTS_H_
