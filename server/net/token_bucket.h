// TokenBucket: a rate limit with bursts. The bucket holds up to `burst` tokens and gains
// `per_second` of them continuously; an action takes one, and is refused when there is less
// than one, with the time until there is (RetryAfter).
//
// The limit is passed to each call rather than kept, so that a bucket is 16 bytes (one per
// connection for its commands, with ten thousand connections) and the limits stay one shared
// configuration. Time is passed in too: tests use a fake clock. A new bucket is full.
// Thread-compatible: the owner serializes calls.
#ifndef ATELIER_SERVER_NET_TOKEN_BUCKET_H_
#define ATELIER_SERVER_NET_TOKEN_BUCKET_H_

#include <chrono>
#include <expected>
#include <string>
#include <string_view>

namespace atelier::net {

using Clock = std::chrono::steady_clock;

struct RateLimit {
  double per_second = 0;
  double burst = 0;
  // Off: no limit at all (written "off" on the command line).
  bool off() const { return burst <= 0; }

  static RateLimit PerMinute(double per_minute, double burst) { return {per_minute / 60.0, burst}; }
  static RateLimit Off() { return {}; }
};

// "RATE/UNIT,BURST" with UNIT s, min or h ("600/min,1000": 600 a minute, 1000 at once), or
// "off"; the error says what is expected.
std::expected<RateLimit, std::string> ParseRateLimit(std::string_view text);
// The same form, for --help: "600/min,1000" ("off").
std::string FormatRateLimit(const RateLimit& limit);

class TokenBucket {
 public:
  // Takes a token if there is one (always true when the limit is off).
  bool TryTake(const RateLimit& limit, Clock::time_point now);
  // Takes a token even if there is none: the bucket does not go below zero, so an action
  // counted after the fact (a failed attempt) never pushes the next one further than a token.
  void Take(const RateLimit& limit, Clock::time_point now);
  // Gives a token back (an action refused for another reason), up to the burst.
  void Give(const RateLimit& limit, Clock::time_point now);
  // Until a token is there: zero when one is; for a limit that never refills, an hour.
  std::chrono::milliseconds RetryAfter(const RateLimit& limit, Clock::time_point now) const;
  // Whether it is full: as if unused (its owner may forget it).
  bool Full(const RateLimit& limit, Clock::time_point now) const;
  double Tokens(const RateLimit& limit, Clock::time_point now) const;

 private:
  void Refill(const RateLimit& limit, Clock::time_point now);

  double used_ = 0;  // tokens missing from a full bucket as of updated_ (0: full)
  Clock::time_point updated_{};
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_TOKEN_BUCKET_H_
