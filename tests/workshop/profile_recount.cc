#include "tests/workshop/profile_recount.h"

#include <cmath>
#include <map>
#include <sstream>
#include <tuple>
#include <vector>

namespace atelier::workshop::testing {
namespace {

struct Recount {
  std::map<std::tuple<ProfileId, TargetId, CriterionId>, std::vector<int32_t>> scores;
  std::map<std::pair<ProfileId, TargetId>, std::pair<uint32_t, uint32_t>> points;  // points, tables
  std::map<ProfileId, std::tuple<uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t>>
      participation;  // tables joined, voted, seats joined, scored, ideas, points spent
  std::map<uint32_t, std::map<std::pair<ProfileId, uint32_t>, uint32_t>> consolidation;
};

ProfileId TableProfile(const WorkshopState& s, TableId id) {
  auto it = s.tables.find(id);
  return it == s.tables.end() ? 0 : it->second.profile_id;
}

ProfileId SeatProfile(const WorkshopState& s, SeatId id) {
  auto it = s.seats.find(id);
  if (it == s.seats.end()) return 0;
  return it->second.profile_id != 0 ? it->second.profile_id : TableProfile(s, it->second.table_id);
}

Recount Count(const WorkshopState& s) {
  Recount r;
  for (const v1::Profile& p : s.config.profiles()) r.participation[p.id()];
  for (const auto& [id, table] : s.tables) {
    if (table.profile_id == 0) continue;
    auto& [joined, voted, seats, scored, ideas, spent] = r.participation[table.profile_id];
    ++joined;
    uint32_t sum = 0;
    for (const auto& [target, points] : table.points) {
      auto& [p, t] = r.points[{table.profile_id, target}];
      p += points;
      ++t;
      sum += points;
    }
    if (sum > 0) ++voted;
    spent += sum;
  }
  std::map<SeatId, uint32_t> scores_of;
  for (const auto& [key, value] : s.scores) {
    ++scores_of[key.seat_id];
    const ProfileId profile = SeatProfile(s, key.seat_id);
    if (profile != 0) r.scores[{profile, key.idea_id, key.criterion_id}].push_back(value);
  }
  for (const auto& [id, seat] : s.seats) {
    const ProfileId profile = SeatProfile(s, id);
    if (profile == 0) continue;
    auto& [joined, voted, seats, scored, ideas, spent] = r.participation[profile];
    ++seats;
    if (scores_of[id] > 0) ++scored;
  }
  for (const auto& [id, idea] : s.ideas) {
    const ProfileId profile = TableProfile(s, idea.table_id);
    if (profile != 0 && idea.table_id != kAnimateurTable) {
      ++std::get<4>(r.participation[profile]);
    }
    for (const v1::Step& step : s.config.agenda()) {
      if (step.id() == idea.step_id && !step.categories().empty() && idea.category_id != 0) {
        ++r.consolidation[step.id()][{profile, idea.category_id}];
      }
    }
  }
  return r;
}

}  // namespace

std::string CompareWithRecount(const WorkshopState& s, const v1::Results& results) {
  const Recount r = Count(s);
  std::ostringstream diff;
  if (results.profiles_size() != s.config.profiles_size()) {
    diff << results.profiles_size() << " profiles in the results, " << s.config.profiles_size()
         << " configured";
    return diff.str();
  }
  std::map<CriterionId, const v1::Criterion*> criteria;
  for (const v1::Criterion& c : s.config.criteria()) criteria[c.id()] = &c;
  for (int i = 0; i < results.profiles_size(); ++i) {
    const v1::ProfileResults& got = results.profiles(i);
    const v1::Profile& profile = s.config.profiles(i);
    const ProfileId pid = profile.id();
    if (got.profile_id() != pid || got.name() != profile.name()) {
      return "profile " + std::to_string(pid) + ": id or name";
    }
    size_t expected_points = 0;
    for (const auto& [key, value] : r.points) expected_points += key.first == pid;
    if (static_cast<size_t>(got.points_size()) != expected_points) {
      return "profile " + std::to_string(pid) + ": number of targets with points";
    }
    for (const v1::ProfilePoints& p : got.points()) {
      auto it = r.points.find({pid, p.target_id()});
      if (it == r.points.end() || it->second != std::pair{p.points(), p.tables()}) {
        return "profile " + std::to_string(pid) + ": points on target " +
               std::to_string(p.target_id());
      }
    }
    const auto& [joined, voted, seats, scored, ideas, spent] = r.participation.at(pid);
    const v1::Participation& gp = got.participation();
    if (std::tuple(gp.tables_joined(), gp.tables_voted(), gp.seats_joined(), gp.seats_scored(),
                   gp.ideas(),
                   gp.points_spent()) != std::tuple(joined, voted, seats, scored, ideas, spent)) {
      return "profile " + std::to_string(pid) + ": participation " + gp.ShortDebugString();
    }
    size_t scored_ideas = 0;  // live ideas the profile's seats scored
    for (const auto& [id, idea] : s.ideas) {
      for (const auto& [key, values] : r.scores) {
        if (std::get<0>(key) == pid && std::get<1>(key) == id) {
          ++scored_ideas;
          break;
        }
      }
    }
    if (static_cast<size_t>(got.evaluations_size()) != scored_ideas) {
      return "profile " + std::to_string(pid) + ": " + std::to_string(got.evaluations_size()) +
             " evaluations for " + std::to_string(scored_ideas) + " ideas scored";
    }
    for (const v1::IdeaEvaluation& e : got.evaluations()) {
      double weighted = 0, weights = 0;
      for (const v1::CriterionResult& c : e.criteria()) {
        const v1::Criterion& criterion = *criteria.at(c.criterion_id());
        auto values = r.scores.find({pid, e.idea_id(), c.criterion_id()});
        const size_t count = values == r.scores.end() ? 0 : values->second.size();
        std::vector<uint32_t> histogram(criterion.max_value() - criterion.min_value() + 1);
        double sum = 0;
        if (count > 0) {
          for (int32_t v : values->second) {
            ++histogram[v - criterion.min_value()];
            sum += v;
          }
        }
        const std::vector<uint32_t> got_histogram(c.histogram().begin(), c.histogram().end());
        if (c.count() != count || got_histogram != histogram ||
            (count > 0 && std::abs(c.mean() - sum / count) > 1e-9)) {
          return "profile " + std::to_string(pid) + ": idea " + std::to_string(e.idea_id()) +
                 ", criterion " + std::to_string(c.criterion_id()) + ": " + c.ShortDebugString();
        }
        if (count == 0) continue;
        const double min = criterion.min_value(), max = criterion.max_value();
        const double mean = sum / count;
        const double oriented =
            criterion.direction() == v1::DIRECTION_LOWER_IS_BETTER ? min + max - mean : mean;
        const double weight = criterion.weight() == 0 ? 1 : criterion.weight();
        weighted += weight * (oriented - min) * 10.0 / (max - min);
        weights += weight;
      }
      const double overall = weights > 0 ? weighted / weights : 0;
      if (std::abs(e.overall() - overall) > 1e-9 || !e.text().empty()) {
        return "profile " + std::to_string(pid) + ": idea " + std::to_string(e.idea_id()) +
               " overall " + std::to_string(e.overall()) + ", recounted " + std::to_string(overall);
      }
    }
  }
  std::map<uint32_t, std::map<std::pair<ProfileId, uint32_t>, uint32_t>> got_consolidation;
  for (const v1::Consolidation& c : results.consolidations()) {
    auto& cells = got_consolidation[c.step_id()];
    for (const v1::ConsolidationCell& cell : c.cells()) {
      cells[{cell.profile_id(), cell.category_id()}] = cell.ideas();
    }
  }
  std::map<uint32_t, std::map<std::pair<ProfileId, uint32_t>, uint32_t>> expected = r.consolidation;
  for (const v1::Step& step : s.config.agenda()) {
    if (!step.categories().empty()) expected[step.id()];  // listed, even when empty
  }
  if (got_consolidation != expected) return "consolidation tables differ";
  return {};
}

}  // namespace atelier::workshop::testing
