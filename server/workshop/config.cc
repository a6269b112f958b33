#include "server/workshop/config.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "server/workshop/facets.h"
#include "server/workshop/profiles.h"
#include "server/workshop/state.h"

namespace atelier::workshop {
namespace {

std::unexpected<v1::Rejection> Invalid(std::string message) {
  v1::Rejection rejection;
  rejection.set_reason(v1::REJECTION_REASON_INVALID_CONFIG);
  rejection.set_message(std::move(message));
  return std::unexpected(std::move(rejection));
}

// The agenda, from `phases` when the client sent only those (as before agendas): every step's
// kind known, the first a SETUP step, ids unique (0 assigned), texts trimmed and bounded. A
// scoring step appears at most once: a seat's scores are the workshop's, not a step's (each vote
// step has ballots of its own).
std::expected<void, v1::Rejection> NormalizeAgenda(v1::WorkshopConfig& config) {
  if (config.agenda_size() > 0 && config.phases_size() > 0) {
    return Invalid("agenda: give either an agenda or phases, not both");
  }
  std::set<int> seen_phases;
  for (int p : config.phases()) {
    if (p == v1::PHASE_UNSPECIFIED || !v1::Phase_IsValid(p)) {
      return Invalid("phases: unknown phase");
    }
    if (!seen_phases.insert(p).second) return Invalid("phases: a phase appears twice");
  }
  UpgradeConfig(config);
  if (config.agenda_size() > static_cast<int>(kMaxSteps)) {
    return Invalid("agenda: at most " + std::to_string(kMaxSteps) + " steps");
  }
  std::set<uint32_t> ids;
  for (const v1::Step& step : config.agenda()) {
    if (step.id() != 0 && !ids.insert(step.id()).second) {
      return Invalid("agenda: step id " + std::to_string(step.id()) + " appears twice");
    }
  }
  uint32_t next_id = 1;
  std::map<int, int> kinds;
  for (v1::Step& step : *config.mutable_agenda()) {
    if (step.kind() == v1::PHASE_UNSPECIFIED || !v1::Phase_IsValid(step.kind())) {
      return Invalid("agenda: every step needs a known kind");
    }
    ++kinds[step.kind()];
    if (step.id() == 0) {
      while (ids.contains(next_id)) ++next_id;
      step.set_id(next_id);
      ids.insert(next_id);
    }
    step.set_title(std::string(Trim(step.title())));
    if (CountCharacters(step.title()) > kMaxTitleLength) {
      return Invalid("agenda: a step's title is at most " + std::to_string(kMaxTitleLength) +
                     " characters");
    }
    step.set_instruction(std::string(Trim(step.instruction())));
    if (CountCharacters(step.instruction()) > kMaxInstructionLength) {
      return Invalid("agenda: a step's instruction is at most " +
                     std::to_string(kMaxInstructionLength) + " characters");
    }
    if (step.planned_ms() < 0 || step.planned_ms() > kMaxPlannedMs) {
      return Invalid("agenda: a step's planned time is between 0 and 24 hours");
    }
    if (auto facets = NormalizeFacets(step); !facets) return facets;
  }
  if (config.agenda(0).kind() != v1::PHASE_SETUP) {
    return Invalid("agenda: the first step must be a SETUP step (tables join)");
  }
  if (kinds[v1::PHASE_SCORING] > 1) return Invalid("agenda: at most one PHASE_SCORING step");
  return {};
}

// A step's source (Step.source): only on a vote or scoring step, naming earlier steps and facets
// they have, or the top of an earlier vote; lists without repeats.
std::expected<void, v1::Rejection> CheckSource(const v1::WorkshopConfig& config,
                                               const v1::Step& step) {
  if (!step.has_source()) return {};
  const std::string where = "agenda: step " + std::to_string(step.id());
  if (step.kind() != v1::PHASE_CONVERGENCE && step.kind() != v1::PHASE_SCORING) {
    return Invalid(where + ": only a vote or scoring step takes ideas from earlier steps (source)");
  }
  std::vector<const v1::Step*> before;
  for (const v1::Step& s : config.agenda()) {
    if (s.id() == step.id()) break;
    before.push_back(&s);
  }
  auto earlier = [&](uint32_t id) -> const v1::Step* {
    auto it = std::ranges::find_if(before, [&](const v1::Step* s) { return s->id() == id; });
    return it == before.end() ? nullptr : *it;
  };
  auto unique = [](const google::protobuf::RepeatedField<uint32_t>& ids) {
    std::set<uint32_t> seen(ids.begin(), ids.end());
    return seen.size() == static_cast<size_t>(ids.size());
  };
  const v1::StepSource& source = step.source();
  if (source.top_of_step() != 0 || source.top() != 0) {
    const v1::Step* vote = earlier(source.top_of_step());
    if (vote == nullptr || vote->kind() != v1::PHASE_CONVERGENCE) {
      return Invalid(where + ": source.top_of_step must be an earlier vote step");
    }
    if (source.top() == 0 || source.top() > kMaxTopOfVote) {
      return Invalid(where + ": source.top is between 1 and " + std::to_string(kMaxTopOfVote));
    }
    if (!source.step_ids().empty() || !source.category_ids().empty() ||
        !source.stage_ids().empty() || !source.lane_ids().empty()) {
      return Invalid(where + ": a source takes either the top of a vote or the ideas of steps");
    }
    return {};
  }
  if (!unique(source.step_ids()) || !unique(source.category_ids()) ||
      !unique(source.stage_ids()) || !unique(source.lane_ids())) {
    return Invalid(where + ": source names a step or a facet twice");
  }
  std::vector<const v1::Step*> named;
  for (uint32_t id : source.step_ids()) {
    const v1::Step* s = earlier(id);
    if (s == nullptr) {
      return Invalid(where + ": source.step_ids names step " + std::to_string(id) +
                     ", not an earlier step");
    }
    named.push_back(s);
  }
  if (named.empty()) named = before;
  auto known = [&](const google::protobuf::RepeatedField<uint32_t>& ids,
                   auto facets_of, const char* what) -> std::expected<void, v1::Rejection> {
    for (uint32_t id : ids) {
      const bool found = std::ranges::any_of(named, [&](const v1::Step* s) {
        return std::ranges::any_of(facets_of(*s), [&](const v1::Facet& f) { return f.id() == id; });
      });
      if (!found) {
        return Invalid(where + ": source names " + what + " " + std::to_string(id) +
                       ", which none of its steps has");
      }
    }
    return {};
  };
  using Facets = google::protobuf::RepeatedPtrField<v1::Facet>;
  if (auto ok = known(
          source.category_ids(), [](const v1::Step& s) -> const Facets& { return s.categories(); },
          "category");
      !ok) {
    return ok;
  }
  if (auto ok = known(
          source.stage_ids(), [](const v1::Step& s) -> const Facets& { return s.stages(); }, "stage");
      !ok) {
    return ok;
  }
  return known(source.lane_ids(), [](const v1::Step& s) -> const Facets& { return s.lanes(); },
               "lane");
}

// A vote step's ballot with every default filled in (the workshop's budget, cap and self-vote
// for a budget ballot that does not set them), or why it cannot be.
std::expected<void, v1::Rejection> NormalizeBallot(const v1::WorkshopConfig& config, v1::Step& step) {
  const std::string where = "agenda: step " + std::to_string(step.id());
  if (step.kind() != v1::PHASE_CONVERGENCE) {
    if (step.has_ballot()) return Invalid(where + ": only a vote step (CONVERGENCE) has a ballot");
    return {};
  }
  const bool legacy = !step.has_ballot();
  v1::Ballot& b = *step.mutable_ballot();
  if (!v1::BallotKind_IsValid(b.kind())) return Invalid(where + ": unknown ballot kind");
  if (!v1::Voter_IsValid(b.voter())) return Invalid(where + ": unknown voter");
  if (b.kind() == v1::BALLOT_KIND_UNSPECIFIED) b.set_kind(v1::BALLOT_KIND_BUDGET);
  if (b.voter() == v1::VOTER_UNSPECIFIED) b.set_voter(v1::VOTER_TABLE);
  if (legacy) b.set_allow_self_vote(config.allow_self_vote());
  switch (b.kind()) {
    case v1::BALLOT_KIND_BUDGET:
    case v1::BALLOT_KIND_DOTS: {
      const bool dots = b.kind() == v1::BALLOT_KIND_DOTS;
      if (b.count() != 0) return Invalid(where + ": count is for a pick or a ranking");
      if (b.budget() == 0) b.set_budget(dots ? 1 : config.budget_per_table());
      if (b.budget() > (dots ? kMaxDots : kMaxBudget)) {
        return Invalid(where + ": at most " + std::to_string(dots ? kMaxDots : kMaxBudget) +
                       (dots ? " dots" : " points") + " per voter");
      }
      if (b.cap() == 0) b.set_cap(dots ? 1 : std::min(config.cap_per_target(), b.budget()));
      if (b.cap() > b.budget()) return Invalid(where + ": cap larger than the budget");
      break;
    }
    case v1::BALLOT_KIND_PICK:
    case v1::BALLOT_KIND_RANKING:
      if (b.budget() != 0 || b.cap() != 0) {
        return Invalid(where + ": budget and cap are for points or dots");
      }
      if (b.kind() == v1::BALLOT_KIND_PICK && b.count() == 0) b.set_count(kDefaultPick);
      if (b.count() > kMaxChoice) {
        return Invalid(where + ": at most " + std::to_string(kMaxChoice) + " in a choice or ranking");
      }
      break;
    default:  // BUCKETS
      if (b.budget() != 0 || b.cap() != 0 || b.count() != 0) {
        return Invalid(where + ": buckets take no budget, cap or count");
      }
      break;
  }
  return {};
}

}  // namespace

uint32_t MaxIdeasPerTable(const v1::WorkshopConfig& config) {
  return config.max_ideas_per_table() == 0 ? kDefaultMaxIdeasPerTable
                                           : config.max_ideas_per_table();
}

bool HasIndividualScoring(const v1::WorkshopConfig& config) {
  if (StepOfKind(config, v1::PHASE_SCORING) != 0) return true;
  for (const v1::Step& step : config.agenda()) {
    if (step.kind() == v1::PHASE_CONVERGENCE && step.ballot().voter() == v1::VOTER_SEAT) return true;
  }
  return false;
}

std::vector<v1::Phase> DefaultPhases(v1::Template t) {
  if (t == v1::TEMPLATE_EVALUATION) {
    return {v1::PHASE_SETUP, v1::PHASE_SCORING, v1::PHASE_CONCLUSION};
  }
  return {v1::PHASE_SETUP, v1::PHASE_DIVERGENCE, v1::PHASE_GROUPING, v1::PHASE_CONVERGENCE,
          v1::PHASE_CONCLUSION};
}

void UpgradeConfig(v1::WorkshopConfig& config) {
  if (config.agenda_size() > 0) return;
  std::vector<v1::Phase> phases;
  for (int p : config.phases()) phases.push_back(static_cast<v1::Phase>(p));
  if (phases.empty()) phases = DefaultPhases(config.template_());
  uint32_t id = 0;
  for (v1::Phase p : phases) {
    v1::Step& step = *config.add_agenda();
    step.set_id(++id);
    step.set_kind(p);
  }
  config.clear_phases();
}

std::vector<v1::Phase> AgendaKinds(const v1::WorkshopConfig& config) {
  std::vector<v1::Phase> kinds;
  for (const v1::Step& step : config.agenda()) {
    if (std::find(kinds.begin(), kinds.end(), step.kind()) == kinds.end()) {
      kinds.push_back(step.kind());
    }
  }
  return kinds;
}

const v1::Step* FindStep(const v1::WorkshopConfig& config, uint32_t step_id) {
  for (const v1::Step& step : config.agenda()) {
    if (step.id() == step_id) return &step;
  }
  return nullptr;
}

uint32_t StepOfKind(const v1::WorkshopConfig& config, v1::Phase kind, uint32_t after) {
  const auto& agenda = config.agenda();
  auto start = agenda.begin();
  if (after != 0) {
    start = std::find_if(agenda.begin(), agenda.end(),
                         [after](const v1::Step& s) { return s.id() == after; });
    if (start != agenda.end()) ++start;
  }
  auto of_kind = [kind](const v1::Step& s) { return s.kind() == kind; };
  if (auto it = std::find_if(start, agenda.end(), of_kind); it != agenda.end()) return it->id();
  if (auto it = std::find_if(agenda.begin(), agenda.end(), of_kind); it != agenda.end()) {
    return it->id();
  }
  return 0;
}

size_t CountCharacters(std::string_view utf8) {
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

uint32_t CriterionWeight(const v1::Criterion& criterion) {
  return criterion.weight() == 0 ? 1 : criterion.weight();
}

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

std::expected<v1::WorkshopConfig, v1::Rejection> NormalizeConfig(const v1::WorkshopConfig& input) {
  v1::WorkshopConfig config = input;
  config.DiscardUnknownFields();  // only what this server knows goes into the log
  config.set_question(std::string(Trim(config.question())));
  if (config.question().empty()) return Invalid("question: required");
  if (CountCharacters(config.question()) > kMaxQuestionLength) {
    return Invalid("question: longer than " + std::to_string(kMaxQuestionLength) + " characters");
  }
  if (config.template_() == v1::TEMPLATE_UNSPECIFIED) {
    return Invalid("template: required (ideation or evaluation)");
  }
  if (!v1::Template_IsValid(config.template_())) return Invalid("template: unknown value");

  if (auto agenda = NormalizeAgenda(config); !agenda) return std::unexpected(agenda.error());
  if (auto profiles = NormalizeProfiles(config); !profiles) {
    return std::unexpected(profiles.error());
  }

  if (config.budget_per_table() == 0) config.set_budget_per_table(kDefaultBudget);
  if (config.budget_per_table() > kMaxBudget) {
    return Invalid("budget_per_table: at most " + std::to_string(kMaxBudget));
  }
  if (config.cap_per_target() == 0) {
    config.set_cap_per_target(std::min(kDefaultCap, config.budget_per_table()));
  }
  if (config.cap_per_target() > config.budget_per_table()) {
    return Invalid("cap_per_target: larger than budget_per_table");
  }

  for (v1::Step& step : *config.mutable_agenda()) {
    if (auto ballot = NormalizeBallot(config, step); !ballot) return std::unexpected(ballot.error());
    if (auto source = CheckSource(config, step); !source) return std::unexpected(source.error());
  }

  if (config.max_idea_length() == 0) config.set_max_idea_length(kDefaultMaxIdeaLength);
  if (config.max_idea_length() > kMaxIdeaLengthLimit) {
    return Invalid("max_idea_length: at most " + std::to_string(kMaxIdeaLengthLimit));
  }
  if (config.max_tables() == 0) config.set_max_tables(kDefaultMaxTables);
  if (config.max_tables() > kMaxTablesLimit) {
    return Invalid("max_tables: at most " + std::to_string(kMaxTablesLimit));
  }
  if (config.max_ideas_per_table() == 0) config.set_max_ideas_per_table(kDefaultMaxIdeasPerTable);
  if (config.max_ideas_per_table() > kMaxIdeasPerTableLimit) {
    return Invalid("max_ideas_per_table: at most " + std::to_string(kMaxIdeasPerTableLimit));
  }
  config.set_method_note(std::string(Trim(config.method_note())));
  if (CountCharacters(config.method_note()) > kMaxMethodNoteLength) {
    return Invalid("method_note: longer than " + std::to_string(kMaxMethodNoteLength) +
                   " characters");
  }
  if (config.seats_per_table() == 0) config.set_seats_per_table(kDefaultSeatsPerTable);
  if (config.seats_per_table() > kMaxSeatsPerTable) {
    return Invalid("seats_per_table: at most " + std::to_string(kMaxSeatsPerTable));
  }

  if (config.visibility().observer_results() == v1::OBSERVER_RESULTS_UNSPECIFIED) {
    config.mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_LIVE);
  }
  if (!v1::ObserverResults_IsValid(config.visibility().observer_results())) {
    return Invalid("visibility.observer_results: unknown value");
  }

  if (config.criteria_size() > static_cast<int>(kMaxCriteria)) {
    return Invalid("criteria: at most " + std::to_string(kMaxCriteria));
  }
  std::set<uint32_t> criterion_ids;
  uint32_t next_id = 1;
  for (v1::Criterion& c : *config.mutable_criteria()) {
    c.set_name(std::string(Trim(c.name())));
    if (c.name().empty()) return Invalid("criteria: every criterion needs a name");
    c.set_low_label(std::string(Trim(c.low_label())));
    c.set_high_label(std::string(Trim(c.high_label())));
    for (const std::string* text : {&c.name(), &c.low_label(), &c.high_label()}) {
      if (CountCharacters(*text) > kMaxTitleLength) {
        return Invalid("criteria: names and labels are at most " +
                       std::to_string(kMaxTitleLength) + " characters");
      }
    }
    if (c.id() == 0) {
      while (criterion_ids.contains(next_id)) ++next_id;
      c.set_id(next_id);
    }
    if (!criterion_ids.insert(c.id()).second) {
      return Invalid("criteria: id " + std::to_string(c.id()) + " appears twice");
    }
    if (c.direction() == v1::DIRECTION_UNSPECIFIED) c.set_direction(v1::DIRECTION_HIGHER_IS_BETTER);
    if (!v1::Direction_IsValid(c.direction())) return Invalid("criteria: unknown direction");
    if (c.scale() == v1::SCALE_UNSPECIFIED) c.set_scale(v1::SCALE_NUMBERS);
    if (!v1::Scale_IsValid(c.scale())) return Invalid("criteria: unknown scale");
    const bool smileys = c.scale() == v1::SCALE_SMILEYS;
    if (c.min_value() == 0 && c.max_value() == 0) {
      c.set_min_value(smileys ? 1 : 0);
      c.set_max_value(smileys ? kMaxSmileys : 10);
    }
    if (c.min_value() >= c.max_value()) {
      return Invalid("criteria '" + c.name() + "': min_value must be below max_value");
    }
    const int64_t values = static_cast<int64_t>(c.max_value()) - c.min_value() + 1;
    if (values > kMaxRange) {
      return Invalid("criteria '" + c.name() + "': at most " + std::to_string(kMaxRange) +
                     " possible values");
    }
    if (smileys && values > kMaxSmileys) {
      return Invalid("criteria '" + c.name() + "': a smiley scale has at most " +
                     std::to_string(kMaxSmileys) + " values (a face each)");
    }
    if (c.weight() == 0) c.set_weight(1);
    if (c.weight() > kMaxCriterionWeight) {
      return Invalid("criteria '" + c.name() + "': weight is 1 to " +
                     std::to_string(kMaxCriterionWeight));
    }
  }
  if (StepOfKind(config, v1::PHASE_SCORING) != 0 && config.criteria().empty()) {
    return Invalid("criteria: a workshop with a scoring step needs at least one criterion");
  }
  return config;
}

}  // namespace atelier::workshop
