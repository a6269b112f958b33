#include "server/workshop/applied_commands.h"

#include <algorithm>
#include <functional>
#include <tuple>

namespace atelier::workshop {

namespace {

// The number ActorKey writes after the kind's letter (none for the animateur).
uint32_t ActorNumber(const v1::Actor& actor) {
  switch (actor.kind()) {
    case v1::ACTOR_KIND_TABLE:
      return actor.table_id();
    case v1::ACTOR_KIND_SEAT:
      return actor.seat_id();
    default:
      return 0;
  }
}

std::string KeyOfKindAndNumber(int kind, uint32_t number) {
  // Appended piecewise: "t" + std::to_string(...) trips a false -Wrestrict in GCC 12.
  std::string key;
  switch (kind) {
    case v1::ACTOR_KIND_TABLE:
      key += 't';
      key += std::to_string(number);
      break;
    case v1::ACTOR_KIND_SEAT:
      key += 's';
      key += std::to_string(number);
      break;
    case v1::ACTOR_KIND_ANIMATEUR:
      key += 'a';
      break;
    default:
      key += 'x';
      key += std::to_string(kind);
      break;
  }
  return key;
}

}  // namespace

std::string ActorKey(const v1::Actor& actor) {
  return KeyOfKindAndNumber(static_cast<int>(actor.kind()), ActorNumber(actor));
}

AppliedCommands::ActorId AppliedCommands::IdOf(const v1::Actor& actor) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(actor.kind())) << 32) | ActorNumber(actor);
}

std::string AppliedCommands::KeyOf(ActorId id) {
  return KeyOfKindAndNumber(static_cast<int>(id >> 32), static_cast<uint32_t>(id));
}

uint64_t AppliedCommands::HashOf(std::string_view command_id) {
  return std::hash<std::string_view>{}(command_id);
}

std::optional<size_t> AppliedCommands::Ring::Find(uint64_t hash,
                                                  std::string_view command_id) const {
  for (size_t i = 0; i < hashes.size(); ++i) {
    if (hashes[i] == hash && slots[i].command_id == command_id) return i;
  }
  return std::nullopt;
}

void AppliedCommands::Ring::Erase(size_t index) {
  std::rotate(hashes.begin(), hashes.begin() + oldest, hashes.end());
  std::rotate(slots.begin(), slots.begin() + oldest, slots.end());
  index = (index + slots.size() - oldest) % slots.size();
  oldest = 0;
  hashes.erase(hashes.begin() + index);
  slots.erase(slots.begin() + index);
}

bool AppliedCommands::Ring::Push(uint64_t hash, std::string_view command_id, uint64_t seq,
                                 uint64_t fingerprint) {
  if (slots.size() < kRememberedPerActor) {
    hashes.push_back(hash);
    slots.push_back(Slot{std::string(command_id), seq, fingerprint});
    return false;
  }
  Slot& slot = slots[oldest];
  slot.command_id.assign(command_id);  // its buffer reused
  slot.seq = seq;
  slot.fingerprint = fingerprint;
  hashes[oldest] = hash;
  oldest = (oldest + 1) % slots.size();
  return true;
}

bool AppliedCommands::Ring::operator==(const Ring& other) const {
  if (size() != other.size()) return false;
  for (size_t i = 0; i < size(); ++i) {
    const Slot& a = at(i);
    const Slot& b = other.at(i);
    if (std::tie(a.command_id, a.seq, a.fingerprint) !=
        std::tie(b.command_id, b.seq, b.fingerprint)) {
      return false;
    }
  }
  return true;
}

void AppliedCommands::Remember(const v1::Actor& actor, std::string_view command_id, uint64_t seq,
                               uint64_t fingerprint) {
  Ring& ring = actors_[IdOf(actor)];
  const uint64_t hash = HashOf(command_id);
  if (std::optional<size_t> index = ring.Find(hash, command_id)) {
    ring.Erase(*index);
    --size_;
  }
  if (!ring.Push(hash, command_id, seq, fingerprint)) ++size_;
}

std::optional<uint64_t> AppliedCommands::Find(const v1::Actor& actor,
                                              std::string_view command_id) const {
  std::optional<Applied> applied = FindApplied(actor, command_id);
  if (!applied) return std::nullopt;
  return applied->seq;
}

std::optional<AppliedCommands::Applied> AppliedCommands::FindApplied(
    const v1::Actor& actor, std::string_view command_id) const {
  auto found = actors_.find(IdOf(actor));
  if (found == actors_.end()) return std::nullopt;
  const Ring& ring = found->second;
  std::optional<size_t> index = ring.Find(HashOf(command_id), command_id);
  if (!index) return std::nullopt;
  return Applied{ring.slots[*index].seq, ring.slots[*index].fingerprint};
}

std::vector<AppliedCommands::Entry> AppliedCommands::Entries() const {
  std::vector<Entry> out;
  out.reserve(size_);
  for (const auto& [id, ring] : actors_) {
    const std::string key = KeyOf(id);
    for (const Ring::Slot& slot : ring.slots) {
      out.push_back(Entry{.actor_key = key,
                          .command_id = slot.command_id,
                          .seq = slot.seq,
                          .fingerprint = slot.fingerprint});
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

bool AppliedCommands::operator==(const AppliedCommands& other) const {
  return size_ == other.size_ && actors_ == other.actors_;
}

}  // namespace atelier::workshop
