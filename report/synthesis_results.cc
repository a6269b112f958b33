// The synthesis's results section (synthesis.h says what it holds).
#include <algorithm>
#include <map>

#include "report/svg_charts.h"
#include "report/synthesis_parts.h"
#include "server/workshop/config.h"

namespace atelier::report::internal {
namespace {

// The chart shows this many targets at most; the table below it shows them all.
constexpr size_t kMaxBars = 25;

void Th(std::string& out, const char* label, bool numeric = false) {
  out += numeric ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">";
  out += label;
  out += "</th>";
}

// What one vote step's results are called, by its ballot: the section's title, the chart's
// label, the number's column, and what "nobody voted" says. BUDGET keeps the words of before
// ballots.
struct VoteWords {
  std::string title, chart, unit, none;
};

VoteWords WordsOf(v1::BallotKind kind, const Words& w) {
  const bool fr = w.language == Language::kFrench;
  switch (kind) {
    case v1::BALLOT_KIND_DOTS:
      return {fr ? "Gommettes par idée ou regroupement" : "Dots per idea or cluster",
              fr ? "Histogramme des gommettes, par ordre décroissant" : "Histogram of the dots, most first",
              fr ? "Gommettes" : "Dots", fr ? "Aucune gommette n'a été posée." : "No dot was placed."};
    case v1::BALLOT_KIND_PICK:
      return {fr ? "Idées choisies" : "Ideas chosen",
              fr ? "Nombre de choix par idée, par ordre décroissant" : "Times chosen, most first",
              fr ? "Choisie" : "Chosen", fr ? "Personne n'a encore choisi." : "Nobody has chosen yet."};
    case v1::BALLOT_KIND_RANKING:
      return {fr ? "Classement (méthode de Borda)" : "Ranking (Borda count)",
              fr ? "Points de Borda, par ordre décroissant" : "Borda points, most first",
              fr ? "Points de Borda" : "Borda points",
              fr ? "Personne n'a encore classé." : "Nobody has ranked yet."};
    case v1::BALLOT_KIND_BUCKETS:
      return {fr ? "Tri en quatre cases" : "Sorting into four buckets",
              fr ? "Mises au coffre-fort, par ordre décroissant" : "Put in the safe, most first",
              fr ? "Coffre-fort" : "Safe", fr ? "Rien n'a encore été trié." : "Nothing was sorted yet."};
    default:
      return {w.points_title, w.points_chart, w.points, w.no_votes};
  }
}

// "1er ×5, 2e ×3" : how many voters put the target at each rank (ranks with none left out).
std::string RanksInWords(const v1::TargetResult& target, Language language) {
  const bool fr = language == Language::kFrench;
  std::string out;
  for (int i = 0; i < target.ranks_size(); ++i) {
    if (target.ranks(i) == 0) continue;
    if (!out.empty()) out += ", ";
    const int rank = i + 1;
    if (fr) {
      out += std::to_string(rank) + (rank == 1 ? "er" : "e");
    } else {
      const int last = rank % 10;
      const bool teen = rank % 100 >= 11 && rank % 100 <= 13;
      out += std::to_string(rank) + (teen ? "th" : last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th");
    }
    out += " \u00d7" + std::to_string(target.ranks(i));
  }
  return out;
}

// One vote step's results: a chart of the first targets and a table of them all. `id` names the
// table (the vote shown keeps "points-table"). The title says the step when it has one.
void AppendVote(const WorkshopRecord& record, const Words& w, uint32_t step_id, v1::BallotKind kind,
                const google::protobuf::RepeatedPtrField<v1::TargetResult>& points,
                const std::string& id, std::string& out) {
  const VoteWords vw = WordsOf(kind, w);
  const bool fr = w.language == Language::kFrench;
  const bool buckets = kind == v1::BALLOT_KIND_BUCKETS;
  out += "<h3>";
  out += vw.title;
  if (const v1::Step* step = workshop::FindStep(record.state.config, step_id);
      step != nullptr && !step->title().empty()) {
    out += " — ";
    Text(out, step->title());
  }
  out += "</h3>";
  const bool any = std::any_of(points.begin(), points.end(), [](const v1::TargetResult& t) {
    return t.points() > 0 || t.tables() > 0;
  });
  if (!any) {
    out += "<p>";
    out += vw.none;
    out += "</p>";
  }
  if (!points.empty()) {
    std::vector<Bar> bars;
    for (const v1::TargetResult& target : points) {
      if (bars.size() == kMaxBars) break;
      bars.push_back({target.text(), target.points()});
    }
    if (any) {
      out += "<figure class=\"chart\">";
      out += BarChart(bars, vw.chart.c_str());
      if (static_cast<size_t>(points.size()) > kMaxBars) {
        out += "<figcaption>" + std::to_string(kMaxBars) + " " + w.points_top + "</figcaption>";
      }
      out += "</figure>";
    }
    out += "<table class=\"points\" id=\"" + id + "\"><thead><tr>";
    Th(out, w.rank, true);
    Th(out, w.idea_or_cluster);
    if (buckets) {
      Th(out, fr ? "Poubelle" : "Bin", true);
      Th(out, fr ? "Machine à laver" : "Washing machine", true);
    }
    Th(out, vw.unit.c_str(), true);
    if (kind == v1::BALLOT_KIND_RANKING) Th(out, fr ? "Rangs donnés" : "Ranks given");
    Th(out, kind == v1::BALLOT_KIND_BUDGET || kind == v1::BALLOT_KIND_UNSPECIFIED
                ? w.tables
                : (fr ? "Votants" : "Voters"),
       true);
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
        out += ", " + Count(target.idea_ids_size(), fr ? "idée" : "idea", fr ? "idées" : "ideas",
                            w.language);
        out += ")</span>";
      } else {
        Text(out, target.text());
      }
      out += "</td>";
      if (buckets) {
        for (int b = 0; b < 2; ++b) {
          out += "<td class=\"num\">" +
                 std::to_string(b < target.buckets_size() ? target.buckets(b) : 0) + "</td>";
        }
      }
      out += "<td class=\"num\">" + std::to_string(target.points()) + "</td>";
      if (kind == v1::BALLOT_KIND_RANKING) {
        out += "<td>" + EscapeHtml(RanksInWords(target, w.language)) + "</td>";
      }
      out += "<td class=\"num\">" + std::to_string(target.tables()) + "</td></tr>";
    }
    out += "</tbody></table>";
  }
  if (buckets) {  // "longue-vue": the new subjects posted during the sorting
    std::vector<const workshop::Idea*> subjects;
    for (const auto& [idea_id, idea] : record.state.ideas) {
      if (idea.step_id == step_id) subjects.push_back(&idea);
    }
    if (!subjects.empty()) {
      out += "<h4>";
      out += fr ? "Longue-vue : nouveaux sujets" : "Telescope: new subjects";
      out += "</h4><ul class=\"subjects\">";
      for (const workshop::Idea* idea : subjects) {
        out += "<li>";
        Text(out, idea->text);
        out += "</li>";
      }
      out += "</ul>";
    }
  }
}

// Every vote step with results, in agenda order: the one Results.points counts, and the others.
void AppendVotes(const WorkshopRecord& record, const Words& w, std::string& out) {
  const v1::Results& results = record.results;
  std::map<uint32_t, const v1::VoteResults*> others;
  for (const v1::VoteResults& vote : results.other_votes()) others[vote.step_id()] = &vote;
  bool shown = false;
  for (const v1::Step& step : record.state.config.agenda()) {
    if (step.kind() != v1::PHASE_CONVERGENCE) continue;
    if (step.id() == results.vote_step_id()) {
      AppendVote(record, w, step.id(), workshop::BallotOf(record.state.config, step.id()).kind(),
                 results.points(), "points-table", out);
      shown = true;
    } else if (auto it = others.find(step.id()); it != others.end()) {
      AppendVote(record, w, step.id(), it->second->kind(), it->second->targets(),
                 "points-table-" + std::to_string(step.id()), out);
    }
  }
  // A workshop without a vote step (or a hand-made record) still lists the targets.
  if (!shown) {
    AppendVote(record, w, 0, v1::BALLOT_KIND_BUDGET, results.points(), "points-table", out);
  }
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
  if (!evaluation || record.results.points_size() > 0) AppendVotes(record, w, out);
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
