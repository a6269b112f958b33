// AddressLimiter: what one client address may attempt, over time. Per address (AddressKey: an
// IPv4 address, an IPv6 /64), token buckets (token_bucket.h) for:
//   - Hello attempts;
//   - failed attempts: a join or observer code, a workshop id, a token or an organizer key that
//     matched nothing. This is the strict one: it is what makes guessing a join code slow. While
//     an address has no failed-attempt token left, its Hellos with a code are refused, right
//     codes included (else refusals would tell which codes exist);
//   - tables and seats taken with the join code;
//   - HTTP API requests.
// And one server-wide bucket of failed attempts: when it is empty, code Hellos are refused to
// every address that has not been welcomed within the trust window, so that an attacker with
// many addresses gets no more than the server-wide rate, while a venue whose tablets are in
// keeps joining (its address was welcomed).
//
// Legitimate rooms behind one address (a venue's NAT: hundreds of tablets, a reconnect storm,
// typing mistakes) stay within the defaults; README.md explains them.
//
// The addresses remembered are bounded: one whose buckets are all full and that was not
// welcomed within the trust window is forgotten (checked every 1,024 calls); past
// max_addresses a new address is refused (kHellos) until some are forgotten.
//
// Thread-safe (one mutex, held for a lookup and a few arithmetic operations).
#ifndef ATELIER_SERVER_NET_ADDRESS_LIMITER_H_
#define ATELIER_SERVER_NET_ADDRESS_LIMITER_H_

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "server/metrics/edge_metrics.h"
#include "server/net/address_key.h"
#include "server/net/token_bucket.h"

namespace atelier::net {

struct AddressLimits {
  RateLimit hellos = RateLimit::PerMinute(600, 1000);
  RateLimit failed_codes = RateLimit::PerMinute(6, 30);
  RateLimit failed_codes_total = RateLimit::PerMinute(120, 240);
  RateLimit tables = RateLimit::PerMinute(300, 150);
  RateLimit api = RateLimit::PerMinute(120, 120);
  std::chrono::seconds trust_window = std::chrono::hours(1);
  size_t max_addresses = 100'000;
};

struct Refusal {
  metrics::Limit limit;
  std::chrono::milliseconds retry_after;
};

// What a Hello offers to be let in.
enum class Credential {
  kCode,   // a join code or an observer code: short, typed, guessable
  kToken,  // a workshop id with a table, seat or animateur token: 128 random bits
  kNone,   // nothing usable (the room refuses it)
};

class AddressLimiter {
 public:
  explicit AddressLimiter(AddressLimits limits) : limits_(limits) {}

  // A Hello: takes a Hello token; for a code, needs a failed-attempt token left (this
  // address's, and the server's unless the address is trusted); for a join that takes a table
  // or seat, takes a table token. Nothing is taken when it is refused, but the Hello token.
  std::optional<Refusal> AdmitHello(const AddressKey& address, Credential credential,
                                    bool takes_table, Clock::time_point now);
  // Before checking a code, token or key outside a Hello (the HTTP API): the failed-attempt
  // buckets only.
  std::optional<Refusal> AdmitAttempt(const AddressKey& address, Clock::time_point now);
  // An HTTP API request.
  std::optional<Refusal> AdmitApi(const AddressKey& address, Clock::time_point now);

  // A code, token or key that matched nothing.
  void Failed(const AddressKey& address, Clock::time_point now);
  // A Hello welcomed: the address is trusted for the trust window.
  void Welcomed(const AddressKey& address, Clock::time_point now);
  // A join admitted by AdmitHello that took no table after all (table taken, tables full, a
  // failed code): its table token is given back.
  void TableNotTaken(const AddressKey& address, Clock::time_point now);

  const AddressLimits& limits() const { return limits_; }
  size_t addresses() const;

 private:
  struct Entry {
    TokenBucket hellos;
    TokenBucket failed;
    TokenBucket tables;
    TokenBucket api;
    Clock::time_point welcomed{};  // the last Welcome; epoch: never
  };

  // The address's entry, made if new; nullptr when max_addresses are remembered.
  Entry* Find(const AddressKey& address, Clock::time_point now);
  bool Trusted(const Entry& entry, Clock::time_point now) const;
  void Sweep(Clock::time_point now);

  const AddressLimits limits_;
  mutable std::mutex mu_;
  std::unordered_map<AddressKey, Entry, AddressKeyHash> entries_;  // guarded by mu_
  TokenBucket failed_total_;                                       // guarded by mu_
  size_t calls_ = 0;                                               // guarded by mu_
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_ADDRESS_LIMITER_H_
