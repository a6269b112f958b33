#include "server/workshop/profile_results.h"

#include <map>
#include <vector>

namespace atelier::workshop {
namespace {

// One profile's tally of one vote step as a VoteResults: the targets its voters named, by
// target id, without texts.
void AddProfileVote(const WorkshopState& state, uint32_t step_id, const Tally& tally,
                    v1::VoteResults& out) {
  const v1::Ballot kind = BallotOf(state.config, step_id);
  out.set_step_id(step_id);
  out.set_kind(kind.kind());
  out.set_voters(tally.voting);
  auto points = tally.points.begin();
  for (const auto& [target_id, voters] : tally.voters) {
    while (points != tally.points.end() && points->first < target_id) ++points;
    v1::TargetResult& target = *out.add_targets();
    target.set_target_id(target_id);
    target.set_is_cluster(state.clusters.contains(target_id));
    target.set_points(points != tally.points.end() && points->first == target_id ? points->second
                                                                                   : 0);
    target.set_tables(voters);
    AddSpread(tally, target_id, kind.kind(), target);
  }
}

}  // namespace

void AddProfileShares(const WorkshopState& state, uint32_t shown_vote_step,
                      v1::Results& results) {
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
  const v1::BallotKind shown_kind = BallotOf(state.config, shown_vote_step).kind();
  const bool counts_points =
      shown_kind == v1::BALLOT_KIND_BUDGET || shown_kind == v1::BALLOT_KIND_DOTS;
  for (const v1::Profile& profile : state.config.profiles()) {
    v1::ProfileResults& out = *results.add_profiles();
    out.set_profile_id(profile.id());
    out.set_name(profile.name());
    v1::Participation& share = participation[profile.id()];
    for (const v1::Step& step : state.config.agenda()) {
      if (step.kind() != v1::PHASE_CONVERGENCE) continue;
      auto tally = state.profile_tallies.find({profile.id(), step.id()});
      if (tally == state.profile_tallies.end()) continue;
      AddProfileVote(state, step.id(), tally->second, *out.add_votes());
      if (step.id() != shown_vote_step) continue;
      share.set_tables_voted(tally->second.voting);
      if (!counts_points) continue;
      uint64_t spent = 0;
      for (const auto& [target, points] : tally->second.points) spent += points;
      share.set_points_spent(static_cast<uint32_t>(spent));
    }
    *out.mutable_participation() = std::move(share);
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

void AddSpread(const Tally& tally, TargetId target_id, v1::BallotKind kind, v1::TargetResult& out) {
  auto spread = tally.spread.find(target_id);
  if (kind == v1::BALLOT_KIND_BUCKETS) {
    for (size_t b = 0; b < 3; ++b) {
      const bool counted = spread != tally.spread.end() && b < spread->second.size();
      out.add_buckets(counted ? spread->second[b] : 0);
    }
  } else if (spread != tally.spread.end()) {
    out.mutable_ranks()->Add(spread->second.begin(), spread->second.end());
  }
}

}  // namespace atelier::workshop
