// Decide for ideas and clusters: post, edit, delete, merge, rename, split.
#include <algorithm>
#include <map>
#include <set>

#include "server/workshop/config.h"
#include "server/workshop/decide_support.h"
#include "server/workshop/facets.h"
#include "server/workshop/sources.h"

namespace atelier::workshop::internal {
namespace {

constexpr std::initializer_list<v1::Phase> kAnimateurIdeaPhases = {
    v1::PHASE_SETUP, v1::PHASE_DIVERGENCE, v1::PHASE_GROUPING};
constexpr std::initializer_list<v1::Phase> kClusterPhases = {
    v1::PHASE_DIVERGENCE, v1::PHASE_GROUPING, v1::PHASE_CONVERGENCE};

// Who may write ideas now: a joined table in divergence (its own ideas only), or the animateur
// while ideas are being gathered and grouped (any idea). Yields the acting table, 0 for the
// animateur.
std::expected<TableId, v1::Rejection> RequireIdeaAuthor(const WorkshopState& state,
                                                        const CommandContext& ctx) {
  if (ctx.actor.kind() == v1::ACTOR_KIND_ANIMATEUR) {
    if (auto ok = RequirePhase(state, kAnimateurIdeaPhases); !ok)
      return std::unexpected(ok.error());
    return kAnimateurTable;
  }
  auto table = RequireTable(state, ctx);
  if (!table) return std::unexpected(table.error());
  // Sorting into buckets, tables post the new subjects they see coming ("longue-vue").
  if (state.phase == v1::PHASE_CONVERGENCE &&
      BallotOf(state.config, state.step_id).kind() == v1::BALLOT_KIND_BUCKETS) {
    return (*table)->id;
  }
  if (auto ok = RequirePhase(state, {v1::PHASE_DIVERGENCE}); !ok)
    return std::unexpected(ok.error());
  return (*table)->id;
}

std::unexpected<v1::Rejection> UnknownIdea(TargetId id) {
  v1::Rejection rejection =
      MakeRejection(v1::REJECTION_REASON_UNKNOWN_IDEA, "no idea " + std::to_string(id));
  rejection.set_target_id(id);
  return std::unexpected(std::move(rejection));
}

std::unexpected<v1::Rejection> UnknownCluster(TargetId id) {
  v1::Rejection rejection =
      MakeRejection(v1::REJECTION_REASON_UNKNOWN_CLUSTER, "no cluster " + std::to_string(id));
  rejection.set_cluster_id(id);
  return std::unexpected(std::move(rejection));
}

// The idea an edit or delete names, if the author may touch it.
std::expected<const Idea*, v1::Rejection> EditableIdea(const WorkshopState& state, TableId author,
                                                       TargetId idea_id) {
  auto it = state.ideas.find(idea_id);
  if (it == state.ideas.end()) return UnknownIdea(idea_id);
  if (author != kAnimateurTable && it->second.table_id != author) {
    v1::Rejection rejection =
        MakeRejection(v1::REJECTION_REASON_NOT_YOUR_IDEA, "a table may only change its own ideas");
    rejection.set_target_id(idea_id);
    return std::unexpected(std::move(rejection));
  }
  if (author != kAnimateurTable && state.phase == v1::PHASE_CONVERGENCE &&
      it->second.step_id != state.step_id) {
    // During a sorting, a table changes only the new subjects it posted in it.
    v1::Rejection rejection = MakeRejection(
        v1::REJECTION_REASON_WRONG_PHASE, "only the ideas posted during this vote can change now");
    rejection.set_current_phase(state.phase);
    rejection.set_step_id(state.step_id);
    rejection.set_target_id(idea_id);
    return std::unexpected(std::move(rejection));
  }
  return &it->second;
}

}  // namespace

Outcome DecidePostIdea(const WorkshopState& s, const v1::PostIdea& c, const CommandContext& ctx,
                       v1::Event& e) {
  auto author = RequireIdeaAuthor(s, ctx);
  if (!author) return std::unexpected(author.error());
  auto text = ValidIdeaText(s.config.max_idea_length(), c.text());
  if (!text) return std::unexpected(text.error());
  if (*author != kAnimateurTable) {
    const uint32_t limit = MaxIdeasPerTable(s.config);
    auto count = s.ideas_by_table.find(*author);
    if (count != s.ideas_by_table.end() && count->second >= limit) {
      v1::Rejection rejection = MakeRejection(
          v1::REJECTION_REASON_TOO_MANY_IDEAS,
          "a table may have at most " + std::to_string(limit) + " ideas at once");
      rejection.set_limit(limit);
      return std::unexpected(std::move(rejection));
    }
  }
  const IdeaFacets facets{
      .category_id = c.category_id(), .stage_id = c.stage_id(), .lane_id = c.lane_id()};
  if (auto ok = CheckIdeaFacets(FindStep(s.config, s.step_id), s.step_id, facets); !ok) return ok;
  v1::PostedIdea& idea = *e.mutable_idea_posted()->mutable_idea();
  idea.set_idea_id(s.next_id);
  idea.set_table_id(*author);
  idea.set_text(*std::move(text));
  idea.set_step_id(s.step_id);
  idea.set_category_id(facets.category_id);
  idea.set_stage_id(facets.stage_id);
  idea.set_lane_id(facets.lane_id);
  return {};
}

Outcome DecideEditIdea(const WorkshopState& s, const v1::EditIdea& c, const CommandContext& ctx,
                       v1::Event& e) {
  auto author = RequireIdeaAuthor(s, ctx);
  if (!author) return std::unexpected(author.error());
  auto idea = EditableIdea(s, *author, c.idea_id());
  if (!idea) return std::unexpected(idea.error());
  auto text = ValidIdeaText(s.config.max_idea_length(), c.text());
  if (!text) return std::unexpected(text.error());
  auto& edited = *e.mutable_idea_edited();
  edited.set_idea_id(c.idea_id());
  edited.set_text(*std::move(text));
  return {};
}

namespace {

// The points on `cluster` in the ballots of steps with a source (Step.source) that will no
// longer take it once the ideas `leaving` are out: it held the only ideas they selected. Handed
// back, as for a deleted target (a ballot names only what its step takes).
void ReleaseNoLongerTaken(const WorkshopState& s, const Cluster& cluster,
                          const std::set<TargetId>& leaving,
                          google::protobuf::RepeatedPtrField<v1::PointsReleased>& released) {
  std::map<uint32_t, bool> still_taken;  // by step id
  for (const auto& [key, ballot] : s.ballots) {
    auto points = ballot.points.find(cluster.id);
    if (points == ballot.points.end()) continue;
    auto taken = still_taken.find(key.step_id);
    if (taken == still_taken.end()) {
      const StepTakes takes(s, key.step_id);  // a step without a source selects every idea
      const bool still = std::ranges::any_of(cluster.idea_ids, [&](TargetId id) {
        return !leaving.contains(id) && takes.Selected(id);
      });
      taken = still_taken.emplace(key.step_id, still).first;
    }
    if (taken->second) continue;
    v1::PointsReleased& r = *released.Add();
    r.set_table_id(key.table_id);
    r.set_target_id(cluster.id);
    r.set_points(points->second);
    r.set_step_id(key.step_id);
    r.set_seat_id(key.seat_id);
  }
}

}  // namespace

Outcome DecideDeleteIdea(const WorkshopState& s, const v1::DeleteIdea& c, const CommandContext& ctx,
                         v1::Event& e) {
  auto author = RequireIdeaAuthor(s, ctx);
  if (!author) return std::unexpected(author.error());
  auto idea = EditableIdea(s, *author, c.idea_id());
  if (!idea) return std::unexpected(idea.error());
  TargetId cluster_id = (*idea)->cluster_id;
  if (*author != kAnimateurTable) {
    // A table's command never changes another table's points: its idea (or the cluster that
    // would dissolve with it) must carry none of theirs. Only the animateur may do that.
    const TargetId target = cluster_id == 0 ? c.idea_id() : cluster_id;
    const bool dissolves = cluster_id == 0 || s.clusters.at(cluster_id).idea_ids.size() <= 2;
    if (dissolves) {
      for (const auto& [key, ballot] : s.ballots) {
        if (key.table_id != *author && ballot.points.contains(target)) {
          v1::Rejection rejection = MakeRejection(
              v1::REJECTION_REASON_IDEA_HAS_POINTS,
              "other tables have put points on it: only the animateur may delete it now");
          rejection.set_target_id(c.idea_id());
          if (cluster_id != 0) rejection.set_cluster_id(cluster_id);
          return std::unexpected(std::move(rejection));
        }
      }
    }
  }
  if (cluster_id == 0 || s.clusters.at(cluster_id).idea_ids.size() <= 2) {
    if (auto ok = RequireNotInChoice(s, {cluster_id == 0 ? c.idea_id() : cluster_id}); !ok) return ok;
  }
  auto& deleted = *e.mutable_idea_deleted();
  deleted.set_idea_id(c.idea_id());
  if (cluster_id == 0) {
    ReleaseAllPoints(s, c.idea_id(), *deleted.mutable_released());
  } else if (s.clusters.at(cluster_id).idea_ids.size() <= 2) {
    deleted.set_dissolved_cluster_id(cluster_id);
    ReleaseAllPoints(s, cluster_id, *deleted.mutable_released());
  } else {
    ReleaseNoLongerTaken(s, s.clusters.at(cluster_id), {c.idea_id()}, *deleted.mutable_released());
  }
  return {};
}

Outcome DecideMergeIdeas(const WorkshopState& s, const v1::MergeIdeas& c, const CommandContext& ctx,
                         v1::Event& e) {
  if (auto ok = RequireAnimateur(ctx); !ok) return ok;
  if (auto ok = RequirePhase(s, kClusterPhases); !ok) return ok;

  const Cluster* into = nullptr;
  if (c.into_cluster_id() != 0) {
    auto it = s.clusters.find(c.into_cluster_id());
    if (it == s.clusters.end()) return UnknownCluster(c.into_cluster_id());
    into = &it->second;
  }
  std::set<TargetId> targets;
  std::set<TargetId> members;
  if (into) members.insert(into->idea_ids.begin(), into->idea_ids.end());
  std::vector<TargetId> absorbed;
  for (TargetId id : c.target_ids()) {
    if (id == c.into_cluster_id() || !targets.insert(id).second) {
      return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                    "target " + std::to_string(id) + " is named twice");
    }
    if (auto idea = s.ideas.find(id); idea != s.ideas.end()) {
      if (idea->second.cluster_id != 0) {
        v1::Rejection rejection = MakeRejection(
            v1::REJECTION_REASON_IDEA_IN_CLUSTER,
            "idea " + std::to_string(id) + " is already in a cluster: merge the cluster");
        rejection.set_target_id(id);
        rejection.set_cluster_id(idea->second.cluster_id);
        return std::unexpected(std::move(rejection));
      }
      members.insert(id);
    } else if (auto cluster = s.clusters.find(id); cluster != s.clusters.end()) {
      members.insert(cluster->second.idea_ids.begin(), cluster->second.idea_ids.end());
      absorbed.push_back(id);
    } else {
      return UnknownIdea(id);
    }
  }
  if (auto ok = RequireNotInChoice(s, std::vector<TargetId>(targets.begin(), targets.end())); !ok) {
    return ok;
  }
  size_t needed = into ? 1 : 2;
  if (targets.size() < needed) {
    return Reject(v1::REJECTION_REASON_MERGE_TOO_FEW,
                  into ? "name at least one idea to add to the cluster"
                       : "a cluster needs at least two ideas");
  }
  auto& merged = *e.mutable_ideas_merged();
  if (!into || !c.title().empty()) {
    auto title = ValidTitle(c.title());
    if (!title) return std::unexpected(title.error());
    merged.set_title(*std::move(title));
  } else {
    merged.set_title(into->title);
  }
  TargetId cluster_id = into ? into->id : s.next_id;
  merged.set_cluster_id(cluster_id);
  merged.set_new_cluster(into == nullptr);
  for (TargetId id : members) merged.add_idea_ids(id);
  for (TargetId id : absorbed) merged.add_absorbed_cluster_ids(id);

