#include "server/engine/timeline_outline.h"

#include "server/workshop/config.h"
#include "storage/hash_chain.h"

namespace atelier::engine {
namespace {

void Mark(v1::Timeline& timeline, const v1::Event& event, v1::TimelineMarkKind kind,
          v1::Phase phase = v1::PHASE_UNSPECIFIED, uint32_t step_id = 0) {
  v1::TimelineMark* mark = timeline.add_marks();
  mark->set_seq(event.seq());
  mark->set_time_ms(event.server_time_ms());
  mark->set_kind(kind);
  mark->set_phase(phase);
  mark->set_step_id(step_id);
}

}  // namespace

std::expected<v1::Timeline, std::string> ReadTimeline(storage::EventLog& log,
                                                      std::string_view workshop_id) {
  auto head = log.Head(workshop_id);
  if (!head) return std::unexpected(head.error().message);
  const std::string prefix = "workshop " + std::string(workshop_id) + ": ";
  if (head->seq == 0) return std::unexpected(prefix + "no such workshop");

  v1::Timeline timeline;
  timeline.set_workshop_id(std::string(workshop_id));
  timeline.set_head_seq(head->seq);
  storage::ChainVerifier chain{std::string(workshop_id)};
  bool idea_seen = false;
  size_t merges = 0;
  v1::WorkshopConfig config;  // as of the event read: what a step of a phase was
  std::string error;
  v1::Event event;
  auto read = log.ForEach(workshop_id, 1, [&](uint64_t seq, const v1::LoggedEvent& logged) {
    if (seq > head->seq) return false;
    if (auto linked = chain.Feed(logged); !linked) {
      error = linked.error().message;
      return false;
    }
    if (!event.ParseFromString(logged.event())) {
      error = prefix + "event " + std::to_string(seq) + " cannot be decoded";
      return false;
    }
    if (seq == 1) timeline.set_first_time_ms(event.server_time_ms());
    timeline.set_last_time_ms(event.server_time_ms());
    switch (event.payload_case()) {
      case v1::Event::kWorkshopCreated: {
        const v1::WorkshopCreated& created = event.workshop_created();
        config = created.config();
        workshop::UpgradeConfig(config);  // a log from before agendas: its phases as steps
        if (config.agenda_size() > 0) {
          Mark(timeline, event, v1::TIMELINE_MARK_KIND_PHASE, config.agenda(0).kind(),
               config.agenda(0).id());
        }
        if (created.ideas_size() > 0 && !idea_seen) {
          idea_seen = true;
          Mark(timeline, event, v1::TIMELINE_MARK_KIND_FIRST_IDEA);
        }
        break;
      }
      case v1::Event::kWorkshopConfigured:
        config = event.workshop_configured().config();
        workshop::UpgradeConfig(config);
        break;
      case v1::Event::kPhaseChanged: {
        const v1::PhaseChanged& changed = event.phase_changed();
        const uint32_t step = changed.to_step() != 0
                                  ? changed.to_step()
                                  : workshop::StepOfKind(config, changed.to());
        Mark(timeline, event, v1::TIMELINE_MARK_KIND_PHASE, changed.to(), step);
        break;
      }
      case v1::Event::kIdeaPosted:
        if (!idea_seen) {
          idea_seen = true;
          Mark(timeline, event, v1::TIMELINE_MARK_KIND_FIRST_IDEA);
        }
        break;
      case v1::Event::kIdeasMerged:
        if (++merges <= kMaxMergeMarks) Mark(timeline, event, v1::TIMELINE_MARK_KIND_MERGE);
        break;
      case v1::Event::kResultsRevealed:
        if (event.results_revealed().revealed()) Mark(timeline, event, v1::TIMELINE_MARK_KIND_REVEAL);
        break;
      default:
        break;
    }
    return seq < head->seq;
  });
  if (!read) return std::unexpected(read.error().message);
  if (!error.empty()) return std::unexpected(error);
  if (chain.last_seq() != head->seq) {
    return std::unexpected(prefix + "the log ends before its head, event " +
                           std::to_string(head->seq));
  }
  if (merges > kMaxMergeMarks) timeline.set_merges_left_out(static_cast<uint32_t>(merges - kMaxMergeMarks));
  return timeline;
}

}  // namespace atelier::engine
