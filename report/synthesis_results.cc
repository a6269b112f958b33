// The synthesis's results section (synthesis.h says what it holds).
#include <algorithm>
#include <map>

#include "report/svg_charts.h"
#include "report/synthesis_parts.h"

namespace atelier::report::internal {
namespace {

// The chart shows this many targets at most; the table below it shows them all.
constexpr size_t kMaxBars = 25;

void Th(std::string& out, const char* label, bool numeric = false) {
  out += numeric ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">";
  out += label;
  out += "</th>";
}

void AppendPoints(const WorkshopRecord& record, const Words& w, std::string& out) {
  const auto& points = record.results.points();
  out += "<h3>";
  out += w.points_title;
  out += "</h3>";
  const bool any = std::any_of(points.begin(), points.end(),
                               [](const v1::TargetResult& t) { return t.points() > 0; });
  if (!any) {
    out += "<p>";
    out += w.no_votes;
    out += "</p>";
  }
  if (points.empty()) return;
  std::vector<Bar> bars;
  for (const v1::TargetResult& target : points) {
    if (bars.size() == kMaxBars) break;
    bars.push_back({target.text(), target.points()});
  }
  if (any) {
    out += "<figure class=\"chart\">";
    out += BarChart(bars, w.points_chart);
    if (static_cast<size_t>(points.size()) > kMaxBars) {
      out += "<figcaption>" + std::to_string(kMaxBars) + " " + w.points_top + "</figcaption>";
    }
    out += "</figure>";
  }
  out += "<table class=\"points\" id=\"points-table\"><thead><tr>";
  Th(out, w.rank, true);
  Th(out, w.idea_or_cluster);
  Th(out, w.points, true);
  Th(out, w.tables, true);
  out += "</tr></thead><tbody>";
  uint32_t rank = 0;
  for (int i = 0; i < points.size(); ++i) {
    const v1::TargetResult& target = points[i];
    if (i == 0 || target.points() != points[i - 1].points()) rank = static_cast<uint32_t>(i) + 1;
    out += "<tr data-target-id=\"" + std::to_string(target.target_id()) + "\" data-points=\"" +
           std::to_string(target.points()) + "\"><td class=\"num\">" + std::to_string(rank) +
           "</td><td>";
    if (target.is_cluster()) {
      out += "<strong>";
      Text(out, target.text());
      out += "</strong> <span class=\"muted\">(";
      out += w.cluster_mark;
      out += ", " + Count(target.idea_ids_size(), w.language == Language::kFrench ? "idée" : "idea",
                          w.language == Language::kFrench ? "idées" : "ideas", w.language);
      out += ")</span>";
    } else {
      Text(out, target.text());
    }
    out += "</td><td class=\"num\">" + std::to_string(target.points()) + "</td><td class=\"num\">" +
           std::to_string(target.tables()) + "</td></tr>";
  }
  out += "</tbody></table>";
}

uint32_t MinCount(const v1::IdeaEvaluation& e) {
  if (e.criteria_size() == 0) return 0;
  uint32_t count = UINT32_MAX;
  for (const v1::CriterionResult& c : e.criteria()) count = std::min(count, c.count());
  return count;
}

bool Scored(const v1::IdeaEvaluation& e) {
  return std::any_of(e.criteria().begin(), e.criteria().end(),
                     [](const v1::CriterionResult& c) { return c.count() > 0; });
}

Agreement IdeaAgreement(const v1::IdeaEvaluation& e) { return AgreementOf(e.spread(), MinCount(e)); }

// "Moyenne 6,4 et médiane 7 (de 0 à 10) ; écart-type 1,2 : consensus fort. 14 notes."
std::string InWords(const v1::CriterionResult& r, const v1::Criterion& c, const Words& w) {
  const Language l = w.language;
  const bool fr = l == Language::kFrench;
  if (r.count() == 0) return fr ? "Aucune note." : "No score.";
  const std::string scale = fr ? " (de " + std::to_string(c.min_value()) + " à " +
                                     std::to_string(c.max_value()) + ")"
                               : " (from " + std::to_string(c.min_value()) + " to " +
                                     std::to_string(c.max_value()) + ")";
  const std::string agreement =
      AgreementName(AgreementOf(r.stddev(), r.count(), c.min_value(), c.max_value()), l);
  std::string text = fr ? "Moyenne " : "Mean ";
  text += FormatDecimal(r.mean(), l) + (fr ? " et médiane " : " and median ") +
          FormatDecimal(r.median(), l) + scale + (fr ? " ; " : "; ") + w.stddev + " " +
          FormatDecimal(r.stddev(), l) + (fr ? " : " : ": ") + agreement + ". " +
          Count(r.count(), fr ? "note" : "score", fr ? "notes" : "scores", l) + ".";
  return text;
}

void AppendIdeaList(const WorkshopRecord& record, const Words& w, Agreement wanted,
                    const char* title, const char* none, const char* id, std::string& out) {
  out += "<h3>";
  out += title;
  out += "</h3>";
  std::string items;
  for (const v1::IdeaEvaluation& e : record.results.evaluations()) {
    if (!Scored(e) || IdeaAgreement(e) != wanted) continue;
    items += "<li>";
    items += EscapeHtml(e.text());
    const bool fr = w.language == Language::kFrench;
    items += " <span class=\"muted\">(" + std::string(fr ? "note globale " : "overall ") +
             FormatDecimal(e.overall(), w.language) + (fr ? " sur 10, dispersion " : " out of 10, spread ") +
             FormatDecimal(e.spread(), w.language) + ")</span></li>";
  }
  if (items.empty()) {
    out += "<p id=\"" + std::string(id) + "\">";
    out += none;
    out += "</p>";
  } else {
    out += "<ul id=\"" + std::string(id) + "\">" + items + "</ul>";
  }
}

void AppendRanking(const WorkshopRecord& record, const Words& w, std::string& out) {
  const auto& criteria = record.state.config.criteria();
  out += "<h3>";
  out += w.ranking;
  out += "</h3><table class=\"ranking\" id=\"ranking\"><thead><tr>";
  Th(out, w.rank, true);
  Th(out, w.idea);
  Th(out, w.overall, true);
  for (const v1::Criterion& c : criteria) {
    out += "<th scope=\"col\" class=\"num\">";
    Text(out, c.name());
    out += "<br><span class=\"muted\">" + std::string(w.mean);
    if (c.direction() == v1::DIRECTION_LOWER_IS_BETTER) out += ", " + std::string(w.lower_better);
    out += "</span></th>";
  }
  Th(out, w.agreement);
  out += "</tr></thead><tbody>";
  for (const v1::IdeaEvaluation& e : record.results.evaluations()) {
    const bool scored = Scored(e);
    out += "<tr data-idea-id=\"" + std::to_string(e.idea_id()) + "\" data-rank=\"" +
           std::to_string(e.rank()) + "\"><td class=\"num\">" + std::to_string(e.rank()) +
           "</td><th scope=\"row\">";
    Text(out, e.text());
    out += "</th><td class=\"num\">" + (scored ? FormatDecimal(e.overall(), w.language) : "—") + "</td>";
    for (const v1::CriterionResult& r : e.criteria()) {
      out += "<td class=\"num\">" + (r.count() > 0 ? FormatDecimal(r.mean(), w.language) : "—") + "</td>";
    }
    out += "<td>" + (scored ? AgreementName(IdeaAgreement(e), w.language) : w.no_scores) + "</td></tr>";
  }
  out += "</tbody></table><p class=\"small\">";
  out += w.ranking_note;
  out += "</p><p class=\"small\">";
  out += w.agreement_note;
  out += "</p>";
}

void AppendDistributions(const WorkshopRecord& record, const Words& w, std::string& out) {
  std::map<uint32_t, const v1::Criterion*> criteria;
  for (const v1::Criterion& c : record.state.config.criteria()) criteria[c.id()] = &c;
  out += "<h3 class=\"new-page\">";
  out += w.distributions;
  out += "</h3>";
  for (const v1::IdeaEvaluation& e : record.results.evaluations()) {
    out += "<div class=\"idea-block\" data-idea-id=\"" + std::to_string(e.idea_id()) + "\"><h4>" +
           std::to_string(e.rank()) + ". ";
    Text(out, e.text());
    out += "</h4><div class=\"histograms\">";
    for (const v1::CriterionResult& r : e.criteria()) {
      auto it = criteria.find(r.criterion_id());
      if (it == criteria.end()) continue;
      const v1::Criterion& c = *it->second;
      out += "<figure class=\"histogram\"><figcaption><strong>";
      Text(out, c.name());
      out += "</strong>";
      if (c.direction() == v1::DIRECTION_LOWER_IS_BETTER) {
        out += " <span class=\"muted\">(" + std::string(w.lower_better) + ")</span>";
      }
      out += "</figcaption>";
      out += Histogram({r.histogram().begin(), r.histogram().end()}, c.min_value(),
                       e.text() + " — " + c.name());
      out += "<p>";
      Text(out, InWords(r, c, w));
      out += "</p></figure>";
    }
    out += "</div></div>";
  }
}

}  // namespace

void AppendResults(const WorkshopRecord& record, const Words& w, std::string& out) {
  const bool evaluation = record.state.config.template_() == v1::TEMPLATE_EVALUATION;
  out += "<section id=\"results\"><h2>";
  out += w.results;
  out += "</h2>";
  if (!evaluation || record.results.points_size() > 0) AppendPoints(record, w, out);
  if (record.results.evaluations_size() > 0) {
    AppendRanking(record, w, out);
    AppendIdeaList(record, w, Agreement::kStrong, w.consensual, w.none_consensual, "consensual", out);
    AppendIdeaList(record, w, Agreement::kDivided, w.divisive, w.none_divisive, "divisive", out);
    AppendDistributions(record, w, out);
  }
  AppendProfileResults(record, w, out);
  AppendConsolidations(record, w, out);
  out += "</section>\n";
}

}  // namespace atelier::report::internal