  // Points follow their ideas into the cluster, within the cap of their vote step; a cluster
  // that now holds one of a table's ideas is that table's own (and its seats'), so their points
  // there are handed back.
  if (into) targets.insert(into->id);
  std::map<uint32_t, v1::Ballot> kinds;
  for (const auto& [key, ballot] : s.ballots) {
    if (ballot.points.empty()) continue;
    uint32_t sum = 0;
    for (TargetId t : targets) {
      if (auto it = ballot.points.find(t); it != ballot.points.end()) sum += it->second;
    }
    if (sum == 0) continue;
    auto kind = kinds.find(key.step_id);
    if (kind == kinds.end()) kind = kinds.emplace(key.step_id, BallotOf(s.config, key.step_id)).first;
    const TableId table_id = key.table_id;
    bool own = !kind->second.allow_self_vote() &&
               std::any_of(members.begin(), members.end(),
                           [&](TargetId m) { return s.ideas.at(m).table_id == table_id; });
    uint32_t kept = own ? 0 : std::min(sum, kind->second.cap());
    if (kept == sum) continue;
    v1::PointsReleased& r = *merged.add_released();
    r.set_table_id(table_id);
    r.set_target_id(cluster_id);
    r.set_points(sum - kept);
    r.set_step_id(key.step_id);
    r.set_seat_id(key.seat_id);
  }
  return {};
}

