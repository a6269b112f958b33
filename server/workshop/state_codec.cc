#include "server/workshop/state_codec.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "server/workshop/config.h"
#include "server/workshop/facets.h"
#include "server/workshop/profiles.h"

namespace atelier::workshop {
namespace {

// Inverse of ActorKey (applied_commands.h): "t<table>", "s<seat>", "a" or "x<kind>".
std::optional<v1::Actor> ParseActor(const WorkshopState& state, std::string_view prefix) {
  v1::Actor actor;
  if (prefix == "a") {
    actor.set_kind(v1::ACTOR_KIND_ANIMATEUR);
    return actor;
  }
  uint32_t number = 0;
  const char* last = prefix.data() + prefix.size();
  if (prefix.size() < 2) return std::nullopt;
  if (auto [end, error] = std::from_chars(prefix.data() + 1, last, number);
      error != std::errc() || end != last) {
    return std::nullopt;
  }
  switch (prefix[0]) {
    case 't':
      actor.set_kind(v1::ACTOR_KIND_TABLE);
      actor.set_table_id(number);
      return actor;
    case 's':
      actor.set_kind(v1::ACTOR_KIND_SEAT);
      actor.set_seat_id(number);
      if (auto seat = state.seats.find(number); seat != state.seats.end()) {
        actor.set_table_id(seat->second.table_id);
      }
      return actor;
    case 'x':
      if (!v1::ActorKind_IsValid(static_cast<int>(number))) return std::nullopt;
      actor.set_kind(static_cast<v1::ActorKind>(number));
      return actor;
    default:
      return std::nullopt;
  }
}

v1::AppliedCommand ParseApplied(const WorkshopState& state, const AppliedCommands::Entry& entry) {
  v1::AppliedCommand out;
  out.set_seq(entry.seq);
  out.set_command_id(entry.command_id);
  out.set_fingerprint(entry.fingerprint);
  if (std::optional<v1::Actor> actor = ParseActor(state, entry.actor_key)) {
    *out.mutable_actor() = *std::move(actor);
  }
  return out;
}

// A minimal stand-in for std::format (absent from libstdc++ 12): each "{}" takes the next
// argument, streamed. Only used to word errors.
void FormatTo(std::ostringstream& out, std::string_view text) { out << text; }
template <typename First, typename... Rest>
void FormatTo(std::ostringstream& out, std::string_view text, const First& first,
              const Rest&... rest) {
  const size_t hole = text.find("{}");
  if (hole == std::string_view::npos) {
    out << text;
    return;
  }
  out << text.substr(0, hole) << first;
  FormatTo(out, text.substr(hole + 2), rest...);
}
template <typename... Args>
std::string Format(std::string_view text, const Args&... args) {
  std::ostringstream out;
  FormatTo(out, text, args...);
  return out.str();
}

std::string Error(std::string_view what, uint32_t id) { return Format("{} {}", what, id); }

std::expected<void, std::string> ValidateCriteria(const v1::WorkshopConfig& config) {
  std::set<CriterionId> ids;
  for (const v1::Criterion& c : config.criteria()) {
    if (c.id() == 0 || !ids.insert(c.id()).second) {
      return std::unexpected(Error("zero or duplicate criterion id", c.id()));
    }
    const int64_t range = int64_t{c.max_value()} - c.min_value() + 1;
    if (range < 1 || range > kMaxRange) {
      return std::unexpected(Error("criterion range empty or too wide: criterion", c.id()));
    }
  }
  return {};
}

// Ideas, clusters and the references between them.
std::expected<void, std::string> ReadIdeas(const v1::WorkshopState& proto, WorkshopState& s) {
  for (const v1::IdeaState& in : proto.ideas()) {
    if (in.id() == 0 || in.id() >= s.next_id) {
      return std::unexpected(Error("idea id zero or not below next_id: idea", in.id()));
    }
    Idea idea{.id = in.id(),
              .table_id = in.table_id(),
              .text = in.text(),
              .cluster_id = in.cluster_id(),
              .origin = std::nullopt,
              .step_id = in.step_id(),
              .category_id = in.category_id(),
              .stage_id = in.stage_id(),
              .lane_id = in.lane_id(),
              .stands_for = std::nullopt};
    if (in.has_origin()) idea.origin = in.origin();
    if (in.has_stands_for()) idea.stands_for = in.stands_for();
    const v1::Step* step = FindStep(s.config, in.step_id());
    if (in.step_id() != 0 && step == nullptr) {
      return std::unexpected(Error("idea posted in a step not in the agenda: idea", in.id()));
    }
    if (!FacetsExistIn(step, FacetsOfIdea(idea))) {
      return std::unexpected(Error("idea with a facet its step does not have: idea", in.id()));
    }
    if (!s.ideas.emplace(in.id(), std::move(idea)).second) {
      return std::unexpected(Error("duplicate idea", in.id()));
    }
  }
  for (const v1::ClusterState& in : proto.clusters()) {
    if (in.id() == 0 || in.id() >= s.next_id || s.ideas.contains(in.id())) {
      return std::unexpected(
          Error("cluster id zero, not below next_id or an idea's: cluster", in.id()));
    }
    Cluster cluster{.id = in.id(),
                    .title = in.title(),
                    .idea_ids = {in.idea_ids().begin(), in.idea_ids().end()}};
    std::ranges::sort(cluster.idea_ids);
    if (std::ranges::adjacent_find(cluster.idea_ids) != cluster.idea_ids.end()) {
      return std::unexpected(Error("idea listed twice in cluster", in.id()));
    }
    if (cluster.idea_ids.size() < 2) {
      return std::unexpected(Error("fewer than two ideas in cluster", in.id()));
    }
    for (TargetId member : cluster.idea_ids) {
      auto idea = s.ideas.find(member);
      if (idea == s.ideas.end() || idea->second.cluster_id != in.id()) {
        return std::unexpected(
            Format("cluster {} lists idea {}, which is unknown or not in it", in.id(), member));
      }
    }
    if (!s.clusters.emplace(in.id(), std::move(cluster)).second) {
      return std::unexpected(Error("duplicate cluster", in.id()));
    }
  }
  for (const auto& [id, idea] : s.ideas) {
    if (idea.cluster_id == 0) continue;
    auto cluster = s.clusters.find(idea.cluster_id);
    if (cluster == s.clusters.end() || !std::ranges::binary_search(cluster->second.idea_ids, id)) {
      return std::unexpected(
          Format("idea {} is in cluster {}, which is unknown or does "
                 "not list it",
                 id, idea.cluster_id));
    }
  }
  return {};
}

std::expected<void, std::string> ReadTables(const v1::WorkshopState& proto, WorkshopState& s) {
  for (const v1::TableState& in : proto.tables()) {
    if (in.id() == 0) return std::unexpected(std::string("table id 0"));
    Table table{.id = in.id(),
                .name = in.name(),
                .token_sha256 = in.token_sha256(),
                .profile_id = in.profile_id()};
    if (in.profile_id() != 0 && FindProfile(s.config, in.profile_id()) == nullptr) {
      return std::unexpected(Error("table of an unknown profile: table", in.id()));
    }
    if (!s.tables.emplace(in.id(), std::move(table)).second) {
      return std::unexpected(Error("duplicate table", in.id()));
    }
  }
  for (const auto& [id, idea] : s.ideas) {
    if (idea.table_id != kAnimateurTable && !s.tables.contains(idea.table_id)) {
      return std::unexpected(Format("idea {} is by table {}, which is unknown", id, idea.table_id));
    }
  }
  for (const v1::SeatState& in : proto.seats()) {
    if (in.id() == 0 || !s.tables.contains(in.table_id())) {
      return std::unexpected(
          Format("seat {} is zero or at unknown table {}", in.id(), in.table_id()));
    }
    Seat seat{.id = in.id(),
              .table_id = in.table_id(),
              .seat_number = in.seat_number(),
              .token_sha256 = in.token_sha256(),
              .scores = 0,
              .profile_id = in.profile_id()};
    if (in.profile_id() != 0 && FindProfile(s.config, in.profile_id()) == nullptr) {
      return std::unexpected(Error("seat of an unknown profile: seat", in.id()));
    }
    if (!s.seats.emplace(in.id(), std::move(seat)).second) {
      return std::unexpected(Error("duplicate seat", in.id()));
    }
  }
  return {};
}

bool IsLiveTarget(const WorkshopState& s, TargetId target) {
  auto idea = s.ideas.find(target);
  return idea != s.ideas.end() ? idea->second.cluster_id == 0 : s.clusters.contains(target);
}

// One ballot's points, choice or buckets, each naming a live target once.
std::expected<Ballot, std::string> ReadBallot(const WorkshopState& s, const v1::BallotState& in,
                                              const google::protobuf::RepeatedPtrField<v1::TargetPoints>& points) {
  Ballot ballot;
  uint64_t spent = 0;
  for (const v1::TargetPoints& p : points) {
    if (!IsLiveTarget(s, p.target_id()) || p.points() == 0 ||
        !ballot.points.emplace(p.target_id(), p.points()).second) {
      return std::unexpected(Format(
          "ballot of table {}, seat {} in step {}: {} points on target {}, which is not a live "
          "idea or cluster, is named twice or has zero points",
          in.table_id(), in.seat_id(), in.step_id(), p.points(), p.target_id()));
    }
    spent += p.points();
  }
  if (spent > std::numeric_limits<uint32_t>::max()) {
    return std::unexpected(Error("points overflow for table", in.table_id()));
  }
  ballot.points_spent = static_cast<uint32_t>(spent);
  std::set<TargetId> chosen;
  for (TargetId target : in.choice()) {
    if (!IsLiveTarget(s, target) || !chosen.insert(target).second) {
      return std::unexpected(Format("ballot of table {}, seat {} in step {}: choice of target {}, "
                                    "which is not a live idea or cluster or is named twice",
                                    in.table_id(), in.seat_id(), in.step_id(), target));
    }
    ballot.choice.push_back(target);
  }
  for (const v1::TargetBucket& item : in.buckets()) {
    if (!IsLiveTarget(s, item.target_id()) || item.bucket() == v1::BUCKET_UNSPECIFIED ||
        !v1::Bucket_IsValid(item.bucket()) ||
        !ballot.buckets.emplace(item.target_id(), item.bucket()).second) {
      return std::unexpected(Format("ballot of table {}, seat {} in step {}: bucket of target {}",
                                    in.table_id(), in.seat_id(), in.step_id(), item.target_id()));
    }
  }
  if (ballot.Empty()) {
    return std::unexpected(Format("ballot of table {}, seat {} in step {} is empty", in.table_id(),
                                  in.seat_id(), in.step_id()));
  }
  return ballot;
}

// The ballots; a snapshot written before ballots has each table's points in its TableState, for
// the agenda's only vote step.
std::expected<void, std::string> ReadBallots(const v1::WorkshopState& proto, WorkshopState& s) {
  auto put = [&](const v1::BallotState& in,
                 const google::protobuf::RepeatedPtrField<v1::TargetPoints>& points)
      -> std::expected<void, std::string> {
    const v1::Step* step = FindStep(s.config, in.step_id());
    if (step == nullptr || step->kind() != v1::PHASE_CONVERGENCE || !s.tables.contains(in.table_id())) {
      return std::unexpected(Format("ballot of table {} in step {}: unknown table or not a vote step",
                                    in.table_id(), in.step_id()));
    }
    if (in.seat_id() != 0) {
      auto seat = s.seats.find(in.seat_id());
      if (seat == s.seats.end() || seat->second.table_id != in.table_id()) {
        return std::unexpected(Format("ballot of seat {}: unknown seat or of another table than {}",
                                      in.seat_id(), in.table_id()));
      }
    }
    auto ballot = ReadBallot(s, in, points);
    if (!ballot) return std::unexpected(ballot.error());
    if (!s.ballots.emplace(BallotKey{in.step_id(), in.table_id(), in.seat_id()}, *std::move(ballot))
             .second) {
      return std::unexpected(Format("two ballots of table {}, seat {} in step {}", in.table_id(),
                                    in.seat_id(), in.step_id()));
    }
    return {};
  };
  for (const v1::TableState& table : proto.tables()) {
    if (table.points().empty()) continue;
    v1::BallotState legacy;
    legacy.set_step_id(LegacyVoteStep(s.config));
    legacy.set_table_id(table.id());
    if (auto ok = put(legacy, table.points()); !ok) return ok;
  }
  for (const v1::BallotState& in : proto.ballots()) {
    if (auto ok = put(in, in.points()); !ok) return ok;
  }
  return {};
}

std::expected<void, std::string> ReadScores(const v1::WorkshopState& proto, WorkshopState& s) {
  std::map<CriterionId, const v1::Criterion*> criteria;
  for (const v1::Criterion& c : s.config.criteria()) criteria[c.id()] = &c;
  for (const v1::ScoreState& in : proto.scores()) {
    auto seat = s.seats.find(in.seat_id());
    auto criterion = criteria.find(in.criterion_id());
    if (seat == s.seats.end() || !s.ideas.contains(in.idea_id()) || criterion == criteria.end()) {
      return std::unexpected(
          Format("score of seat {} on idea {}, criterion {}: unknown seat, idea or criterion",
                 in.seat_id(), in.idea_id(), in.criterion_id()));
    }
    if (in.value() < criterion->second->min_value() ||
        in.value() > criterion->second->max_value()) {
      return std::unexpected(
          Format("score {} of seat {} on idea {}, criterion {} is out of the criterion's range",
                 in.value(), in.seat_id(), in.idea_id(), in.criterion_id()));
    }
    ScoreKey key{in.seat_id(), in.idea_id(), in.criterion_id()};
    if (!s.scores.emplace(key, in.value()).second) {
      return std::unexpected(Format("seat {} scored idea {} on criterion {} twice", in.seat_id(),
                                    in.idea_id(), in.criterion_id()));
    }
    ++seat->second.scores;
  }
  return {};
}

// Remembers the snapshot's applied commands in seq order, as Apply did when it folded them, so
// that each actor keeps its newest AppliedCommands::kRememberedPerActor (a snapshot written
// before the bound holds more) in the order later evictions follow.
std::expected<void, std::string> ReadApplied(const v1::WorkshopState& proto, WorkshopState& s) {
  std::vector<const v1::AppliedCommand*> by_seq;
  by_seq.reserve(proto.applied_size());
  for (const v1::AppliedCommand& a : proto.applied()) by_seq.push_back(&a);
  std::ranges::stable_sort(by_seq, {}, &v1::AppliedCommand::seq);
  for (const v1::AppliedCommand* a : by_seq) {
    if (s.applied.Find(a->actor(), a->command_id())) {
      return std::unexpected("command applied twice: " + a->command_id());
    }
    s.applied.Remember(a->actor(), a->command_id(), a->seq(), a->fingerprint());
  }
  return {};
}

// The agenda and where the workshop is in it. A snapshot written before agendas has no step: the
// time spent in each step is not in it, so it cannot stand for the log (which has it); the log
// is folded instead.
std::expected<void, std::string> ReadSteps(const v1::WorkshopState& proto, WorkshopState& s) {
  if (proto.step_id() == 0) {
    return std::unexpected(std::string("written before agendas (no step): folded from the log"));
  }
  if (s.config.agenda().empty()) return std::unexpected(std::string("no agenda"));
  const v1::Step* step = FindStep(s.config, proto.step_id());
  if (step == nullptr || step->kind() != proto.phase()) {
    return std::unexpected(Error("step not in the agenda or not of the phase's kind: step",
                                 proto.step_id()));
  }
  s.step_id = proto.step_id();
  s.step_started_ms = proto.step_started_ms();
  for (const v1::StepTime& time : proto.step_times()) {
    if (FindStep(s.config, time.step_id()) == nullptr || time.spent_ms() < 0 ||
        !s.step_spent_ms.emplace(time.step_id(), time.spent_ms()).second) {
      return std::unexpected(Error("step time of an unknown or repeated step", time.step_id()));
    }
  }
  s.paused = proto.paused();
  s.timer_stopped_by_pause = proto.timer_stopped_by_pause();
  for (const v1::StepSelection& selection : proto.selections()) {
    const v1::Step* selecting = FindStep(s.config, selection.step_id());
    if (selecting == nullptr || !selecting->has_source() ||
        !std::ranges::is_sorted(selection.idea_ids()) ||
        std::ranges::adjacent_find(selection.idea_ids()) != selection.idea_ids().end() ||
        !s.selections.emplace(selection.step_id(), std::vector<TargetId>(selection.idea_ids().begin(), selection.idea_ids().end())).second) {
      return std::unexpected(
          Error("selection of a step without a source, repeated or out of order: step",
                selection.step_id()));
    }
  }
  return {};
}

}  // namespace

v1::WorkshopState ToProto(const WorkshopState& state) {
  v1::WorkshopState out;
  out.set_workshop_id(state.workshop_id);
  out.set_seq(state.seq);
  out.set_last_hash(state.last_hash);
  out.set_last_time_ms(state.last_time_ms);
  *out.mutable_config() = state.config;
  *out.mutable_access() = state.access;
  out.set_phase(state.phase);
  out.set_step_id(state.step_id);
  out.set_step_started_ms(state.step_started_ms);
  for (const auto& [id, spent] : state.step_spent_ms) {
    v1::StepTime& time = *out.add_step_times();
    time.set_step_id(id);
    time.set_spent_ms(spent);
  }
  out.set_paused(state.paused);
  out.set_timer_stopped_by_pause(state.timer_stopped_by_pause);
  for (const auto& [step_id, ideas] : state.selections) {
    v1::StepSelection& selection = *out.add_selections();
    selection.set_step_id(step_id);
    selection.mutable_idea_ids()->Add(ideas.begin(), ideas.end());
  }
  v1::TimerState& timer = *out.mutable_timer();
  timer.set_running(state.timer.running);
  timer.set_paused(state.timer.paused);
  timer.set_duration_ms(state.timer.duration_ms);
  timer.set_deadline_ms(state.timer.deadline_ms);
  timer.set_remaining_ms(state.timer.remaining_ms);
  timer.set_auto_close(state.timer.auto_close);
  out.set_results_revealed(state.results_revealed);
  out.set_next_id(state.next_id);
  for (const auto& [id, idea] : state.ideas) {
    v1::IdeaState& i = *out.add_ideas();
    i.set_id(id);
    i.set_table_id(idea.table_id);
    i.set_text(idea.text);
    i.set_cluster_id(idea.cluster_id);
    i.set_step_id(idea.step_id);
    i.set_category_id(idea.category_id);
    i.set_stage_id(idea.stage_id);
    i.set_lane_id(idea.lane_id);
    if (idea.origin) *i.mutable_origin() = *idea.origin;
    if (idea.stands_for) *i.mutable_stands_for() = *idea.stands_for;
  }
  for (const auto& [id, cluster] : state.clusters) {
    v1::ClusterState& c = *out.add_clusters();
    c.set_id(id);
    c.set_title(cluster.title);
    c.mutable_idea_ids()->Add(cluster.idea_ids.begin(), cluster.idea_ids.end());
  }
  for (const auto& [id, table] : state.tables) {
    v1::TableState& t = *out.add_tables();
    t.set_id(id);
    t.set_name(table.name);
    t.set_token_sha256(table.token_sha256);
    t.set_profile_id(table.profile_id);
  }
  for (const auto& [key, ballot] : state.ballots) {
    v1::BallotState& b = *out.add_ballots();
    b.set_step_id(key.step_id);
    b.set_table_id(key.table_id);
    b.set_seat_id(key.seat_id);
    for (const auto& [target, points] : ballot.points) {
      v1::TargetPoints& p = *b.add_points();
      p.set_target_id(target);
      p.set_points(points);
    }
    b.mutable_choice()->Add(ballot.choice.begin(), ballot.choice.end());
    for (const auto& [target, bucket] : ballot.buckets) {
      v1::TargetBucket& item = *b.add_buckets();
      item.set_target_id(target);
      item.set_bucket(bucket);
    }
  }
  for (const auto& [id, seat] : state.seats) {
    v1::SeatState& s = *out.add_seats();
    s.set_id(id);
    s.set_table_id(seat.table_id);
    s.set_seat_number(seat.seat_number);
    s.set_token_sha256(seat.token_sha256);
    s.set_profile_id(seat.profile_id);
  }
  for (const auto& [key, value] : state.scores) {
    v1::ScoreState& s = *out.add_scores();
    s.set_seat_id(key.seat_id);
    s.set_idea_id(key.idea_id);
    s.set_criterion_id(key.criterion_id);
    s.set_value(value);
  }
  for (const AppliedCommands::Entry& entry : state.applied.Entries()) {
    *out.add_applied() = ParseApplied(state, entry);
  }
  return out;
}

std::expected<WorkshopState, std::string> FromProto(const v1::WorkshopState& proto) {
  WorkshopState s;
  s.workshop_id = proto.workshop_id();
  s.created = proto.seq() > 0;
  s.seq = proto.seq();
  s.last_hash = proto.last_hash();
  s.last_time_ms = proto.last_time_ms();
  s.config = proto.config();
  s.access = proto.access();
  s.phase = proto.phase();
  if (s.created) {
    if (auto ok = ReadSteps(proto, s); !ok) return std::unexpected(ok.error());
  }
  const v1::TimerState& timer = proto.timer();
  s.timer = Timer{.running = timer.running(),
                  .paused = timer.paused(),
                  .duration_ms = timer.duration_ms(),
                  .deadline_ms = timer.deadline_ms(),
                  .remaining_ms = timer.remaining_ms(),
                  .auto_close = timer.auto_close()};
  s.results_revealed = proto.results_revealed();
  s.next_id = proto.next_id();
  if (s.next_id == 0) return std::unexpected(std::string("next_id 0"));

  if (auto ok = ValidateCriteria(s.config); !ok) return std::unexpected(ok.error());
  if (auto ok = ReadIdeas(proto, s); !ok) return std::unexpected(ok.error());
  if (auto ok = ReadTables(proto, s); !ok) return std::unexpected(ok.error());
  if (auto ok = ReadBallots(proto, s); !ok) return std::unexpected(ok.error());
  if (auto ok = ReadScores(proto, s); !ok) return std::unexpected(ok.error());
  if (auto ok = ReadApplied(proto, s); !ok) return std::unexpected(ok.error());
  RecomputeTotals(s);
  return s;
}

}  // namespace atelier::workshop
