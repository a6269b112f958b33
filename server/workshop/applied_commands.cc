#include "server/workshop/applied_commands.h"

#include <algorithm>
#include <tuple>

namespace atelier::workshop {

std::string ActorKey(const v1::Actor& actor) {
  // Appended piecewise: "t" + std::to_string(...) trips a false -Wrestrict in GCC 12.
  std::string key;
  switch (actor.kind()) {
    case v1::ACTOR_KIND_TABLE:
      key += 't';
      key += std::to_string(actor.table_id());
      break;
    case v1::ACTOR_KIND_SEAT:
      key += 's';
      key += std::to_string(actor.seat_id());
      break;
    case v1::ACTOR_KIND_ANIMATEUR:
      key += 'a';
      break;
    default:
      key += 'x';
      key += std::to_string(static_cast<int>(actor.kind()));
      break;
  }
  return key;
}

void AppliedCommands::Remember(const v1::Actor& actor, const std::string& command_id,
                               uint64_t seq, uint64_t fingerprint) {
  Remember(ActorKey(actor), command_id, seq, fingerprint);
}

void AppliedCommands::Remember(const std::string& actor_key, const std::string& command_id,
                               uint64_t seq, uint64_t fingerprint) {
  ActorCommands& commands = actors_[actor_key];
  if (auto it = commands.by_id.find(command_id); it != commands.by_id.end()) {
    std::erase_if(commands.oldest_first, [&](const auto& c) { return c.second == command_id; });
    commands.by_id.erase(it);
    --size_;
  }
  commands.oldest_first.emplace_back(seq, command_id);
  commands.by_id.emplace(command_id, Applied{seq, fingerprint});
  ++size_;
  if (commands.oldest_first.size() > kRememberedPerActor) {
    commands.by_id.erase(commands.oldest_first.front().second);
    commands.oldest_first.pop_front();
    --size_;
  }
}

std::optional<uint64_t> AppliedCommands::Find(const v1::Actor& actor,
                                              const std::string& command_id) const {
  return Find(ActorKey(actor), command_id);
}

std::optional<uint64_t> AppliedCommands::Find(const std::string& actor_key,
                                              const std::string& command_id) const {
  auto actor = actors_.find(actor_key);
  if (actor == actors_.end()) return std::nullopt;
  auto it = actor->second.by_id.find(command_id);
  if (it == actor->second.by_id.end()) return std::nullopt;
  return it->second.seq;
}

std::optional<AppliedCommands::Applied> AppliedCommands::FindApplied(
    const v1::Actor& actor, const std::string& command_id) const {
  auto found = actors_.find(ActorKey(actor));
  if (found == actors_.end()) return std::nullopt;
  auto it = found->second.by_id.find(command_id);
  if (it == found->second.by_id.end()) return std::nullopt;
  return it->second;
}

std::vector<AppliedCommands::Entry> AppliedCommands::Entries() const {
  std::vector<Entry> out;
  out.reserve(size_);
  for (const auto& [key, commands] : actors_) {
    for (const auto& [seq, id] : commands.oldest_first) {
      out.push_back(Entry{.actor_key = key,
                          .command_id = id,
                          .seq = seq,
                          .fingerprint = commands.by_id.at(id).fingerprint});
    }
  }
  std::ranges::sort(out, [](const Entry& a, const Entry& b) {
    return std::tie(a.seq, a.actor_key, a.command_id) < std::tie(b.seq, b.actor_key, b.command_id);
  });
  return out;
}

void AppliedCommands::clear() {
  actors_.clear();
  size_ = 0;
}

}  // namespace atelier::workshop