Outcome DecideRenameCluster(const WorkshopState& s, const v1::RenameCluster& c,
                            const CommandContext& ctx, v1::Event& e) {
  if (auto ok = RequireAnimateur(ctx); !ok) return ok;
  if (!s.clusters.contains(c.cluster_id())) return UnknownCluster(c.cluster_id());
  auto title = ValidTitle(c.title());
  if (!title) return std::unexpected(title.error());
  auto& renamed = *e.mutable_cluster_renamed();
  renamed.set_cluster_id(c.cluster_id());
  renamed.set_title(*std::move(title));
  return {};
}

Outcome DecideSplitCluster(const WorkshopState& s, const v1::SplitCluster& c,
                           const CommandContext& ctx, v1::Event& e) {
  if (auto ok = RequireAnimateur(ctx); !ok) return ok;
  if (auto ok = RequirePhase(s, kClusterPhases); !ok) return ok;
  auto it = s.clusters.find(c.cluster_id());
  if (it == s.clusters.end()) return UnknownCluster(c.cluster_id());
  const Cluster& cluster = it->second;
  std::set<TargetId> out;
  for (TargetId id : c.idea_ids()) {
    if (!std::binary_search(cluster.idea_ids.begin(), cluster.idea_ids.end(), id)) {
      v1::Rejection rejection = MakeRejection(
          v1::REJECTION_REASON_INVALID_COMMAND,
          "idea " + std::to_string(id) + " is not in cluster " + std::to_string(cluster.id));
      rejection.set_target_id(id);
      rejection.set_cluster_id(cluster.id);
      return std::unexpected(std::move(rejection));
    }
    if (!out.insert(id).second) {
      return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                    "idea " + std::to_string(id) + " is named twice");
    }
  }
  if (auto ok = RequireNotInChoice(s, {cluster.id}); !ok) return ok;
  auto& split = *e.mutable_cluster_split();
  split.set_cluster_id(cluster.id);
  bool dissolved = out.empty() || cluster.idea_ids.size() - out.size() < 2;
  split.set_dissolved(dissolved);
  if (dissolved) {
    for (TargetId id : cluster.idea_ids) split.add_idea_ids(id);
    ReleaseAllPoints(s, cluster.id, *split.mutable_released());
  } else {
    for (TargetId id : out) split.add_idea_ids(id);
    ReleaseNoLongerTaken(s, cluster, out, *split.mutable_released());
  }
  return {};
}

}  // namespace atelier::workshop::internal
