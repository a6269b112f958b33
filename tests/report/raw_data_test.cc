// The raw data: every table's points and every seat's scores (not aggregates), the ideas with
// their cluster and author, the phases; never a secret; CSV as the console writes it, formulas
// guarded.
#include "report/raw_data.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "report/raw_csv.h"
#include "report/text_format.h"
#include "tests/report/report_support.h"
#include "tests/workshop/test_support.h"

namespace atelier::report {
namespace {

namespace wt = workshop::testing;
using testing::CountOf;
using testing::Has;
using testing::RecordOf;

struct Ideation {
  WorkshopRecord record;
  workshop::TableId a, b;
  workshop::TargetId i1, i2, i3, cluster;
};

Ideation SmallIdeation() {
  wt::Harness harness;
  Ideation w;
  v1::Command join;
  join.mutable_join_table()->set_name("=Table des Lilas");
  w.a = harness.Accept(join, wt::TableActor(0)).table_joined().table_id();
  w.b = harness.JoinTable();
  harness.MoveTo(v1::PHASE_DIVERGENCE);
  w.i1 = harness.Post(w.a, "=HYPERLINK(\"http://x\",\"clic\")");
  w.i2 = harness.Post(w.b, "-1+2, dit-on");
  w.i3 = harness.Post(w.b, "@SUM(A1)");
  harness.MoveTo(v1::PHASE_GROUPING);
  w.cluster = harness.Merge({w.i2, w.i3}, "+cluster");
  harness.MoveTo(v1::PHASE_CONVERGENCE);
  harness.Accept(wt::SetPointsCmd({{w.cluster, 3}}), wt::TableActor(w.a));
  harness.Accept(wt::SetPointsCmd({{w.i1, 2}}), wt::TableActor(w.b));
  w.record = RecordOf(harness.log());
  return w;
}

TEST(RawData, EachTablesPointsPerTarget) {
  const Ideation w = SmallIdeation();
  const v1::RawData data = MakeRawData(w.record);
  ASSERT_EQ(data.points_size(), 2);
  EXPECT_EQ(data.points(0).table(), w.a);
  EXPECT_EQ(data.points(0).table_name(), "=Table des Lilas");
  EXPECT_EQ(data.points(0).target_id(), w.cluster);
  EXPECT_TRUE(data.points(0).target_is_cluster());
  EXPECT_EQ(data.points(0).points(), 3u);
  EXPECT_EQ(data.points(1).table(), w.b);
  EXPECT_EQ(data.points(1).target_id(), w.i1);
  EXPECT_EQ(data.points(1).points(), 2u);
  ASSERT_EQ(data.ideas_size(), 3);
  EXPECT_EQ(data.ideas(1).idea_id(), w.i2);
  EXPECT_EQ(data.ideas(1).author_table(), w.b);
  EXPECT_EQ(data.ideas(1).cluster_id(), w.cluster);
  EXPECT_EQ(data.ideas(1).cluster_title(), "+cluster");
  EXPECT_EQ(data.ideas(1).step(), 2u) << "posted in the ideation's divergence, its step 2";
  ASSERT_EQ(data.clusters_size(), 1);
  EXPECT_EQ(data.head_seq(), w.record.state.seq);
  EXPECT_EQ(data.head_hash(), HexDigits(w.record.state.last_hash));
  ASSERT_EQ(data.phases_size(), 4);
  EXPECT_EQ(data.phases(3).phase(), v1::PHASE_CONVERGENCE);
  EXPECT_EQ(data.phases(3).ended(), "");
}

// Role cards and a barometer: each row says the profile of whoever wrote, voted or scored it,
// and each idea its category, stage and lane, by name.
TEST(RawData, ProfilesAndFacetsByName) {
  v1::WorkshopConfig config = wt::IdeationConfig();
  config.add_profiles()->set_name("Usager");
  config.add_profiles()->set_name("Agent");
  *config.mutable_criteria() = wt::EvaluationConfig().criteria();
  for (v1::Phase kind : {v1::PHASE_SETUP, v1::PHASE_DIVERGENCE, v1::PHASE_DIVERGENCE,
                         v1::PHASE_CONVERGENCE, v1::PHASE_SCORING}) {
    config.add_agenda()->set_kind(kind);
  }
  v1::Step& cards = *config.mutable_agenda(1);
  cards.add_categories()->set_name("Bénéfices");
  cards.add_categories()->set_name("Besoins");
  v1::Step& journey = *config.mutable_agenda(2);
  journey.add_stages()->set_name("Accueil");
  journey.add_lanes()->set_name("Actions");
  journey.add_lanes()->set_name("Émotions");
  wt::Harness h(config);
  const workshop::TableId usager = h.JoinTable(1);
  const workshop::TableId agent = h.JoinTable(2);
  const workshop::SeatId seat = h.JoinSeat(usager, 1, 2);  // an agent at the usagers' table
  h.MoveTo(v1::PHASE_DIVERGENCE);
  v1::Command card = wt::PostIdeaCmd("Moins d'attente");
  card.mutable_post_idea()->set_category_id(2);
  const workshop::TargetId need =
      h.Accept(card, wt::TableActor(usager)).idea_posted().idea().idea_id();
  h.MoveTo(v1::PHASE_DIVERGENCE);
  v1::Command step = wt::PostIdeaCmd("Je cherche le guichet");
  step.mutable_post_idea()->set_stage_id(1);
  step.mutable_post_idea()->set_lane_id(2);
  h.Accept(step, wt::TableActor(agent));
  h.MoveTo(v1::PHASE_CONVERGENCE);
  h.Accept(wt::SetPointsCmd({{need, 2}}), wt::TableActor(agent));
  h.MoveTo(v1::PHASE_SCORING);
  h.Accept(wt::ScoreCmd(seat, need, 1, 6), wt::TableActor(usager));

  const v1::RawData data = MakeRawData(RecordOf(h.log()));
  ASSERT_EQ(data.tables_size(), 2);
  EXPECT_EQ(data.tables(0).profile(), "Usager");
  EXPECT_EQ(data.tables(1).profile(), "Agent");
  ASSERT_EQ(data.seats_size(), 1);
  EXPECT_EQ(data.seats(0).profile(), "Agent");
  ASSERT_EQ(data.ideas_size(), 2);
  EXPECT_EQ(data.ideas(0).author_profile(), "Usager");
  EXPECT_EQ(data.ideas(0).category(), "Besoins");
  EXPECT_EQ(data.ideas(0).stage(), "");
  EXPECT_EQ(data.ideas(1).author_profile(), "Agent");
  EXPECT_EQ(data.ideas(1).stage(), "Accueil");
  EXPECT_EQ(data.ideas(1).lane(), "Émotions");
  ASSERT_EQ(data.points_size(), 1);
  EXPECT_EQ(data.points(0).profile(), "Agent");
  ASSERT_EQ(data.scores_size(), 1);
  EXPECT_EQ(data.scores(0).profile(), "Agent");

  const std::string ideas = RawCsv(data, RawTable::kIdeas);
  EXPECT_TRUE(Has(ideas, ",step,step_title,author_profile,category,stage,lane\r\n"));
  EXPECT_TRUE(Has(ideas, ",Usager,Besoins,,\r\n"));
  EXPECT_TRUE(Has(ideas, ",Agent,,Accueil,Émotions\r\n"));
  EXPECT_TRUE(Has(RawCsv(data, RawTable::kPoints), ",bucket,profile\r\n"));
  EXPECT_TRUE(Has(RawCsv(data, RawTable::kPoints), ",2,4,,0,0,,Agent\r\n"));
  EXPECT_TRUE(Has(RawCsv(data, RawTable::kScores), ",value,profile\r\n"));
  EXPECT_TRUE(Has(RawCsv(data, RawTable::kScores), ",6,Agent\r\n"));
}

TEST(RawData, NeverATokenOrACode) {
  const Ideation w = SmallIdeation();
  const std::string json = RawDataJson(MakeRawData(w.record));
  // The harness's join code, and its token hashes (32 bytes of 'k') in every encoding.
  EXPECT_FALSE(Has(json, "123456"));
  EXPECT_FALSE(Has(json, std::string(32, 'k')));
  EXPECT_FALSE(Has(json, HexDigits(std::string(32, 'k'))));
  EXPECT_FALSE(Has(json, "a2tra2tr")) << "base64 of kkk...";
  EXPECT_FALSE(Has(json, "token"));
  EXPECT_FALSE(Has(json, "joinCode"));
  EXPECT_FALSE(Has(json, "observerCode"));
}

TEST(RawData, JsonReadsBackAsTheSameData) {
  const v1::RawData data = MakeRawData(SmallIdeation().record);
  v1::RawData parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(RawDataJson(data), &parsed).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed, data));
}

