#include "server/workshop/apply.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "server/workshop/config.h"

namespace atelier::workshop {
namespace {

// Forgets a step's tally (or a profile's in a step) once nothing is in it.
template <typename Key>
void DropEmptyTally(std::map<Key, Tally>& tallies, const Key& key) {
  auto it = tallies.find(key);
  if (it != tallies.end() && it->second.voting == 0 && it->second.points.empty() &&
      it->second.voters.empty() && it->second.spread.empty()) {
    tallies.erase(it);
  }
}

// Calls count(tally) with the step's tally of a voter's ballot, then with its profile's in that
// step when the voter has a profile (state.h), and forgets them once empty.
template <typename CountInto>
void CountInTallies(WorkshopState& s, const BallotKey& key, CountInto count) {
  count(s.tallies[key.step_id]);
  DropEmptyTally(s.tallies, key.step_id);
  if (const ProfileId profile = ProfileOfVoter(s, key); profile != 0) {
    const std::pair profile_key{profile, key.step_id};
    count(s.profile_tallies[profile_key]);
    DropEmptyTally(s.profile_tallies, profile_key);
  }
}

void Count(std::map<TargetId, uint32_t>& counts, TargetId target, int64_t delta) {
  if (delta == 0) return;
  uint32_t& n = counts[target];
  n = static_cast<uint32_t>(static_cast<int64_t>(n) + delta);
  if (n == 0) counts.erase(target);
}

// Sets a voter's points on a target (BUDGET, DOTS), keeping the step's tally.
void SetBallotPoints(WorkshopState& s, const BallotKey& key, TargetId target, uint32_t points) {
  auto it = s.ballots.find(key);
  if (it == s.ballots.end()) {
    if (points == 0) return;
    it = s.ballots.emplace(key, Ballot{}).first;
  }
  Ballot& ballot = it->second;
  auto entry = ballot.points.find(target);
  const uint32_t old = entry == ballot.points.end() ? 0 : entry->second;
  if (old == points) return;
  const bool was_voting = ballot.points_spent > 0;
  ballot.points_spent = ballot.points_spent - old + points;
  if (points == 0) {
    ballot.points.erase(entry);
  } else if (old == 0) {
    ballot.points.emplace(target, points);
  } else {
    entry->second = points;
  }
  const bool voting = ballot.points_spent > 0;
  if (ballot.Empty()) s.ballots.erase(it);
  CountInTallies(s, key, [&](Tally& tally) {
    Count(tally.points, target, static_cast<int64_t>(points) - old);
    if (old == 0) Count(tally.voters, target, 1);
    if (points == 0) Count(tally.voters, target, -1);
    if (voting != was_voting) voting ? ++tally.voting : --tally.voting;
  });
}

// Replaces a voter's whole ballot (PICK, RANKING, BUCKETS), keeping the step's tally.
void PutBallot(WorkshopState& s, const BallotKey& key, Ballot ballot) {
  const v1::Ballot kind = BallotOf(s.config, key.step_id);
  auto add = [&](Tally& tally, const Ballot& b, int sign) {
    if (b.Empty()) return;
    tally.voting += sign;
    ForEachContribution(kind, b, [&](TargetId t, uint32_t p) {
      Count(tally.points, t, sign * static_cast<int64_t>(p));
      Count(tally.voters, t, sign);
    });
    CountSpread(tally, kind, b, sign);
  };
  Ballot old;
  if (auto it = s.ballots.find(key); it != s.ballots.end()) {
    old = std::move(it->second);
    s.ballots.erase(it);
  }
  CountInTallies(s, key, [&](Tally& tally) {
    add(tally, old, -1);
    add(tally, ballot, +1);
  });
  if (!ballot.Empty()) s.ballots.emplace(key, std::move(ballot));
}

uint32_t PointsOn(const WorkshopState& s, const BallotKey& key, TargetId target) {
  auto ballot = s.ballots.find(key);
  if (ballot == s.ballots.end()) return 0;
  auto it = ballot->second.points.find(target);
  return it == ballot->second.points.end() ? 0 : it->second;
}

// The ballot a PointsReleased entry is about (step 0: a log written before ballots).
BallotKey KeyOf(const WorkshopState& s, const v1::PointsReleased& r) {
  return {r.step_id() != 0 ? r.step_id() : LegacyVoteStep(s.config), r.table_id(), r.seat_id()};
}

void Release(WorkshopState& s,
             const google::protobuf::RepeatedPtrField<v1::PointsReleased>& released) {
  for (const v1::PointsReleased& r : released) {
    const BallotKey key = KeyOf(s, r);
    uint32_t have = PointsOn(s, key, r.target_id());
    SetBallotPoints(s, key, r.target_id(), have - std::min(have, r.points()));
  }
}

// One idea of this table fewer in ideas_by_table.
void ForgetAuthor(WorkshopState& s, TableId table_id) {
  auto it = s.ideas_by_table.find(table_id);
  if (it == s.ideas_by_table.end()) return;
  if (--it->second == 0) s.ideas_by_table.erase(it);
}

void AddIdea(WorkshopState& s, const v1::PostedIdea& posted) {
  Idea idea;
  idea.id = posted.idea_id();
  idea.table_id = posted.table_id();
  idea.text = posted.text();
  idea.step_id = posted.step_id();
  idea.category_id = posted.category_id();
  idea.stage_id = posted.stage_id();
  idea.lane_id = posted.lane_id();
  if (posted.has_origin()) idea.origin = posted.origin();
  if (posted.has_stands_for()) idea.stands_for = posted.stands_for();
  if (auto old = s.ideas.find(idea.id); old != s.ideas.end()) ForgetAuthor(s, old->second.table_id);
  if (idea.table_id != kAnimateurTable) ++s.ideas_by_table[idea.table_id];
  s.ideas.insert_or_assign(idea.id, std::move(idea));
  s.next_id = std::max(s.next_id, posted.idea_id() + 1);
}

void Dissolve(WorkshopState& s, TargetId cluster_id) {
  auto it = s.clusters.find(cluster_id);
  if (it == s.clusters.end()) return;
  for (TargetId member : it->second.idea_ids) {
    if (auto idea = s.ideas.find(member); idea != s.ideas.end()) idea->second.cluster_id = 0;
  }
  s.clusters.erase(it);
}

// A configuration (created, or replaced during set-up). Logs written before agendas carry phases
// only: UpgradeConfig gives them the agenda they stood for. The workshop stays in its step if the
// new agenda has it, else goes to the agenda's first step (both are set-up steps).
void ApplyConfig(WorkshopState& s, const v1::WorkshopConfig& config, int64_t time_ms) {
  const v1::WorkshopConfig before = std::exchange(s.config, config);
  UpgradeConfig(s.config);
  // Time spent in a step the new agenda no longer has (or has as a step of another kind) is
  // forgotten with it.
  std::erase_if(s.step_spent_ms, [&](const auto& spent) {
    const v1::Step* now = FindStep(s.config, spent.first);
    const v1::Step* was = FindStep(before, spent.first);
    return now == nullptr || was == nullptr || now->kind() != was->kind();
  });
  if (s.config.agenda().empty()) return;
  const v1::Step* here = FindStep(s.config, s.step_id);
  if (here != nullptr && here->kind() == s.phase) return;
  const v1::Step& first = s.config.agenda(0);
  s.step_id = first.id();
  s.phase = first.kind();
  if (s.step_started_ms == 0) s.step_started_ms = time_ms;
}

// Moves to another step. Events written before agendas name only the phase: the step is then
// the agenda's step of that kind (their agendas had one step per phase).
void ApplyPhaseChanged(WorkshopState& s, const v1::PhaseChanged& changed, int64_t time_ms) {
  uint32_t to = changed.to_step();
  if (to == 0) to = StepOfKind(s.config, changed.to());
  if (s.step_id != 0) s.step_spent_ms[s.step_id] += std::max<int64_t>(0, time_ms - s.step_started_ms);
  s.step_id = to;
  s.step_started_ms = time_ms;
  if (changed.selects()) {
    std::vector<TargetId> ideas(changed.idea_ids().begin(), changed.idea_ids().end());
    std::ranges::sort(ideas);  // sorted by the server already; a hand-made log is not trusted
    ideas.erase(std::ranges::unique(ideas).begin(), ideas.end());
    s.selections[to] = std::move(ideas);
  }
  s.phase = changed.to();
  s.timer = Timer{};
  s.timer_stopped_by_pause = false;
}

// "Temps mort": the running timer stops with the room and starts again with it.
void ApplyPaused(WorkshopState& s, const v1::WorkshopPaused& p) {
  s.paused = p.paused();
  if (p.paused() && s.timer.running) {
    s.timer.running = false;
    s.timer.paused = true;
    s.timer.remaining_ms = p.timer_remaining_ms();
    s.timer_stopped_by_pause = true;
  } else if (!p.paused() && s.timer_stopped_by_pause) {
    s.timer.running = true;
    s.timer.paused = false;
    s.timer.deadline_ms = p.timer_deadline_ms();
    s.timer_stopped_by_pause = false;
  }
}

void ApplyDelete(WorkshopState& s, const v1::IdeaDeleted& d) {
  Release(s, d.released());
  if (d.dissolved_cluster_id() != 0) Dissolve(s, d.dissolved_cluster_id());
  auto idea = s.ideas.find(d.idea_id());
  if (idea == s.ideas.end()) return;
  if (auto cluster = s.clusters.find(idea->second.cluster_id); cluster != s.clusters.end()) {
    std::erase(cluster->second.idea_ids, d.idea_id());
  }
  ForgetAuthor(s, idea->second.table_id);
  s.ideas.erase(idea);
}

void ApplyMerge(WorkshopState& s, const v1::IdeasMerged& m) {
  std::map<BallotKey, uint32_t> released;
  for (const v1::PointsReleased& r : m.released()) released[KeyOf(s, r)] += r.points();
  // Every former target's points move onto the cluster, minus what was released.
  std::vector<TargetId> former(m.absorbed_cluster_ids().begin(), m.absorbed_cluster_ids().end());
  for (TargetId id : m.idea_ids()) {
    if (auto idea = s.ideas.find(id); idea != s.ideas.end() && idea->second.cluster_id == 0) {
      former.push_back(id);
    }
  }
  std::vector<BallotKey> with_points;
  for (const auto& [key, ballot] : s.ballots) {
    if (!ballot.points.empty()) with_points.push_back(key);
  }
  for (const BallotKey& key : with_points) {
    uint32_t sum = PointsOn(s, key, m.cluster_id());
    for (TargetId t : former) {
      sum += PointsOn(s, key, t);
      SetBallotPoints(s, key, t, 0);
    }
    uint32_t off = released.contains(key) ? released[key] : 0;
    SetBallotPoints(s, key, m.cluster_id(), sum - std::min(sum, off));
  }
  for (TargetId absorbed : m.absorbed_cluster_ids()) s.clusters.erase(absorbed);
  Cluster& cluster = s.clusters[m.cluster_id()];
  cluster.id = m.cluster_id();
  cluster.title = m.title();
  cluster.idea_ids.clear();
  for (TargetId id : m.idea_ids()) {
    if (auto idea = s.ideas.find(id); idea != s.ideas.end()) {
      idea->second.cluster_id = m.cluster_id();
      cluster.idea_ids.push_back(id);
    }
  }
  std::sort(cluster.idea_ids.begin(), cluster.idea_ids.end());
  s.next_id = std::max(s.next_id, m.cluster_id() + 1);
}

void ApplySplit(WorkshopState& s, const v1::ClusterSplit& split) {
  Release(s, split.released());
  if (split.dissolved()) {
    Dissolve(s, split.cluster_id());
    return;
  }
  auto cluster = s.clusters.find(split.cluster_id());
  if (cluster == s.clusters.end()) return;
  for (TargetId id : split.idea_ids()) {
    std::erase(cluster->second.idea_ids, id);
    if (auto idea = s.ideas.find(id); idea != s.ideas.end()) idea->second.cluster_id = 0;
  }
}

void ApplyScore(WorkshopState& s, const v1::ScoreSet& score) {
  const v1::Criterion* criterion = nullptr;
  for (const v1::Criterion& c : s.config.criteria()) {
    if (c.id() == score.criterion_id()) criterion = &c;
  }
  auto seat = s.seats.find(score.seat_id());
  if (criterion == nullptr || seat == s.seats.end()) return;
  if (score.value() < criterion->min_value() || score.value() > criterion->max_value()) return;
  const size_t bins = criterion->max_value() - criterion->min_value() + 1;
  ScoreStats& stats = s.score_stats[{score.idea_id(), score.criterion_id()}];
  stats.histogram.resize(bins);
  // The seat's profile's share too (state.h); a seat's profile never changes.
  const ProfileId profile = ProfileOfSeat(s, seat->second);
  ScoreStats* by_profile = nullptr;
  if (profile != 0) {
    by_profile = &s.profile_score_stats[{profile, score.idea_id(), score.criterion_id()}];
    by_profile->histogram.resize(bins);
  }
  auto [it, inserted] = s.scores.try_emplace(
      ScoreKey{score.seat_id(), score.idea_id(), score.criterion_id()}, score.value());
  if (inserted) {
    ++stats.count;
    if (by_profile) ++by_profile->count;
    if (seat->second.scores++ == 0) ++s.seats_scoring;
  } else {
    --stats.histogram[it->second - criterion->min_value()];
    if (by_profile) --by_profile->histogram[it->second - criterion->min_value()];
    it->second = score.value();
  }
  ++stats.histogram[score.value() - criterion->min_value()];
  if (by_profile) ++by_profile->histogram[score.value() - criterion->min_value()];
}

void ApplyPayload(WorkshopState& s, const v1::Event& e) {
  switch (e.payload_case()) {
    case v1::Event::kWorkshopCreated: {
      const auto& created = e.workshop_created();
      s.created = true;
      s.workshop_id = e.workshop_id();
      s.access = created.access();
      ApplyConfig(s, created.config(), e.server_time_ms());
      for (const v1::PostedIdea& idea : created.ideas()) AddIdea(s, idea);
      break;
    }
    case v1::Event::kWorkshopConfigured:
      ApplyConfig(s, e.workshop_configured().config(), e.server_time_ms());
      break;
    case v1::Event::kTableJoined: {
      const auto& joined = e.table_joined();
      Table& table = s.tables[joined.table_id()];
      table.id = joined.table_id();
      table.name = joined.name();
      table.token_sha256 = joined.token_sha256();
      table.profile_id = joined.profile_id();
      break;
    }
    case v1::Event::kSeatJoined: {
      const auto& joined = e.seat_joined();
      Seat& seat = s.seats[joined.seat_id()];
      seat.id = joined.seat_id();
      seat.table_id = joined.table_id();
      seat.seat_number = joined.seat_number();
      seat.token_sha256 = joined.token_sha256();
      seat.profile_id = joined.profile_id();
      break;
    }
    case v1::Event::kPhaseChanged:
      ApplyPhaseChanged(s, e.phase_changed(), e.server_time_ms());
      break;
    case v1::Event::kWorkshopPaused:
      ApplyPaused(s, e.workshop_paused());
      break;
    case v1::Event::kTimerStarted:
      s.timer = Timer{.running = true,
                      .duration_ms = e.timer_started().duration_ms(),
                      .deadline_ms = e.timer_started().deadline_ms(),
                      .auto_close = e.timer_started().auto_close()};
      break;
    case v1::Event::kTimerPaused:
      s.timer.running = false;
      s.timer.paused = true;
      s.timer.remaining_ms = e.timer_paused().remaining_ms();
      break;
    case v1::Event::kTimerResumed:
      s.timer.running = true;
      s.timer.paused = false;
      s.timer.deadline_ms = e.timer_resumed().deadline_ms();
      break;
    case v1::Event::kTimerExtended:
      s.timer.duration_ms += e.timer_extended().by_ms();
      if (s.timer.running) s.timer.deadline_ms = e.timer_extended().deadline_ms();
      if (s.timer.paused) s.timer.remaining_ms = e.timer_extended().remaining_ms();
      break;
    case v1::Event::kIdeaPosted:
      AddIdea(s, e.idea_posted().idea());
      break;
    case v1::Event::kIdeaEdited:
      if (auto idea = s.ideas.find(e.idea_edited().idea_id()); idea != s.ideas.end()) {
        idea->second.text = e.idea_edited().text();
      }
      break;
    case v1::Event::kIdeaDeleted:
      ApplyDelete(s, e.idea_deleted());
      break;
    case v1::Event::kIdeasMerged:
      ApplyMerge(s, e.ideas_merged());
      break;
    case v1::Event::kClusterRenamed:
      if (auto c = s.clusters.find(e.cluster_renamed().cluster_id()); c != s.clusters.end()) {
        c->second.title = e.cluster_renamed().title();
      }
      break;
    case v1::Event::kClusterSplit:
      ApplySplit(s, e.cluster_split());
      break;
    case v1::Event::kPointsSet: {
      // Before ballots, a PointsSet named no step: the vote step the workshop was in (its only
      // one).
      const v1::PointsSet& set = e.points_set();
      if (!s.tables.contains(set.table_id())) break;
      const uint32_t step = set.step_id() != 0                  ? set.step_id()
                            : s.phase == v1::PHASE_CONVERGENCE ? s.step_id
                                                               : LegacyVoteStep(s.config);
      const BallotKey key{step, set.table_id(), set.seat_id()};
      for (const v1::TargetPoints& tp : set.points()) {
        SetBallotPoints(s, key, tp.target_id(), tp.points());
      }
      break;
    }
    case v1::Event::kChoiceSet: {
      const v1::ChoiceSet& set = e.choice_set();
      Ballot ballot;
      ballot.choice.assign(set.target_ids().begin(), set.target_ids().end());
      if (BallotOf(s.config, set.step_id()).kind() == v1::BALLOT_KIND_PICK) {
        std::sort(ballot.choice.begin(), ballot.choice.end());
      }
      PutBallot(s, {set.step_id(), set.table_id(), set.seat_id()}, std::move(ballot));
      break;
    }
    case v1::Event::kBucketsSet: {
      const v1::BucketsSet& set = e.buckets_set();
      const BallotKey key{set.step_id(), set.table_id(), set.seat_id()};
      Ballot ballot;
      if (auto it = s.ballots.find(key); it != s.ballots.end()) ballot = it->second;
      for (const v1::TargetBucket& item : set.items()) {
        if (item.bucket() == v1::BUCKET_UNSPECIFIED) {
          ballot.buckets.erase(item.target_id());
        } else {
          ballot.buckets[item.target_id()] = item.bucket();
        }
      }
      PutBallot(s, key, std::move(ballot));
      break;
    }
    case v1::Event::kScoreSet:
      ApplyScore(s, e.score_set());
      break;
    case v1::Event::kResultsRevealed:
      s.results_revealed = e.results_revealed().revealed();
      break;
    case v1::Event::PAYLOAD_NOT_SET:
      break;
  }
}

}  // namespace

std::expected<void, std::string> Apply(WorkshopState& state, const v1::Event& event) {
  if (event.seq() != state.seq + 1) {
    return std::unexpected("event " + std::to_string(event.seq()) + " does not follow event " +
                           std::to_string(state.seq));
  }
  if (state.created && event.workshop_id() != state.workshop_id) {
    return std::unexpected("event of workshop '" + event.workshop_id() + "' folded into '" +
                           state.workshop_id + "'");
  }
  if (!state.created && event.payload_case() != v1::Event::kWorkshopCreated) {
    return std::unexpected("the first event of a workshop must create it");
  }
  if (event.payload_case() == v1::Event::PAYLOAD_NOT_SET) {
    return std::unexpected("event " + std::to_string(event.seq()) + " has no payload");
  }
  ApplyPayload(state, event);
  state.seq = event.seq();
  state.last_hash = event.hash();
  state.last_time_ms = event.server_time_ms();
  if (!event.command_id().empty()) {
    state.applied.Remember(event.actor(), event.command_id(), event.seq(),
                           event.command_fingerprint());
  }
  return {};
}

}  // namespace atelier::workshop
