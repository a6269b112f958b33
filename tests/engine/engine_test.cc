// The engine over a real RocksDB log in a temporary directory: reopening, snapshots,
// tampering, idempotent retries.
#include "server/engine/engine.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "server/demo/scenario.h"
#include "server/engine/secrets.h"
#include "server/engine/workshop_loader.h"
#include "server/workshop/apply.h"
#include "server/workshop/results.h"
#include "storage/hash_chain.h"
#include "storage/testing/tamper.h"
#include "tests/storage/test_support.h"
#include "tests/workshop/test_support.h"

namespace atelier::engine {
namespace {

using workshop::testing::SameState;

using storage::test::TempDir;

bool SameResults(const workshop::WorkshopState& a, const workshop::WorkshopState& b) {
  return google::protobuf::util::MessageDifferencer::Equals(workshop::ComputeResults(a),
                                                            workshop::ComputeResults(b));
}

class EngineTest : public ::testing::Test {
 protected:
  std::unique_ptr<Engine> OpenEngine(EngineOptions options = {}) {
    auto engine = Engine::Open(dir_.path(), options);
    EXPECT_TRUE(engine) << engine.error();
    return engine ? *std::move(engine) : nullptr;
  }
  demo::ScenarioResult Play(Engine& engine) {
    auto played = demo::PlayReferenceWorkshops(engine, {.seed = 7, .tables = 5});
    EXPECT_TRUE(played) << played.error();
    return played ? *played : demo::ScenarioResult{};
  }
  TempDir dir_;
};

TEST_F(EngineTest, ReopenGivesSameStateResultsAndHashes) {
  auto engine = OpenEngine();
  demo::ScenarioResult played = Play(*engine);
  workshop::WorkshopState ideation = *engine->Find(played.ideation_id);
  workshop::WorkshopState evaluation = *engine->Find(played.evaluation_id);
  ASSERT_FALSE(ideation.clusters.empty());
  ASSERT_FALSE(ideation.ballots.empty());
  ASSERT_GT(evaluation.seats_scoring, 0u);
  engine.reset();

  auto reopened = OpenEngine();
  ASSERT_EQ(reopened->WorkshopIds().size(), 2u);
  for (const auto* before : {&ideation, &evaluation}) {
    const workshop::WorkshopState* after = reopened->Find(before->workshop_id);
    ASSERT_NE(after, nullptr);
    EXPECT_TRUE(SameState(*after, *before));
    EXPECT_TRUE(SameResults(*after, *before));
    auto head = reopened->log().Head(before->workshop_id);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->seq, before->seq);
    EXPECT_EQ(head->hash, before->last_hash);
  }
}

TEST_F(EngineTest, SnapshotsGiveTheSameStateAsFullReplay) {
  auto engine = OpenEngine({.snapshot_every = 7});
  demo::ScenarioResult played = Play(*engine);
  for (const std::string& id : {played.ideation_id, played.evaluation_id}) {
    LoadStats with_stats, without_stats;
    auto with = LoadWorkshop(engine->log(), id, {.use_snapshots = true}, &with_stats);
    auto without = LoadWorkshop(engine->log(), id, {.use_snapshots = false}, &without_stats);
    ASSERT_TRUE(with) << with.error();
    ASSERT_TRUE(without) << without.error();
    EXPECT_GT(with_stats.snapshot_seq, 0u);
    EXPECT_LT(with_stats.events_folded, without_stats.events_folded);
    EXPECT_EQ(without_stats.events_folded, without->seq);
    EXPECT_TRUE(SameState(*with, *without));
    EXPECT_TRUE(SameState(*with, *engine->Find(id)));
  }
}

TEST_F(EngineTest, SnapshotThatDisagreesWithTheLogIsIgnored) {
  auto engine = OpenEngine({.snapshot_every = 0});
  demo::ScenarioResult played = Play(*engine);
  const workshop::WorkshopState live = *engine->Find(played.ideation_id);
  // A snapshot claiming the head's seq but describing an earlier state.
  auto partial = LoadWorkshop(engine->log(), played.ideation_id, {.use_snapshots = false});
  ASSERT_TRUE(partial);
  partial->last_hash = std::string(32, 'x');
  ASSERT_TRUE(SaveSnapshot(engine->log(), *partial));
  LoadStats stats;
  auto loaded = LoadWorkshop(engine->log(), played.ideation_id, {}, &stats);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(stats.snapshot_seq, 0u);
  EXPECT_TRUE(SameState(*loaded, live));
  // Garbage bytes, too.
  ASSERT_TRUE(engine->log().PutSnapshot(played.ideation_id, live.seq, "not a snapshot"));
  loaded = LoadWorkshop(engine->log(), played.ideation_id, {}, &stats);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_TRUE(SameState(*loaded, live));
}

TEST_F(EngineTest, RefusesToOpenATamperedLog) {
  std::string id;
  {
    auto engine = OpenEngine();
    id = Play(*engine).ideation_id;
  }
  auto stored = storage::testing::ReadStoredEvent(dir_.path(), id, 12);
  ASSERT_TRUE(stored) << stored.error().message;
  v1::LoggedEvent logged;
  ASSERT_TRUE(logged.ParseFromString(*stored));
  v1::Event event;
  ASSERT_TRUE(event.ParseFromString(logged.event()));
  ASSERT_EQ(event.payload_case(), v1::Event::kIdeaPosted);
  event.mutable_idea_posted()->mutable_idea()->set_text("Une idée que personne n'a proposée");
  logged.set_event(event.SerializeAsString());
  ASSERT_TRUE(storage::testing::WriteStoredEvent(dir_.path(), id, 12, logged.SerializeAsString()));

  auto engine = Engine::Open(dir_.path());
  ASSERT_FALSE(engine);
  EXPECT_NE(engine.error().find(id), std::string::npos) << engine.error();
  EXPECT_NE(engine.error().find("12"), std::string::npos) << engine.error();
}

TEST_F(EngineTest, RefusesALogWithAnEventRemoved) {
  std::string id;
  {
    auto engine = OpenEngine();
    id = Play(*engine).ideation_id;
  }
  ASSERT_TRUE(storage::testing::DeleteStoredEvent(dir_.path(), id, 20));
  EXPECT_FALSE(Engine::Open(dir_.path()));
}

// The state after the first `seq` events, folded from the log.
workshop::WorkshopState StateAt(storage::EventLog& log, const std::string& id, uint64_t seq) {
  workshop::WorkshopState state;
  auto events = log.Read(id, 1, seq);
  EXPECT_TRUE(events) << events.error().message;
  for (const v1::LoggedEvent& logged : events ? *events : std::vector<v1::LoggedEvent>{}) {
    v1::Event event;
    EXPECT_TRUE(event.ParseFromString(logged.event()));
    event.set_hash(logged.hash());
    EXPECT_TRUE(workshop::Apply(state, event));
  }
  return state;
}

void ChangeStoredEvent(const std::filesystem::path& dir, const std::string& id, uint64_t seq,
                       bool reseal = false) {
  auto changed = storage::testing::ChangeStoredEvent(dir, id, seq, reseal);
  ASSERT_TRUE(changed) << changed.error().message;
}

class LoadAfterSnapshotTest : public EngineTest {
 protected:
  // Plays the reference workshops without snapshots, then saves one of the ideation at event
  // kSnapshotSeq; the log is closed on return.
  void SetUp() override {
    auto engine = OpenEngine({.snapshot_every = 0});
    id_ = Play(*engine).ideation_id;
    live_ = *engine->Find(id_);
    ASSERT_GT(live_.seq, kSnapshotSeq + 5);
    ASSERT_TRUE(SaveSnapshot(engine->log(), StateAt(engine->log(), id_, kSnapshotSeq)));
  }
  std::unique_ptr<storage::EventLog> OpenLog() {
    auto log = storage::EventLog::Open(dir_.path());
    EXPECT_TRUE(log) << log.error().message;
    return log ? *std::move(log) : nullptr;
  }
  static constexpr uint64_t kSnapshotSeq = 20;
  static constexpr LoadOptions kAfterSnapshot{.verify = LoadOptions::Verify::kAfterSnapshot};
  std::string id_;
  workshop::WorkshopState live_;
};

TEST_F(LoadAfterSnapshotTest, VerifiesOnlyTheEventsAfterTheSnapshot) {
  auto log = OpenLog();
  LoadStats stats;
  auto loaded = LoadWorkshop(*log, id_, kAfterSnapshot, &stats);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(stats.snapshot_seq, kSnapshotSeq);
  EXPECT_EQ(stats.verified_from_seq, kSnapshotSeq);
  EXPECT_EQ(stats.events_folded, live_.seq - kSnapshotSeq);
  EXPECT_TRUE(SameState(*loaded, live_));
  ASSERT_TRUE(LoadWorkshop(*log, id_, {}, &stats));
  EXPECT_EQ(stats.verified_from_seq, 0u);  // kWhole, the default
}

TEST_F(LoadAfterSnapshotTest, TrustsAnEventChangedBeforeTheSnapshotWhichTheWholeCheckRefuses) {
  ChangeStoredEvent(dir_.path(), id_, 12);
  auto log = OpenLog();
  auto loaded = LoadWorkshop(*log, id_, kAfterSnapshot);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_TRUE(SameState(*loaded, live_));
  auto whole = LoadWorkshop(*log, id_);
  ASSERT_FALSE(whole);
  EXPECT_NE(whole.error().find("event 12"), std::string::npos) << whole.error();
}

TEST_F(LoadAfterSnapshotTest, RefusesAnEventChangedAfterTheSnapshot) {
  ChangeStoredEvent(dir_.path(), id_, kSnapshotSeq + 3);
  auto log = OpenLog();
  auto loaded = LoadWorkshop(*log, id_, kAfterSnapshot);
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().find("event 23"), std::string::npos) << loaded.error();
}

