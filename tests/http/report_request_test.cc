// The synthesis and raw data routes: which document, and the headers it goes with.
#include "server/http/report_request.h"

#include <gtest/gtest.h>

#include <map>

#include "server/http/route.h"

namespace atelier::http {
namespace {

std::map<std::string, std::string> AsMap(const std::vector<ReportHeader>& headers) {
  std::map<std::string, std::string> map;
  for (const ReportHeader& h : headers) map[h.name] = h.value;
  return map;
}

ReportRequest Request(ReportRequest::Format format, bool english = false, std::string table = "") {
  ReportRequest request;
  request.format = format;
  request.english = english;
  request.table = std::move(table);
  return request;
}

TEST(ReportRoutes, MatchedUnderTheWorkshop) {
  Route route = MatchRoute("GET", "/api/workshops/w-1/synthesis?lang=en");
  EXPECT_EQ(route.kind, Route::kReport);
  EXPECT_EQ(route.workshop_id, "w-1");
  EXPECT_EQ(route.report, "synthesis");
  EXPECT_EQ(MatchRoute("HEAD", "/api/workshops/w1/data.json").report, "data.json");
  EXPECT_EQ(MatchRoute("GET", "/api/workshops/w1/data.csv?table=points").report, "data.csv");
  route = MatchRoute("POST", "/api/workshops/w1/synthesis");
  EXPECT_EQ(route.kind, Route::kMethodNotAllowed);
  EXPECT_EQ(route.allow, "GET, HEAD");
  EXPECT_EQ(MatchRoute("GET", "/api/workshops/w1/data.xml").kind, Route::kNotFound);
  EXPECT_EQ(MatchRoute("GET", "/api/workshops/a/b/synthesis").kind, Route::kNotFound);
  // "synthesis" there is a workshop id, whose path takes DELETE only.
  EXPECT_EQ(MatchRoute("GET", "/api/workshops/synthesis").kind, Route::kMethodNotAllowed);
}

TEST(ReportRequests, FromTheQuery) {
  auto synthesis = ParseReportRequest("synthesis", "/api/workshops/w1/synthesis");
  ASSERT_TRUE(synthesis);
  EXPECT_EQ(synthesis->format, ReportRequest::kSynthesis);
  EXPECT_FALSE(synthesis->english);
  EXPECT_TRUE(ParseReportRequest("synthesis", "/x?lang=en")->english);
  EXPECT_FALSE(ParseReportRequest("synthesis", "/x?lang=fr")->english);
  EXPECT_EQ(ParseReportRequest("synthesis", "/x?lang=de").error().status, 400);
  EXPECT_EQ(ParseReportRequest("data.json", "/x")->format, ReportRequest::kJson);
  auto csv = ParseReportRequest("data.csv", "/x?table=scores");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->format, ReportRequest::kCsv);
  EXPECT_EQ(csv->table, "scores");
  EXPECT_EQ(ParseReportRequest("data.csv", "/x").error().status, 400);
  EXPECT_EQ(ParseReportRequest("data.csv", "/x?table=../etc").error().code, "bad_request");
}

TEST(ReportHeaders, TheSynthesisCannotRunScript) {
  auto headers = AsMap(ReportHeaders(Request(ReportRequest::kSynthesis), "w1", 42));
  EXPECT_EQ(headers["Content-Type"], "text/html; charset=utf-8");
  EXPECT_EQ(headers["Content-Disposition"], "inline; filename=\"atelier-w1-42-synthese.html\"");
  EXPECT_EQ(headers["X-Content-Type-Options"], "nosniff");
  const std::string& csp = headers["Content-Security-Policy"];
  EXPECT_TRUE(csp.starts_with("default-src 'none';")) << csp;
  EXPECT_EQ(csp.find("script-src"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  headers = AsMap(ReportHeaders(Request(ReportRequest::kSynthesis, true), "w1", 42));
  EXPECT_EQ(headers["Content-Disposition"], "inline; filename=\"atelier-w1-42-synthesis.html\"");
}

TEST(ReportHeaders, RawDataAreAttachments) {
  auto csv = AsMap(ReportHeaders(Request(ReportRequest::kCsv, false, "ideas"), "w1", 7));
  EXPECT_EQ(csv["Content-Type"], "text/csv; charset=utf-8");
  EXPECT_EQ(csv["Content-Disposition"], "attachment; filename=\"atelier-w1-7-ideas.csv\"");
  auto json = AsMap(ReportHeaders(Request(ReportRequest::kJson), "w1", 7));
  EXPECT_EQ(json["Content-Type"], "application/json");
  EXPECT_EQ(json["Content-Disposition"], "attachment; filename=\"atelier-w1-7-data.json\"");
}

}  // namespace
}  // namespace atelier::http
