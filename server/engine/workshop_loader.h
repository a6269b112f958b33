// Rebuilding a workshop's state from its log, and saving snapshots that make it fast.
//
// A workshop is opened by verifying its hash chain (a tampered log is refused), then starting
// from the newest snapshot whose seq and hash agree with the log, and folding the events after
// it. A snapshot is only a shortcut: it never changes what replay gives. One that fails the cheap
// checks (snapshot_check.h) is deleted, listed in LoadStats::discarded, and the load starts from
// the next newest or from event 1; the full comparison with the log is CheckSnapshots'. By default the whole chain is verified first; a server that must
// answer soon may verify only the events after the snapshot (Verify::kAfterSnapshot) and the
// whole chain later (EventLog::VerifyChain), off its start-up path.
//
// Functions block on disk reads: call them at start-up or off the I/O threads.
#ifndef ATELIER_SERVER_ENGINE_WORKSHOP_LOADER_H_
#define ATELIER_SERVER_ENGINE_WORKSHOP_LOADER_H_

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "server/engine/snapshot_check.h"
#include "server/workshop/state.h"
#include "storage/event_log.h"

namespace atelier::engine {

struct LoadOptions {
  enum class Verify {
    kWhole,          // the whole chain, from event 1, before anything else
    kAfterSnapshot,  // only the events after the snapshot the load starts from: trusts the
                     // events up to it, since its last hash is the stored hash of its last event
                     // (the whole chain when no snapshot is used)
  };
  bool use_snapshots = true;  // false: fold every event from seq 1 (for checks and tests)
  Verify verify = Verify::kWhole;
};

struct LoadStats {
  uint64_t snapshot_seq = 0;  // 0 when the load started from scratch
  uint64_t events_folded = 0;
  uint64_t verified_from_seq = 0;  // the chain was verified after this event (0: all of it)
  // Snapshots that failed the cheap checks (snapshot_check.h: TrustProblem), newest first: each
  // was deleted from the store and the load went on from an older one or from event 1.
  std::vector<DiscardedSnapshot> discarded;
};

// The state of the workshop as of its last durable event. Errors name the workshop and say
// what is wrong (broken chain, undecodable event, event that does not fold).
std::expected<workshop::WorkshopState, std::string> LoadWorkshop(storage::EventLog& log,
                                                                 std::string_view workshop_id,
                                                                 const LoadOptions& options = {},
                                                                 LoadStats* stats = nullptr);

// Stores the state as the workshop's snapshot as of state.seq.
std::expected<void, std::string> SaveSnapshot(storage::EventLog& log,
                                              const workshop::WorkshopState& state);

}  // namespace atelier::engine

#endif  // ATELIER_SERVER_ENGINE_WORKSHOP_LOADER_H_
