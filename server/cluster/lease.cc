#include "server/cluster/lease.h"

namespace atelier::cluster {

using Failure = NatsBus::Bucket::Failure;

Leases::Leases(NatsBus::Bucket& bucket, std::string node, std::string boot,
               std::chrono::milliseconds ttl)
    : bucket_(bucket), node_(std::move(node)), boot_(std::move(boot)), ttl_(ttl) {}

Leases::Holder Leases::Parse(const std::string& value) {
  const size_t space = value.find(' ');
  if (space == std::string::npos) return Holder{value, ""};
  return Holder{value.substr(0, space), value.substr(space + 1)};
}

bool Leases::Holds(const std::string& workshop_id) const {
  std::lock_guard lock(mu_);
  return held_.contains(workshop_id);
}

std::expected<Leases::Holder, std::string> Leases::Acquire(const std::string& workshop_id) {
  const std::string mine = Value();
  // Two tries: a lease that ages out between our read and our write is created on the second.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto created = bucket_.Create(workshop_id, mine);
    if (created) {
      std::lock_guard lock(mu_);
      held_[workshop_id] = *created;
      return Holder{node_, boot_};
    }
    if (created.error() == Failure::kUnavailable) return std::unexpected("NATS did not answer");
    auto entry = bucket_.Get(workshop_id);
    if (!entry) return std::unexpected("NATS did not answer");
    if (!*entry) continue;  // gone meanwhile: create it again
    const Holder holder = Parse((*entry)->value);
    if (holder.node != node_) {
      std::lock_guard lock(mu_);
      held_.erase(workshop_id);
      return holder;
    }
    // Ours, from this boot or an earlier one of this node (it restarted): written again as ours.
    auto updated = bucket_.Update(workshop_id, mine, (*entry)->revision);
    if (updated) {
      std::lock_guard lock(mu_);
      held_[workshop_id] = *updated;
      return Holder{node_, boot_};
    }
    if (updated.error() == Failure::kUnavailable) return std::unexpected("NATS did not answer");
  }
  return std::unexpected("the lease kept changing hands");
}

std::vector<std::string> Leases::Renew(const std::function<bool(const std::string&)>& served) {
  std::map<std::string, uint64_t, std::less<>> held;
  {
    std::lock_guard lock(mu_);
    held = held_;
  }
  std::vector<std::string> lost;
  for (const auto& [workshop_id, revision] : held) {
    if (!served(workshop_id)) {
      std::lock_guard lock(mu_);
      held_.erase(workshop_id);
      continue;
    }
    auto updated = bucket_.Update(workshop_id, Value(), revision);
    if (updated) {
      std::lock_guard lock(mu_);
      if (held_.contains(workshop_id)) held_[workshop_id] = *updated;
      continue;
    }
    if (updated.error() == Failure::kUnavailable) continue;  // NATS away: tried again next time
    // The revision moved: aged out (a long cut) and maybe taken. Take it again if we can.
    auto holder = Acquire(workshop_id);
    if (holder && holder->node != node_) lost.push_back(workshop_id);
  }
  return lost;
}

void Leases::ReleaseAll() {
  std::map<std::string, uint64_t, std::less<>> held;
  {
    std::lock_guard lock(mu_);
    held.swap(held_);
  }
  for (const auto& [workshop_id, revision] : held) bucket_.Delete(workshop_id);
}

}  // namespace atelier::cluster
