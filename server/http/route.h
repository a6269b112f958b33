// Which handler answers an HTTP request, from its method and target alone.
//
//   GET  /healthz                      kHealth
//   GET  /metrics                      kMetrics
//   POST /api/workshops                kCreateWorkshop
//   GET  /api/workshops/{id}/results   kResults (id: 1-64 of [A-Za-z0-9_-])
//   GET  /api/workshops/{id}/archive   kArchive (the same ids)
//   DELETE /api/workshops/{id}         kDeleteWorkshop (the same ids)
//   GET  /api/workshops/{id}/timeline  kTimeline (the same ids)
//   GET  /api/workshops/{id}/synthesis, .../data.json, .../data.csv
//                                      kReport (the same ids; `report` names which)
//   GET  /api/templates                kTemplates
//   GET  /api/join/{code}              kJoinInfo (code: 1-32 of [A-Za-z0-9], in join_code)
//   POST /api/admin/backup             kBackup
//   GET  /ws                           kWebSocket (the session still checks it is an upgrade)
//   GET  anything else                 kStatic (the web app's files, ResolveStatic)
// HEAD is routed as GET on kHealth, kMetrics, kResults, kArchive, kTimeline, kReport, kTemplates, kJoinInfo and kStatic: the caller answers it as GET
// without a body (RFC 9110 9.3.2). Methods are case-sensitive. Any other method on these paths
// is kMethodNotAllowed, with `allow` for the Allow header. kNotFound: a path under /api that is
// none of the above (an API client gets a JSON 404, never the web app), or a target that is not
// in origin-form ("*", "http://..."). The query string and fragment play no part; paths are
// compared as sent, not percent-decoded (/%68ealthz is a static path).
//
// Pure; thread-safe.
#ifndef ATELIER_SERVER_HTTP_ROUTE_H_
#define ATELIER_SERVER_HTTP_ROUTE_H_

#include <string>
#include <string_view>

namespace atelier::http {

struct Route {
  enum Kind {
    kHealth,
    kMetrics,
    kCreateWorkshop,
    kResults,
    kArchive,
    kDeleteWorkshop,
    kTimeline,
    kReport,
    kTemplates,
    kJoinInfo,
    kBackup,
    kWebSocket,
    kStatic,
    kNotFound,
    kMethodNotAllowed,
  };
  Kind kind = kNotFound;
  std::string workshop_id;  // kResults, kArchive, kTimeline, kReport and kDeleteWorkshop only
  // kReport: "synthesis", "data.json" or "data.csv" (report_request.h reads it). Points to a
  // string literal.
  std::string_view report;
  // kJoinInfo: the join code as sent (not yet known to be any workshop's).
  std::string join_code;
  // kMethodNotAllowed: the methods the path accepts, as the Allow header lists them. Points to
  // a string literal.
  std::string_view allow;
};

Route MatchRoute(std::string_view method, std::string_view target);

// The token of an "Authorization: Bearer <token>" header value (scheme case-insensitive,
// surrounding spaces ignored); empty when the header is absent, of another scheme, or the token
// is not a single RFC 6750 token68.
std::string BearerToken(std::string_view authorization_header);

}  // namespace atelier::http

#endif  // ATELIER_SERVER_HTTP_ROUTE_H_
