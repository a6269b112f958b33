// The one command pipeline (command_pipeline.h): ids, idempotency with fingerprints, events built
// only from what the server knows, sealed once.
#include "server/engine/command_pipeline.h"

#include <gtest/gtest.h>

#include "server/workshop/apply.h"
#include "server/workshop/state_codec.h"
#include "storage/hash_chain.h"
#include "tests/workshop/test_support.h"

namespace atelier::engine {
namespace {

namespace v1 = atelier::v1;
using workshop::testing::Animateur;
using workshop::testing::IdeationConfig;
using workshop::testing::PostIdeaCmd;
using workshop::testing::SetPhaseCmd;
using workshop::testing::SetPointsCmd;
using workshop::testing::TableActor;

// A workshop in divergence with two tables, run through the pipeline only.
class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    v1::Command create;
    *create.mutable_create_workshop()->mutable_config() = IdeationConfig();
    workshop::CommandContext context;
    context.actor = Animateur();
    context.workshop_id = "w-pipe";
    ASSERT_TRUE(Execute(state_, create, context, Source::kServer).accepted());
    for (int i = 0; i < 2; ++i) {
      v1::Command join;
      join.mutable_join_table();
      workshop::CommandContext newcomer;
      newcomer.actor = TableActor(0);
      newcomer.via_join_code = true;
      newcomer.new_token_sha256 = std::string(32, 't');
      ASSERT_TRUE(Execute(state_, join, newcomer, Source::kServer).accepted());
    }
    ASSERT_TRUE(Run(SetPhaseCmd(v1::PHASE_DIVERGENCE), Animateur(), "phase-1").accepted());
  }

  Step Run(v1::Command command, const v1::Actor& actor, const std::string& id) {
    command.set_command_id(id);
    workshop::CommandContext context;
    context.actor = actor;
    context.now_ms = 1'700'000'000'000;
    return Execute(state_, command, context, Source::kClient);
  }

  workshop::WorkshopState state_;
};

TEST_F(PipelineTest, AClientCommandNeedsAShortPrintableId) {
  const uint64_t seq = state_.seq;
  for (const std::string& id : {std::string(), std::string(65, 'x'), std::string("a b"),
                                std::string("tab\tlet"), std::string("\xc3\xa9t\xc3\xa9")}) {
    Step step = Run(PostIdeaCmd("Une idée"), TableActor(1), id);
    EXPECT_EQ(step.kind, Step::Kind::kRejected) << "id '" << id << "'";
    EXPECT_EQ(step.rejection.reason(), v1::REJECTION_REASON_INVALID_COMMAND);
    EXPECT_FALSE(step.rejection.message().empty());
  }
  EXPECT_EQ(state_.seq, seq);
  EXPECT_TRUE(Run(PostIdeaCmd("Une idée"), TableActor(1), std::string(64, 'x')).accepted());
}

TEST_F(PipelineTest, ARetryIsADuplicateAndAnotherCommandUnderTheSameIdIsRefused) {
  Step first = Run(PostIdeaCmd("Un jardin partagé"), TableActor(1), "c-1");
  ASSERT_TRUE(first.accepted());
  EXPECT_NE(first.event.command_fingerprint(), 0u);
  Step again = Run(PostIdeaCmd("Un jardin partagé"), TableActor(1), "c-1");
  EXPECT_EQ(again.kind, Step::Kind::kDuplicate);
  EXPECT_EQ(again.seq, first.seq);
  const uint64_t seq = state_.seq;
  Step reused = Run(PostIdeaCmd("Une ludothèque"), TableActor(1), "c-1");
  EXPECT_EQ(reused.kind, Step::Kind::kRejected);
  EXPECT_EQ(reused.rejection.reason(), v1::REJECTION_REASON_COMMAND_ID_REUSED);
  EXPECT_NE(reused.rejection.message().find("c-1"), std::string::npos);
  EXPECT_EQ(state_.seq, seq);
  // Ids are per actor: another table may use the same one.
  EXPECT_TRUE(Run(PostIdeaCmd("Une ludothèque"), TableActor(2), "c-1").accepted());
}

