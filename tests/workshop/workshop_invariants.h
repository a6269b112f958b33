// The rules a workshop's state must satisfy after every accepted command, checked from the
// outside by the randomized domain test and the fuzz targets: what state.h promises, recomputed.
//
// Each check returns an empty string when the rule holds, otherwise one line saying which rule
// broke and where. Pure functions of their arguments; thread-compatible.
#ifndef ATELIER_TESTS_WORKSHOP_WORKSHOP_INVARIANTS_H_
#define ATELIER_TESTS_WORKSHOP_WORKSHOP_INVARIANTS_H_

#include <string>

#include "server/workshop/state.h"

namespace atelier::workshop::testing {

// Ballots (in a vote step, of its kind and voter; points summing to points_spent within the
// step's budget, each entry 1..cap; a choice naming each target once, a pick at most `count`;
// buckets real; only live targets: top-level ideas and clusters; no self-vote unless the step
// allows it, also through a cluster), clusters (at least two ideas,
// listed both ways, sorted), scores (a known seat, a configured criterion, a value in its range,
// each seat's count), profiles (every table's and seat's a configured one, or 0), facets (every
// idea's a value of its step's lists, or 0), and the running totals, per-profile ones included,
// equal to RecomputeTotals.
std::string CheckInvariants(const WorkshopState& state);

// The authorization property: the accepted `event`, decided for `actor` (a table or a seat),
// changed nothing that belongs to another table or another seat between `before` and `after`.
// Another table's entry (name, token), its ballots (and another seat's), its seats and their scores, and the ideas it (or
// the animateur) wrote stay as they were. Allowed, because the rules say so: a new table for the
// tablet joining (TABLE actor 0, as a Hello with the join code makes), a new seat at the actor's
// own table, and, when a table deletes its own idea, the cluster dissolved that the IdeaDeleted
// event names (never another table's points: a table cannot delete an idea others voted for).
// Other actors: always empty.
std::string CheckOnlyOwnStateChanged(const WorkshopState& before,
                                     const WorkshopState& after,
                                     const v1::Actor& actor,
                                     const v1::Event& event);

}  // namespace atelier::workshop::testing

#endif  // ATELIER_TESTS_WORKSHOP_WORKSHOP_INVARIANTS_H_
