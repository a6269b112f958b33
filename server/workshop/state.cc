#include "server/workshop/state.h"

#include "server/workshop/config.h"

namespace atelier::workshop {

v1::Ballot BallotOf(const v1::WorkshopConfig& config, uint32_t step_id) {
  const v1::Step* step = FindStep(config, step_id);
  if (step != nullptr && step->ballot().kind() != v1::BALLOT_KIND_UNSPECIFIED) return step->ballot();
  v1::Ballot legacy;
  legacy.set_kind(v1::BALLOT_KIND_BUDGET);
  legacy.set_voter(v1::VOTER_TABLE);
  legacy.set_budget(config.budget_per_table());
  legacy.set_cap(config.cap_per_target());
  legacy.set_allow_self_vote(config.allow_self_vote());
  return legacy;
}

void CountSpread(Tally& tally, const v1::Ballot& kind, const Ballot& ballot, int sign) {
  auto count = [&](TargetId target, size_t index) {
    std::vector<uint32_t>& counts = tally.spread[target];
    if (counts.size() <= index) counts.resize(index + 1);
    counts[index] = static_cast<uint32_t>(static_cast<int64_t>(counts[index]) + sign);
    while (!counts.empty() && counts.back() == 0) counts.pop_back();
    if (counts.empty()) tally.spread.erase(target);
  };
  if (kind.kind() == v1::BALLOT_KIND_RANKING) {
    for (size_t i = 0; i < ballot.choice.size(); ++i) count(ballot.choice[i], i);
  } else if (kind.kind() == v1::BALLOT_KIND_BUCKETS) {
    for (const auto& [target, bucket] : ballot.buckets) count(target, static_cast<size_t>(bucket) - 1);
  }
}

uint32_t LegacyVoteStep(const v1::WorkshopConfig& config) {
  return StepOfKind(config, v1::PHASE_CONVERGENCE);
}

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

ProfileId ProfileOfVoter(const WorkshopState& state, const BallotKey& key) {
  if (key.seat_id != 0) {
    auto seat = state.seats.find(key.seat_id);
    return seat == state.seats.end() ? 0 : ProfileOfSeat(state, seat->second);
  }
  auto table = state.tables.find(key.table_id);
  return table == state.tables.end() ? 0 : table->second.profile_id;
}

void RecomputeTotals(WorkshopState& state) {
  state.tallies.clear();
  state.profile_tallies.clear();
  state.profile_score_stats.clear();
  state.score_stats.clear();
  state.seats_scoring = 0;
  state.ideas_by_table.clear();
  for (const auto& [id, idea] : state.ideas) {
    if (idea.table_id != kAnimateurTable) ++state.ideas_by_table[idea.table_id];
  }
  for (const auto& [key, ballot] : state.ballots) {
    if (ballot.Empty()) continue;
    const v1::Ballot kind = BallotOf(state.config, key.step_id);
    auto count = [&](Tally& tally) {
      ++tally.voting;
      ForEachContribution(kind, ballot, [&](TargetId t, uint32_t p) {
        if (p != 0) tally.points[t] += p;
        ++tally.voters[t];
      });
      CountSpread(tally, kind, ballot, +1);
    };
    count(state.tallies[key.step_id]);
    if (const ProfileId profile = ProfileOfVoter(state, key); profile != 0) {
      count(state.profile_tallies[{profile, key.step_id}]);
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
