// Decide for the ways of judging ideas: a vote step's ballots (points or dots, a pick, a ranking,
// buckets), cast by each table or each seat, and a seat's scores per criterion (scoring).
#include <algorithm>
#include <set>
#include <string>

#include "server/workshop/decide_support.h"
#include "server/workshop/sources.h"

namespace atelier::workshop::internal {
namespace {

// A vote names a top-level idea or a cluster; an idea inside a cluster is voted through it.
Outcome CheckVoteTarget(const WorkshopState& s, TargetId target) {
  if (auto idea = s.ideas.find(target); idea != s.ideas.end()) {
    if (idea->second.cluster_id == 0) return {};
    v1::Rejection rejection =
        MakeRejection(v1::REJECTION_REASON_IDEA_IN_CLUSTER,
                      "idea " + std::to_string(target) + " is in cluster " +
                          std::to_string(idea->second.cluster_id) + ": vote for the cluster");
    rejection.set_target_id(target);
    rejection.set_cluster_id(idea->second.cluster_id);
    return std::unexpected(std::move(rejection));
  }
  if (s.clusters.contains(target)) return {};
  v1::Rejection rejection = MakeRejection(v1::REJECTION_REASON_UNKNOWN_IDEA,
                                          "no idea or cluster " + std::to_string(target));
  rejection.set_target_id(target);
  return std::unexpected(std::move(rejection));
}

std::unexpected<v1::Rejection> OwnIdea(const WorkshopState& s, TargetId target) {
  bool through_cluster = s.clusters.contains(target);
  v1::Rejection rejection = MakeRejection(
      v1::REJECTION_REASON_OWN_IDEA,
      through_cluster ? "cluster " + std::to_string(target) + " holds one of your ideas"
                      : "idea " + std::to_string(target) + " is your own");
  rejection.set_target_id(target);
  if (through_cluster) rejection.set_cluster_id(target);
  return std::unexpected(std::move(rejection));
}

// The ballot a participant's vote command is about: the current vote step's, of one of `kinds`,
// cast by the voter the step says (a table, or one of its seats: `seat_id`).
struct Vote {
  BallotKey key;
  v1::Ballot ballot;
  StepTakes takes;  // what the step takes (sources.h), built once per command
};

std::string KindName(v1::BallotKind kind) {
  switch (kind) {
    case v1::BALLOT_KIND_DOTS:
      return "dots";
    case v1::BALLOT_KIND_PICK:
      return "a pick";
    case v1::BALLOT_KIND_RANKING:
      return "a ranking";
    case v1::BALLOT_KIND_BUCKETS:
      return "buckets";
    default:
      return "a budget of points";
  }
}

std::expected<Vote, v1::Rejection> RequireVoter(const WorkshopState& s, const CommandContext& ctx,
                                                SeatId seat_id,
                                                std::initializer_list<v1::BallotKind> kinds) {
  const v1::ActorKind role = ctx.actor.kind();
  if (role != v1::ACTOR_KIND_TABLE && role != v1::ACTOR_KIND_SEAT) {
    return ForbiddenRole(v1::ACTOR_KIND_TABLE, "only tables and participants vote");
  }
  if (!s.tables.contains(ctx.actor.table_id())) {
    return Reject(v1::REJECTION_REASON_UNKNOWN_TABLE,
                  "table " + std::to_string(ctx.actor.table_id()) + " has not joined");
  }
  if (auto ok = RequirePhase(s, {v1::PHASE_CONVERGENCE}); !ok) return std::unexpected(ok.error());
  Vote vote{.key = {s.step_id, ctx.actor.table_id(), 0},
            .ballot = BallotOf(s.config, s.step_id),
            .takes = StepTakes(s, s.step_id)};
  if (std::find(kinds.begin(), kinds.end(), vote.ballot.kind()) == kinds.end()) {
    v1::Rejection rejection = MakeRejection(
        v1::REJECTION_REASON_WRONG_BALLOT, "this vote is " + KindName(vote.ballot.kind()));
    rejection.set_step_id(s.step_id);
    return std::unexpected(std::move(rejection));
  }
  if (vote.ballot.voter() != v1::VOTER_SEAT) {
    if (role == v1::ACTOR_KIND_SEAT || seat_id != 0) {
      v1::Rejection rejection = MakeRejection(
          v1::REJECTION_REASON_WRONG_BALLOT, "in this vote each table votes once, from its tablet");
      rejection.set_step_id(s.step_id);
      return std::unexpected(std::move(rejection));
    }
    return vote;
  }
  if (role == v1::ACTOR_KIND_SEAT) {
    if (seat_id != 0 && seat_id != ctx.actor.seat_id()) {
      return Reject(v1::REJECTION_REASON_NOT_YOUR_TABLE, "a participant votes only for themself");
    }
    seat_id = ctx.actor.seat_id();
  } else if (seat_id == 0) {
    v1::Rejection rejection = MakeRejection(
        v1::REJECTION_REASON_WRONG_BALLOT, "in this vote each participant votes: say which seat");
    rejection.set_step_id(s.step_id);
    return std::unexpected(std::move(rejection));
  }
  auto seat = s.seats.find(seat_id);
  if (seat == s.seats.end()) {
    return Reject(v1::REJECTION_REASON_UNKNOWN_SEAT, "no seat " + std::to_string(seat_id));
  }
  if (seat->second.table_id != ctx.actor.table_id()) {
    return Reject(v1::REJECTION_REASON_NOT_YOUR_TABLE, "this seat belongs to another table");
  }
  vote.key.seat_id = seat_id;
  return vote;
}

// A target a ballot may name: a live top-level idea or cluster that the step takes (sources.h:
// not posted during this vote, like the buckets' new subjects, nor later; among the step's
// selection when it has a source), not the voter's table's own unless allowed.
Outcome CheckBallotTarget(const WorkshopState& s, const Vote& vote, TargetId target) {
  if (auto ok = CheckVoteTarget(s, target); !ok) return ok;
  const StepTakes& takes = vote.takes;
  auto idea = s.ideas.find(target);
  const bool taken = idea != s.ideas.end() ? takes.TakesIdea(target, idea->second)
                                           : takes.TakesCluster(s.clusters.at(target));
  if (!taken) {
    const bool late = idea != s.ideas.end() && takes.Late(idea->second);
    v1::Rejection rejection = MakeRejection(
        late ? v1::REJECTION_REASON_INVALID_COMMAND : v1::REJECTION_REASON_NOT_IN_STEP,
        late ? "idea " + std::to_string(target) + " was posted during this vote: it is not voted on"
             : (idea != s.ideas.end() ? "idea " : "cluster ") + std::to_string(target) +
                   " is not among the ideas this vote is about");
    rejection.set_target_id(target);
    rejection.set_step_id(s.step_id);
    return std::unexpected(std::move(rejection));
  }
  if (!vote.ballot.allow_self_vote() && IsOwnTarget(s, vote.key.table_id, target)) {
    return OwnIdea(s, target);
  }
  return {};
}

// How many targets the voter may name in a ballot: every live top-level target the step takes
// and not the voter's own (unless allowed).
uint32_t Eligible(const WorkshopState& s, const Vote& vote) {
  const StepTakes& takes = vote.takes;
  uint32_t n = 0;
  for (const auto& [id, idea] : s.ideas) {
    if (idea.cluster_id == 0 && takes.TakesIdea(id, idea) &&
        (vote.ballot.allow_self_vote() || idea.table_id == kAnimateurTable ||
         idea.table_id != vote.key.table_id)) {
      ++n;
    }
  }
  for (const auto& [id, cluster] : s.clusters) {
    if (takes.TakesCluster(cluster) &&
        (vote.ballot.allow_self_vote() || !IsOwnTarget(s, vote.key.table_id, id))) {
      ++n;
    }
  }
  return n;
}

const Ballot* BallotAt(const WorkshopState& s, const BallotKey& key) {
  auto it = s.ballots.find(key);
  return it == s.ballots.end() ? nullptr : &it->second;
}

}  // namespace

Outcome DecideSetPoints(const WorkshopState& s, const v1::SetPoints& c, const CommandContext& ctx,
                        v1::Event& e) {
  auto vote = RequireVoter(s, ctx, c.seat_id(), {v1::BALLOT_KIND_BUDGET, v1::BALLOT_KIND_DOTS});
  if (!vote) return std::unexpected(vote.error());
  if (c.points().empty()) return Reject(v1::REJECTION_REASON_INVALID_COMMAND, "no points given");

  const bool dots = vote->ballot.kind() == v1::BALLOT_KIND_DOTS;
  const uint32_t cap = vote->ballot.cap();
  const uint32_t budget = vote->ballot.budget();
  const Ballot* ballot = BallotAt(s, vote->key);
  const uint32_t spent = ballot == nullptr ? 0 : ballot->points_spent;
  std::set<TargetId> seen;
  int64_t spent_after = spent;
  for (const v1::TargetPoints& tp : c.points()) {
    TargetId target = tp.target_id();
    if (!seen.insert(target).second) {
      return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                    "target " + std::to_string(target) + " is named twice");
    }
    if (auto ok = CheckVoteTarget(s, target); !ok) return ok;
    if (tp.points() > cap) {
      v1::Rejection rejection = MakeRejection(
          v1::REJECTION_REASON_CAP_EXCEEDED,
          "at most " + std::to_string(cap) + (dots ? " dots" : " points") + " on one idea");
      rejection.set_cap(cap);
      rejection.set_target_id(target);
      rejection.set_requested(tp.points());
      return std::unexpected(std::move(rejection));
    }
    if (tp.points() > 0) {
      if (auto ok = CheckBallotTarget(s, *vote, target); !ok) return ok;
    }
    uint32_t old = 0;
    if (ballot != nullptr) {
      if (auto it = ballot->points.find(target); it != ballot->points.end()) old = it->second;
    }
    spent_after += static_cast<int64_t>(tp.points()) - static_cast<int64_t>(old);
  }
  if (spent_after > budget) {
    uint32_t left = budget - spent;
    v1::Rejection rejection = MakeRejection(
        v1::REJECTION_REASON_BUDGET_EXCEEDED,
        "only " + std::to_string(left) + " of " + std::to_string(budget) +
            (dots ? " dots" : " points") + " left");
    rejection.set_budget(budget);
    rejection.set_points_left(left);
    rejection.set_requested(static_cast<uint32_t>(spent_after - spent));
    return std::unexpected(std::move(rejection));
  }
  auto& set = *e.mutable_points_set();
  set.set_table_id(vote->key.table_id);
  set.set_step_id(vote->key.step_id);
  set.set_seat_id(vote->key.seat_id);
  for (const v1::TargetPoints& tp : c.points()) {  // field by field: nothing else goes in
    v1::TargetPoints& out = *set.add_points();
    out.set_target_id(tp.target_id());
    out.set_points(tp.points());
  }
  return {};
}

