// Folds one event into a workshop's state. State is a pure function of the log: folding the
// same events in order always gives the same state, live or on replay.
//
// Apply trusts the payload (it was decided against the same state) but checks the envelope:
// the event must be the next one (seq = state.seq + 1) of this workshop. On an error the state is
// left unchanged. It never crashes on an inconsistent payload (a corrupt log that was re-hashed):
// references to missing ideas or tables are skipped.
//
// Thread-compatible: callers serialize access to one workshop's state.
#ifndef ATELIER_SERVER_WORKSHOP_APPLY_H_
#define ATELIER_SERVER_WORKSHOP_APPLY_H_

#include <expected>
#include <string>

#include "atelier/v1/events.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

std::expected<void, std::string> Apply(WorkshopState& state, const v1::Event& event);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_APPLY_H_
