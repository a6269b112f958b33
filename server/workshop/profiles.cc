#include "server/workshop/profiles.h"

#include <set>
#include <string>

#include "server/workshop/config.h"

namespace atelier::workshop {
namespace {

std::unexpected<v1::Rejection> InvalidProfiles(std::string message) {
  v1::Rejection rejection;
  rejection.set_reason(v1::REJECTION_REASON_INVALID_CONFIG);
  rejection.set_message("profiles: " + std::move(message));
  return std::unexpected(std::move(rejection));
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::expected<void, v1::Rejection> NormalizeProfiles(v1::WorkshopConfig& config) {
  if (config.profiles_size() > static_cast<int>(kMaxProfiles)) {
    return InvalidProfiles("at most " + std::to_string(kMaxProfiles));
  }
  std::set<uint32_t> ids;
  for (const v1::Profile& p : config.profiles()) {
    if (p.id() != 0 && !ids.insert(p.id()).second) {
      return InvalidProfiles("id " + std::to_string(p.id()) + " appears twice");
    }
  }
  std::set<std::string> names;
  uint32_t next_id = 1;
  for (v1::Profile& p : *config.mutable_profiles()) {
    p.set_name(std::string(Trim(p.name())));
    if (p.name().empty()) return InvalidProfiles("every profile needs a name");
    if (CountCharacters(p.name()) > kMaxProfileNameLength) {
      return InvalidProfiles("a name is at most " + std::to_string(kMaxProfileNameLength) +
                             " characters");
    }
    if (!names.insert(AsciiLower(p.name())).second) {
      return InvalidProfiles("'" + p.name() + "' appears twice");
    }
    p.set_description(std::string(Trim(p.description())));
    if (CountCharacters(p.description()) > kMaxProfileDescriptionLength) {
      return InvalidProfiles("a description is at most " +
                             std::to_string(kMaxProfileDescriptionLength) + " characters");
    }
    if (p.id() == 0) {
      while (ids.contains(next_id)) ++next_id;
      p.set_id(next_id);
      ids.insert(next_id);
    }
  }
  return {};
}

const v1::Profile* FindProfile(const v1::WorkshopConfig& config, ProfileId id) {
  if (id == 0) return nullptr;
  for (const v1::Profile& p : config.profiles()) {
    if (p.id() == id) return &p;
  }
  return nullptr;
}

std::expected<void, v1::Rejection> CheckProfileChoice(const v1::WorkshopConfig& config,
                                                      ProfileId profile_id) {
  if (config.profiles().empty() && profile_id == 0) return {};
  if (profile_id == 0) {
    v1::Rejection rejection;
    rejection.set_reason(v1::REJECTION_REASON_PROFILE_REQUIRED);
    rejection.set_message("this workshop has profiles: choose one to join (" +
                          std::to_string(config.profiles_size()) + " to choose from)");
    return std::unexpected(std::move(rejection));
  }
  if (FindProfile(config, profile_id) != nullptr) return {};
  v1::Rejection rejection;
  rejection.set_reason(v1::REJECTION_REASON_UNKNOWN_PROFILE);
  rejection.set_message(config.profiles().empty()
                            ? "this workshop has no profiles: join without one"
                            : "profile " + std::to_string(profile_id) +
                                  " is not one of this workshop's profiles");
  rejection.set_profile_id(profile_id);
  return std::unexpected(std::move(rejection));
}

std::expected<void, v1::Rejection> KeepsProfilesInUse(const WorkshopState& state,
                                                      const v1::WorkshopConfig& config) {
  auto kept = [&](ProfileId id) { return id == 0 || FindProfile(config, id) != nullptr; };
  for (const auto& [id, table] : state.tables) {
    if (!kept(table.profile_id)) {
      return InvalidProfiles("table " + std::to_string(id) + " has joined as profile " +
                             std::to_string(table.profile_id) + ": keep it");
    }
  }
  for (const auto& [id, seat] : state.seats) {
    if (!kept(seat.profile_id)) {
      return InvalidProfiles("seat " + std::to_string(id) + " has joined as profile " +
                             std::to_string(seat.profile_id) + ": keep it");
    }
  }
  return {};
}

}  // namespace atelier::workshop
