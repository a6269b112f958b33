// The one way a command becomes an event, for every caller: the room on the server and the
// synchronous Engine of the tools. In this order:
//   1. find an applied id: a command id this actor already used is answered with the event it
//      became (kDuplicate), or refused if it named another command (COMMAND_ID_REUSED);
//   2. decide (workshop::Decide): the rules, a rejection with its reason, or the event;
//   3. seal (storage::Seal): the event serialized and hashed once, the bytes for the log;
//   4. apply (workshop::Apply): the event folded into the state.
// The state is then ahead of the log by that event: the caller appends `sealed` and, if the
// append fails, puts the state back as the log has it (a reload), never keeping an event the
// log does not hold.
//
// Commands from clients must carry an id (1 to kMaxCommandIdBytes bytes): it makes a retry
// idempotent. Their fingerprint (a hash of the command without its id) goes into the event, so
// that after a restart too a reused id with another command is told apart from a retry.
// Commands the server makes itself (creation, a join by Hello, the timer) need no id.
//
// Pure functions of their arguments (no I/O, no clock); thread-compatible.
#ifndef ATELIER_SERVER_ENGINE_COMMAND_PIPELINE_H_
#define ATELIER_SERVER_ENGINE_COMMAND_PIPELINE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "atelier/v1/commands.pb.h"
#include "atelier/v1/events.pb.h"
#include "atelier/v1/rejection.pb.h"
#include "server/workshop/decide.h"
#include "server/workshop/state.h"
#include "storage/sealed_event.h"

namespace atelier::engine {

inline constexpr size_t kMaxCommandIdBytes = 64;

// Where a command comes from.
enum class Source {
  kClient,  // a connected client: named by its id, idempotent
  kServer,  // the server itself: creation, a join by Hello, the timer
};

// What became of one command.
struct Step {
  enum class Kind {
    kAccepted,   // `event` (sealed, hash set) and `sealed` are the new event, folded into the state
    kDuplicate,  // the id was used before for this same command: `seq` is its event
    kRejected,   // `rejection` says why; the state is unchanged
    kBroken,     // the decided event did not fold: a bug; `error` says what, the state is suspect
  };
  Kind kind = Kind::kRejected;
  uint64_t seq = 0;
  atelier::v1::Rejection rejection;
  atelier::v1::Event event;
  storage::SealedEvent sealed;
  std::string error;

  bool accepted() const { return kind == Kind::kAccepted; }
};

// Runs one command against `state` (find-applied -> decide -> seal -> apply). `context.actor` is
// who sends it, as authenticated by the caller.
[[nodiscard]] Step Execute(workshop::WorkshopState& state, const atelier::v1::Command& command,
                           const workshop::CommandContext& context, Source source);

// The first 8 bytes of SHA-256 of the command serialized deterministically without its id, as a
// little-endian integer; never 0 (0 means "no fingerprint" in the log).
uint64_t CommandFingerprint(const atelier::v1::Command& command);

}  // namespace atelier::engine

#endif  // ATELIER_SERVER_ENGINE_COMMAND_PIPELINE_H_
