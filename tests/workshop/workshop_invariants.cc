#include "tests/workshop/workshop_invariants.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "server/workshop/config.h"
#include "server/workshop/facets.h"
#include "server/workshop/sources.h"

namespace atelier::workshop::testing {
namespace {

using workshop::CriterionId;
using workshop::SeatId;
using workshop::TableId;
using workshop::TargetId;
using workshop::WorkshopState;
namespace v1 = ::atelier::v1;

// Collects the first broken rule as one line.
class Report {
 public:
  std::ostream& Fail() {
    if (!failed_) {
      failed_ = true;
      return out_;
    }
    return ignored_;
  }
  bool failed() const { return failed_; }
  std::string str() const { return out_.str(); }

 private:
  bool failed_ = false;
  std::ostringstream out_;
  std::ostringstream ignored_;
};

void CheckTables(const WorkshopState& s, Report& report) {
  for (const auto& [table_id, table] : s.tables) {
    if (table.id != table_id) report.Fail() << "table " << table_id << " holds id " << table.id;
  }
}

// Each ballot: in a vote step, by a known table (and a seat of it where seats vote, none where
// tables do), not empty and of its step's kind only; points within the cap and the budget and
// summing to points_spent; a choice naming each target once (a pick at most `count`); buckets
// real; every target named live and not the voter's table's own unless the step allows it.
void CheckBallots(const WorkshopState& s, Report& report) {
  for (const auto& [key, ballot] : s.ballots) {
    const v1::Step* step = workshop::FindStep(s.config, key.step_id);
    const v1::Ballot kind = workshop::BallotOf(s.config, key.step_id);
    auto fail = [&]() -> std::ostream& {
      return report.Fail() << "ballot of table " << key.table_id << ", seat " << key.seat_id
                           << " in step " << key.step_id << ": ";
    };
    if (step == nullptr || step->kind() != v1::PHASE_CONVERGENCE) fail() << "not a vote step";
    if (!s.tables.contains(key.table_id)) fail() << "unknown table";
    if ((kind.voter() == v1::VOTER_SEAT) != (key.seat_id != 0)) fail() << "not the step's voter";
    if (key.seat_id != 0 && (!s.seats.contains(key.seat_id) ||
                             s.seats.at(key.seat_id).table_id != key.table_id)) {
      fail() << "a seat not of its table";
    }
    if (ballot.Empty()) fail() << "empty";
    const bool points_kind =
        kind.kind() == v1::BALLOT_KIND_BUDGET || kind.kind() == v1::BALLOT_KIND_DOTS;
    const bool choice_kind =
        kind.kind() == v1::BALLOT_KIND_PICK || kind.kind() == v1::BALLOT_KIND_RANKING;
    if ((!ballot.points.empty() && !points_kind) || (!ballot.choice.empty() && !choice_kind) ||
        (!ballot.buckets.empty() && kind.kind() != v1::BALLOT_KIND_BUCKETS)) {
      fail() << "not of its step's kind";
    }
    uint64_t sum = 0;
    std::set<TargetId> named;
    for (const auto& [target, points] : ballot.points) {
      sum += points;
      if (points == 0 || points > kind.cap()) fail() << points << " on " << target << " (cap " << kind.cap() << ")";
      named.insert(target);
    }
    if (sum != ballot.points_spent) fail() << "points_spent " << ballot.points_spent << ", sum " << sum;
    if (sum > kind.budget() && points_kind) fail() << "spent " << sum << " of " << kind.budget();
    for (TargetId target : ballot.choice) {
      if (!named.insert(target).second) fail() << "names " << target << " twice";
    }
    if (kind.kind() == v1::BALLOT_KIND_PICK && ballot.choice.size() > kind.count()) {
      fail() << "picks " << ballot.choice.size() << " of " << kind.count();
    }
    for (const auto& [target, bucket] : ballot.buckets) {
      if (bucket == v1::BUCKET_UNSPECIFIED || !v1::Bucket_IsValid(bucket)) fail() << "bucket " << bucket;
      named.insert(target);
    }
    // A step that takes ideas from earlier steps: only what it selected (a cluster holding one).
    const std::optional<workshop::StepTakes> takes =
        step != nullptr && step->has_source()
            ? std::optional<workshop::StepTakes>(std::in_place, s, key.step_id)
            : std::nullopt;
    for (TargetId target : named) {
      const bool live = s.clusters.contains(target) ||
                        (s.ideas.contains(target) && s.ideas.at(target).cluster_id == 0);
      if (!live) fail() << "names dead target " << target;
      if (live && takes && !(s.clusters.contains(target) ? takes->TakesCluster(s.clusters.at(target))
                                                         : takes->Selected(target))) {
        fail() << "names " << target << ", which the step did not take";
      }
      if (!kind.allow_self_vote() && workshop::IsOwnTarget(s, key.table_id, target)) {
        fail() << "names its table's own target " << target;
      }
    }
  }
}

void CheckClusters(const WorkshopState& s, Report& report) {
  for (const auto& [id, cluster] : s.clusters) {
    if (cluster.id != id) report.Fail() << "cluster " << id << " holds id " << cluster.id;
    if (cluster.idea_ids.size() < 2) report.Fail() << "cluster " << id << " has < 2 ideas";
    if (!std::is_sorted(cluster.idea_ids.begin(), cluster.idea_ids.end())) {
      report.Fail() << "cluster " << id << " ideas not sorted";
    }
    for (TargetId member : cluster.idea_ids) {
      auto idea = s.ideas.find(member);
      if (idea == s.ideas.end() || idea->second.cluster_id != id) {
        report.Fail() << "cluster " << id << " lists idea " << member << " that is not in it";
      }
    }
    if (s.ideas.contains(id)) report.Fail() << "cluster " << id << " shares an idea's id";
    if (id >= s.next_id) report.Fail() << "cluster " << id << " at or past next_id " << s.next_id;
  }
  for (const auto& [id, idea] : s.ideas) {
    if (id >= s.next_id) report.Fail() << "idea " << id << " at or past next_id " << s.next_id;
    if (idea.cluster_id == 0) continue;
    auto cluster = s.clusters.find(idea.cluster_id);
    if (cluster == s.clusters.end() ||
        !std::binary_search(cluster->second.idea_ids.begin(), cluster->second.idea_ids.end(), id)) {
      report.Fail() << "idea " << id << " names cluster " << idea.cluster_id
                    << " that does not list it";
    }
  }
}

// Scores: returns false when RecomputeTotals could not run on this state.
bool CheckScores(const WorkshopState& s, Report& report) {
  std::map<CriterionId, const v1::Criterion*> criteria;
  for (const v1::Criterion& c : s.config.criteria()) criteria[c.id()] = &c;
  std::map<SeatId, uint32_t> per_seat;
  bool recomputable = true;
  for (const auto& [key, value] : s.scores) {
    ++per_seat[key.seat_id];
    if (!s.seats.contains(key.seat_id)) report.Fail() << "a score of unknown seat " << key.seat_id;
    auto criterion = criteria.find(key.criterion_id);
    if (criterion == criteria.end()) {
      report.Fail() << "seat " << key.seat_id << " has a score on idea " << key.idea_id
                    << " for criterion " << key.criterion_id << ", which is not configured";
      recomputable = false;
      continue;
    }
    const v1::Criterion& c = *criterion->second;
    if (value < c.min_value() || value > c.max_value()) {
      report.Fail() << "seat " << key.seat_id << " scored " << value << " on criterion "
                    << key.criterion_id << " whose range is " << c.min_value() << ".."
                    << c.max_value();
      recomputable = false;
    }
  }
  for (const auto& [id, seat] : s.seats) {
    const uint32_t counted = per_seat.contains(id) ? per_seat[id] : 0;
    if (seat.scores != counted) {
      report.Fail() << "seat " << id << " counts " << seat.scores << " scores but has " << counted;
    }
  }
  return recomputable;
}

void CheckTotals(const WorkshopState& s, Report& report) {
  WorkshopState recomputed = s;
  workshop::RecomputeTotals(recomputed);
  if (recomputed.tallies != s.tallies) report.Fail() << "vote tallies differ";
  if (recomputed.score_stats != s.score_stats) report.Fail() << "score_stats differ";
  if (recomputed.seats_scoring != s.seats_scoring) report.Fail() << "seats_scoring differs";
  if (recomputed.profile_tallies != s.profile_tallies) report.Fail() << "profile_tallies differ";
  if (recomputed.profile_score_stats != s.profile_score_stats) {
    report.Fail() << "profile_score_stats differ";
  }
}

// Profiles and facets: every table and seat of a configured profile (none when there are none),
// every idea's facets values of its step's lists.
void CheckProfilesAndFacets(const WorkshopState& s, Report& report) {
  auto known = [&](workshop::ProfileId id) {
    if (id == 0) return true;
    for (const v1::Profile& p : s.config.profiles()) {
      if (p.id() == id) return true;
    }
    return false;
  };
  for (const auto& [id, table] : s.tables) {
    if (!known(table.profile_id)) report.Fail() << "table " << id << " has an unknown profile";
  }
  for (const auto& [id, seat] : s.seats) {
    if (!known(seat.profile_id)) report.Fail() << "seat " << id << " has an unknown profile";
  }
  for (const auto& [id, idea] : s.ideas) {
    const v1::Step* step = workshop::FindStep(s.config, idea.step_id);
    if (!workshop::FacetsExistIn(step, workshop::FacetsOfIdea(idea))) {
      report.Fail() << "idea " << id << " names a facet its step " << idea.step_id
                    << " does not have";
    }
  }
}

template <class Map>
std::set<typename Map::key_type> Keys(const Map& a, const Map& b) {
  std::set<typename Map::key_type> keys;
  for (const auto& [k, v] : a) keys.insert(k);
  for (const auto& [k, v] : b) keys.insert(k);
  return keys;
}

template <class Map>
const typename Map::mapped_type* Find(const Map& map, const typename Map::key_type& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

std::string CheckInvariants(const WorkshopState& state) {
  Report report;
  CheckTables(state, report);
  CheckBallots(state, report);
  CheckClusters(state, report);
  CheckProfilesAndFacets(state, report);
  if (CheckScores(state, report)) CheckTotals(state, report);
  return report.str();
}

std::string CheckOnlyOwnStateChanged(const WorkshopState& before, const WorkshopState& after,
                                     const v1::Actor& actor, const v1::Event& event) {
  const bool is_table = actor.kind() == v1::ACTOR_KIND_TABLE;
  const bool is_seat = actor.kind() == v1::ACTOR_KIND_SEAT;
  if (!is_table && !is_seat) return {};
  const TableId own_table = actor.table_id();
  const SeatId own_seat = is_seat ? actor.seat_id() : 0;
  Report report;
  auto who = [&]() {
    std::ostringstream s;
    s << (is_table ? "table " : "seat ") << (is_table ? own_table : own_seat) << " (table "
      << own_table << ") changed ";
    return s.str();
  };

  // The cluster a table's own idea left with its deletion (with none of another table's points).
  TargetId dissolved = 0;
  if (is_table && own_table != 0 && event.has_idea_deleted()) {
    dissolved = event.idea_deleted().dissolved_cluster_id();
  }

  for (TableId id : Keys(before.tables, after.tables)) {
    if (is_table && own_table != 0 && id == own_table) continue;
    const workshop::Table* b = Find(before.tables, id);
    const workshop::Table* a = Find(after.tables, id);
    if (is_table && own_table == 0 && b == nullptr && event.has_table_joined() &&
        event.table_joined().table_id() == id) {
      continue;  // the tablet joining: what a Hello with the join code does
    }
    if (b == nullptr || a == nullptr) {
      report.Fail() << who() << (b == nullptr ? "the table list: table " : "removed table ") << id
                    << (b == nullptr ? " created" : "");
      continue;
    }
    if (a->name != b->name || a->token_sha256 != b->token_sha256 ||
        a->profile_id != b->profile_id) {
      report.Fail() << who() << "table " << id << "'s entry";
    }
  }
  // Ballots: a table casts its own and its seats'; a seat only its own.
  for (const workshop::BallotKey& key : Keys(before.ballots, after.ballots)) {
    const bool own = is_table ? own_table != 0 && key.table_id == own_table
                              : key.table_id == own_table && key.seat_id == own_seat;
    if (own) continue;
    const workshop::Ballot* b = Find(before.ballots, key);
    const workshop::Ballot* a = Find(after.ballots, key);
    if ((b == nullptr) != (a == nullptr) || (b != nullptr && *a != *b)) {
      report.Fail() << who() << "the ballot of table " << key.table_id << ", seat " << key.seat_id
                    << " in step " << key.step_id;
    }
  }

  auto seat_table = [&](SeatId id) -> TableId {
    if (auto b = Find(before.seats, id)) return b->table_id;
    if (auto a = Find(after.seats, id)) return a->table_id;
    return 0;
  };
  auto may_change_seat = [&](SeatId id, bool existed) {
    if (is_table) return own_table != 0 && seat_table(id) == own_table;
    return id == own_seat || (!existed && seat_table(id) == own_table);  // a new seat at its table
  };
  for (SeatId id : Keys(before.seats, after.seats)) {
    const workshop::Seat* b = Find(before.seats, id);
    const workshop::Seat* a = Find(after.seats, id);
    if (may_change_seat(id, b != nullptr)) continue;
    if (b == nullptr || a == nullptr) {
      report.Fail() << who() << "the seat list: seat " << id << " at table " << seat_table(id)
                    << (b == nullptr ? " created" : " removed");
      continue;
    }
    if (a->table_id != b->table_id || a->seat_number != b->seat_number ||
        a->token_sha256 != b->token_sha256 || a->scores != b->scores ||
        a->profile_id != b->profile_id) {
      report.Fail() << who() << "seat " << id << "'s entry";
    }
  }
  for (const workshop::ScoreKey& key : Keys(before.scores, after.scores)) {
    if (may_change_seat(key.seat_id, before.seats.contains(key.seat_id))) continue;
    const int32_t* b = Find(before.scores, key);
    const int32_t* a = Find(after.scores, key);
    if ((b == nullptr) != (a == nullptr) || (b != nullptr && *a != *b)) {
      report.Fail() << who() << "seat " << key.seat_id << "'s score on idea " << key.idea_id
                    << ", criterion " << key.criterion_id;
    }
  }

  for (TargetId id : Keys(before.ideas, after.ideas)) {
    const workshop::Idea* b = Find(before.ideas, id);
    const workshop::Idea* a = Find(after.ideas, id);
    const TableId author = b != nullptr ? b->table_id : a->table_id;
    if (is_table && own_table != 0 && author == own_table) continue;
    if (b == nullptr || a == nullptr) {
      report.Fail() << who() << "idea " << id << " of table " << author
                    << (b == nullptr ? ": created" : ": removed");
      continue;
    }
    const bool cluster_dissolved =
        dissolved != 0 && b->cluster_id == dissolved && a->cluster_id == 0;
    if (a->text != b->text || a->table_id != b->table_id ||
        (a->cluster_id != b->cluster_id && !cluster_dissolved) ||
        a->category_id != b->category_id || a->stage_id != b->stage_id ||
        a->lane_id != b->lane_id) {
      report.Fail() << who() << "idea " << id << " of table " << author;
    }
  }
  return report.str();
}

}  // namespace atelier::workshop::testing
