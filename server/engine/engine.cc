#include "server/engine/engine.h"

#include <future>

#include "server/engine/workshop_loader.h"
#include "server/engine/command_pipeline.h"

namespace atelier::engine {

Engine::Engine(std::unique_ptr<storage::EventLog> log, const EngineOptions& options)
    : log_(std::move(log)), options_(options) {}

std::expected<std::unique_ptr<Engine>, std::string> Engine::Open(const std::filesystem::path& dir,
                                                                 const EngineOptions& options) {
  auto log = storage::EventLog::Open(dir, options.log);
  if (!log) return std::unexpected(log.error().message);
  std::unique_ptr<Engine> engine(new Engine(*std::move(log), options));
  auto ids = engine->log_->ListWorkshops();
  if (!ids) return std::unexpected(ids.error().message);
  for (const std::string& id : *ids) {
    auto state = LoadWorkshop(*engine->log_, id);
    if (!state) return std::unexpected(state.error());
    engine->workshops_.emplace(id, *std::move(state));
  }
  return engine;
}

Outcome Engine::Execute(const std::string& workshop_id, const v1::Command& command,
                        workshop::CommandContext context) {
  Outcome outcome;
  workshop::WorkshopState fresh;
  auto it = workshops_.find(workshop_id);
  const bool creating = it == workshops_.end();
  workshop::WorkshopState& state = creating ? fresh : it->second;
  if (creating) context.workshop_id = workshop_id;

  // A command with an id is a client's (idempotent by it); one without, the tool's own.
  const Source source = command.command_id().empty() ? Source::kServer : Source::kClient;
  Step step = engine::Execute(state, command, context, source);
  switch (step.kind) {
    case Step::Kind::kDuplicate:
      outcome.kind = Outcome::Kind::kDuplicate;
      outcome.seq = step.seq;
      return outcome;
    case Step::Kind::kRejected:
      outcome.kind = Outcome::Kind::kRejected;
      outcome.rejection = std::move(step.rejection);
      return outcome;
    case Step::Kind::kBroken:
      outcome.error = "workshop " + workshop_id + ": " + step.error;
      Restore(workshop_id);
      return outcome;
    case Step::Kind::kAccepted:
      break;
  }
  std::promise<storage::Result<void>> durable;
  log_->Append(step.sealed,
               [&durable](const storage::Result<void>& r) { durable.set_value(r); });
  storage::Result<void> written = durable.get_future().get();
  if (!written) {
    // The state is ahead of the log by this event: take it back as the log has it.
    outcome.error = written.error().message;
    if (!creating) Restore(workshop_id);
    return outcome;
  }
  if (creating) workshops_.emplace(workshop_id, std::move(fresh));
  const workshop::WorkshopState& now = workshops_.find(workshop_id)->second;
  if (options_.snapshot_every != 0 && now.seq % options_.snapshot_every == 0) {
    (void)SaveSnapshot(*log_, now);  // a shortcut only: the log stays the truth if this fails
  }
  outcome.kind = Outcome::Kind::kAccepted;
  outcome.seq = step.seq;
  outcome.event = std::move(step.event);
  return outcome;
}

void Engine::Restore(const std::string& workshop_id) {
  auto state = LoadWorkshop(*log_, workshop_id);
  if (state) {
    workshops_[workshop_id] = *std::move(state);
  } else {
    workshops_.erase(workshop_id);  // unreadable now: Open() will say why
  }
}

const workshop::WorkshopState* Engine::Find(const std::string& workshop_id) const {
  auto it = workshops_.find(workshop_id);
  return it == workshops_.end() ? nullptr : &it->second;
}

std::vector<std::string> Engine::WorkshopIds() const {
  std::vector<std::string> ids;
  for (const auto& [id, state] : workshops_) ids.push_back(id);
  return ids;
}

}  // namespace atelier::engine