Outcome DecideSetChoice(const WorkshopState& s, const v1::SetChoice& c, const CommandContext& ctx,
                        v1::Event& e) {
  auto vote = RequireVoter(s, ctx, c.seat_id(), {v1::BALLOT_KIND_PICK, v1::BALLOT_KIND_RANKING});
  if (!vote) return std::unexpected(vote.error());
  if (c.target_ids_size() > 0) {
    // A pick names exactly `count` targets, a ranking every target it may or its first `count`:
    // fewer when there are fewer to choose from.
    const uint32_t eligible = Eligible(s, *vote);
    const bool pick = vote->ballot.kind() == v1::BALLOT_KIND_PICK;
    const uint32_t count = vote->ballot.count();
    const uint32_t needed = count == 0 ? eligible : std::min(count, eligible);
    const uint32_t given = static_cast<uint32_t>(c.target_ids_size());
    if (given != needed) {
      v1::Rejection rejection = MakeRejection(
          v1::REJECTION_REASON_WRONG_COUNT,
          (pick ? "choose exactly " : "rank exactly ") + std::to_string(needed) + " ideas, not " +
              std::to_string(given));
      rejection.set_limit(needed);
      rejection.set_requested(given);
      return std::unexpected(std::move(rejection));
    }
    std::set<TargetId> seen;
    for (TargetId target : c.target_ids()) {
      if (!seen.insert(target).second) {
        return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                      "target " + std::to_string(target) + " is named twice");
      }
      if (auto ok = CheckBallotTarget(s, *vote, target); !ok) return ok;
    }
  } else if (BallotAt(s, vote->key) == nullptr) {
    return Reject(v1::REJECTION_REASON_INVALID_COMMAND, "no ballot to withdraw");
  }
  auto& set = *e.mutable_choice_set();
  set.set_step_id(vote->key.step_id);
  set.set_table_id(vote->key.table_id);
  set.set_seat_id(vote->key.seat_id);
  for (TargetId target : c.target_ids()) set.add_target_ids(target);
  return {};
}