TEST_F(LoadAfterSnapshotTest, WithoutAUsableSnapshotVerifiesTheWholeChain) {
  // Event 20 resealed: its hash is no longer the snapshot's, which is then not trusted.
  ChangeStoredEvent(dir_.path(), id_, kSnapshotSeq, /*reseal=*/true);
  auto log = OpenLog();
  auto loaded = LoadWorkshop(*log, id_, kAfterSnapshot);
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().find("event 21: prev_hash"), std::string::npos) << loaded.error();
}

TEST_F(EngineTest, RetriedCommandIsAppliedOnceAcrossReopen) {
  const std::string id = "w-retry";
  workshop::CommandContext ctx;
  ctx.actor.set_kind(v1::ACTOR_KIND_ANIMATEUR);
  v1::Command create;
  create.set_command_id("create");
  *create.mutable_create_workshop()->mutable_config() = workshop::testing::IdeationConfig();
  v1::Command join;
  join.set_command_id("join");
  join.mutable_join_table();
  v1::Command post = workshop::testing::PostIdeaCmd("Une seule fois, même après une coupure");
  post.set_command_id("tablet-1/42");
  {
    auto engine = OpenEngine();
    ASSERT_TRUE(engine->Execute(id, create, ctx).accepted());
    workshop::CommandContext newcomer = ctx;  // a tablet let in by the join code
    newcomer.actor = workshop::testing::TableActor(0);
    newcomer.via_join_code = true;
    ASSERT_TRUE(engine->Execute(id, join, newcomer).accepted());
    ASSERT_TRUE(
        engine->Execute(id, workshop::testing::SetPhaseCmd(v1::PHASE_DIVERGENCE), ctx).accepted());
    workshop::CommandContext table = ctx;
    table.actor = workshop::testing::TableActor(1);
    Outcome first = engine->Execute(id, post, table);
    ASSERT_TRUE(first.accepted());
    Outcome again = engine->Execute(id, post, table);
    EXPECT_EQ(again.kind, Outcome::Kind::kDuplicate);
    EXPECT_EQ(again.seq, first.seq);
  }
  auto engine = OpenEngine();
  workshop::CommandContext table = ctx;
  table.actor = workshop::testing::TableActor(1);
  Outcome after = engine->Execute(id, post, table);
  EXPECT_EQ(after.kind, Outcome::Kind::kDuplicate);
  EXPECT_EQ(after.seq, 4u);
  EXPECT_EQ(engine->Find(id)->ideas.size(), 1u);
  // The id reused for another command is told apart from a retry, after a reopen too: the
  // command's fingerprint is in its event.
  v1::Command other = workshop::testing::PostIdeaCmd("Une autre idée sous le même numéro");
  other.set_command_id("tablet-1/42");
  Outcome reused = engine->Execute(id, other, table);
  EXPECT_EQ(reused.kind, Outcome::Kind::kRejected);
  EXPECT_EQ(reused.rejection.reason(), v1::REJECTION_REASON_COMMAND_ID_REUSED);
  EXPECT_EQ(engine->Find(id)->ideas.size(), 1u);
}

