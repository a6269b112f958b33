#include "server/workshop/profile_results.h"

#include <map>
#include <vector>

namespace atelier::workshop {
namespace {

// In target id order, as the totals hold them: a client shows them beside Results.points.
void AddProfilePointsOf(const WorkshopState& state, ProfileId profile, v1::ProfileResults& out) {
  for (auto it = state.profile_points.lower_bound({profile, 0});
       it != state.profile_points.end() && it->first.first == profile; ++it) {
    v1::ProfilePoints& points = *out.add_points();
    points.set_target_id(it->first.second);
    points.set_points(it->second.points);
    points.set_tables(it->second.tables);
  }
}

}  // namespace

void AddProfileShares(const WorkshopState& state, v1::Results& results) {
  if (state.config.profiles().empty()) return;
  std::map<ProfileId, v1::Participation> participation;
  for (const v1::Profile& p : state.config.profiles()) participation[p.id()];
  auto share = [&](ProfileId id) -> v1::Participation* {
    auto it = participation.find(id);
    return it == participation.end() ? nullptr : &it->second;
  };
  for (const auto& [id, table] : state.tables) {
    v1::Participation* p = share(table.profile_id);
    if (p == nullptr) continue;
    p->set_tables_joined(p->tables_joined() + 1);
    if (table.points_spent > 0) p->set_tables_voted(p->tables_voted() + 1);
    p->set_points_spent(p->points_spent() + table.points_spent);
    if (auto ideas = state.ideas_by_table.find(id); ideas != state.ideas_by_table.end()) {
      p->set_ideas(p->ideas() + ideas->second);
    }
  }
  for (const auto& [id, seat] : state.seats) {
    v1::Participation* p = share(ProfileOfSeat(state, seat));
    if (p == nullptr) continue;
    p->set_seats_joined(p->seats_joined() + 1);
    if (seat.scores > 0) p->set_seats_scored(p->seats_scored() + 1);
  }
  for (const v1::Profile& profile : state.config.profiles()) {
    v1::ProfileResults& out = *results.add_profiles();
    out.set_profile_id(profile.id());
    out.set_name(profile.name());
    AddProfilePointsOf(state, profile.id(), out);
    *out.mutable_participation() = std::move(participation[profile.id()]);
  }
}

void AddConsolidations(const WorkshopState& state, v1::Results& results) {
  std::map<uint32_t, std::map<std::pair<ProfileId, uint32_t>, uint32_t>> cells;  // by step
  for (const v1::Step& step : state.config.agenda()) {
    if (!step.categories().empty()) cells[step.id()];
  }
  if (cells.empty()) return;
  for (const auto& [id, idea] : state.ideas) {
    if (idea.category_id == 0) continue;
    auto step = cells.find(idea.step_id);
    if (step == cells.end()) continue;
    auto table = state.tables.find(idea.table_id);
    const ProfileId profile = table == state.tables.end() ? 0 : table->second.profile_id;
    ++step->second[{profile, idea.category_id}];
  }
  for (const v1::Step& step : state.config.agenda()) {
    auto it = cells.find(step.id());
    if (it == cells.end()) continue;
    v1::Consolidation& out = *results.add_consolidations();
    out.set_step_id(step.id());
    for (const auto& [key, count] : it->second) {
      v1::ConsolidationCell& cell = *out.add_cells();
      cell.set_profile_id(key.first);
      cell.set_category_id(key.second);
      cell.set_ideas(count);
    }
    cells.erase(it);  // a step id appears once in a normalized agenda; never count twice
  }
}

}  // namespace atelier::workshop
