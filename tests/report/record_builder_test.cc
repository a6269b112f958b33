// RecordBuilder: the state folded with the domain's Apply and each phase's times from the events.
#include "report/record_builder.h"

#include <gtest/gtest.h>

#include "server/workshop/results.h"
#include "tests/report/report_support.h"
#include "tests/workshop/test_support.h"

namespace atelier::report {
namespace {

namespace wt = workshop::testing;
using testing::RecordOf;
using testing::SealLog;

TEST(RecordBuilder, KeepsEachStayInAPhaseWithItsTimes) {
  wt::Harness harness;
  const int64_t t0 = harness.now_ms();
  harness.now_ms() += 60'000;
  harness.JoinTable();
  harness.now_ms() = t0 + 5 * 60'000;
  harness.MoveTo(v1::PHASE_DIVERGENCE);
  harness.now_ms() = t0 + 25 * 60'000;
  harness.MoveTo(v1::PHASE_GROUPING);
  harness.now_ms() = t0 + 27 * 60'000;
  harness.MoveTo(v1::PHASE_DIVERGENCE);  // back, for more ideas: a second stay
  harness.now_ms() = t0 + 30 * 60'000;
  harness.JoinTable();

  const WorkshopRecord record = RecordOf(harness.log());
  EXPECT_EQ(record.created_ms, t0);
  ASSERT_EQ(record.phases.size(), 4u);
  EXPECT_EQ(record.phases[0].phase, v1::PHASE_SETUP);
  EXPECT_EQ(record.phases[0].began_ms, t0);
  EXPECT_EQ(record.phases[0].ended_ms, t0 + 5 * 60'000);
  EXPECT_EQ(record.phases[1].phase, v1::PHASE_DIVERGENCE);
  EXPECT_EQ(record.phases[1].ended_ms, t0 + 25 * 60'000);
  EXPECT_EQ(record.phases[2].phase, v1::PHASE_GROUPING);
  EXPECT_EQ(record.phases[3].phase, v1::PHASE_DIVERGENCE);
  EXPECT_EQ(record.phases[3].began_ms, t0 + 27 * 60'000);
  EXPECT_EQ(record.phases[3].ended_ms, 0) << "the current phase has no end yet";
  EXPECT_EQ(record.state.seq, harness.log().size());
  EXPECT_EQ(record.state.last_time_ms, t0 + 30 * 60'000);
}

TEST(RecordBuilder, HoldsTheStateAndResultsTheDomainFolds) {
  wt::Harness harness;
  const auto a = harness.JoinTable();
  const auto b = harness.JoinTable();
  harness.MoveTo(v1::PHASE_DIVERGENCE);
  const auto i1 = harness.Post(a, "Ouvrir la salle le dimanche");
  const auto i2 = harness.Post(b, "Un planning partagé");
  harness.MoveTo(v1::PHASE_CONVERGENCE);
  harness.Accept(wt::SetPointsCmd({{i2, 3}}), wt::TableActor(a));
  harness.Accept(wt::SetPointsCmd({{i1, 2}}), wt::TableActor(b));

  const WorkshopRecord record = RecordOf(harness.log());
  EXPECT_EQ(record.state.seq, harness.state().seq);
  EXPECT_EQ(record.state.ballots, harness.state().ballots);
  EXPECT_FALSE(record.state.ballots.empty());
  // The harness folds its events before they are sealed: its state has no hashes.
  v1::Results expected = workshop::ComputeResults(harness.state());
  expected.set_head_hash(record.state.last_hash);
  EXPECT_EQ(record.results.head_hash().size(), 32u);
  EXPECT_EQ(record.results.SerializeAsString(), expected.SerializeAsString());
  EXPECT_EQ(record.state.last_hash.size(), 32u) << "sealed: the head hash is known";
}

TEST(RecordBuilder, RefusesAGapAndKeepsRefusing) {
  wt::Harness harness;
  harness.JoinTable();
  harness.JoinTable();
  std::vector<v1::LoggedEvent> sealed = SealLog(harness.log());
  RecordBuilder builder;
  ASSERT_TRUE(builder.AddLogged(sealed[0]));
  auto skipped = builder.AddLogged(sealed[2]);
  ASSERT_FALSE(skipped);
  EXPECT_NE(skipped.error().find("event 3"), std::string::npos) << skipped.error();
  EXPECT_FALSE(builder.AddLogged(sealed[1])) << "after an error, every call fails";
  EXPECT_FALSE(std::move(builder).Finish());
}

TEST(RecordBuilder, RefusesBytesThatAreNoEvent) {
  v1::LoggedEvent garbage;
  garbage.set_event("\xff\xff\xff not an event");
  RecordBuilder builder;
  EXPECT_FALSE(builder.AddLogged(garbage));
}

TEST(RecordBuilder, NoEventIsNoWorkshop) {
  RecordBuilder builder;
  auto record = std::move(builder).Finish();
  ASSERT_FALSE(record);
  EXPECT_NE(record.error().find("no such workshop"), std::string::npos);
}

}  // namespace
}  // namespace atelier::report
