// Decide for the two ways of judging ideas: a table's budget of points (convergence) and a
// seat's 0-10 scores per criterion (scoring).
#include <set>

#include "server/workshop/decide_support.h"

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

}  // namespace

Outcome DecideSetPoints(const WorkshopState& s, const v1::SetPoints& c, const CommandContext& ctx,
                        v1::Event& e) {
  auto table = RequireTable(s, ctx);
  if (!table) return std::unexpected(table.error());
  if (auto ok = RequirePhase(s, {v1::PHASE_CONVERGENCE}); !ok) return ok;
  if (c.points().empty()) return Reject(v1::REJECTION_REASON_INVALID_COMMAND, "no points given");

  const uint32_t cap = s.config.cap_per_target();
  const uint32_t budget = s.config.budget_per_table();
  std::set<TargetId> seen;
  int64_t spent_after = (*table)->points_spent;
  for (const v1::TargetPoints& tp : c.points()) {
    TargetId target = tp.target_id();
    if (!seen.insert(target).second) {
      return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                    "target " + std::to_string(target) + " is named twice");
    }
    if (auto ok = CheckVoteTarget(s, target); !ok) return ok;
    if (tp.points() > cap) {
      v1::Rejection rejection =
          MakeRejection(v1::REJECTION_REASON_CAP_EXCEEDED,
                        "at most " + std::to_string(cap) + " points on one idea");
      rejection.set_cap(cap);
      rejection.set_target_id(target);
      rejection.set_requested(tp.points());
      return std::unexpected(std::move(rejection));
    }
    if (tp.points() > 0 && !s.config.allow_self_vote() && IsOwnTarget(s, (*table)->id, target)) {
      return OwnIdea(s, target);
    }
    auto old = (*table)->points.find(target);
    spent_after += static_cast<int64_t>(tp.points()) -
                   (old == (*table)->points.end() ? 0 : static_cast<int64_t>(old->second));
  }
  if (spent_after > budget) {
    uint32_t left = budget - (*table)->points_spent;
    v1::Rejection rejection = MakeRejection(
        v1::REJECTION_REASON_BUDGET_EXCEEDED,
        "only " + std::to_string(left) + " of " + std::to_string(budget) + " points left");
    rejection.set_budget(budget);
    rejection.set_points_left(left);
    rejection.set_requested(static_cast<uint32_t>(spent_after - (*table)->points_spent));
    return std::unexpected(std::move(rejection));
  }
  auto& set = *e.mutable_points_set();
  set.set_table_id((*table)->id);
  for (const v1::TargetPoints& tp : c.points()) {  // field by field: nothing else goes in
    v1::TargetPoints& out = *set.add_points();
    out.set_target_id(tp.target_id());
    out.set_points(tp.points());
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