Outcome DecideSetBuckets(const WorkshopState& s, const v1::SetBuckets& c,
                         const CommandContext& ctx, v1::Event& e) {
  auto vote = RequireVoter(s, ctx, c.seat_id(), {v1::BALLOT_KIND_BUCKETS});
  if (!vote) return std::unexpected(vote.error());
  if (c.items().empty()) return Reject(v1::REJECTION_REASON_INVALID_COMMAND, "no item given");
  std::set<TargetId> seen;
  for (const v1::TargetBucket& item : c.items()) {
    if (!seen.insert(item.target_id()).second) {
      return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                    "target " + std::to_string(item.target_id()) + " is named twice");
    }
    if (!v1::Bucket_IsValid(item.bucket())) {
      return Reject(v1::REJECTION_REASON_INVALID_COMMAND, "unknown bucket");
    }
    if (auto ok = CheckVoteTarget(s, item.target_id()); !ok) return ok;
    if (item.bucket() != v1::BUCKET_UNSPECIFIED) {
      if (auto ok = CheckBallotTarget(s, *vote, item.target_id()); !ok) return ok;
    }
  }
  auto& set = *e.mutable_buckets_set();
  set.set_step_id(vote->key.step_id);
  set.set_table_id(vote->key.table_id);
  set.set_seat_id(vote->key.seat_id);
  for (const v1::TargetBucket& item : c.items()) {
    v1::TargetBucket& out = *set.add_items();
    out.set_target_id(item.target_id());
    out.set_bucket(item.bucket());
  }
  return {};
}

