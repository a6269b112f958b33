#include "tests/fuzz/one_command.h"

#include <utility>

#include "server/engine/command_pipeline.h"

namespace atelier::fuzz {

CommandOutcome RunOneCommand(workshop::WorkshopState& state, const atelier::v1::Command& command,
                             const workshop::CommandContext& context) {
  // What the server makes itself (creation, a join by the code, the timer) needs no id; what a
  // connected client sends does.
  const bool server = command.has_create_workshop() || context.via_join_code ||
                      context.actor.kind() == atelier::v1::ACTOR_KIND_SYSTEM;
  engine::Step step = engine::Execute(state, command, context,
                                      server ? engine::Source::kServer : engine::Source::kClient);
  CommandOutcome outcome;
  outcome.seq = step.seq;
  switch (step.kind) {
    case engine::Step::Kind::kDuplicate:
      outcome.kind = CommandOutcome::Kind::kDuplicate;
      break;
    case engine::Step::Kind::kRejected:
      outcome.kind = CommandOutcome::Kind::kRejected;
      outcome.rejection = std::move(step.rejection);
      break;
    case engine::Step::Kind::kBroken:
      outcome.kind = CommandOutcome::Kind::kFailed;
      outcome.error = std::move(step.error);
      break;
    case engine::Step::Kind::kAccepted:
      outcome.kind = CommandOutcome::Kind::kAccepted;
      outcome.event = std::move(step.event);
      outcome.logged = step.sealed.ToLogged();
      break;
  }
  return outcome;
}

}  // namespace atelier::fuzz
