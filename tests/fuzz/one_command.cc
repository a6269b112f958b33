#include "tests/fuzz/one_command.h"

#include <utility>

#include "server/workshop/apply.h"
#include "storage/hash_chain.h"

namespace atelier::fuzz {

CommandOutcome RunOneCommand(workshop::WorkshopState& state, const atelier::v1::Command& command,
                             const workshop::CommandContext& context) {
  CommandOutcome outcome;
  if (auto seq = workshop::FindApplied(state, context.actor, command.command_id())) {
    outcome.kind = CommandOutcome::Kind::kDuplicate;
    outcome.seq = *seq;
    return outcome;
  }
  workshop::Decision decision = workshop::Decide(state, command, context);
  if (!decision) {
    outcome.kind = CommandOutcome::Kind::kRejected;
    outcome.rejection = std::move(decision).error();
    return outcome;
  }
  outcome.event = *std::move(decision);
  outcome.logged = storage::Seal(outcome.event);
  if (auto applied = workshop::Apply(state, outcome.event); !applied) {  // state unchanged
    outcome.error = applied.error();
    return outcome;
  }
  outcome.kind = CommandOutcome::Kind::kAccepted;
  outcome.seq = outcome.event.seq();
  return outcome;
}

}  // namespace atelier::fuzz
