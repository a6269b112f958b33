#include "report/record_builder.h"

#include "server/workshop/apply.h"
#include "server/workshop/results.h"

namespace atelier::report {

std::expected<void, std::string> RecordBuilder::Add(const v1::Event& event) {
  if (!error_.empty()) return std::unexpected(error_);
  if (auto applied = workshop::Apply(record_.state, event); !applied) {
    error_ = "event " + std::to_string(event.seq()) + " does not apply: " + applied.error();
    return std::unexpected(error_);
  }
  const int64_t time = event.server_time_ms();
  if (event.has_workshop_created()) {
    record_.created_ms = time;
    record_.phases.push_back({record_.state.phase, record_.state.step_id, time, 0});
  } else if (event.has_phase_changed()) {
    if (!record_.phases.empty()) record_.phases.back().ended_ms = time;
    record_.phases.push_back({record_.state.phase, record_.state.step_id, time, 0});
  }
  return {};
}

std::expected<void, std::string> RecordBuilder::AddLogged(const v1::LoggedEvent& logged) {
  if (!error_.empty()) return std::unexpected(error_);
  v1::Event event;
  if (!event.ParseFromString(logged.event())) {
    error_ = "event " + std::to_string(record_.state.seq + 1) + " cannot be decoded";
    return std::unexpected(error_);
  }
  event.set_hash(logged.hash());
  return Add(event);
}

std::expected<WorkshopRecord, std::string> RecordBuilder::Finish() && {
  if (!error_.empty()) return std::unexpected(error_);
  if (record_.state.seq == 0) return std::unexpected("no event: no such workshop");
  record_.results = workshop::ComputeResults(record_.state);
  return std::move(record_);
}

}  // namespace atelier::report
