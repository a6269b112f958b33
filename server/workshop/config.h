// Workshop configuration: the template's defaults and the limits a configuration must respect.
//
// Pure functions. A configuration is normalized once, when the workshop is created or
// configured, and the event carries the normalized form: replay never re-applies defaults.
#ifndef ATELIER_SERVER_WORKSHOP_CONFIG_H_
#define ATELIER_SERVER_WORKSHOP_CONFIG_H_

#include <expected>
#include <vector>

#include "atelier/v1/rejection.pb.h"
#include "atelier/v1/workshop.pb.h"

namespace atelier::workshop {

inline constexpr uint32_t kDefaultBudget = 30;
inline constexpr uint32_t kDefaultCap = 3;
inline constexpr uint32_t kDefaultMaxIdeaLength = 500;
inline constexpr uint32_t kMaxIdeaLengthLimit = 5000;
inline constexpr uint32_t kDefaultMaxTables = 400;
inline constexpr uint32_t kMaxTablesLimit = 1000;
inline constexpr uint32_t kDefaultSeatsPerTable = 3;
inline constexpr uint32_t kMaxSeatsPerTable = 12;
inline constexpr uint32_t kMaxBudget = 1000;
inline constexpr uint32_t kMaxQuestionLength = 1000;
inline constexpr uint32_t kMaxTitleLength = 200;
inline constexpr uint32_t kMaxCriteria = 20;
inline constexpr uint32_t kDefaultMaxIdeasPerTable = 50;
inline constexpr uint32_t kMaxIdeasPerTableLimit = 100'000;
inline constexpr uint32_t kMaxMethodNoteLength = 500;
inline constexpr uint32_t kMaxSteps = 40;
inline constexpr int64_t kMaxPlannedMs = 24LL * 60 * 60 * 1000;
inline constexpr uint32_t kMaxInstructionLength = 500;
inline constexpr uint32_t kMaxCriterionWeight = 10;
inline constexpr int64_t kMaxSmileys = 5;  // values of a smiley scale
inline constexpr uint32_t kMaxDots = 100;     // dots per voter in a DOTS ballot
inline constexpr uint32_t kDefaultPick = 3;   // "les 3 projets dont vous êtes le plus fier"
inline constexpr uint32_t kMaxTopOfVote = 1000;  // StepSource.top
inline constexpr uint32_t kMaxChoice = 100;   // targets in a PICK or a limited RANKING

// The ideas one table may have at once: the configured number, or the default for workshops
// created before the setting existed (their configuration says 0).
uint32_t MaxIdeasPerTable(const atelier::v1::WorkshopConfig& config);

// Whether participants act one by one (seats): the workshop has a scoring step, or a vote step
// whose ballots are cast by each seat. Only then may a seat join. `config` has its agenda
// (normalized or upgraded).
bool HasIndividualScoring(const atelier::v1::WorkshopConfig& config);

// The phases of a template, in order: ideation SETUP, DIVERGENCE, GROUPING, CONVERGENCE,
// CONCLUSION; evaluation SETUP, SCORING, CONCLUSION. Its default agenda has one step for each.
std::vector<atelier::v1::Phase> DefaultPhases(atelier::v1::Template t);

// Gives a configuration logged before agendas existed the agenda it stood for: one step per
// phase of `phases` (or of the template's default), ids from 1, no title, no planned time; then
// clears `phases`. A configuration with an agenda is left as it is. Apply and snapshot loading
// call it, so that a log or snapshot written by an earlier version folds to the same workshop.
// Frozen: changing what it gives would change how old logs replay.
void UpgradeConfig(atelier::v1::WorkshopConfig& config);

// The kinds of the agenda's steps, each once, in the order they first appear.
std::vector<atelier::v1::Phase> AgendaKinds(const atelier::v1::WorkshopConfig& config);

// The agenda's step with this id, or nullptr.
const atelier::v1::Step* FindStep(const atelier::v1::WorkshopConfig& config, uint32_t step_id);

// The id of the agenda's first step of this kind after step `after` (0: from the start), else
// the first of that kind anywhere; 0 when the agenda has none.
uint32_t StepOfKind(const atelier::v1::WorkshopConfig& config, atelier::v1::Phase kind,
                    uint32_t after = 0);

// Fills every default and checks every limit (profiles.h and facets.h for the profiles and the
// steps' facets). On failure the rejection has reason INVALID_CONFIG and a message naming the
// field and the rule.
std::expected<atelier::v1::WorkshopConfig, atelier::v1::Rejection> NormalizeConfig(
    const atelier::v1::WorkshopConfig& config);

// Number of Unicode code points in a UTF-8 string (what a person counts as characters).
size_t CountCharacters(std::string_view utf8);

// The text without leading and trailing white space.
std::string_view Trim(std::string_view text);

// A criterion's weight in the overall score: weight, or 1 for configurations logged before
// weights (0).
uint32_t CriterionWeight(const atelier::v1::Criterion& criterion);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_CONFIG_H_
