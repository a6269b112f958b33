#include "server/http/report_request.h"

#include "server/http/url.h"

namespace atelier::http {
namespace {

constexpr std::string_view kSynthesisPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";

ApiProblem BadRequest(std::string message) { return {400, "bad_request", std::move(message)}; }

}  // namespace

std::expected<ReportRequest, ApiProblem> ParseReportRequest(std::string_view report,
                                                            std::string_view target) {
  ReportRequest request;
  if (report == "synthesis") {
    const std::string lang = QueryParam(target, "lang");
    if (lang != "" && lang != "fr" && lang != "en") {
      return std::unexpected(BadRequest("lang must be fr or en"));
    }
    request.english = lang == "en";
    return request;
  }
  if (report == "data.json") {
    request.format = ReportRequest::kJson;
    return request;
  }
  request.format = ReportRequest::kCsv;
  request.table = QueryParam(target, "table");
  for (std::string_view table : {"points", "scores", "ideas", "phases"}) {
    if (request.table == table) return request;
  }
  return std::unexpected(
      BadRequest("data.csv needs ?table=points, scores, ideas or phases (one CSV per kind)"));
}

std::vector<ReportHeader> ReportHeaders(const ReportRequest& request, std::string_view workshop_id,
                                        uint64_t head_seq) {
  const std::string stem = "atelier-" + std::string(workshop_id) + "-" + std::to_string(head_seq);
  switch (request.format) {
    case ReportRequest::kSynthesis:
      return {{"Content-Type", "text/html; charset=utf-8"},
              {"Content-Disposition", "inline; filename=\"" + stem +
                                          (request.english ? "-synthesis" : "-synthese") + ".html\""},
              {"Content-Security-Policy", std::string(kSynthesisPolicy)},
              {"X-Content-Type-Options", "nosniff"}};
    case ReportRequest::kJson:
      return {{"Content-Type", "application/json"},
              {"Content-Disposition", "attachment; filename=\"" + stem + "-data.json\""},
              {"X-Content-Type-Options", "nosniff"}};
    case ReportRequest::kCsv:
      break;
  }
  return {{"Content-Type", "text/csv; charset=utf-8"},
          {"Content-Disposition", "attachment; filename=\"" + stem + "-" + request.table + ".csv\""},
          {"X-Content-Type-Options", "nosniff"}};
}

}  // namespace atelier::http
