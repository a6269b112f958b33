// Participant profiles (role cards, 000:1091): the configuration's list, and the profile a table
// or a seat chooses when it joins. A table's ideas and points, and a seat's scores, count for its
// profile in the results (results.h).
//
// Pure functions; thread-compatible.
#ifndef ATELIER_SERVER_WORKSHOP_PROFILES_H_
#define ATELIER_SERVER_WORKSHOP_PROFILES_H_

#include <cstdint>
#include <expected>

#include "atelier/v1/rejection.pb.h"
#include "atelier/v1/workshop.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

inline constexpr uint32_t kMaxProfiles = 12;
inline constexpr uint32_t kMaxProfileNameLength = 60;          // characters
inline constexpr uint32_t kMaxProfileDescriptionLength = 300;  // characters

// Trims names and descriptions, gives the profiles without an id the next free ones from 1, and
// checks the limits: at most kMaxProfiles, every name given and unique (ignoring ASCII case),
// lengths, ids unique. On failure: INVALID_CONFIG with a message naming the rule.
std::expected<void, v1::Rejection> NormalizeProfiles(v1::WorkshopConfig& config);

// The configuration's profile with this id, or nullptr (always for id 0).
const v1::Profile* FindProfile(const v1::WorkshopConfig& config, ProfileId id);

// Whether a table or a seat may join as `profile_id`: when the workshop has profiles, one of
// them (PROFILE_REQUIRED for 0, UNKNOWN_PROFILE with profile_id for another); when it has none,
// 0 only (UNKNOWN_PROFILE).
std::expected<void, v1::Rejection> CheckProfileChoice(const v1::WorkshopConfig& config,
                                                      ProfileId profile_id);

// Whether `config` may replace the state's configuration as far as profiles go: it keeps every
// profile a table or a seat has joined as (by id; a name may change). INVALID_CONFIG otherwise.
std::expected<void, v1::Rejection> KeepsProfilesInUse(const WorkshopState& state,
                                                      const v1::WorkshopConfig& config);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_PROFILES_H_
