#include "server/workshop/results.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "server/workshop/config.h"
#include "server/workshop/profile_results.h"
#include "server/workshop/sources.h"

namespace atelier::workshop {
namespace {

// Reads totals keyed by id in increasing id order: each lookup resumes where the last one
// stopped, so a pass over the ideas (or the clusters) walks each totals map once.
class TotalsCursor {
 public:
  explicit TotalsCursor(const std::map<TargetId, uint32_t>& totals)
      : it_(totals.begin()), end_(totals.end()) {}
  uint32_t At(TargetId id) {
    while (it_ != end_ && it_->first < id) ++it_;
    return it_ != end_ && it_->first == id ? it_->second : 0;
  }

 private:
  std::map<TargetId, uint32_t>::const_iterator it_, end_;
};

const Tally kNoTally;

// One vote step's targets: every live top-level target the step takes (sources.h: posted before
// the step, not during it like a longue-vue's new subjects nor in a later step; and among its
// selection when it has a source), with its tally; in an evaluation workshop (no vote) only
// those with points. RANKING adds how many voters put each at each
// rank, BUCKETS how many put each in each bucket.
void AddTargets(const WorkshopState& state, uint32_t step_id, const v1::Ballot& kind,
                google::protobuf::RepeatedPtrField<v1::TargetResult>& out) {
  const bool list_unvoted = state.config.template_() != v1::TEMPLATE_EVALUATION;
  auto tally_it = state.tallies.find(step_id);
  const Tally& tally = tally_it == state.tallies.end() ? kNoTally : tally_it->second;
  const StepTakes takes(state, step_id);
  // Sort light rows, then build the messages once, in order.
  struct Row {
    uint32_t points;
    uint32_t tables;
    TargetId id;
    const std::string* text;
    const Cluster* cluster;
  };
  std::vector<Row> rows;
  rows.reserve(state.ideas.size() + state.clusters.size());
  {
    TotalsCursor points(tally.points), tables(tally.voters);
    for (const auto& [id, idea] : state.ideas) {
      if (idea.cluster_id != 0 || !takes.TakesIdea(id, idea)) continue;
      uint32_t p = points.At(id);
      if (p > 0 || list_unvoted) rows.push_back({p, tables.At(id), id, &idea.text, nullptr});
    }
  }
  {
    TotalsCursor points(tally.points), tables(tally.voters);
    for (const auto& [id, cluster] : state.clusters) {
      uint32_t p = points.At(id);
      // A cluster of ideas that all came too late was not on the ballot either.
      if (p > 0 || (list_unvoted && takes.TakesCluster(cluster))) {
        rows.push_back({p, tables.At(id), id, &cluster.title, &cluster});
      }
    }
  }
  std::ranges::sort(rows, [](const Row& a, const Row& b) {
    return std::tuple(b.points, b.tables, a.id) < std::tuple(a.points, a.tables, b.id);
  });
  out.Reserve(static_cast<int>(rows.size()));
  for (const Row& row : rows) {
    v1::TargetResult& target = *out.Add();
    target.set_target_id(row.id);
    target.set_is_cluster(row.cluster != nullptr);
    target.set_text(*row.text);
    target.set_points(row.points);
    target.set_tables(row.tables);
    if (row.cluster) {
      target.mutable_idea_ids()->Add(row.cluster->idea_ids.begin(), row.cluster->idea_ids.end());
    }
    AddSpread(tally, row.id, kind.kind(), target);
  }
}

// The vote step Results.points counts: the one the workshop is in, else the last before it,
// else the agenda's first; 0 when the agenda has none.
uint32_t ShownVoteStep(const WorkshopState& state) {
  uint32_t last_before = 0;
  for (const v1::Step& step : state.config.agenda()) {
    if (step.kind() == v1::PHASE_CONVERGENCE) last_before = step.id();
    if (step.id() == state.step_id) break;
  }
  return last_before != 0 ? last_before : StepOfKind(state.config, v1::PHASE_CONVERGENCE);
}

// The ideas the scoring steps take when every one of them has a source (the union of their
// selections, in id order); nullopt when one takes every idea (no source: as before sources).
std::optional<std::vector<TargetId>> ScoredIdeas(const WorkshopState& state) {
  std::vector<TargetId> ids;
  bool any = false;
  for (const v1::Step& step : state.config.agenda()) {
    if (step.kind() != v1::PHASE_SCORING) continue;
    if (!step.has_source()) return std::nullopt;
    any = true;
    if (auto it = state.selections.find(step.id()); it != state.selections.end()) {
      ids.insert(ids.end(), it->second.begin(), it->second.end());
    }
  }
  if (!any) return std::nullopt;
  std::ranges::sort(ids);
  ids.erase(std::ranges::unique(ids).begin(), ids.end());
  return ids;
}

void AddVotes(const WorkshopState& state, v1::Results& results) {
  const uint32_t shown = ShownVoteStep(state);
  results.set_vote_step_id(shown);
  AddTargets(state, shown, BallotOf(state.config, shown), *results.mutable_points());
  for (const v1::Step& step : state.config.agenda()) {
    if (step.kind() != v1::PHASE_CONVERGENCE || step.id() == shown ||
        !state.tallies.contains(step.id())) {
      continue;
    }
    v1::VoteResults& vote = *results.add_other_votes();
    const v1::Ballot kind = BallotOf(state.config, step.id());
    vote.set_step_id(step.id());
    vote.set_kind(kind.kind());
    vote.set_voters(state.tallies.at(step.id()).voting);
    AddTargets(state, step.id(), kind, *vote.mutable_targets());
  }
}

// The value at 0-based position `rank` of the sorted scores a histogram counts.
int64_t ValueAt(const std::vector<uint32_t>& histogram, int32_t min_value, uint32_t rank) {
  uint64_t seen = 0;
  for (size_t i = 0; i < histogram.size(); ++i) {
    seen += histogram[i];
    if (seen > rank) return int64_t{min_value} + static_cast<int64_t>(i);
  }
  return int64_t{min_value} + static_cast<int64_t>(histogram.size()) - 1;  // unreachable
}

// Fills one criterion's statistics from the running histogram.
void Describe(const v1::Criterion& criterion, const ScoreStats* stats, v1::CriterionResult& out) {
  const int64_t range = int64_t{criterion.max_value()} - criterion.min_value() + 1;
  out.set_criterion_id(criterion.id());
  out.mutable_histogram()->Resize(static_cast<int>(std::max<int64_t>(range, 0)), 0);
  if (stats == nullptr || stats->count == 0) return;
  const size_t bins = std::min<size_t>(stats->histogram.size(), out.histogram_size());
  double sum = 0;
  for (size_t i = 0; i < bins; ++i) {
    out.set_histogram(static_cast<int>(i), stats->histogram[i]);
    sum += static_cast<double>(stats->histogram[i]) * (criterion.min_value() + double(i));
  }
  const double count = stats->count;
  const double mean = sum / count;
  double squares = 0;
  for (size_t i = 0; i < bins; ++i) {
    const double deviation = criterion.min_value() + double(i) - mean;
    squares += static_cast<double>(stats->histogram[i]) * deviation * deviation;
  }
  out.set_count(stats->count);
  out.set_mean(mean);
  const int64_t low_middle =
      ValueAt(stats->histogram, criterion.min_value(), (stats->count - 1) / 2);
  const int64_t high_middle = ValueAt(stats->histogram, criterion.min_value(), stats->count / 2);
  out.set_median(static_cast<double>(low_middle + high_middle) / 2.0);
  out.set_stddev(std::sqrt(squares / count));
}

// Ranking key: comparing at 1e-9 keeps float rounding from deciding a tie.
int64_t Quantize(double x) { return std::llround(x * 1e9); }

// An idea to evaluate: its id, and its text when the evaluation carries it (else nullptr).
using IdeaRef = std::pair<TargetId, const std::string*>;

// The evaluations of `ideas` (in id order) from the statistics `stats_of(idea, criterion)` gives
// (nullptr: no score), ranked, into `out`.
template <typename StatsOf>
void AddEvaluations(const WorkshopState& state, const std::vector<IdeaRef>& ideas,
                    StatsOf stats_of, google::protobuf::RepeatedPtrField<v1::IdeaEvaluation>& out) {
  const auto& criteria = state.config.criteria();
  if (criteria.empty()) return;
  std::vector<v1::IdeaEvaluation> evaluations;
  evaluations.reserve(ideas.size());
  std::vector<bool> scored;
  scored.reserve(ideas.size());
  for (const auto& [id, text] : ideas) {
    v1::IdeaEvaluation& evaluation = evaluations.emplace_back();
    evaluation.set_idea_id(id);
    if (text != nullptr) evaluation.set_text(*text);
    double overall = 0;
    double spread = 0;
    double weights = 0;
    for (const v1::Criterion& criterion : criteria) {
      v1::CriterionResult& result = *evaluation.add_criteria();
      Describe(criterion, stats_of(id, criterion.id()), result);
      if (result.count() == 0) continue;
      const double min = criterion.min_value();
      const double max = criterion.max_value();
      const double oriented = criterion.direction() == v1::DIRECTION_LOWER_IS_BETTER
                                  ? min + max - result.mean()
                                  : result.mean();
      const double scale = max > min ? 10.0 / (max - min) : 0.0;
      const double weight = CriterionWeight(criterion);
      overall += weight * ((oriented - min) * scale);
      spread += weight * (result.stddev() * scale);
      weights += weight;
    }
    if (weights > 0) {
      evaluation.set_overall(overall / weights);
      evaluation.set_spread(spread / weights);
    }
    scored.push_back(weights > 0);
  }
  std::vector<size_t> order(evaluations.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto key = [&](size_t i) {
    const v1::IdeaEvaluation& e = evaluations[i];
    return std::tuple(!scored[i], -Quantize(e.overall()), Quantize(e.spread()), e.idea_id());
  };
  std::ranges::sort(order, [&](size_t a, size_t b) { return key(a) < key(b); });
  out.Reserve(static_cast<int>(order.size()));
  uint32_t rank = 0;
  for (size_t i : order) {
    evaluations[i].set_rank(++rank);
    *out.Add() = std::move(evaluations[i]);
  }
}

void AddParticipation(const WorkshopState& state, v1::Participation& participation) {
  const uint32_t shown = ShownVoteStep(state);
  auto tally = state.tallies.find(shown);
  const v1::BallotKind kind = BallotOf(state.config, shown).kind();
  uint64_t spent = 0;  // points or dots: what the ballots' points sum to
  if (tally != state.tallies.end() &&
      (kind == v1::BALLOT_KIND_BUDGET || kind == v1::BALLOT_KIND_DOTS)) {
    for (const auto& [target, points] : tally->second.points) spent += points;
  }
  participation.set_tables_joined(static_cast<uint32_t>(state.tables.size()));
  participation.set_tables_voted(tally == state.tallies.end() ? 0 : tally->second.voting);
  participation.set_seats_joined(static_cast<uint32_t>(state.seats.size()));
  participation.set_seats_scored(state.seats_scoring);
  participation.set_ideas(static_cast<uint32_t>(state.ideas.size()));
  participation.set_points_spent(static_cast<uint32_t>(spent));
}

}  // namespace

google::protobuf::RepeatedPtrField<v1::TargetResult> VoteTargets(const WorkshopState& state,
                                                                 uint32_t step_id) {
  google::protobuf::RepeatedPtrField<v1::TargetResult> out;
  AddTargets(state, step_id, BallotOf(state.config, step_id), out);
  return out;
}

v1::Results ComputeResults(const WorkshopState& state) {
  v1::Results results;
  results.set_workshop_id(state.workshop_id);
  results.set_seq(state.seq);
  results.set_head_hash(state.last_hash);
  AddVotes(state, results);
  if (!state.config.criteria().empty()) {
    std::vector<IdeaRef> ideas;
    ideas.reserve(state.ideas.size());
    const auto scored = ScoredIdeas(state);
    for (const auto& [id, idea] : state.ideas) {
      if (!scored || std::ranges::binary_search(*scored, id)) ideas.emplace_back(id, &idea.text);
    }
    AddEvaluations(
        state, ideas,
        [&](TargetId idea, CriterionId criterion) -> const ScoreStats* {
          auto it = state.score_stats.find({idea, criterion});
          return it == state.score_stats.end() ? nullptr : &it->second;
        },
        *results.mutable_evaluations());
  }
  AddParticipation(state, *results.mutable_participation());
  AddProfileShares(state, ShownVoteStep(state), results);
  for (v1::ProfileResults& out : *results.mutable_profiles()) {
    if (state.config.criteria().empty()) break;
    // Only the ideas the profile's seats scored (a deleted idea's scores stay in the totals):
    // the results stay as large as what was scored, whatever the number of profiles.
    const ProfileId id = out.profile_id();
    std::vector<IdeaRef> ideas;
    for (auto it = state.profile_score_stats.lower_bound({id, 0, 0});
         it != state.profile_score_stats.end() && std::get<0>(it->first) == id; ++it) {
      const TargetId idea = std::get<1>(it->first);
      if ((ideas.empty() || ideas.back().first != idea) && it->second.count > 0 &&
          state.ideas.contains(idea)) {
        ideas.emplace_back(idea, nullptr);
      }
    }
    AddEvaluations(
        state, ideas,
        [&](TargetId idea, CriterionId criterion) -> const ScoreStats* {
          auto it = state.profile_score_stats.find({id, idea, criterion});
          return it == state.profile_score_stats.end() ? nullptr : &it->second;
        },
        *out.mutable_evaluations());
  }
  AddConsolidations(state, results);
  return results;
}

}  // namespace atelier::workshop
