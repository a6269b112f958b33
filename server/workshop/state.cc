#include "server/workshop/state.h"

namespace atelier::workshop {

TargetId VoteTarget(const WorkshopState& state, TargetId idea_id) {
  auto it = state.ideas.find(idea_id);
  if (it == state.ideas.end() || it->second.cluster_id == 0) return idea_id;
  return it->second.cluster_id;
}

bool IsOwnTarget(const WorkshopState& state, TableId table_id, TargetId target_id) {
  if (table_id == kAnimateurTable) return false;
  if (auto idea = state.ideas.find(target_id); idea != state.ideas.end()) {
    return idea->second.table_id == table_id;
  }
  auto cluster = state.clusters.find(target_id);
  if (cluster == state.clusters.end()) return false;
  for (TargetId member : cluster->second.idea_ids) {
    auto idea = state.ideas.find(member);
    if (idea != state.ideas.end() && idea->second.table_id == table_id) return true;
  }
  return false;
}

ProfileId ProfileOfSeat(const WorkshopState& state, const Seat& seat) {
  if (seat.profile_id != 0) return seat.profile_id;
  auto table = state.tables.find(seat.table_id);
  return table == state.tables.end() ? 0 : table->second.profile_id;
}

void RecomputeTotals(WorkshopState& state) {
  state.profile_points.clear();
  state.profile_score_stats.clear();
  state.target_points.clear();
  state.target_tables.clear();
  state.score_stats.clear();
  state.tables_voting = 0;
  state.seats_scoring = 0;
  state.ideas_by_table.clear();
  for (const auto& [id, idea] : state.ideas) {
    if (idea.table_id != kAnimateurTable) ++state.ideas_by_table[idea.table_id];
  }
  for (const auto& [table_id, table] : state.tables) {
    if (table.points_spent > 0) ++state.tables_voting;
    for (const auto& [target, points] : table.points) {
      state.target_points[target] += points;
      ++state.target_tables[target];
      if (table.profile_id != 0) {
        ProfilePoints& total = state.profile_points[{table.profile_id, target}];
        total.points += points;
        ++total.tables;
      }
    }
  }
  std::map<CriterionId, const v1::Criterion*> criteria;
  for (const auto& c : state.config.criteria()) criteria[c.id()] = &c;
  for (const auto& [key, value] : state.scores) {
    const v1::Criterion* c = criteria.at(key.criterion_id);
    ScoreStats& stats = state.score_stats[{key.idea_id, key.criterion_id}];
    stats.histogram.resize(c->max_value() - c->min_value() + 1);
    ++stats.histogram[value - c->min_value()];
    ++stats.count;
    auto seat = state.seats.find(key.seat_id);
    const ProfileId profile = seat == state.seats.end() ? 0 : ProfileOfSeat(state, seat->second);
    if (profile == 0) continue;
    ScoreStats& by_profile =
        state.profile_score_stats[{profile, key.idea_id, key.criterion_id}];
    by_profile.histogram.resize(c->max_value() - c->min_value() + 1);
    ++by_profile.histogram[value - c->min_value()];
    ++by_profile.count;
  }
  for (const auto& [seat_id, seat] : state.seats) {
    if (seat.scores > 0) ++state.seats_scoring;
  }
}

}  // namespace atelier::workshop
