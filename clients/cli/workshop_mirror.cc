#include "clients/cli/workshop_mirror.h"

#include <algorithm>

namespace atelier::cli {

void WorkshopMirror::Take(const v1::ServerMessage& message) {
  if (message.has_welcome() && message.welcome().has_snapshot()) {
    Load(message.welcome().snapshot());
  } else if (message.has_events()) {
    for (const v1::Event& event : message.events().events()) Fold(event);
  }
}

void WorkshopMirror::Load(const v1::WorkshopState& state) {
  config_ = state.config();
  phase_ = state.phase();
  step_id_ = state.step_id();
  ideas_.clear();
  clusters_.clear();
  selections_.clear();
  for (const v1::StepSelection& selection : state.selections()) {
    selections_[selection.step_id()] = {selection.idea_ids().begin(), selection.idea_ids().end()};
  }
  for (const v1::IdeaState& idea : state.ideas()) {
    ideas_[idea.id()] = {idea.text(), idea.cluster_id(), idea.own(), idea.table_id(),
                         idea.step_id()};
  }
  for (const v1::ClusterState& cluster : state.clusters()) {
    clusters_[cluster.id()] = {cluster.title(),
                               {cluster.idea_ids().begin(), cluster.idea_ids().end()}};
  }
}

void WorkshopMirror::Unclustered(uint32_t idea_id) {
  auto idea = ideas_.find(idea_id);
  if (idea == ideas_.end()) return;
  if (auto cluster = clusters_.find(idea->second.cluster_id); cluster != clusters_.end()) {
    std::erase(cluster->second.idea_ids, idea_id);
  }
  idea->second.cluster_id = 0;
}

void WorkshopMirror::Dissolve(uint32_t cluster_id) {
  auto cluster = clusters_.find(cluster_id);
  if (cluster == clusters_.end()) return;
  for (uint32_t idea_id : cluster->second.idea_ids) {
    if (auto idea = ideas_.find(idea_id); idea != ideas_.end()) idea->second.cluster_id = 0;
  }
  clusters_.erase(cluster);
}

void WorkshopMirror::Fold(const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kWorkshopCreated:
      config_ = event.workshop_created().config();
      phase_ = v1::PHASE_SETUP;
      step_id_ = config_.agenda_size() > 0 ? config_.agenda(0).id() : 0;
      for (const v1::PostedIdea& idea : event.workshop_created().ideas()) {
        ideas_[idea.idea_id()] = {idea.text(), 0, false};
      }
      break;
    case v1::Event::kWorkshopConfigured:
      config_ = event.workshop_configured().config();
      break;
    case v1::Event::kPhaseChanged:
      phase_ = event.phase_changed().to();
      step_id_ = event.phase_changed().to_step();
      if (event.phase_changed().selects()) {
        selections_[step_id_] = {event.phase_changed().idea_ids().begin(),
                                 event.phase_changed().idea_ids().end()};
      }
      break;
    case v1::Event::kIdeaPosted: {
      const v1::PostedIdea& idea = event.idea_posted().idea();
      ideas_[idea.idea_id()] = {idea.text(), 0, table_id_ != 0 && idea.table_id() == table_id_,
                                idea.table_id(), idea.step_id()};
      break;
    }
    case v1::Event::kIdeaEdited:
      if (auto idea = ideas_.find(event.idea_edited().idea_id()); idea != ideas_.end()) {
        idea->second.text = event.idea_edited().text();
      }
      break;
    case v1::Event::kIdeaDeleted:
      Unclustered(event.idea_deleted().idea_id());
      ideas_.erase(event.idea_deleted().idea_id());
      Dissolve(event.idea_deleted().dissolved_cluster_id());
      break;
    case v1::Event::kIdeasMerged: {
      const v1::IdeasMerged& merged = event.ideas_merged();
      for (uint32_t absorbed : merged.absorbed_cluster_ids()) clusters_.erase(absorbed);
      Cluster& cluster = clusters_[merged.cluster_id()];
      if (!merged.title().empty()) cluster.title = merged.title();
      cluster.idea_ids.assign(merged.idea_ids().begin(), merged.idea_ids().end());
      for (uint32_t idea_id : merged.idea_ids()) ideas_[idea_id].cluster_id = merged.cluster_id();
      break;
    }
    case v1::Event::kClusterRenamed:
      clusters_[event.cluster_renamed().cluster_id()].title = event.cluster_renamed().title();
      break;
    case v1::Event::kClusterSplit:
      for (uint32_t idea_id : event.cluster_split().idea_ids()) Unclustered(idea_id);
      if (event.cluster_split().dissolved()) Dissolve(event.cluster_split().cluster_id());
      break;
    default:
      break;  // votes, scores, timers, joins: nothing this mirror keeps
  }
}

uint32_t WorkshopMirror::VoteTarget(uint32_t idea_or_cluster) const {
  if (clusters_.contains(idea_or_cluster)) return idea_or_cluster;
  auto idea = ideas_.find(idea_or_cluster);
  if (idea == ideas_.end()) return 0;
  return idea->second.cluster_id != 0 ? idea->second.cluster_id : idea_or_cluster;
}

bool WorkshopMirror::IsOwnTarget(uint32_t target) const {
  if (auto cluster = clusters_.find(target); cluster != clusters_.end()) {
    return std::any_of(cluster->second.idea_ids.begin(), cluster->second.idea_ids.end(),
                       [&](uint32_t idea_id) { return IsOwnTarget(idea_id); });
  }
  auto idea = ideas_.find(target);
  return idea != ideas_.end() && idea->second.own;
}

std::vector<uint32_t> WorkshopMirror::Targets() const {
  std::vector<uint32_t> targets;
  for (const auto& [id, idea] : ideas_) {
    if (idea.cluster_id == 0) targets.push_back(id);
  }
  for (const auto& [id, cluster] : clusters_) targets.push_back(id);
  std::sort(targets.begin(), targets.end());
  return targets;
}

std::string WorkshopMirror::Text(uint32_t target) const {
  if (auto cluster = clusters_.find(target); cluster != clusters_.end())
    return cluster->second.title;
  auto idea = ideas_.find(target);
  return idea == ideas_.end() ? "" : idea->second.text;
}


bool WorkshopMirror::InStep(uint32_t target) const {
  bool has_source = false;
  for (const v1::Step& step : config_.agenda()) {
    if (step.id() == step_id_) has_source = step.has_source();
  }
  if (!has_source) return true;
  auto selected = selections_.find(step_id_);
  if (selected == selections_.end()) return false;
  if (auto cluster = clusters_.find(target); cluster != clusters_.end()) {
    return std::ranges::any_of(cluster->second.idea_ids,
                               [&](uint32_t idea) { return selected->second.contains(idea); });
  }
  return selected->second.contains(target);
}

}  // namespace atelier::cli