TEST_F(PipelineTest, FingerprintsSurviveASnapshot) {
  ASSERT_TRUE(Run(PostIdeaCmd("Un jardin partagé"), TableActor(1), "c-1").accepted());
  auto reloaded = workshop::FromProto(workshop::ToProto(state_));
  ASSERT_TRUE(reloaded) << reloaded.error();
  state_ = *std::move(reloaded);
  EXPECT_EQ(Run(PostIdeaCmd("Un jardin partagé"), TableActor(1), "c-1").kind,
            Step::Kind::kDuplicate);
  EXPECT_EQ(Run(PostIdeaCmd("Autre chose"), TableActor(1), "c-1").rejection.reason(),
            v1::REJECTION_REASON_COMMAND_ID_REUSED);
}

TEST_F(PipelineTest, ALogWrittenBeforeFingerprintsTakesAnyRetryAsTheSameCommand) {
  // An event of an earlier version carries no fingerprint (0): a retry cannot be told apart
  // from another command, and is answered as before, as a duplicate.
  v1::Command post = PostIdeaCmd("Une idée d'avant");
  post.set_command_id("old-1");
  workshop::CommandContext context;
  context.actor = TableActor(1);
  workshop::Decision decision = workshop::Decide(state_, post, context);
  ASSERT_TRUE(decision);
  storage::Seal(*decision);
  ASSERT_TRUE(workshop::Apply(state_, *decision));
  EXPECT_EQ(Run(PostIdeaCmd("Tout autre chose"), TableActor(1), "old-1").kind,
            Step::Kind::kDuplicate);
}

TEST_F(PipelineTest, TheEventHoldsOnlyWhatTheServerKnowsSealedOnce) {
  Step idea = Run(PostIdeaCmd("Une idée de la table 2"), TableActor(2), "c-2");
  ASSERT_TRUE(idea.accepted());
  ASSERT_TRUE(Run(SetPhaseCmd(v1::PHASE_CONVERGENCE), Animateur(), "phase-4").accepted());
  v1::Command vote = SetPointsCmd({{idea.event.idea_posted().idea().idea_id(), 2}});
  // A client's command carrying fields this server does not know, nested too.
  vote.mutable_set_points()->mutable_points(0)->GetReflection()
      ->MutableUnknownFields(vote.mutable_set_points()->mutable_points(0))
      ->AddLengthDelimited(999, std::string(60'000, 'x'));
  vote.GetReflection()->MutableUnknownFields(&vote)->AddVarint(998, 7);
  Step step = Run(vote, TableActor(1), "c-3");
  ASSERT_TRUE(step.accepted());
  EXPECT_LT(step.sealed.stored().size(), 400u) << "the unknown bytes did not reach the log";
  v1::Event stored;
  ASSERT_TRUE(stored.ParseFromArray(step.sealed.event_bytes().data(),
                                    static_cast<int>(step.sealed.event_bytes().size())));
  EXPECT_TRUE(stored.GetReflection()->GetUnknownFields(stored).empty());
  EXPECT_TRUE(stored.points_set().points(0).GetReflection()
                  ->GetUnknownFields(stored.points_set().points(0))
                  .empty());
  EXPECT_EQ(stored.points_set().points(0).points(), 2u);
  // Sealed once: the event's hash is the one the log gets, over the bytes the log gets.
  EXPECT_EQ(step.event.hash(), step.sealed.hash());
  EXPECT_EQ(step.sealed.hash(),
            storage::HashEvent(step.sealed.prev_hash(), step.sealed.event_bytes()));
  EXPECT_EQ(state_.last_hash, step.sealed.hash());
}

TEST(CommandFingerprint, IgnoresTheIdAndSeesEveryField) {
  v1::Command a = PostIdeaCmd("Une idée");
  v1::Command b = a;
  a.set_command_id("one");
  b.set_command_id("another");
  EXPECT_EQ(CommandFingerprint(a), CommandFingerprint(b));
  b.mutable_post_idea()->set_text("Une idée.");
  EXPECT_NE(CommandFingerprint(a), CommandFingerprint(b));
  EXPECT_NE(CommandFingerprint(SetPointsCmd({{1, 2}})), CommandFingerprint(SetPointsCmd({{1, 3}})));
  EXPECT_NE(CommandFingerprint(v1::Command()), 0u);
}

}  // namespace
}  // namespace atelier::engine
