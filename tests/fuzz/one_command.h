// One command through the server's pipeline, without the disk: find an applied id -> decide ->
// seal -> apply, in the order server/engine/engine.cc (Engine::Execute) runs it. The fuzz
// targets call only this, so that when the engine's pipeline becomes one function of its own,
// switching the targets to it is this one function.
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
// kRejected, kDuplicate and kFailed, `state` is unchanged.
CommandOutcome RunOneCommand(workshop::WorkshopState& state, const atelier::v1::Command& command,
                             const workshop::CommandContext& context);

}  // namespace atelier::fuzz

#endif  // ATELIER_TESTS_FUZZ_ONE_COMMAND_H_
