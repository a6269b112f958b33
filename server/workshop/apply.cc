#include "server/workshop/apply.h"

#include <algorithm>
#include <map>
#include <utility>

#include "server/workshop/config.h"

namespace atelier::workshop {
namespace {

// The running totals of the table's profile (state.h): its points and tables per target.
void AddProfilePoints(WorkshopState& s, const Table& table, TargetId target, uint32_t old,
                      uint32_t points) {
  if (table.profile_id == 0) return;
  const std::pair key{table.profile_id, target};
  ProfilePoints& total = s.profile_points[key];
  total.points = total.points - old + points;
  if (old == 0) ++total.tables;
  if (points == 0) --total.tables;
  if (total.points == 0) s.profile_points.erase(key);
}

// Sets a table's points on a target, keeping the running totals.
void SetTablePoints(WorkshopState& s, Table& table, TargetId target, uint32_t points) {
  auto it = table.points.find(target);
  uint32_t old = it == table.points.end() ? 0 : it->second;
  if (old == points) return;
  bool was_voting = table.points_spent > 0;
  table.points_spent = table.points_spent - old + points;
  if (points == 0) {
    table.points.erase(it);
  } else if (old == 0) {
    table.points.emplace(target, points);
  } else {
    it->second = points;
  }
  uint32_t& total = s.target_points[target];
  total = total - old + points;
  if (total == 0) s.target_points.erase(target);
  if (old == 0 || points == 0) {
    uint32_t& tables = s.target_tables[target];
    tables = points == 0 ? tables - 1 : tables + 1;
    if (tables == 0) s.target_tables.erase(target);
  }
  bool voting = table.points_spent > 0;
  if (voting != was_voting) voting ? ++s.tables_voting : --s.tables_voting;
  AddProfilePoints(s, table, target, old, points);
}

uint32_t PointsOn(const Table& table, TargetId target) {
  auto it = table.points.find(target);
  return it == table.points.end() ? 0 : it->second;
}

void Release(WorkshopState& s,
             const google::protobuf::RepeatedPtrField<v1::PointsReleased>& released) {
  for (const v1::PointsReleased& r : released) {
    auto table = s.tables.find(r.table_id());
    if (table == s.tables.end()) continue;
    uint32_t have = PointsOn(table->second, r.target_id());
    SetTablePoints(s, table->second, r.target_id(), have - std::min(have, r.points()));
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
  std::map<TableId, uint32_t> released;
  for (const v1::PointsReleased& r : m.released()) released[r.table_id()] += r.points();
  // Every former target's points move onto the cluster, minus what was released.
  std::vector<TargetId> former(m.absorbed_cluster_ids().begin(), m.absorbed_cluster_ids().end());
  for (TargetId id : m.idea_ids()) {
    if (auto idea = s.ideas.find(id); idea != s.ideas.end() && idea->second.cluster_id == 0) {
      former.push_back(id);
    }
  }
  for (auto& [table_id, table] : s.tables) {
    uint32_t sum = PointsOn(table, m.cluster_id());
    for (TargetId t : former) {
      sum += PointsOn(table, t);
      SetTablePoints(s, table, t, 0);
    }
    uint32_t off = released.contains(table_id) ? released[table_id] : 0;
    SetTablePoints(s, table, m.cluster_id(), sum - std::min(sum, off));
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
    case v1::Event::kPointsSet:
      if (auto table = s.tables.find(e.points_set().table_id()); table != s.tables.end()) {
        for (const v1::TargetPoints& tp : e.points_set().points()) {
          SetTablePoints(s, table->second, tp.target_id(), tp.points());
        }
      }
      break;
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
