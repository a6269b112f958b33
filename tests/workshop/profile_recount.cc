#include "tests/workshop/profile_recount.h"

#include <cmath>
#include <map>
#include <tuple>
#include <vector>

namespace atelier::workshop::testing {
namespace {

// What one profile's voters did in one vote step.
struct VoteRecount {
  uint32_t voting = 0;                                       // non-empty ballots
  std::map<TargetId, std::pair<uint32_t, uint32_t>> targets;  // points, voters naming it
  std::map<TargetId, std::vector<uint32_t>> spread;           // ranks or buckets
};

struct Recount {
  std::map<std::tuple<ProfileId, TargetId, CriterionId>, std::vector<int32_t>> scores;
  std::map<std::pair<ProfileId, uint32_t>, VoteRecount> votes;  // by (profile, step)
  // tables joined, seats joined, seats scored, ideas
  std::map<ProfileId, std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>> participation;
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

// Points per target of one ballot, by the ballot kinds' rules (state.h's ForEachContribution,
// written out again): every target the ballot names, with its points.
std::map<TargetId, uint32_t> BallotPoints(const v1::Ballot& kind, const Ballot& ballot) {
  std::map<TargetId, uint32_t> out;
  switch (kind.kind()) {
    case v1::BALLOT_KIND_PICK:
      for (TargetId t : ballot.choice) out[t] = 1;
      break;
    case v1::BALLOT_KIND_RANKING: {
      const uint32_t places =
          kind.count() != 0 ? kind.count() : static_cast<uint32_t>(ballot.choice.size());
      for (size_t i = 0; i < ballot.choice.size(); ++i) {
        out[ballot.choice[i]] = i < places ? places - static_cast<uint32_t>(i) : 0;
      }
      break;
    }
    case v1::BALLOT_KIND_BUCKETS:
      for (const auto& [t, bucket] : ballot.buckets) out[t] = bucket == v1::BUCKET_COFFRE_FORT;
      break;
    default:
      out.insert(ballot.points.begin(), ballot.points.end());
      break;
  }
  return out;
}

Recount Count(const WorkshopState& s) {
  Recount r;
  for (const v1::Profile& p : s.config.profiles()) r.participation[p.id()];
  for (const auto& [id, table] : s.tables) {
    if (table.profile_id != 0) ++std::get<0>(r.participation[table.profile_id]);
  }
  for (const auto& [key, ballot] : s.ballots) {
    const ProfileId profile =
        key.seat_id != 0 ? SeatProfile(s, key.seat_id) : TableProfile(s, key.table_id);
    if (profile == 0 || ballot.Empty()) continue;
    const v1::Ballot kind = BallotOf(s.config, key.step_id);
    VoteRecount& vote = r.votes[{profile, key.step_id}];
    ++vote.voting;
    for (const auto& [target, points] : BallotPoints(kind, ballot)) {
      auto& [p, voters] = vote.targets[target];
      p += points;
      ++voters;
    }
    auto place = [&](TargetId target, size_t index) {
      std::vector<uint32_t>& counts = vote.spread[target];
      if (counts.size() <= index) counts.resize(index + 1);
      ++counts[index];
    };
    if (kind.kind() == v1::BALLOT_KIND_RANKING) {
      for (size_t i = 0; i < ballot.choice.size(); ++i) place(ballot.choice[i], i);
    }
    if (kind.kind() == v1::BALLOT_KIND_BUCKETS) {
      for (const auto& [target, bucket] : ballot.buckets) place(target, bucket - 1);
    }
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
    auto& [tables, seats, scored, ideas] = r.participation[profile];
    ++seats;
    if (scores_of[id] > 0) ++scored;
  }
  for (const auto& [id, idea] : s.ideas) {
    const ProfileId profile = TableProfile(s, idea.table_id);
    if (profile != 0 && idea.table_id != kAnimateurTable) {
      ++std::get<3>(r.participation[profile]);
    }
    for (const v1::Step& step : s.config.agenda()) {
      if (step.id() == idea.step_id && !step.categories().empty() && idea.category_id != 0) {
        ++r.consolidation[step.id()][{profile, idea.category_id}];
      }
    }
  }
  return r;
}

std::string CompareVotes(const WorkshopState& s, const Recount& r, ProfileId pid,
                         const v1::ProfileResults& got) {
  const std::string who = "profile " + std::to_string(pid) + ": ";
  size_t expected_steps = 0;
  for (const auto& [key, vote] : r.votes) expected_steps += key.first == pid;
  if (static_cast<size_t>(got.votes_size()) != expected_steps) {
    return who + std::to_string(got.votes_size()) + " vote steps, " +
           std::to_string(expected_steps) + " voted in";
  }
  for (const v1::VoteResults& vote : got.votes()) {
    auto it = r.votes.find({pid, vote.step_id()});
    if (it == r.votes.end()) return who + "no ballot in step " + std::to_string(vote.step_id());
    const VoteRecount& expected = it->second;
    const std::string where = who + "step " + std::to_string(vote.step_id()) + ": ";
    if (vote.voters() != expected.voting) return where + "voters";
    if (static_cast<size_t>(vote.targets_size()) != expected.targets.size()) {
      return where + "number of targets";
    }
    const bool buckets = BallotOf(s.config, vote.step_id()).kind() == v1::BALLOT_KIND_BUCKETS;
    for (const v1::TargetResult& t : vote.targets()) {
      auto target = expected.targets.find(t.target_id());
      if (target == expected.targets.end() ||
          target->second != std::pair{t.points(), t.tables()} || !t.text().empty()) {
        return where + "target " + std::to_string(t.target_id()) + ": " + t.ShortDebugString();
      }
      std::vector<uint32_t> spread;
      if (auto it = expected.spread.find(t.target_id()); it != expected.spread.end()) {
        spread = it->second;
      }
      if (buckets) spread.resize(3);
      const auto& got_spread = buckets ? t.buckets() : t.ranks();
      if (std::vector<uint32_t>(got_spread.begin(), got_spread.end()) != spread) {
        return where + "target " + std::to_string(t.target_id()) + "'s ranks or buckets";
      }
    }
  }
  return {};
}

}  // namespace

std::string CompareWithRecount(const WorkshopState& s, const v1::Results& results) {
  const Recount r = Count(s);
  if (results.profiles_size() != s.config.profiles_size()) {
    return std::to_string(results.profiles_size()) + " profiles in the results, " +
           std::to_string(s.config.profiles_size()) + " configured";
  }
  std::map<CriterionId, const v1::Criterion*> criteria;
  for (const v1::Criterion& c : s.config.criteria()) criteria[c.id()] = &c;
  const uint32_t shown = results.vote_step_id();
  const v1::BallotKind shown_kind = BallotOf(s.config, shown).kind();
  for (int i = 0; i < results.profiles_size(); ++i) {
    const v1::ProfileResults& got = results.profiles(i);
    const v1::Profile& profile = s.config.profiles(i);
    const ProfileId pid = profile.id();
    if (got.profile_id() != pid || got.name() != profile.name()) {
      return "profile " + std::to_string(pid) + ": id or name";
    }
    if (std::string diff = CompareVotes(s, r, pid, got); !diff.empty()) return diff;
    const auto& [tables, seats, scored, ideas] = r.participation.at(pid);
    uint32_t voted = 0, spent = 0;
    if (auto vote = r.votes.find({pid, shown}); vote != r.votes.end()) {
      voted = vote->second.voting;
      if (shown_kind == v1::BALLOT_KIND_BUDGET || shown_kind == v1::BALLOT_KIND_DOTS) {
        for (const auto& [target, counts] : vote->second.targets) spent += counts.first;
      }
    }
    const v1::Participation& gp = got.participation();
    if (std::tuple(gp.tables_joined(), gp.tables_voted(), gp.seats_joined(), gp.seats_scored(),
                   gp.ideas(), gp.points_spent()) !=
        std::tuple(tables, voted, seats, scored, ideas, spent)) {
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
               " overall " + std::to_string(e.overall()) + ", recounted " +
               std::to_string(overall);
      }
    }
  }
  // When every voter has a profile, the profiles' votes add up to the step's: nothing is lost
  // or counted twice between them.
  bool everyone_has_one = !s.config.profiles().empty();
  for (const auto& [key, ballot] : s.ballots) {
    everyone_has_one = everyone_has_one && (key.seat_id != 0 ? SeatProfile(s, key.seat_id)
                                                             : TableProfile(s, key.table_id)) != 0;
  }
  if (everyone_has_one) {
    for (const auto& [step, tally] : s.tallies) {
      uint32_t voting = 0;
      std::map<TargetId, uint32_t> points, voters;
      for (const auto& [key, vote] : r.votes) {
        if (key.second != step) continue;
        voting += vote.voting;
        for (const auto& [target, counts] : vote.targets) {
          if (counts.first != 0) points[target] += counts.first;
          voters[target] += counts.second;
        }
      }
      if (voting != tally.voting || points != tally.points || voters != tally.voters) {
        return "step " + std::to_string(step) + ": the profiles' votes do not add up to its tally";
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
  std::map<uint32_t, std::map<std::pair<ProfileId, uint32_t>, uint32_t>> expected =
      r.consolidation;
  for (const v1::Step& step : s.config.agenda()) {
    if (!step.categories().empty()) expected[step.id()];  // listed, even when empty
  }
  if (got_consolidation != expected) return "consolidation tables differ";
  return {};
}

}  // namespace atelier::workshop::testing
