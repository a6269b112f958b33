// A workshop as it stood after one of its past events, folded from its log without touching the
// live room: for the console's timeline (GET /api/workshops/{id}/timeline?at=SEQ).
//
// The fold starts from the newest stored snapshot at or below the seq that passes the same cheap
// checks as a load (snapshot_check.h: TrustProblem), or from event 1, and folds the events after
// it up to the seq, each checked against the chain from the snapshot's last hash on (so a changed
// event after the starting point is refused, never folded). A snapshot that fails the checks is
// passed over (not deleted: that is the load's and the background check's job) and an older one
// or event 1 is used. The result is the state after events 1..seq, whichever way it was reached.
//
// Cost: the events between the starting point and the seq (at most the seq). Blocks on disk
// reads: call off the I/O threads. Thread-safe as EventLog is; appends may go on meanwhile.
#ifndef ATELIER_SERVER_ENGINE_STATE_AS_OF_H_
#define ATELIER_SERVER_ENGINE_STATE_AS_OF_H_

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "atelier/v1/timeline.pb.h"
#include "server/engine/snapshot_check.h"
#include "server/workshop/state.h"
#include "storage/event_log.h"

namespace atelier::engine {

struct StateAsOfStats {
  uint64_t snapshot_seq = 0;  // the snapshot the fold started from; 0: event 1
  uint64_t events_folded = 0;
  std::vector<DiscardedSnapshot> passed_over;  // snapshots that failed the cheap checks
};

// The state after events 1..seq of the workshop. Errors (in words): seq 0, seq beyond the
// durable log, an event that cannot be read, decoded, linked to the chain or folded.
std::expected<workshop::WorkshopState, std::string> StateAsOf(storage::EventLog& log,
                                                            std::string_view workshop_id,
                                                            uint64_t seq,
                                                            StateAsOfStats* stats = nullptr);

// The timeline's moment at `seq` (>= 1; past the durable head: the head's): the animateur's view
// of StateAsOf (views.h: ViewState) and the results then (results.h: ComputeResults), with the
// event's time and the head. Errors: those of StateAsOf, seq 0, "no such workshop".
std::expected<v1::TimelineMoment, std::string> MomentAt(storage::EventLog& log,
                                                        std::string_view workshop_id,
                                                        uint64_t seq);

}  // namespace atelier::engine

#endif  // ATELIER_SERVER_ENGINE_STATE_AS_OF_H_
