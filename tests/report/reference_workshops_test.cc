// The synthesis and the raw data of the two reference workshops, played through a real engine
// and read back from its log: everything the results say is there, and the raw data adds up to
// the results.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "report/agreement.h"
#include "report/raw_csv.h"
#include "report/raw_data.h"
#include "report/synthesis.h"
#include "report/text_format.h"
#include "tests/report/report_support.h"

namespace atelier::report {
namespace {

using testing::CountOf;
using testing::Has;
using testing::RecordOf;
using testing::Reference;

TEST(ReferenceWorkshops, IdeationSynthesisHoldsEveryIdeaClusterAndResult) {
  const WorkshopRecord record = RecordOf(Reference().ideation);
  ASSERT_GT(record.state.clusters.size(), 0u) << "the reference ideation merges duplicates";
  ASSERT_GT(record.results.participation().points_spent(), 0u);
  const std::string html = RenderSynthesis(record, Language::kFrench);
  EXPECT_TRUE(Has(html, EscapeHtml(record.state.config.question())));
  for (const auto& [id, idea] : record.state.ideas) EXPECT_TRUE(Has(html, EscapeHtml(idea.text))) << idea.text;
  for (const auto& [id, cluster] : record.state.clusters) EXPECT_TRUE(Has(html, EscapeHtml(cluster.title)));
  // The table of points, in the results' order, every target once.
  std::vector<uint32_t> targets;
  std::string rest = html;
  std::smatch match;
  const std::regex row(R"re(<tr data-target-id="(\d+)" data-points="(\d+)")re");
  while (std::regex_search(rest, match, row)) {
    targets.push_back(static_cast<uint32_t>(std::stoul(match[1])));
    rest = match.suffix();
  }
  ASSERT_EQ(targets.size(), static_cast<size_t>(record.results.points_size()));
  for (int i = 0; i < record.results.points_size(); ++i) {
    EXPECT_EQ(targets[i], record.results.points(i).target_id());
  }
  EXPECT_EQ(CountOf(html, "<rect "), std::min<size_t>(25, targets.size()));
  EXPECT_TRUE(Has(html, "<dt>Tables qui ont voté</dt><dd>" +
                            std::to_string(record.results.participation().tables_voted()) + "</dd>"));
  EXPECT_TRUE(Has(html, HexDigits(record.state.last_hash)));
  EXPECT_FALSE(Has(html, "<script"));
}

TEST(ReferenceWorkshops, EvaluationSynthesisHasEveryDistributionAndTheRanking) {
  const WorkshopRecord record = RecordOf(Reference().evaluation);
  const auto& results = record.results;
  ASSERT_GT(results.evaluations_size(), 0);
  const std::string html = RenderSynthesis(record, Language::kFrench);
  EXPECT_EQ(CountOf(html, "<svg class=\"chart histogram\""),
            static_cast<size_t>(results.evaluations_size() * record.state.config.criteria_size()));
  for (const v1::IdeaEvaluation& e : results.evaluations()) {
    EXPECT_TRUE(Has(html, "<tr data-idea-id=\"" + std::to_string(e.idea_id()) + "\" data-rank=\"" +
                              std::to_string(e.rank()) + "\"><td class=\"num\">" +
                              std::to_string(e.rank()) + "</td><th scope=\"row\">" +
                              EscapeHtml(e.text()) + "</th><td class=\"num\">" +
                              FormatDecimal(e.overall(), Language::kFrench) + "</td>"));
  }
  for (const v1::Criterion& c : record.state.config.criteria()) EXPECT_TRUE(Has(html, EscapeHtml(c.name())));
  EXPECT_TRUE(Has(html, "<dt>Participants qui ont noté</dt><dd>" +
                            std::to_string(results.participation().seats_scored()) + "</dd>"));
  EXPECT_TRUE(Has(html, "reprise de l'atelier " + RecordOf(Reference().ideation).state.workshop_id))
      << "its ideas came from the ideation";
}

TEST(ReferenceWorkshops, RawPointsAddUpToTheResults) {
  const WorkshopRecord record = RecordOf(Reference().ideation);
  const v1::RawData data = MakeRawData(record);
  std::map<uint32_t, uint32_t> points, tables;
  for (const v1::RawPoints& p : data.points()) {
    points[p.target_id()] += p.points();
    ++tables[p.target_id()];
  }
  for (const v1::TargetResult& target : record.results.points()) {
    EXPECT_EQ(points[target.target_id()], target.points()) << target.text();
    EXPECT_EQ(tables[target.target_id()], target.tables()) << target.text();
  }
  const std::string csv = RawCsv(data, RawTable::kPoints);
  EXPECT_EQ(static_cast<int>(std::count(csv.begin(), csv.end(), '\n')), data.points_size() + 1);
}

TEST(ReferenceWorkshops, RawScoresAddUpToTheHistograms) {
  const WorkshopRecord record = RecordOf(Reference().evaluation);
  const v1::RawData data = MakeRawData(record);
  std::map<std::pair<uint32_t, uint32_t>, std::vector<uint32_t>> histograms;
  for (const v1::RawScore& s : data.scores()) {
    auto& h = histograms[{s.idea_id(), s.criterion_id()}];
    h.resize(11);
    ++h.at(static_cast<size_t>(s.value()));
    EXPECT_GE(s.table(), 1u);
    EXPECT_GE(s.seat(), 1u);
  }
  for (const v1::IdeaEvaluation& e : record.results.evaluations()) {
    for (const v1::CriterionResult& c : e.criteria()) {
      std::vector<uint32_t> expected(c.histogram().begin(), c.histogram().end());
      auto h = histograms[{e.idea_id(), c.criterion_id()}];
      h.resize(expected.size());
      EXPECT_EQ(h, expected) << e.text() << " criterion " << c.criterion_id();
    }
  }
  const std::string csv = RawCsv(data, RawTable::kScores);
  EXPECT_EQ(static_cast<int>(std::count(csv.begin(), csv.end(), '\n')), data.scores_size() + 1);
}

TEST(ReferenceWorkshops, TheSameEventsGiveTheSameDocuments) {
  const std::string a = RenderSynthesis(RecordOf(Reference().ideation), Language::kEnglish);
  const std::string b = RenderSynthesis(RecordOf(Reference().ideation), Language::kEnglish);
  EXPECT_EQ(a, b) << "a pure function of the log: nothing of now, nothing of the machine";
  EXPECT_TRUE(Has(a, "<html lang=\"en\">"));
}

}  // namespace
}  // namespace atelier::report