TEST(RawCsv, GuardsFormulasInTextOnly) {
  const v1::RawData data = MakeRawData(SmallIdeation().record);
  const std::string ideas = RawCsv(data, RawTable::kIdeas);
  EXPECT_TRUE(ideas.starts_with("\xEF\xBB\xBF" "idea_id,text,author_table,")) << "UTF-8 BOM first";
  EXPECT_TRUE(Has(ideas, "\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\""));
  EXPECT_TRUE(Has(ideas, "\"'-1+2, dit-on\""));
  EXPECT_TRUE(Has(ideas, ",'@SUM(A1),"));
  EXPECT_TRUE(Has(ideas, ",'+cluster,"));
  EXPECT_TRUE(Has(ideas, ",'=Table des Lilas,")) << "a table's name is free text too";
  const std::string points = RawCsv(data, RawTable::kPoints);
  EXPECT_TRUE(Has(points, "\r\n1,'=Table des Lilas,")) << "numbers are never prefixed";
  EXPECT_TRUE(points.ends_with("\r\n"));
  EXPECT_EQ(std::count(points.begin(), points.end(), '\n'), 3) << "a header and two rows";
}

TEST(RawCsv, TheFieldRulesOfTheConsole) {
  // clients/web/src/console/results_csv.ts's csvField, for the same inputs.
  EXPECT_EQ(CsvText("plain"), "plain");
  EXPECT_EQ(CsvText("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvText("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvText("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvText(" edge"), "\" edge\"");
  EXPECT_EQ(CsvText("=1+1"), "'=1+1");
  EXPECT_EQ(CsvText("\tx"), "'\tx");
  EXPECT_EQ(CsvText("\rx"), "\"'\rx\"");
  EXPECT_EQ(CsvText(""), "");
}

TEST(RawCsv, PhasesWithTheirTimes) {
  const v1::RawData data = MakeRawData(SmallIdeation().record);
  const std::string phases = RawCsv(data, RawTable::kPhases);
  EXPECT_TRUE(Has(phases, "phase,began,ended,duration_seconds,began_ms,ended_ms,step,title,"
                          "planned_seconds\r\n"));
  // Each row names its agenda step (the ideation's default agenda: no titles, nothing planned).
  EXPECT_TRUE(Has(phases, "PHASE_SETUP,2023-11-14T22:13:20Z,2023-11-14T22:13:20Z,0,1700000000000,"
                          "1700000000000,1,,0\r\n"));
  EXPECT_TRUE(Has(phases, "PHASE_CONVERGENCE,2023-11-14T22:13:20Z,,0,1700000000000,0,4,,0\r\n"));
}

TEST(RawCsv, TablesByName) {
  EXPECT_EQ(ParseRawTable("points"), RawTable::kPoints);
  EXPECT_EQ(ParseRawTable("scores"), RawTable::kScores);
  EXPECT_EQ(ParseRawTable("ideas"), RawTable::kIdeas);
  EXPECT_EQ(ParseRawTable("phases"), RawTable::kPhases);
  EXPECT_EQ(ParseRawTable("Points"), std::nullopt);
  EXPECT_EQ(ParseRawTable(""), std::nullopt);
}

}  // namespace
}  // namespace atelier::report
