#include "report/synthesis.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "report/synthesis_parts.h"
#include "server/workshop/config.h"
#include "server/workshop/facets.h"

namespace atelier::report {
namespace {

using internal::Text;

int64_t Day(int64_t ms) {
  // The Paris calendar day, as a number: for "is it the same day".
  const int64_t local = ms + int64_t{ParisOffsetMinutes(ms)} * 60'000;
  return local >= 0 ? local / 86'400'000 : (local - 86'399'999) / 86'400'000;
}

// A phase's time: "10:30", or with its date when not on the workshop's first day.
std::string When(int64_t ms, int64_t first_ms, const Words& w) {
  if (Day(ms) == Day(first_ms)) return FormatTime(ms);
  return FormatDate(ms, w.language) + ", " + FormatTime(ms);
}

int64_t LastTime(const WorkshopRecord& record) { return record.state.last_time_ms; }

void AppendHeader(const WorkshopRecord& record, const Words& w, std::string& out) {
  const auto& config = record.state.config;
  const bool evaluation = config.template_() == v1::TEMPLATE_EVALUATION;
  out += "<header class=\"cover\"><p class=\"kicker\">";
  out += w.title;
  out += " · ";
  out += evaluation ? w.evaluation : w.ideation;
  out += "</p><h1 id=\"question\">";
  Text(out, config.question());
  out += "</h1><p class=\"when\">";
  const int64_t first = record.created_ms, last = LastTime(record);
  Text(out, FormatDate(first, w.language));
  out += ", " + FormatTime(first) + " – ";
  if (Day(last) != Day(first)) Text(out, FormatDate(last, w.language) + ", ");
  out += FormatTime(last);
  out += " <span class=\"muted\">(";
  out += w.paris_time;
  out += ")</span></p><p class=\"muted\">";
  out += w.workshop_id;
  out += " <code>";
  Text(out, record.state.workshop_id);
  out += "</code></p></header>\n";
}

void Figure(std::string& out, const char* label, const std::string& value) {
  out += "<div><dt>";
  out += label;
  out += "</dt><dd>" + value + "</dd></div>";
}

void AppendInBrief(const WorkshopRecord& record, const Words& w, std::string& out) {
  const v1::Participation& p = record.results.participation();
  const bool evaluation = record.state.config.template_() == v1::TEMPLATE_EVALUATION;
  out += "<section id=\"in-brief\" aria-label=\"";
  out += w.in_brief;
  out += "\"><dl class=\"figures\">";
  if (evaluation) {
    Figure(out, w.ideas_count, std::to_string(p.ideas()));
    Figure(out, w.seats_scored, std::to_string(p.seats_scored()));
    Figure(out, w.tables_present, std::to_string(p.tables_joined()));
  } else {
    Figure(out, w.tables_present, std::to_string(p.tables_joined()));
    Figure(out, w.ideas_count, std::to_string(p.ideas()));
    Figure(out, w.clusters_count, std::to_string(record.state.clusters.size()));
    Figure(out, w.points_spent, std::to_string(p.points_spent()));
  }
  out += "</dl></section>\n";
}

// A vote step's rule in one sentence: "Chaque table pose 1 gommette, au plus 1 par idée ; jamais
// sur ses propres idées."
std::string BallotInWords(const v1::Ballot& b, Language language) {
  const bool fr = language == Language::kFrench;
  const bool seat = b.voter() == v1::VOTER_SEAT;
  std::string who = fr ? (seat ? "Chaque participant " : "Chaque table ")
                       : (seat ? "Each participant " : "Each table ");
  std::string out;
  const std::string n = std::to_string(b.budget()), cap = std::to_string(b.cap()),
                    count = std::to_string(b.count());
  switch (b.kind()) {
    case v1::BALLOT_KIND_DOTS:
      out = who + (fr ? "pose " + n + (b.budget() > 1 ? " gommettes" : " gommette") +
                            ", au plus " + cap + " par idée"
                      : "places " + n + (b.budget() > 1 ? " dots" : " dot") + ", at most " + cap +
                            " per idea");
      break;
    case v1::BALLOT_KIND_PICK:
      out = who + (fr ? "choisit exactement " + count + (b.count() > 1 ? " idées" : " idée")
                      : "chooses exactly " + count + (b.count() > 1 ? " ideas" : " idea"));
      break;
    case v1::BALLOT_KIND_RANKING:
      out = who + (fr ? (b.count() == 0 ? "classe toutes les idées"
                                        : "classe ses " + count + " idées prioritaires")
                      : (b.count() == 0 ? "ranks every idea" : "ranks its first " + count + " ideas"));
      out += fr ? ", de la plus à la moins prioritaire (décompte de Borda : sur n places, la "
                  "première rapporte n points, la dernière 1)"
                : ", from most to least important (Borda count: of n places, the first gives n "
                  "points, the last 1)";
      break;
    case v1::BALLOT_KIND_BUCKETS:
      out = who + (fr ? "range chaque idée dans la poubelle, la machine à laver ou le coffre-fort, "
                        "et propose à la longue-vue les sujets nouveaux"
                      : "puts each idea in the bin, the washing machine or the safe, and posts new "
                        "subjects to the telescope");
      break;
    default:
      out = who + (fr ? "répartit " + n + " points, au plus " + cap + " par idée"
                      : "spreads " + n + " points, at most " + cap + " per idea");
      break;
  }
  out += b.allow_self_vote() ? "." : (fr ? " ; jamais ses propres idées." : "; never its own ideas.");
  return out;
}

void AppendMethod(const WorkshopRecord& record, const Words& w, std::string& out) {
  const auto& config = record.state.config;
  const bool evaluation = config.template_() == v1::TEMPLATE_EVALUATION;
  out += "<section id=\"method\"><h2>";
  out += w.method;
  out += "</h2>";
  if (!config.method_note().empty()) {
    out += "<p class=\"note\">";
    Text(out, config.method_note());
    out += "</p>";
  }
  out += "<p>";
  out += evaluation ? w.method_evaluation : w.method_ideation;
  out += "</p>";
  std::vector<const v1::Step*> votes;
  for (const v1::Step& step : config.agenda()) {
    if (step.kind() == v1::PHASE_CONVERGENCE) votes.push_back(&step);
  }
  const v1::Ballot first = workshop::BallotOf(config, votes.empty() ? 0 : votes[0]->id());
  if (!evaluation && votes.size() <= 1 && first.kind() == v1::BALLOT_KIND_BUDGET &&
      first.voter() != v1::VOTER_SEAT) {
    // One budget vote by table: the rules as they always read.
    out += "<h3>";
    out += w.rules;
    out += "</h3><dl class=\"rules\">";
    Figure(out, w.budget, std::to_string(first.budget()));
    Figure(out, w.cap, std::to_string(first.cap()));
    out += "</dl><p>";
    out += first.allow_self_vote() ? w.self_vote_yes : w.self_vote_no;
    out += "</p>";
  } else if (!votes.empty()) {
    out += "<h3>";
    out += w.rules;
    out += "</h3><ul class=\"rules\">";
    for (const v1::Step* step : votes) {
      out += "<li>";
      if (!step->title().empty()) {
        out += "<strong>";
        Text(out, step->title());
        out += "</strong> : ";
      }
      Text(out, BallotInWords(workshop::BallotOf(config, step->id()), w.language));
      out += "</li>";
    }
    out += "</ul>";
  }
  if (config.profiles_size() > 0) {
    out += "<h3>";
    out += w.profiles;
    out += "</h3><ul id=\"profiles\">";
    for (const v1::Profile& p : config.profiles()) {
      out += "<li><strong>";
      Text(out, p.name());
      out += "</strong>";
      if (!p.description().empty()) {
        out += w.language == Language::kFrench ? " : " : ": ";
        Text(out, p.description());
      }
      out += "</li>";
    }
    out += "</ul>";
  }
  bool weighted = false;
  for (const v1::Criterion& c : config.criteria()) weighted = weighted || c.weight() > 1;
  if (config.criteria_size() > 0) {
    out += "<table class=\"criteria\"><caption>";
    out += w.criteria;
    out += "</caption><thead><tr><th scope=\"col\">";
    out += w.criterion;
    out += "</th><th scope=\"col\">";
    out += w.direction;
    out += "</th><th scope=\"col\">";
    out += w.scale;
    out += "</th>";
    if (weighted) {
      out += "<th scope=\"col\" class=\"num\">";
      out += w.weight;
      out += "</th>";
    }
    out += "</tr></thead><tbody>";
    for (const v1::Criterion& c : config.criteria()) {
      out += "<tr><th scope=\"row\">";
      Text(out, c.name());
      if (c.has_origin()) {  // taken from a workshop held to define the criteria (000:1697)
        out += "<br><span class=\"muted criterion-origin\">";
        out += w.criterion_origin;
        out += " <code>";
        Text(out, c.origin().workshop_id());
        const uint32_t points = c.origin().points();  // "point(s)" in French and English
        out += "</code> (" + std::to_string(points) + (points == 1 ? " point)" : " points)");
        out += "</span>";
      }
      out += "</th><td>";
      out += c.direction() == v1::DIRECTION_LOWER_IS_BETTER ? w.lower_better : w.higher_better;
      out += "</td><td>" + std::to_string(c.min_value());
      if (!c.low_label().empty()) {
        out += " (";
        Text(out, c.low_label());
        out += ")";
      }
      out += " – " + std::to_string(c.max_value());
      if (!c.high_label().empty()) {
        out += " (";
        Text(out, c.high_label());
        out += ")";
      }
      if (c.scale() == v1::SCALE_SMILEYS) {
        out += " <span class=\"muted\">(";
        out += w.smileys;
        out += ")</span>";
      }
      out += "</td>";
      if (weighted) {
        out += "<td class=\"num\">" + std::to_string(workshop::CriterionWeight(c)) + "</td>";
      }
      out += "</tr>";
    }
    out += "</tbody></table>";
  }
  out += "</section>\n";
}

void AppendTimeline(const WorkshopRecord& record, const Words& w, std::string& out) {
  out += "<section id=\"timeline\"><h2>";
  out += w.timeline;
  out += "</h2><table class=\"phases\"><thead><tr><th scope=\"col\">";
  out += w.phase;
  out += "</th><th scope=\"col\">";
  out += w.began;
  out += "</th><th scope=\"col\">";
  out += w.ended;
  out += "</th><th scope=\"col\" class=\"num\">";
  out += w.duration;
  out += "</th></tr></thead><tbody>";
  for (const PhaseSpan& span : record.phases) {
    out += "<tr><th scope=\"row\">";
    const v1::Step* step = workshop::FindStep(record.state.config, span.step_id);
    if (step != nullptr && !step->title().empty()) {
      Text(out, step->title());
      out += " <span class=\"muted\">(";
      Text(out, PhaseName(span.phase, w.language));
      out += ")</span>";
    } else {
      Text(out, PhaseName(span.phase, w.language));
    }
    if (step != nullptr && step->planned_ms() > 0) {
      out += "<br><span class=\"muted\">";
      Text(out, w.planned);
      out += " ";
      Text(out, FormatDuration(step->planned_ms()));
      out += "</span>";
    }
    out += "</th><td>";
    Text(out, When(span.began_ms, record.created_ms, w));
    out += "</td><td>";
    if (span.ended_ms != 0) {
      Text(out, When(span.ended_ms, record.created_ms, w));
      out += "</td><td class=\"num\">";
      Text(out, FormatDuration(span.ended_ms - span.began_ms));
    } else {
      out += "<span class=\"muted\">";
      out += span.phase == v1::PHASE_CONCLUSION ? "" : w.ongoing;
      out += "</span></td><td class=\"num\">";
    }
    out += "</td></tr>";
  }
  out += "</tbody></table></section>\n";
}

void AppendParticipation(const WorkshopRecord& record, const Words& w, std::string& out) {
  const v1::Participation& p = record.results.participation();
  const bool evaluation = record.state.config.template_() == v1::TEMPLATE_EVALUATION;
  out += "<section id=\"participation\"><h2>";
  out += w.participation;
  out += "</h2><dl class=\"figures\">";
  Figure(out, w.tables_present, std::to_string(p.tables_joined()));
  if (evaluation || p.seats_joined() > 0) {
    Figure(out, w.seats_present, std::to_string(p.seats_joined()));
    Figure(out, w.seats_scored, std::to_string(p.seats_scored()));
  }
  if (!evaluation) {
    Figure(out, w.tables_voted, std::to_string(p.tables_voted()));
    Figure(out, w.points_spent, std::to_string(p.points_spent()));
  }
  out += "</dl><p>";
  out += w.participation_note;
  out += "</p></section>\n";
}

std::string OriginNote(const workshop::Idea& idea, const Words& w) {
  if (!idea.origin || idea.origin->workshop_id().empty()) return {};
  return " <span class=\"muted\">(" + std::string(w.carried_from) + " " +
         EscapeHtml(idea.origin->workshop_id()) + ", " +
         Count(idea.origin->points(), "point", "points", w.language) + ")</span>";
}

// "Besoins", "Accueil · Émotions": the names of an idea's facets in its step.
std::string FacetsText(const v1::WorkshopConfig& config, const workshop::Idea& idea) {
  const v1::Step* step = workshop::FindStep(config, idea.step_id);
  if (step == nullptr) return {};
  std::string text;
  for (v1::FacetKind kind : workshop::kFacetKinds) {
    const uint32_t id = workshop::FacetsOfIdea(idea).Of(kind);
    const v1::Facet* facet = workshop::FindFacet(*step, kind, id);
    if (facet == nullptr) continue;
    if (!text.empty()) text += " · ";
    text += facet->name();
  }
  return text;
}

void AppendIdeas(const WorkshopRecord& record, const Words& w, std::string& out) {
  const workshop::WorkshopState& state = record.state;
  out += "<section id=\"ideas\"><h2>";
  out += w.ideas_and_clusters;
  out += "</h2>";
  if (state.ideas.empty()) {
    out += "<p>";
    out += w.no_ideas;
    out += "</p></section>\n";
    return;
  }
  if (!state.clusters.empty()) {
    out += "<h3>";
    out += w.clusters;
    out += "</h3><div class=\"clusters\">";
    for (const auto& [id, cluster] : state.clusters) {
      out += "<div class=\"cluster\" data-cluster-id=\"" + std::to_string(id) + "\"><h4>";
      Text(out, cluster.title);
      out += " <span class=\"muted\">(" + std::string(w.number) + " " + std::to_string(id) +
             ")</span></h4><ul>";
      for (uint32_t idea_id : cluster.idea_ids) {
        auto idea = state.ideas.find(idea_id);
        if (idea == state.ideas.end()) continue;
        out += "<li>";
        Text(out, idea->second.text);
        out += " <span class=\"muted\">(" + std::string(w.number) + " " + std::to_string(idea_id) +
               ")</span></li>";
      }
      out += "</ul></div>";
    }
    out += "</div>";
  }
  out += "<table class=\"ideas\"><caption>";
  out += w.all_ideas;
  out += "</caption><thead><tr><th scope=\"col\" class=\"num\">";
  out += w.number;
  out += "</th><th scope=\"col\">";
  out += w.idea;
  out += "</th>";
  if (!state.clusters.empty()) {
    out += "<th scope=\"col\">";
    out += w.in_cluster;
    out += "</th>";
  }
  const bool faceted = std::any_of(state.ideas.begin(), state.ideas.end(), [](const auto& idea) {
    return idea.second.category_id != 0 || idea.second.stage_id != 0 || idea.second.lane_id != 0;
  });
  if (faceted) {
    out += "<th scope=\"col\">";
    out += w.facets;
    out += "</th>";
  }
  out += "</tr></thead><tbody>";
  for (const auto& [id, idea] : state.ideas) {
    out += "<tr data-idea-id=\"" + std::to_string(id) + "\"><td class=\"num\">" +
           std::to_string(id) + "</td><td>";
    Text(out, idea.text);
    out += OriginNote(idea, w);
    out += "</td>";
    if (!state.clusters.empty()) {
      out += "<td>";
      if (auto cluster = state.clusters.find(idea.cluster_id); cluster != state.clusters.end()) {
        Text(out, cluster->second.title);
      }
      out += "</td>";
    }
    if (faceted) {
      out += "<td>";
      Text(out, FacetsText(state.config, idea));
      out += "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table></section>\n";
}

void AppendFingerprint(const WorkshopRecord& record, const Words& w, std::string& out) {
  out += "<section id=\"fingerprint\"><h2>";
  out += w.fingerprint;
  out += "</h2><p><code class=\"hash\" id=\"head-hash\">";
  out += HexDigits(record.state.last_hash);
  out += "</code></p><p>";
  out += w.fingerprint_events;
  out += " <span id=\"head-seq\">" + std::to_string(record.state.seq) + "</span>.</p><p>";
  out += w.verify_how;
  out += w.language == Language::kFrench ? "<code>atelier verify FICHIER</code>"
                                         : "<code>atelier verify FILE</code>";
  out += w.verify_compare;
  out += "</p></section>\n";
}

}  // namespace

std::optional<Language> ParseLanguage(std::string_view code) {
  if (code.empty() || code == "fr") return Language::kFrench;
  if (code == "en") return Language::kEnglish;
  return std::nullopt;
}

std::string RenderSynthesis(const WorkshopRecord& record, Language language) {
  const Words& w = WordsFor(language);
  std::string out;
  out.reserve(64 * 1024);
  out += "<!DOCTYPE html>\n<html lang=\"";
  out += w.lang_code;
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
         "content=\"";
  out += kSynthesisCsp;
  out += "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += w.title;
  out += " — ";
  Text(out, record.state.config.question());
  out += "</title>\n<style>\n";
  out += internal::SynthesisCss();
  out += "</style>\n</head>\n<body>\n";
  AppendHeader(record, w, out);
  out += "<main>\n";
  AppendInBrief(record, w, out);
  AppendMethod(record, w, out);
  AppendTimeline(record, w, out);
  AppendParticipation(record, w, out);
  AppendIdeas(record, w, out);
  internal::AppendResults(record, w, out);
  AppendFingerprint(record, w, out);
  out += "</main>\n<footer><p>";
  out += w.made_from;
  out += "</p></footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace atelier::report
