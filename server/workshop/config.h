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

// The ideas one table may have at once: the configured number, or the default for workshops
// created before the setting existed (their configuration says 0).
uint32_t MaxIdeasPerTable(const atelier::v1::WorkshopConfig& config);

// Whether the workshop has a scoring phase, where participants score one by one (seats): only
// then may a seat join. `config` is normalized (its phases filled in).
bool HasIndividualScoring(const atelier::v1::WorkshopConfig& config);

// The phases of a template, in order: ideation SETUP, DIVERGENCE, GROUPING, CONVERGENCE,
// CONCLUSION; evaluation SETUP, SCORING, CONCLUSION.
std::vector<atelier::v1::Phase> DefaultPhases(atelier::v1::Template t);

// Fills every default and checks every limit. On failure the rejection has reason
// INVALID_CONFIG and a message naming the field and the rule.
std::expected<atelier::v1::WorkshopConfig, atelier::v1::Rejection> NormalizeConfig(
    const atelier::v1::WorkshopConfig& config);

// Number of Unicode code points in a UTF-8 string (what a person counts as characters).
size_t CountCharacters(std::string_view utf8);

// The text without leading and trailing white space.
std::string_view Trim(std::string_view text);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_CONFIG_H_