TEST_F(EngineTest, RejectedCommandWritesNothing) {
  auto engine = OpenEngine();
  std::string id = Play(*engine).ideation_id;
  auto before = engine->log().Head(id);
  Outcome outcome = engine->Execute(id, workshop::testing::PostIdeaCmd("Trop tard"),
                                    {.actor = workshop::testing::TableActor(1)});
  EXPECT_EQ(outcome.kind, Outcome::Kind::kRejected);
  EXPECT_EQ(outcome.rejection.reason(), v1::REJECTION_REASON_WRONG_PHASE);
  EXPECT_EQ(engine->log().Head(id)->seq, before->seq);
}

TEST_F(EngineTest, UnknownWorkshopIsRejectedNotCreated) {
  auto engine = OpenEngine();
  Outcome outcome = engine->Execute("nope", workshop::testing::PostIdeaCmd("x"),
                                    {.actor = workshop::testing::TableActor(1)});
  EXPECT_EQ(outcome.rejection.reason(), v1::REJECTION_REASON_WORKSHOP_NOT_FOUND);
  EXPECT_EQ(engine->Find("nope"), nullptr);
}

TEST(Secrets, TokensAreLongRandomAndCheckedByHash) {
  std::string a = NewToken(), b = NewToken();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  std::string hash = TokenHash(a);
  EXPECT_EQ(hash.size(), 32u);
  EXPECT_TRUE(TokenMatches(a, hash));
  EXPECT_FALSE(TokenMatches(b, hash));
  EXPECT_FALSE(TokenMatches(a, hash.substr(1)));
  std::string code = RandomDigits(6);
  EXPECT_EQ(code.size(), 6u);
  EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos);
}

}  // namespace
}  // namespace atelier::engine
