// Converts a workshop's state to and from its protobuf form (atelier.v1.WorkshopState).
//
// ToProto gives the complete state, secrets and applied commands included: it is what the log
// stores as a snapshot, and the input that views.h redacts for each role. Never send it as is.
// FromProto rebuilds a state from a snapshot, validating it first, so that a corrupt or
// hand-edited snapshot is reported as an error instead of breaking the invariants of state.h.
//
// Pure functions; they share nothing and are safe to call from any thread on distinct states
// (thread-compatible). The caller owns the values passed and returned.
#ifndef ATELIER_SERVER_WORKSHOP_STATE_CODEC_H_
#define ATELIER_SERVER_WORKSHOP_STATE_CODEC_H_

#include <expected>
#include <string>

#include "atelier/v1/state.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

// The complete state. Repeated fields come out sorted by id (scores by seat, idea, criterion;
// applied commands by seq, then actor, then command id), so equal states give equal bytes under
// deterministic serialization. Totals and per-seat counts are not written: they are derived.
// Not carried by the schema: WorkshopState::last_time_ms (FromProto leaves it 0).
v1::WorkshopState ToProto(const WorkshopState& state);

// Rebuilds a state from ToProto's output, including the derived data: Table::points_spent,
// Seat::scores and the totals (RecomputeTotals). `created` is inferred from seq > 0. Applied
// commands are remembered in seq order, so that only each actor's newest
// AppliedCommands::kRememberedPerActor are kept (an older snapshot may list more), in the order
// a replay of the log would have left them.
// Returns a one-line description of the first problem found when the snapshot is inconsistent:
// duplicate or zero ids, an idea/cluster id at or beyond next_id, an idea in an unknown cluster
// or not listed by it, a cluster with fewer than two ideas, points on a target that is not live
// (a top-level idea or a cluster), zero points, a seat of an unknown table, a score on an
// unknown seat, idea or criterion or outside the criterion's range, an invalid criterion range,
// a duplicate applied command, a table or seat of a profile the configuration does not have, an
// idea naming a facet (category, stage, lane) its step does not have.
std::expected<WorkshopState, std::string> FromProto(const v1::WorkshopState& proto);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_STATE_CODEC_H_
