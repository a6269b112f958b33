#include "server/net/token_bucket.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace atelier::net {
namespace {

std::optional<double> Number(std::string_view text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return {};
  if (!std::isfinite(value) || value < 0) return {};
  return value;
}

std::string Trimmed(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.ends_with('.')) text.pop_back();
  return text;
}

}  // namespace

std::expected<RateLimit, std::string> ParseRateLimit(std::string_view text) {
  if (text == "off") return RateLimit::Off();
  const std::string expected = "RATE/UNIT,BURST (UNIT s, min or h), e.g. 600/min,1000, or off";
  const size_t slash = text.find('/');
  const size_t comma = text.find(',');
  if (slash == std::string_view::npos || comma == std::string_view::npos || comma < slash) {
    return std::unexpected(expected);
  }
  const std::optional<double> rate = Number(text.substr(0, slash));
  const std::string_view unit = text.substr(slash + 1, comma - slash - 1);
  const std::optional<double> burst = Number(text.substr(comma + 1));
  double seconds = 0;
  if (unit == "s") seconds = 1;
  if (unit == "min") seconds = 60;
  if (unit == "h") seconds = 3600;
  if (!rate || !burst || seconds == 0 || *burst < 1) return std::unexpected(expected);
  return RateLimit{*rate / seconds, *burst};
}

std::string FormatRateLimit(const RateLimit& limit) {
  if (limit.off()) return "off";
  const double per_minute = limit.per_second * 60;
  if (per_minute >= 1 || per_minute == 0) {
    return Trimmed(per_minute) + "/min," + Trimmed(limit.burst);
  }
  return Trimmed(limit.per_second * 3600) + "/h," + Trimmed(limit.burst);
}

void TokenBucket::Refill(const RateLimit& limit, Clock::time_point now) {
  if (used_ > 0 && now > updated_) {
    const double elapsed = std::chrono::duration<double>(now - updated_).count();
    used_ = std::max(0.0, used_ - elapsed * limit.per_second);
  }
  updated_ = std::max(updated_, now);
}

bool TokenBucket::TryTake(const RateLimit& limit, Clock::time_point now) {
  if (limit.off()) return true;
  Refill(limit, now);
  if (limit.burst - used_ < 1) return false;
  used_ += 1;
  return true;
}

void TokenBucket::Take(const RateLimit& limit, Clock::time_point now) {
  if (limit.off()) return;
  Refill(limit, now);
  used_ = std::min(limit.burst, used_ + 1);
}

void TokenBucket::Give(const RateLimit& limit, Clock::time_point now) {
  if (limit.off()) return;
  Refill(limit, now);
  used_ = std::max(0.0, used_ - 1);
}

double TokenBucket::Tokens(const RateLimit& limit, Clock::time_point now) const {
  TokenBucket copy = *this;
  copy.Refill(limit, now);
  return limit.burst - copy.used_;
}

bool TokenBucket::Full(const RateLimit& limit, Clock::time_point now) const {
  return limit.off() || Tokens(limit, now) >= limit.burst;
}

std::chrono::milliseconds TokenBucket::RetryAfter(const RateLimit& limit,
                                                  Clock::time_point now) const {
  if (limit.off()) return std::chrono::milliseconds(0);
  const double missing = 1 - Tokens(limit, now);
  if (missing <= 0) return std::chrono::milliseconds(0);
  if (limit.per_second <= 0) return std::chrono::hours(1);
  const double ms = std::ceil(missing / limit.per_second * 1000 - 1e-6);
  return std::chrono::milliseconds(static_cast<int64_t>(std::min(ms, 3'600'000.0)));
}

}  // namespace atelier::net
