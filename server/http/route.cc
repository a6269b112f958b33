#include "server/http/route.h"

#include <algorithm>

#include "server/http/url.h"

namespace atelier::http {
namespace {

constexpr std::string_view kGetHead = "GET, HEAD";
constexpr std::string_view kGet = "GET";
constexpr std::string_view kPost = "POST";
constexpr std::string_view kDelete = "DELETE";
constexpr size_t kMaxWorkshopIdLength = 64;
constexpr size_t kMaxJoinCodeLength = 32;

bool IsAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool ValidWorkshopId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxWorkshopIdLength &&
         std::all_of(id.begin(), id.end(),
                     [](char c) { return IsAlnum(c) || c == '-' || c == '_'; });
}

// The {id} of /api/workshops/{id}{suffix}, or empty.
std::string_view WorkshopIdBefore(std::string_view path, std::string_view kSuffix) {
  constexpr std::string_view kPrefix = "/api/workshops/";
  if (!path.starts_with(kPrefix) || !path.ends_with(kSuffix)) return {};
  path.remove_prefix(kPrefix.size());
  if (path.size() < kSuffix.size()) return {};  // "/api/workshops/results" overlaps both
  path.remove_suffix(kSuffix.size());
  return ValidWorkshopId(path) ? path : std::string_view();
}

Route Make(Route::Kind kind, std::string_view workshop_id = {}) {
  Route route;
  route.kind = kind;
  route.workshop_id = workshop_id;
  return route;
}

// The route when the method is one the path accepts, else kMethodNotAllowed with `allow`.
Route Accept(bool accepted, Route route, std::string_view allow) {
  if (accepted) return route;
  Route refused = Make(Route::kMethodNotAllowed);
  refused.allow = allow;
  return refused;
}

// GET /api/workshops/{id}/{synthesis,data.json,data.csv}; kNotFound when the path is none.
Route MatchReport(std::string_view path, bool get_or_head) {
  for (std::string_view report : {"synthesis", "data.json", "data.csv"}) {
    const std::string suffix = "/" + std::string(report);
    if (const std::string_view id = WorkshopIdBefore(path, suffix); !id.empty()) {
      Route route = Accept(get_or_head, Make(Route::kReport, id), kGetHead);
      if (route.kind == Route::kReport) route.report = report;
      return route;
    }
  }
  return Make(Route::kNotFound);
}

}  // namespace

Route MatchRoute(std::string_view method, std::string_view target) {
  const std::string_view path = TargetPath(target);
  if (!path.starts_with('/')) return Make(Route::kNotFound);
  const bool get = method == "GET";
  const bool get_or_head = get || method == "HEAD";
  if (path == "/healthz") return Accept(get_or_head, Make(Route::kHealth), kGetHead);
  if (path == "/metrics") return Accept(get_or_head, Make(Route::kMetrics), kGetHead);
  if (path == "/ws") return Accept(get, Make(Route::kWebSocket), kGet);
  if (path == "/api/workshops")
    return Accept(method == "POST", Make(Route::kCreateWorkshop), kPost);
  if (const std::string_view id = WorkshopIdBefore(path, "/results"); !id.empty()) {
    return Accept(get_or_head, Make(Route::kResults, id), kGetHead);
  }
  if (const std::string_view id = WorkshopIdBefore(path, "/archive"); !id.empty()) {
    return Accept(get_or_head, Make(Route::kArchive, id), kGetHead);
  }
  if (Route report = MatchReport(path, get_or_head); report.kind != Route::kNotFound) return report;
  if (const std::string_view id = WorkshopIdBefore(path, "/timeline"); !id.empty()) {
    return Accept(get_or_head, Make(Route::kTimeline, id), kGetHead);
  }
  if (const std::string_view id = WorkshopIdBefore(path, ""); !id.empty()) {
    return Accept(method == "DELETE", Make(Route::kDeleteWorkshop, id), kDelete);
  }
  if (path == "/api/admin/backup") return Accept(method == "POST", Make(Route::kBackup), kPost);
  if (path == "/api/templates") return Accept(get_or_head, Make(Route::kTemplates), kGetHead);
  if (constexpr std::string_view kJoin = "/api/join/"; path.starts_with(kJoin)) {
    const std::string_view code = path.substr(kJoin.size());
    if (!code.empty() && code.size() <= kMaxJoinCodeLength &&
        std::all_of(code.begin(), code.end(), IsAlnum)) {
      Route route = Accept(get_or_head, Make(Route::kJoinInfo), kGetHead);
      if (route.kind == Route::kJoinInfo) route.join_code = code;
      return route;
    }
  }
  if (path == "/api" || path.starts_with("/api/")) return Make(Route::kNotFound);
  return Accept(get_or_head, Make(Route::kStatic), kGetHead);
}

std::string BearerToken(std::string_view header) {
  constexpr std::string_view kScheme = "bearer";
  const auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!header.empty() && space(header.front())) header.remove_prefix(1);
  while (!header.empty() && space(header.back())) header.remove_suffix(1);
  if (header.size() <= kScheme.size() || !space(header[kScheme.size()])) return {};
  for (size_t i = 0; i < kScheme.size(); ++i) {
    const char c = header[i];
    if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != kScheme[i]) return {};
  }
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && space(token.front())) token.remove_prefix(1);
  // token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
  const size_t body_end = token.find_first_of('=');
  const std::string_view body = token.substr(0, body_end);
  const std::string_view padding = body_end == std::string_view::npos ? "" : token.substr(body_end);
  const bool valid_body = !body.empty() && std::all_of(body.begin(), body.end(), [](char c) {
    return IsAlnum(c) || std::string_view("-._~+/").find(c) != std::string_view::npos;
  });
  const bool valid_padding =
      std::all_of(padding.begin(), padding.end(), [](char c) { return c == '='; });
  return valid_body && valid_padding ? std::string(token) : std::string();
}

}  // namespace atelier::http
