// The synthesis and raw data routes (route.h's kReport): which document a request asks for, and
// the headers it is sent with. The documents themselves are report/'s; the animateur token is
// checked by the room, as for the archive.
//
//   GET /api/workshops/{id}/synthesis[?lang=fr|en]   text/html, inline, with a strict
//       Content-Security-Policy (no script, nothing loaded; inline styles only) and nosniff
//   GET /api/workshops/{id}/data.json                application/json, attachment
//   GET /api/workshops/{id}/data.csv?table=points|scores|ideas|phases
//                                                    text/csv; charset=utf-8, attachment
//
// File names: atelier-{id}-{head seq}-synthese.html (-synthesis.html in English),
// atelier-{id}-{head seq}-data.json, atelier-{id}-{head seq}-{table}.csv.
//
// Pure functions; thread-safe.
#ifndef ATELIER_SERVER_HTTP_REPORT_REQUEST_H_
#define ATELIER_SERVER_HTTP_REPORT_REQUEST_H_

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/api.h"

namespace atelier::http {

struct ReportRequest {
  enum Format { kSynthesis, kJson, kCsv };
  Format format = kSynthesis;
  bool english = false;  // kSynthesis: ?lang=en
  std::string table;     // kCsv: "points", "scores", "ideas" or "phases"
};

// From route.report and the request target's query. 400 bad_request when ?lang is not fr or en,
// or data.csv's ?table is missing or not one of the four.
std::expected<ReportRequest, ApiProblem> ParseReportRequest(std::string_view report,
                                                            std::string_view target);

struct ReportHeader {
  std::string name;
  std::string value;
};
// Content-Type, Content-Disposition, and for the synthesis Content-Security-Policy and
// X-Content-Type-Options (the policy is report/synthesis.h's, which the document also carries in
// a <meta>, plus frame-ancestors, which only a header can say).
std::vector<ReportHeader> ReportHeaders(const ReportRequest& request, std::string_view workshop_id,
                                        uint64_t head_seq);

}  // namespace atelier::http

#endif  // ATELIER_SERVER_HTTP_REPORT_REQUEST_H_
