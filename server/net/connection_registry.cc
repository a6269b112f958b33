#include "server/net/connection_registry.h"

namespace atelier::net {

std::function<void()> ConnectionRegistry::TakeOldestIdle(const AddressKey* address) {
  std::list<Slot*>* list = &idle_;
  if (address != nullptr) {
    auto it = addresses_.find(*address);
    if (it == addresses_.end()) return {};
    list = &it->second.idle;
  }
  if (list->empty()) return {};
  Slot& victim = *list->front();
  Unlist(victim);
  victim.evicted_ = true;
  ++evicting_;
  if (!victim.exempt_) ++addresses_[victim.address_].evicting;
  metrics_.idle_evicted_total.Increment();
  return std::move(victim.evictor_);
}

void ConnectionRegistry::Unlist(Slot& slot) {
  if (!slot.idle_) return;
  slot.idle_ = false;
  idle_.erase(slot.in_idle_);
  if (!slot.exempt_) addresses_[slot.address_].idle.erase(slot.in_address_idle_);
}

std::expected<std::shared_ptr<ConnectionRegistry::Slot>, metrics::Limit> ConnectionRegistry::Open(
    const AddressKey& address, bool exempt_per_address) {
  std::function<void()> evict_for_address;
  std::function<void()> evict_for_total;
  std::shared_ptr<Slot> slot;
  {
    std::lock_guard lock(mu_);
    if (!exempt_per_address) {
      PerAddress& mine = addresses_[address];
      if (mine.open - mine.evicting >= limits_.max_per_address) {
        evict_for_address = TakeOldestIdle(&address);
        if (!evict_for_address) {
          if (mine.open == 0) addresses_.erase(address);
          return std::unexpected(metrics::Limit::kConnectionsPerAddress);
        }
      }
    }
    if (open_ - evicting_ >= limits_.max_total) {
      evict_for_total = TakeOldestIdle(nullptr);
      if (!evict_for_total) {
        if (!exempt_per_address && addresses_[address].open == 0) addresses_.erase(address);
        return std::unexpected(metrics::Limit::kConnections);
      }
    }
    ++open_;
    if (!exempt_per_address) ++addresses_[address].open;
    slot = std::make_shared<Slot>(*this, address, exempt_per_address);
  }
  if (evict_for_address) evict_for_address();
  if (evict_for_total) evict_for_total();
  return slot;
}

bool ConnectionRegistry::EvictOldestIdle() {
  std::function<void()> evict;
  {
    std::lock_guard lock(mu_);
    evict = TakeOldestIdle(nullptr);
  }
  if (!evict) return false;
  evict();
  return true;
}

std::unique_ptr<ConnectionRegistry::RefusalTicket> ConnectionRegistry::StartRefusal() {
  if (refusing_.fetch_add(1) >= kMaxRefusing) {
    refusing_.fetch_sub(1);
    return nullptr;
  }
  return std::make_unique<RefusalTicket>(refusing_);
}

void ConnectionRegistry::Release(Slot& slot) {
  std::lock_guard lock(mu_);
  Unlist(slot);
  --open_;
  if (slot.evicted_) --evicting_;
  if (slot.exempt_) return;
  auto it = addresses_.find(slot.address_);
  if (it == addresses_.end()) return;
  --it->second.open;
  if (slot.evicted_) --it->second.evicting;
  if (it->second.open == 0) addresses_.erase(it);
}

size_t ConnectionRegistry::open() const {
  std::lock_guard lock(mu_);
  return open_;
}

void ConnectionRegistry::Slot::SetEvictor(std::function<void()> evictor) {
  std::lock_guard lock(registry_.mu_);
  evictor_ = std::move(evictor);
}

void ConnectionRegistry::Slot::SetIdle(bool idle) {
  std::lock_guard lock(registry_.mu_);
  if (evicted_ || idle == idle_) return;
  if (!idle) return registry_.Unlist(*this);
  idle_ = true;
  in_idle_ = registry_.idle_.insert(registry_.idle_.end(), this);
  if (!exempt_) {
    auto& list = registry_.addresses_[address_].idle;
    in_address_idle_ = list.insert(list.end(), this);
  }
}

std::expected<void, metrics::Limit> ConnectionRegistry::Slot::Rekey(const AddressKey& address) {
  std::lock_guard lock(registry_.mu_);
  if (evicted_ || (!exempt_ && address == address_)) return {};
  PerAddress& target = registry_.addresses_[address];
  if (target.open - target.evicting >= registry_.limits_.max_per_address) {
    if (target.open == 0) registry_.addresses_.erase(address);
    return std::unexpected(metrics::Limit::kConnectionsPerAddress);
  }
  const bool was_idle = idle_;
  registry_.Unlist(*this);
  if (!exempt_) {
    auto it = registry_.addresses_.find(address_);
    if (it != registry_.addresses_.end() && --it->second.open == 0) registry_.addresses_.erase(it);
  }
  address_ = address;
  exempt_ = false;
  ++registry_.addresses_[address].open;
  if (was_idle) {
    idle_ = true;
    in_idle_ = registry_.idle_.insert(registry_.idle_.end(), this);
    auto& list = registry_.addresses_[address].idle;
    in_address_idle_ = list.insert(list.end(), this);
  }
  return {};
}

}  // namespace atelier::net
