// Ideas and clusters: posting, editing, deleting, merging, renaming, splitting.
#include <gtest/gtest.h>

#include "tests/workshop/test_support.h"

namespace atelier::workshop {
namespace {

using namespace testing;

class Ideas : public ::testing::Test {
 protected:
  void SetUp() override {
    t1_ = h_.JoinTable();
    t2_ = h_.JoinTable();
    h_.MoveTo(v1::PHASE_DIVERGENCE);
  }
  Harness h_;
  TableId t1_ = 0, t2_ = 0;
};

TEST_F(Ideas, PostTrimsTextAndRecordsAuthor) {
  TargetId id = h_.Post(t1_, "  Ouvrir la salle le dimanche \n");
  const Idea& idea = h_.state().ideas.at(id);
  EXPECT_EQ(idea.text, "Ouvrir la salle le dimanche");
  EXPECT_EQ(idea.table_id, t1_);
  EXPECT_EQ(idea.cluster_id, 0u);
}

TEST_F(Ideas, RejectsEmptyAndTooLongIdeas) {
  EXPECT_EQ(h_.Reason(PostIdeaCmd("   "), TableActor(t1_)), v1::REJECTION_REASON_IDEA_EMPTY);
  auto decision = h_.Run(PostIdeaCmd(std::string(501, 'a')), TableActor(t1_));
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().reason(), v1::REJECTION_REASON_IDEA_TOO_LONG);
  EXPECT_EQ(decision.error().limit(), 500u);
}

TEST_F(Ideas, LengthCountsCharactersNotBytes) {
  std::string accents;
  for (int i = 0; i < 500; ++i) accents += "é";  // 1000 bytes, 500 characters
  h_.Accept(PostIdeaCmd(accents), TableActor(t1_));
}

TEST_F(Ideas, TableEditsAndDeletesOnlyItsOwnIdeas) {
  TargetId mine = h_.Post(t1_, "Une idée");
  v1::Command edit;
  edit.mutable_edit_idea()->set_idea_id(mine);
  edit.mutable_edit_idea()->set_text("Une idée meilleure");
  EXPECT_EQ(h_.Reason(edit, TableActor(t2_)), v1::REJECTION_REASON_NOT_YOUR_IDEA);
  h_.Accept(edit, TableActor(t1_));
  EXPECT_EQ(h_.state().ideas.at(mine).text, "Une idée meilleure");
  v1::Command del;
  del.mutable_delete_idea()->set_idea_id(mine);
  EXPECT_EQ(h_.Reason(del, TableActor(t2_)), v1::REJECTION_REASON_NOT_YOUR_IDEA);
  h_.Accept(del, TableActor(t1_));
  EXPECT_FALSE(h_.state().ideas.contains(mine));
  EXPECT_EQ(h_.Reason(del, TableActor(t1_)), v1::REJECTION_REASON_UNKNOWN_IDEA);
}

TEST_F(Ideas, IdsAreNeverReused) {
  TargetId a = h_.Post(t1_, "Première");
  v1::Command del;
  del.mutable_delete_idea()->set_idea_id(a);
  h_.Accept(del, TableActor(t1_));
  TargetId b = h_.Post(t1_, "Deuxième");
  EXPECT_GT(b, a);
}

TEST_F(Ideas, AnimateurMayPostAndEditAnyIdeaBeforeVoting) {
  TargetId theirs = h_.Post(t1_, "Idée de table");
  v1::Command edit;
  edit.mutable_edit_idea()->set_idea_id(theirs);
  edit.mutable_edit_idea()->set_text("Idée de table corrigée");
  h_.Accept(edit, Animateur());
  TargetId own = h_.PostAsAnimateur("Idée de l'animateur");
  EXPECT_EQ(h_.state().ideas.at(own).table_id, kAnimateurTable);
  h_.MoveTo(v1::PHASE_CONVERGENCE);
  EXPECT_EQ(h_.Reason(PostIdeaCmd("Trop tard"), Animateur()), v1::REJECTION_REASON_WRONG_PHASE);
}

TEST_F(Ideas, MergeMakesClusterWithTitleAndMembers) {
  TargetId a = h_.Post(t1_, "Réserver en ligne");
  TargetId b = h_.Post(t2_, "Réservation sur internet");
  v1::Event e = h_.Accept(MergeCmd({a, b}, "Réservation en ligne"), Animateur());
  TargetId c = e.ideas_merged().cluster_id();
  EXPECT_TRUE(e.ideas_merged().new_cluster());
  const Cluster& cluster = h_.state().clusters.at(c);
  EXPECT_EQ(cluster.title, "Réservation en ligne");
  EXPECT_EQ(cluster.idea_ids, (std::vector<TargetId>{a, b}));
  EXPECT_EQ(h_.state().ideas.at(a).cluster_id, c);
  EXPECT_EQ(VoteTarget(h_.state(), b), c);
  EXPECT_TRUE(IsOwnTarget(h_.state(), t1_, c));
  EXPECT_TRUE(IsOwnTarget(h_.state(), t2_, c));
}

TEST_F(Ideas, MergeIntoExistingClusterAndAbsorbClusters) {
  TargetId a = h_.Post(t1_, "A");
  TargetId b = h_.Post(t1_, "B");
  TargetId c = h_.Post(t2_, "C");
  TargetId d = h_.Post(t2_, "D");
  TargetId e = h_.Post(t2_, "E");
  TargetId first = h_.Merge({a, b}, "AB");
  TargetId second = h_.Merge({c, d}, "CD");
  h_.Accept(MergeCmd({e}, "", first), Animateur());
  EXPECT_EQ(h_.state().clusters.at(first).idea_ids, (std::vector<TargetId>{a, b, e}));
  EXPECT_EQ(h_.state().clusters.at(first).title, "AB");
  v1::Event all = h_.Accept(MergeCmd({second}, "Tout", first), Animateur());
  EXPECT_EQ(all.ideas_merged().absorbed_cluster_ids_size(), 1);
  EXPECT_FALSE(h_.state().clusters.contains(second));
  EXPECT_EQ(h_.state().clusters.at(first).idea_ids.size(), 5u);
  EXPECT_EQ(h_.state().clusters.at(first).title, "Tout");
  EXPECT_EQ(h_.state().ideas.at(c).cluster_id, first);
}

TEST_F(Ideas, MergeRejections) {
  TargetId a = h_.Post(t1_, "A");
  TargetId b = h_.Post(t2_, "B");
  TargetId x = h_.Post(t2_, "X");
  EXPECT_EQ(h_.Reason(MergeCmd({a}, "Seule"), Animateur()), v1::REJECTION_REASON_MERGE_TOO_FEW);
  EXPECT_EQ(h_.Reason(MergeCmd({a, b}, " "), Animateur()), v1::REJECTION_REASON_TITLE_REQUIRED);
  EXPECT_EQ(h_.Reason(MergeCmd({a, 999}, "T"), Animateur()), v1::REJECTION_REASON_UNKNOWN_IDEA);
  EXPECT_EQ(h_.Reason(MergeCmd({a, a}, "T"), Animateur()), v1::REJECTION_REASON_INVALID_COMMAND);
  EXPECT_EQ(h_.Reason(MergeCmd({a}, "T", 999), Animateur()), v1::REJECTION_REASON_UNKNOWN_CLUSTER);
  EXPECT_EQ(h_.Reason(MergeCmd({a, b}, "T"), TableActor(t1_)), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  h_.Merge({a, b}, "AB");
  EXPECT_EQ(h_.Reason(MergeCmd({a, x}, "T"), Animateur()), v1::REJECTION_REASON_IDEA_IN_CLUSTER);
}

TEST_F(Ideas, RenameAndSplit) {
  TargetId a = h_.Post(t1_, "A");
  TargetId b = h_.Post(t2_, "B");
  TargetId c = h_.Post(t2_, "C");
  TargetId cluster = h_.Merge({a, b, c}, "ABC");
  v1::Command rename;
  rename.mutable_rename_cluster()->set_cluster_id(cluster);
  rename.mutable_rename_cluster()->set_title("Trois idées");
  h_.Accept(rename, Animateur());
  EXPECT_EQ(h_.state().clusters.at(cluster).title, "Trois idées");

  v1::Event split = h_.Accept(SplitCmd(cluster, {a}), Animateur());
  EXPECT_FALSE(split.cluster_split().dissolved());
  EXPECT_EQ(h_.state().ideas.at(a).cluster_id, 0u);
  EXPECT_EQ(h_.state().clusters.at(cluster).idea_ids, (std::vector<TargetId>{b, c}));

  // Taking one more out would leave a cluster of one: it is dissolved.
  v1::Event dissolve = h_.Accept(SplitCmd(cluster, {b}), Animateur());
  EXPECT_TRUE(dissolve.cluster_split().dissolved());
  EXPECT_FALSE(h_.state().clusters.contains(cluster));
  EXPECT_EQ(h_.state().ideas.at(c).cluster_id, 0u);

  EXPECT_EQ(h_.Reason(SplitCmd(cluster), Animateur()), v1::REJECTION_REASON_UNKNOWN_CLUSTER);
}

TEST_F(Ideas, SplitRejectsIdeaNotInCluster) {
  TargetId a = h_.Post(t1_, "A");
  TargetId b = h_.Post(t2_, "B");
  TargetId c = h_.Post(t2_, "C");
  TargetId cluster = h_.Merge({a, b}, "AB");
  EXPECT_EQ(h_.Reason(SplitCmd(cluster, {c}), Animateur()), v1::REJECTION_REASON_INVALID_COMMAND);
}

TEST_F(Ideas, DeletingAnIdeaOfATwoIdeaClusterDissolvesIt) {
  TargetId a = h_.Post(t1_, "A");
  TargetId b = h_.Post(t2_, "B");
  TargetId cluster = h_.Merge({a, b}, "AB");
  v1::Command del;
  del.mutable_delete_idea()->set_idea_id(a);
  v1::Event e = h_.Accept(del, TableActor(t1_));
  EXPECT_EQ(e.idea_deleted().dissolved_cluster_id(), cluster);
  EXPECT_FALSE(h_.state().clusters.contains(cluster));
  EXPECT_EQ(h_.state().ideas.at(b).cluster_id, 0u);
}

TEST_F(Ideas, SeedIdeasAreCarriedWithTheirOrigin) {
  v1::WorkshopConfig config = EvaluationConfig();
  v1::Command create;
  *create.mutable_create_workshop()->mutable_config() = config;
  v1::IdeaSeed* seed = create.mutable_create_workshop()->add_ideas();
  seed->set_text("Réservation en ligne");
  seed->mutable_origin()->set_workshop_id("w-ideation");
  seed->mutable_origin()->set_target_id(12);
  seed->mutable_origin()->set_points(41);
  WorkshopState state;
  CommandContext ctx;
  ctx.actor = Animateur();
  ctx.workshop_id = "w-eval";
  auto decision = Decide(state, create, ctx);
  ASSERT_TRUE(decision);
  ASSERT_TRUE(Apply(state, *decision));
  ASSERT_EQ(state.ideas.size(), 1u);
  const Idea& idea = state.ideas.begin()->second;
  ASSERT_TRUE(idea.origin.has_value());
  EXPECT_EQ(idea.origin->workshop_id(), "w-ideation");
  EXPECT_EQ(idea.origin->points(), 41u);
  EXPECT_EQ(state.next_id, 2u);
}

}  // namespace
}  // namespace atelier::workshop
