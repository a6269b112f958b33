// One command through the server's own pipeline (server/engine/command_pipeline.h), without the
// disk: find an applied id -> decide -> seal -> apply. Commands the server makes itself
// (creation, a join by the code, the timer) go as the server's, the others as a client's (an id
// required).
#ifndef ATELIER_TESTS_FUZZ_ONE_COMMAND_H_
#define ATELIER_TESTS_FUZZ_ONE_COMMAND_H_

#include <cstdint>
#include <string>

#include "atelier/v1/commands.pb.h"
#include "atelier/v1/events.pb.h"
#include "atelier/v1/log.pb.h"
#include "atelier/v1/rejection.pb.h"
#include "server/workshop/decide.h"
#include "server/workshop/state.h"

namespace atelier::fuzz {

struct CommandOutcome {
  enum class Kind { kDuplicate, kRejected, kAccepted, kFailed };
  Kind kind = Kind::kFailed;
  uint64_t seq = 0;                  // kDuplicate: the first outcome's; kAccepted: the event's
  atelier::v1::Rejection rejection;  // kRejected
  atelier::v1::Event event;          // kAccepted: sealed (hash set), as sent to clients
  atelier::v1::LoggedEvent logged;   // kAccepted: what the log stores
  std::string error;                 // kFailed: the decided event did not fold (a bug)
};

// Runs `command` against `state`; on acceptance `state` has folded the sealed event. On
// kRejected and kDuplicate, `state` is unchanged; kFailed is a bug.
CommandOutcome RunOneCommand(workshop::WorkshopState& state, const atelier::v1::Command& command,
                             const workshop::CommandContext& context);

}  // namespace atelier::fuzz

#endif  // ATELIER_TESTS_FUZZ_ONE_COMMAND_H_
