#include "clients/cli/workshop_mirror.h"

#include <gtest/gtest.h>

namespace atelier::cli {
namespace {

v1::Event Posted(uint32_t idea, uint32_t table, const std::string& text) {
  v1::Event e;
  e.mutable_idea_posted()->mutable_idea()->set_idea_id(idea);
  e.mutable_idea_posted()->mutable_idea()->set_table_id(table);
  e.mutable_idea_posted()->mutable_idea()->set_text(text);
  return e;
}

v1::Event Merged(uint32_t cluster, std::vector<uint32_t> ideas,
                 std::vector<uint32_t> absorbed = {}) {
  v1::Event e;
  e.mutable_ideas_merged()->set_cluster_id(cluster);
  e.mutable_ideas_merged()->set_title("Réserver en ligne");
  for (uint32_t i : ideas) e.mutable_ideas_merged()->add_idea_ids(i);
  for (uint32_t c : absorbed) e.mutable_ideas_merged()->add_absorbed_cluster_ids(c);
  return e;
}

TEST(WorkshopMirror, ATablesOwnIdeasAreThoseItPosted) {
  WorkshopMirror mirror;
  mirror.set_table_id(2);
  mirror.Fold(Posted(1, 2, "Mettre en place une réservation en ligne"));
  mirror.Fold(Posted(2, 0, "Réserver la salle sur internet"));  // another table: author hidden
  mirror.Fold(Posted(3, 0, "Un repair café"));
  EXPECT_TRUE(mirror.IsOwnTarget(1));
  EXPECT_FALSE(mirror.IsOwnTarget(2));
  EXPECT_EQ(mirror.Targets(), (std::vector<uint32_t>{1, 2, 3}));
}

TEST(WorkshopMirror, AClusterHoldingAnOwnIdeaIsOwn) {
  WorkshopMirror mirror;
  mirror.set_table_id(2);
  mirror.Fold(Posted(1, 2, "a"));
  mirror.Fold(Posted(2, 0, "b"));
  mirror.Fold(Posted(3, 0, "c"));
  mirror.Fold(Merged(4, {1, 2}));
  EXPECT_EQ(mirror.VoteTarget(1), 4u);
  EXPECT_EQ(mirror.VoteTarget(2), 4u);
  EXPECT_EQ(mirror.VoteTarget(3), 3u);
  EXPECT_TRUE(mirror.IsOwnTarget(4));
  EXPECT_EQ(mirror.Targets(), (std::vector<uint32_t>{3, 4}));
  EXPECT_EQ(mirror.Text(4), "Réserver en ligne");
}

TEST(WorkshopMirror, TheSnapshotsOwnFlagCounts) {
  v1::WorkshopState state;
  state.set_phase(v1::PHASE_CONVERGENCE);
  v1::IdeaState* own = state.add_ideas();
  own->set_id(1);
  own->set_own(true);
  own->set_cluster_id(3);
  v1::IdeaState* other = state.add_ideas();
  other->set_id(2);
  other->set_cluster_id(3);
  v1::ClusterState* cluster = state.add_clusters();
  cluster->set_id(3);
  cluster->add_idea_ids(1);
  cluster->add_idea_ids(2);
  v1::ServerMessage welcome;
  *welcome.mutable_welcome()->mutable_snapshot() = state;
  WorkshopMirror mirror;
  mirror.Take(welcome);
  EXPECT_EQ(mirror.phase(), v1::PHASE_CONVERGENCE);
  EXPECT_TRUE(mirror.IsOwnTarget(3));
  EXPECT_EQ(mirror.Targets(), std::vector<uint32_t>{3});
}

TEST(WorkshopMirror, SplitsDeletionsAndAbsorbedClustersAreFollowed) {
  WorkshopMirror mirror;
  for (uint32_t i = 1; i <= 4; ++i) mirror.Fold(Posted(i, 0, "idée " + std::to_string(i)));
  mirror.Fold(Merged(5, {1, 2}));
  mirror.Fold(Merged(6, {3, 4}));
  mirror.Fold(Merged(6, {1, 2, 3, 4}, {5}));  // cluster 5 absorbed into 6
  EXPECT_FALSE(mirror.clusters().contains(5));
  EXPECT_EQ(mirror.VoteTarget(1), 6u);

  v1::Event split;
  split.mutable_cluster_split()->set_cluster_id(6);
  split.mutable_cluster_split()->add_idea_ids(4);
  mirror.Fold(split);
  EXPECT_EQ(mirror.VoteTarget(4), 4u);
  EXPECT_EQ(mirror.clusters().at(6).idea_ids, (std::vector<uint32_t>{1, 2, 3}));

  v1::Event dissolve;
  dissolve.mutable_cluster_split()->set_cluster_id(6);
  dissolve.mutable_cluster_split()->set_dissolved(true);
  mirror.Fold(dissolve);
  EXPECT_TRUE(mirror.clusters().empty());
  EXPECT_EQ(mirror.Targets(), (std::vector<uint32_t>{1, 2, 3, 4}));

  mirror.Fold(Merged(7, {1, 2}));
  v1::Event deleted;
  deleted.mutable_idea_deleted()->set_idea_id(1);
  deleted.mutable_idea_deleted()->set_dissolved_cluster_id(7);
  mirror.Fold(deleted);
  EXPECT_FALSE(mirror.ideas().contains(1));
  EXPECT_TRUE(mirror.clusters().empty());
  EXPECT_EQ(mirror.VoteTarget(2), 2u);
}

TEST(WorkshopMirror, PhaseChangesAreFollowed) {
  WorkshopMirror mirror;
  v1::Event e;
  e.mutable_phase_changed()->set_to(v1::PHASE_GROUPING);
  mirror.Fold(e);
  EXPECT_EQ(mirror.phase(), v1::PHASE_GROUPING);
}

}  // namespace
}  // namespace atelier::cli
