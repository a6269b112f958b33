// Checking a workshop's stored snapshots against its log. A snapshot is a cache of the state the
// log folds to: one that disagrees with the log in any way is discarded (deleted from the store),
// never served.
//
// Two depths. TrustProblem is cheap (one event read): the snapshot parses, is a valid state, names
// the workshop and the seq it is stored under, and its last hash is the stored hash of that event.
// CheckSnapshots adds the full check: the log folded from event 1 to the snapshot's seq gives the
// same state (both through ToProto with deterministic serialization, after FromProto's
// normalization of the snapshot), so a snapshot whose content was changed with its seq and last
// hash left alone is caught. Its cost is a replay of the workshop: run it off the start-up path
// (room/chain_checker.h).
//
// Functions block on disk reads; thread-safe as EventLog is.
#ifndef ATELIER_SERVER_ENGINE_SNAPSHOT_CHECK_H_
#define ATELIER_SERVER_ENGINE_SNAPSHOT_CHECK_H_

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "server/workshop/state.h"
#include "storage/event_log.h"

namespace atelier::engine {

// A snapshot found to disagree with the log, and what is wrong with it in a few words.
struct DiscardedSnapshot {
  uint64_t seq = 0;
  std::string problem;
};

// Why `snapshot` of the workshop cannot be trusted by the cheap checks, or nullopt with the
// state it holds in *state. An error when the log cannot be read (the snapshot is not judged).
std::expected<std::optional<std::string>, std::string> TrustProblem(storage::EventLog& log, std::string_view workshop_id,
                                        const storage::Snapshot& snapshot,
                                        workshop::WorkshopState* state);

// Checks the workshop's newest snapshot at or below its head fully; while it disagrees with the
// log, deletes it, calls `discarded` (once per snapshot) and checks the next newest. Returns the
// number of snapshots discarded, or an error when the log could not be read or a snapshot could
// not be deleted (nothing more is checked then). A workshop whose chain is broken gives an error:
// verify the chain first. Events appended meanwhile do not matter: only events up to the
// snapshot's seq are folded.
std::expected<int, std::string> CheckSnapshots(
    storage::EventLog& log, std::string_view workshop_id,
    const std::function<void(const DiscardedSnapshot&)>& discarded);

}  // namespace atelier::engine

#endif  // ATELIER_SERVER_ENGINE_SNAPSHOT_CHECK_H_
