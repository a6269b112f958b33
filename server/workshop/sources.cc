#include "server/workshop/sources.h"

#include <algorithm>

#include "server/workshop/config.h"
#include "server/workshop/results.h"

namespace atelier::workshop {
namespace {

bool NamedOrAll(const google::protobuf::RepeatedField<uint32_t>& ids, uint32_t id) {
  return ids.empty() || std::ranges::find(ids, id) != ids.end();
}

// The ideas of earlier steps with the named facets.
std::vector<TargetId> IdeasOfSteps(const WorkshopState& state, const v1::Step& step,
                                   const v1::StepSource& source) {
  std::vector<uint32_t> before;  // the steps before `step`, when no step is named
  for (const v1::Step& s : state.config.agenda()) {
    if (s.id() == step.id()) break;
    before.push_back(s.id());
  }
  // The workshop's own ideas, given at its creation (step 0), count as the set-up step's.
  const uint32_t setup = state.config.agenda().empty() ? 0 : state.config.agenda(0).id();
  std::vector<TargetId> ids;
  for (const auto& [id, idea] : state.ideas) {
    const uint32_t posted_in = idea.step_id != 0 ? idea.step_id : setup;
    const bool in_step = source.step_ids().empty()
                             ? std::ranges::find(before, posted_in) != before.end()
                             : std::ranges::find(source.step_ids(), posted_in) !=
                                   source.step_ids().end();
    if (in_step && NamedOrAll(source.category_ids(), idea.category_id) &&
        NamedOrAll(source.stage_ids(), idea.stage_id) &&
        NamedOrAll(source.lane_ids(), idea.lane_id)) {
      ids.push_back(id);
    }
  }
  return ids;  // std::map order: by id
}

// The first `top` targets of an earlier vote with points, and those tied with the last one.
std::vector<TargetId> TopOfVote(const WorkshopState& state, const v1::StepSource& source) {
  const auto targets = VoteTargets(state, source.top_of_step());
  std::vector<TargetId> ids;
  uint32_t taken = 0;
  uint32_t last_points = 0;
  for (const v1::TargetResult& target : targets) {
    if (target.points() == 0) break;  // sorted by points: the rest has none
    if (taken >= source.top() && target.points() != last_points) break;
    ++taken;
    last_points = target.points();
    if (target.is_cluster()) {
      ids.insert(ids.end(), target.idea_ids().begin(), target.idea_ids().end());
    } else {
      ids.push_back(target.target_id());
    }
  }
  std::ranges::sort(ids);
  return ids;
}

}  // namespace

std::vector<TargetId> SelectIdeas(const WorkshopState& state, const v1::Step& step) {
  if (!step.has_source()) return {};
  const v1::StepSource& source = step.source();
  if (source.top_of_step() != 0) return TopOfVote(state, source);
  return IdeasOfSteps(state, step, source);
}

StepTakes::StepTakes(const WorkshopState& state, uint32_t step_id) : state_(state) {
  if (step_id == 0) return;
  for (const v1::Step& step : state.config.agenda()) {
    if (step.id() == step_id) has_source_ = step.has_source();
    if (step.id() == step_id || !too_late_.empty()) too_late_.push_back(step.id());
  }
  if (auto it = state.selections.find(step_id); it != state.selections.end()) {
    selected_ = &it->second;
  }
}

bool StepTakes::Late(const Idea& idea) const {
  return idea.step_id != 0 && std::ranges::find(too_late_, idea.step_id) != too_late_.end();
}

bool StepTakes::Selected(TargetId id) const {
  if (!has_source_) return true;
  return selected_ != nullptr && std::ranges::binary_search(*selected_, id);
}

bool StepTakes::TakesIdea(TargetId id, const Idea& idea) const {
  return !Late(idea) && Selected(id);
}

bool StepTakes::TakesCluster(const Cluster& cluster) const {
  return std::ranges::any_of(cluster.idea_ids, [&](TargetId id) {
    auto it = state_.ideas.find(id);
    return it != state_.ideas.end() && TakesIdea(id, it->second);
  });
}

}  // namespace atelier::workshop
