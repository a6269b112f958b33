#include "server/net/address_limiter.h"

namespace atelier::net {

using std::chrono::milliseconds;

AddressLimiter::Entry* AddressLimiter::Find(const AddressKey& address, Clock::time_point now) {
  if (++calls_ % 1024 == 0) Sweep(now);
  auto it = entries_.find(address);
  if (it != entries_.end()) return &it->second;
  if (entries_.size() >= limits_.max_addresses) {
    Sweep(now);
    if (entries_.size() >= limits_.max_addresses) return nullptr;
  }
  return &entries_[address];
}

bool AddressLimiter::Trusted(const Entry& entry, Clock::time_point now) const {
  return entry.welcomed != Clock::time_point{} && now - entry.welcomed < limits_.trust_window;
}

void AddressLimiter::Sweep(Clock::time_point now) {
  std::erase_if(entries_, [&](const auto& item) {
    const Entry& e = item.second;
    return e.hellos.Full(limits_.hellos, now) && e.failed.Full(limits_.failed_codes, now) &&
           e.tables.Full(limits_.tables, now) && e.api.Full(limits_.api, now) && !Trusted(e, now);
  });
}

std::optional<Refusal> AddressLimiter::AdmitHello(const AddressKey& address, Credential credential,
                                                  bool takes_table, Clock::time_point now) {
  std::lock_guard lock(mu_);
  Entry* entry = Find(address, now);
  if (entry == nullptr) return Refusal{metrics::Limit::kHellos, milliseconds(1000)};
  if (!entry->hellos.TryTake(limits_.hellos, now)) {
    return Refusal{metrics::Limit::kHellos, entry->hellos.RetryAfter(limits_.hellos, now)};
  }
  if (credential == Credential::kCode) {
    if (!limits_.failed_codes.off() && entry->failed.Tokens(limits_.failed_codes, now) < 1) {
      return Refusal{metrics::Limit::kFailedCodes,
                     entry->failed.RetryAfter(limits_.failed_codes, now)};
    }
    if (!limits_.failed_codes_total.off() && !Trusted(*entry, now) &&
        failed_total_.Tokens(limits_.failed_codes_total, now) < 1) {
      return Refusal{metrics::Limit::kFailedCodesTotal,
                     failed_total_.RetryAfter(limits_.failed_codes_total, now)};
    }
  }
  if (takes_table && !entry->tables.TryTake(limits_.tables, now)) {
    return Refusal{metrics::Limit::kTables, entry->tables.RetryAfter(limits_.tables, now)};
  }
  return std::nullopt;
}

std::optional<Refusal> AddressLimiter::AdmitAttempt(const AddressKey& address,
                                                    Clock::time_point now) {
  std::lock_guard lock(mu_);
  Entry* entry = Find(address, now);
  if (entry == nullptr) return Refusal{metrics::Limit::kFailedCodes, milliseconds(1000)};
  if (!limits_.failed_codes.off() && entry->failed.Tokens(limits_.failed_codes, now) < 1) {
    return Refusal{metrics::Limit::kFailedCodes, entry->failed.RetryAfter(limits_.failed_codes, now)};
  }
  if (!limits_.failed_codes_total.off() && !Trusted(*entry, now) &&
      failed_total_.Tokens(limits_.failed_codes_total, now) < 1) {
    return Refusal{metrics::Limit::kFailedCodesTotal,
                   failed_total_.RetryAfter(limits_.failed_codes_total, now)};
  }
  return std::nullopt;
}

std::optional<Refusal> AddressLimiter::AdmitApi(const AddressKey& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  Entry* entry = Find(address, now);
  if (entry == nullptr) return Refusal{metrics::Limit::kApi, milliseconds(1000)};
  if (!entry->api.TryTake(limits_.api, now)) {
    return Refusal{metrics::Limit::kApi, entry->api.RetryAfter(limits_.api, now)};
  }
  return std::nullopt;
}

void AddressLimiter::Failed(const AddressKey& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  failed_total_.Take(limits_.failed_codes_total, now);
  if (Entry* entry = Find(address, now)) entry->failed.Take(limits_.failed_codes, now);
}

void AddressLimiter::Welcomed(const AddressKey& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (Entry* entry = Find(address, now)) entry->welcomed = now;
}

void AddressLimiter::TableNotTaken(const AddressKey& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (Entry* entry = Find(address, now)) entry->tables.Give(limits_.tables, now);
}

size_t AddressLimiter::addresses() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace atelier::net
