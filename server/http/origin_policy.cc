#include "server/http/origin_policy.h"

#include <algorithm>
#include <cctype>

namespace atelier::http {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// host[:port] without the port when it is the default one.
std::string WithoutDefaultPort(std::string authority, std::string_view default_port) {
  const std::string suffix = ":" + std::string(default_port);
  if (authority.ends_with(suffix)) authority.resize(authority.size() - suffix.size());
  return authority;
}

bool ValidAuthority(std::string_view authority) {
  if (authority.empty()) return false;
  return std::all_of(authority.begin(), authority.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
           c == '[' || c == ']';
  });
}

}  // namespace

std::optional<Origin> ParseOrigin(std::string_view text) {
  const std::string lower = Lower(text);
  Origin origin;
  std::string_view rest;
  if (lower.starts_with("http://")) {
    origin.scheme = "http";
    rest = std::string_view(lower).substr(7);
  } else if (lower.starts_with("https://")) {
    origin.scheme = "https";
    rest = std::string_view(lower).substr(8);
  } else {
    return std::nullopt;
  }
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (!ValidAuthority(rest)) return std::nullopt;
  origin.authority = WithoutDefaultPort(std::string(rest), origin.scheme == "http" ? "80" : "443");
  return origin;
}

std::optional<std::string> OriginPolicy::Check(const std::vector<std::string>& allowed) {
  for (const std::string& entry : allowed) {
    if (entry != "*" && !ParseOrigin(entry)) return entry;
  }
  return std::nullopt;
}

OriginPolicy::OriginPolicy(const std::vector<std::string>& allowed) {
  for (const std::string& entry : allowed) {
    if (entry == "*") any_ = true;
    if (auto origin = ParseOrigin(entry)) allowed_.push_back(*std::move(origin));
  }
}

bool OriginPolicy::Allows(std::string_view origin_header, std::string_view host) const {
  if (origin_header.empty() || any_) return true;
  const std::optional<Origin> origin = ParseOrigin(origin_header);
  if (!origin) return false;
  // The Host header carries no scheme: either default port stands for "none".
  const std::string own = WithoutDefaultPort(WithoutDefaultPort(Lower(host), "80"), "443");
  if (!own.empty() && origin->authority == own) return true;
  return std::any_of(allowed_.begin(), allowed_.end(), [&](const Origin& allowed) {
    return allowed.scheme == origin->scheme && allowed.authority == origin->authority;
  });
}

}  // namespace atelier::http