Outcome DecideScore(const WorkshopState& s, const v1::Score& c, const CommandContext& ctx,
                    v1::Event& e) {
  SeatId seat_id = c.seat_id();
  v1::ActorKind kind = ctx.actor.kind();
  if (kind == v1::ACTOR_KIND_SEAT) {
    if (seat_id == 0) seat_id = ctx.actor.seat_id();
    if (seat_id != ctx.actor.seat_id()) {
      return Reject(v1::REJECTION_REASON_NOT_YOUR_TABLE, "a participant scores only for themself");
    }
  } else if (kind == v1::ACTOR_KIND_TABLE) {
    if (auto table = RequireTable(s, ctx); !table) return std::unexpected(table.error());
  } else {
    return ForbiddenRole(v1::ACTOR_KIND_SEAT, "only participants score ideas");
  }
  if (auto ok = RequirePhase(s, {v1::PHASE_SCORING}); !ok) return ok;

  auto seat = s.seats.find(seat_id);
  if (seat == s.seats.end()) {
    return Reject(v1::REJECTION_REASON_UNKNOWN_SEAT, "no seat " + std::to_string(seat_id));
  }
  if (seat->second.table_id != ctx.actor.table_id()) {
    return Reject(v1::REJECTION_REASON_NOT_YOUR_TABLE, "this seat belongs to another table");
  }
  if (!s.ideas.contains(c.idea_id())) {
    v1::Rejection rejection =
        MakeRejection(v1::REJECTION_REASON_UNKNOWN_IDEA, "no idea " + std::to_string(c.idea_id()));
    rejection.set_target_id(c.idea_id());
    return std::unexpected(std::move(rejection));
  }
  if (!StepTakes(s, s.step_id).Selected(c.idea_id())) {
    v1::Rejection rejection = MakeRejection(
        v1::REJECTION_REASON_NOT_IN_STEP,
        "idea " + std::to_string(c.idea_id()) + " is not among the ideas this step scores");
    rejection.set_target_id(c.idea_id());
    rejection.set_step_id(s.step_id);
    return std::unexpected(std::move(rejection));
  }
  const v1::Criterion* criterion = nullptr;
  for (const v1::Criterion& k : s.config.criteria()) {
    if (k.id() == c.criterion_id()) criterion = &k;
  }
  if (criterion == nullptr) {
    return Reject(v1::REJECTION_REASON_UNKNOWN_CRITERION,
                  "no criterion " + std::to_string(c.criterion_id()));
  }
  if (c.value() < criterion->min_value() || c.value() > criterion->max_value()) {
    v1::Rejection rejection =
        MakeRejection(v1::REJECTION_REASON_SCORE_OUT_OF_RANGE,
                      "scores go from " + std::to_string(criterion->min_value()) + " to " +
                          std::to_string(criterion->max_value()));
    rejection.set_min_value(criterion->min_value());
    rejection.set_max_value(criterion->max_value());
    return std::unexpected(std::move(rejection));
  }
  auto& scored = *e.mutable_score_set();
  scored.set_seat_id(seat_id);
  scored.set_idea_id(c.idea_id());
  scored.set_criterion_id(c.criterion_id());
  scored.set_value(c.value());
  return {};
}

}  // namespace atelier::workshop::internal
