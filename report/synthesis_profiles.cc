// The synthesis's results per profile and consolidation tables (synthesis.h says what it holds):
// side by side, so that usagers' and agents' views can be read across (the satisfaction
// barometer, 001:26), and the role cards' ideas per profile and category (000:1106).
#include <map>
#include <string>

#include "report/synthesis_parts.h"
#include "server/workshop/config.h"

namespace atelier::report::internal {
namespace {

void HeaderCell(std::string& out, std::string_view label, bool numeric) {
  out += numeric ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">";
  Text(out, label);
  out += "</th>";
}

void NumberCell(std::string& out, const std::string& value) {
  out += "<td class=\"num\">" + value + "</td>";
}

std::string StepName(const WorkshopRecord& record, uint32_t step_id, const Words& w) {
  const v1::Step* step = workshop::FindStep(record.state.config, step_id);
  if (step != nullptr && !step->title().empty()) return step->title();
  return std::string(w.step) + " " + std::to_string(step_id);
}

// The header row: `first`, "Everyone" when `with_everyone`, then each profile's name.
void ProfileHeader(const v1::Results& results, const Words& w, std::string_view first,
                   bool with_everyone, std::string& out) {
  out += "<thead><tr>";
  HeaderCell(out, first, false);
  if (with_everyone) HeaderCell(out, w.everyone, true);
  for (const v1::ProfileResults& p : results.profiles()) HeaderCell(out, p.name(), true);
  out += "</tr></thead><tbody>";
}

void AppendParticipationByProfile(const WorkshopRecord& record, const Words& w, std::string& out) {
  const bool evaluation = record.state.config.template_() == v1::TEMPLATE_EVALUATION;
  const bool seats = evaluation || record.results.participation().seats_joined() > 0;
  out += "<h4>";
  out += w.participation_by_profile;
  out += "</h4><table class=\"by-profile\" id=\"profile-participation\"><thead><tr>";
  HeaderCell(out, w.profile, false);
  HeaderCell(out, w.tables_present, true);
  if (seats) {
    HeaderCell(out, w.seats_present, true);
    HeaderCell(out, w.seats_scored, true);
  }
  if (!evaluation) {
    HeaderCell(out, w.ideas_count, true);
    HeaderCell(out, w.points_spent, true);
  }
  out += "</tr></thead><tbody>";
  for (const v1::ProfileResults& p : record.results.profiles()) {
    const v1::Participation& share = p.participation();
    out += "<tr data-profile-id=\"" + std::to_string(p.profile_id()) + "\"><th scope=\"row\">";
    Text(out, p.name());
    out += "</th>";
    NumberCell(out, std::to_string(share.tables_joined()));
    if (seats) {
      NumberCell(out, std::to_string(share.seats_joined()));
      NumberCell(out, std::to_string(share.seats_scored()));
    }
    if (!evaluation) {
      NumberCell(out, std::to_string(share.ideas()));
      NumberCell(out, std::to_string(share.points_spent()));
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
}

// One vote step's targets (in its results' order) with their points for everyone and for each
// profile: points, dots, choices, Borda points or coffre-forts, as the step counts them.
void AppendVoteByProfile(const WorkshopRecord& record, const Words& w, uint32_t step_id,
                         const google::protobuf::RepeatedPtrField<v1::TargetResult>& targets,
                         bool several, std::string& out) {
  const v1::Results& results = record.results;
  std::vector<std::map<uint32_t, uint32_t>> by_profile;  // target -> points, per profile
  bool any = false;
  for (const v1::ProfileResults& p : results.profiles()) {
    auto& points = by_profile.emplace_back();
    for (const v1::VoteResults& vote : p.votes()) {
      if (vote.step_id() != step_id) continue;
      for (const v1::TargetResult& t : vote.targets()) points[t.target_id()] = t.points();
    }
    any = any || !points.empty();
  }
  if (!any) return;
  out += "<h4>";
  out += w.points_by_profile;
  if (several) {
    out += " — ";
    Text(out, StepName(record, step_id, w));
  }
  out += "</h4><table class=\"by-profile\" data-step-id=\"" + std::to_string(step_id) + "\">";
  ProfileHeader(results, w, w.idea_or_cluster, true, out);
  for (const v1::TargetResult& target : targets) {
    if (target.points() == 0) continue;
    out += "<tr data-target-id=\"" + std::to_string(target.target_id()) + "\"><th scope=\"row\">";
    Text(out, target.text());
    out += "</th>";
    NumberCell(out, std::to_string(target.points()));
    for (const auto& points : by_profile) {
      auto it = points.find(target.target_id());
      NumberCell(out, std::to_string(it == points.end() ? 0 : it->second));
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
}

void AppendVotesByProfile(const WorkshopRecord& record, const Words& w, std::string& out) {
  const v1::Results& results = record.results;
  const bool several = results.other_votes_size() > 0;
  if (results.vote_step_id() != 0) {
    AppendVoteByProfile(record, w, results.vote_step_id(), results.points(), several, out);
  }
  for (const v1::VoteResults& vote : results.other_votes()) {
    AppendVoteByProfile(record, w, vote.step_id(), vote.targets(), several, out);
  }
}

// Per idea (in the overall ranking's order): the overall score, then each criterion's mean,
// for everyone and for each profile; "—" where nobody of that profile scored.
void AppendEvaluationsByProfile(const WorkshopRecord& record, const Words& w, std::string& out) {
  const v1::Results& results = record.results;
  // (profile index, idea) -> its evaluation by that profile
  std::vector<std::map<uint32_t, const v1::IdeaEvaluation*>> by_profile;
  for (const v1::ProfileResults& p : results.profiles()) {
    auto& evaluations = by_profile.emplace_back();
    for (const v1::IdeaEvaluation& e : p.evaluations()) evaluations[e.idea_id()] = &e;
  }
  auto scored = [](const v1::IdeaEvaluation& e) {
    for (const v1::CriterionResult& c : e.criteria()) {
      if (c.count() > 0) return true;
    }
    return false;
  };
  // column < 0: the overall score; otherwise that criterion's mean.
  auto table = [&](const char* title, const std::string& id, int column) {
    out += "<h4>";
    Text(out, title);
    out += "</h4><table class=\"by-profile\" id=\"" + id + "\">";
    ProfileHeader(results, w, w.idea, true, out);
    auto cell = [&](const v1::IdeaEvaluation* e) {
      if (e == nullptr) return NumberCell(out, "—");
      if (column < 0)
        return NumberCell(out, scored(*e) ? FormatDecimal(e->overall(), w.language) : "—");
      if (column >= e->criteria_size() || e->criteria(column).count() == 0) {
        return NumberCell(out, "—");
      }
      NumberCell(out, FormatDecimal(e->criteria(column).mean(), w.language));
    };
    for (const v1::IdeaEvaluation& e : results.evaluations()) {
      out += "<tr data-idea-id=\"" + std::to_string(e.idea_id()) + "\"><th scope=\"row\">";
      Text(out, e.text());
      out += "</th>";
      cell(&e);
      for (const auto& evaluations : by_profile) {
        auto it = evaluations.find(e.idea_id());
        cell(it == evaluations.end() ? nullptr : it->second);
      }
      out += "</tr>";
    }
    out += "</tbody></table>";
  };
  table(w.overall_by_profile, "profile-overall", -1);
  const auto& criteria = record.state.config.criteria();
  for (int i = 0; i < criteria.size(); ++i) {
    table((std::string(w.mean_by_profile) + " " + criteria[i].name()).c_str(),
          "profile-criterion-" + std::to_string(criteria[i].id()), i);
  }
}


}  // namespace

void AppendProfileResults(const WorkshopRecord& record, const Words& w, std::string& out) {
  if (record.results.profiles_size() == 0) return;
  out += "<h3 id=\"per-profile\">";
  out += w.per_profile;
  out += "</h3><p class=\"small\">";
  out += w.per_profile_note;
  out += "</p>";
  AppendParticipationByProfile(record, w, out);
  AppendVotesByProfile(record, w, out);
  if (record.results.evaluations_size() > 0) AppendEvaluationsByProfile(record, w, out);
}

void AppendConsolidations(const WorkshopRecord& record, const Words& w, std::string& out) {
  if (record.results.consolidations_size() == 0) return;
  const auto& config = record.state.config;
  out += "<h3 id=\"consolidation\">";
  out += w.consolidation;
  out += "</h3><p class=\"small\">";
  out += w.consolidation_note;
  out += "</p>";
  for (const v1::Consolidation& table : record.results.consolidations()) {
    const v1::Step* step = workshop::FindStep(config, table.step_id());
    if (step == nullptr) continue;
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> cells;  // (profile, category) -> ideas
    bool without_profile = false;
    for (const v1::ConsolidationCell& c : table.cells()) {
      cells[{c.profile_id(), c.category_id()}] = c.ideas();
      without_profile = without_profile || c.profile_id() == 0;
    }
    std::vector<std::pair<uint32_t, std::string>> rows;  // profile id, name
    for (const v1::Profile& p : config.profiles()) rows.emplace_back(p.id(), p.name());
    if (without_profile) rows.emplace_back(0, w.no_profile);
    out += "<table class=\"consolidation\" data-step-id=\"" + std::to_string(table.step_id()) +
           "\"><caption>";
    Text(out, StepName(record, table.step_id(), w));
    out += "</caption><thead><tr>";
    HeaderCell(out, w.profile, false);
    for (const v1::Facet& category : step->categories()) HeaderCell(out, category.name(), true);
    HeaderCell(out, w.total, true);
    out += "</tr></thead><tbody>";
    std::map<uint32_t, uint32_t> column_totals;
    uint32_t grand_total = 0;
    for (const auto& [profile, name] : rows) {
      out += "<tr data-profile-id=\"" + std::to_string(profile) + "\"><th scope=\"row\">";
      Text(out, name);
      out += "</th>";
      uint32_t row_total = 0;
      for (const v1::Facet& category : step->categories()) {
        auto it = cells.find({profile, category.id()});
        const uint32_t n = it == cells.end() ? 0 : it->second;
        row_total += n;
        column_totals[category.id()] += n;
        NumberCell(out, std::to_string(n));
      }
      grand_total += row_total;
      NumberCell(out, std::to_string(row_total));
      out += "</tr>";
    }
    out += "<tr class=\"total\"><th scope=\"row\">";
    out += w.total;
    out += "</th>";
    for (const v1::Facet& category : step->categories()) {
      NumberCell(out, std::to_string(column_totals[category.id()]));
    }
    NumberCell(out, std::to_string(grand_total));
    out += "</tr></tbody></table>";
  }
}

}  // namespace atelier::report::internal
