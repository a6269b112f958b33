// GET /api/workshops/{id}/synthesis, data.json and data.csv over a real server: the animateur's
// token gets the documents, made from the log (the synthesis's fingerprint is the archive's head
// hash), with a strict Content-Security-Policy on the synthesis; anyone else gets 403, counted as
// a failed attempt; an unknown workshop 404; a bad ?lang or ?table 400.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <sstream>

#include "archive/archive_check.h"
#include "atelier/v1/report.pb.h"
#include "clients/client/workshop_api.h"
#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

bool InReport(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class ReportEndpoint : public ::testing::Test {
 protected:
  void SetUp() override {
    auto animateur = w_.Animateur();
    auto a = w_.NewTable("<script>alert(1)</script>");
    auto b = w_.NewTable();
    LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
    LiveWorkshop::Accept(*a, PostIdeaCmd("Ouvrir la salle le dimanche"));
    LiveWorkshop::Accept(*b, PostIdeaCmd("=1+1 <b>planning</b> partagé"));
    LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
    head_ = LiveWorkshop::Accept(*a, SetPointsCmd({{2, 3}}));
  }

  std::string Path(const std::string& what) const {
    return "/api/workshops/" + w_.created().workshop_id() + "/" + what;
  }
  client::HttpHeaders Animateur() const {
    return {{"Authorization", "Bearer " + w_.created().animateur_token()}};
  }
  client::HttpResponse Get(const std::string& what, const client::HttpHeaders& headers) {
    client::HttpClient http = w_.Http();
    auto got = http.Get(Path(what), headers);
    EXPECT_TRUE(got) << got.error();
    return got ? *got : client::HttpResponse{};
  }

  LiveWorkshop w_{IdeationConfig()};
  uint64_t head_ = 0;
};

TEST_F(ReportEndpoint, AnimateurGetsTheSynthesisWithTheArchivesFingerprint) {
  const client::HttpResponse archive = Get("archive", Animateur());
  ASSERT_EQ(archive.status, 200u);
  std::istringstream in(archive.body);
  auto checked = archive::CheckArchive(in);
  ASSERT_TRUE(checked) << checked.error().message;
  const std::string hash = archive::HexHash(checked->manifest.head_hash());

  const client::HttpResponse got = Get("synthesis", Animateur());
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.content_type, "text/html; charset=utf-8");
  const std::string id = w_.created().workshop_id();
  EXPECT_EQ(got.content_disposition,
            "inline; filename=\"atelier-" + id + "-" + std::to_string(head_) + "-synthese.html\"");
  EXPECT_TRUE(got.content_security_policy.starts_with("default-src 'none'; style-src 'unsafe-inline'"))
      << got.content_security_policy;
  EXPECT_FALSE(InReport(got.content_security_policy, "script-src")) << "no script from anywhere";
  EXPECT_EQ(got.x_content_type_options, "nosniff");
  EXPECT_TRUE(InReport(got.body, "<html lang=\"fr\">"));
  EXPECT_TRUE(InReport(got.body, "Comment optimiser l&#39;utilisation de la salle municipale ?"));
  EXPECT_TRUE(InReport(got.body, "Ouvrir la salle le dimanche"));
  EXPECT_TRUE(InReport(got.body, "=1+1 &lt;b&gt;planning&lt;/b&gt; partagé"));
  EXPECT_FALSE(InReport(got.body, "<script"));
  EXPECT_TRUE(InReport(got.body, "<code class=\"hash\" id=\"head-hash\">" + hash + "</code>"));
  EXPECT_TRUE(InReport(got.body, "<span id=\"head-seq\">" + std::to_string(head_) + "</span>"));

  const client::HttpResponse english = Get("synthesis?lang=en", Animateur());
  ASSERT_EQ(english.status, 200u);
  EXPECT_TRUE(InReport(english.body, "<html lang=\"en\">"));
  EXPECT_TRUE(InReport(english.content_disposition, "-synthesis.html"));
  EXPECT_EQ(Get("synthesis?lang=de", Animateur()).status, 400u);
}

TEST_F(ReportEndpoint, RawDataAsJsonAndAsOneCsvPerKind) {
  const client::HttpResponse json = Get("data.json", Animateur());
  ASSERT_EQ(json.status, 200u) << json.body;
  EXPECT_EQ(json.content_type, "application/json");
  EXPECT_TRUE(InReport(json.content_disposition, "attachment; filename=\"atelier-"));
  v1::RawData data;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.body, &data).ok());
  EXPECT_EQ(data.head_seq(), head_);
  ASSERT_EQ(data.points_size(), 1);
  EXPECT_EQ(data.points(0).table_name(), "<script>alert(1)</script>");
  EXPECT_EQ(data.points(0).points(), 3u);
  EXPECT_EQ(data.ideas_size(), 2);
  EXPECT_FALSE(InReport(json.body, w_.created().animateur_token()));
  EXPECT_FALSE(InReport(json.body, w_.created().join_code()));

  const client::HttpResponse points = Get("data.csv?table=points", Animateur());
  ASSERT_EQ(points.status, 200u) << points.body;
  EXPECT_EQ(points.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(points.content_disposition, "attachment; filename=\"atelier-" +
                                            w_.created().workshop_id() + "-" +
                                            std::to_string(head_) + "-points.csv\"");
  EXPECT_TRUE(points.body.starts_with("\xEF\xBB\xBF" "table,table_name,target_id,"));
  // The last column, the voter's profile, is empty: this workshop has none.
  EXPECT_TRUE(InReport(points.body, "\r\n1,<script>alert(1)</script>,2,idea,'=1+1 <b>planning</b> partagé,3,4,,0,0,,\r\n"))
      << points.body;
  for (const char* table : {"scores", "ideas", "phases"}) {
    const client::HttpResponse csv = Get(std::string("data.csv?table=") + table, Animateur());
    EXPECT_EQ(csv.status, 200u) << table;
  }
  EXPECT_EQ(Get("data.csv?table=tokens", Animateur()).status, 400u);
  EXPECT_EQ(Get("data.csv", Animateur()).status, 400u);
}

TEST_F(ReportEndpoint, WrongTokenIsRefusedAndCountedUnknownIsNotFound) {
  for (const char* what : {"synthesis", "data.json", "data.csv?table=points"}) {
    const client::HttpResponse wrong = Get(what, {{"Authorization", "Bearer not-the-token"}});
    EXPECT_EQ(wrong.status, 403u) << what;
    EXPECT_FALSE(InReport(wrong.body, "Ouvrir la salle")) << what;
  }
  const client::HttpResponse observer = Get("synthesis?observer=" + w_.created().observer_code(), {});
  EXPECT_EQ(observer.status, 403u) << "an observer code is not the animateur's token";
  EXPECT_EQ(w_.Metric("atelier_auth_failures_total{kind=\"token\"}"), 4);
  client::HttpClient http = w_.Http();
  auto unknown = http.Get("/api/workshops/nope/synthesis", Animateur());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404u);
  EXPECT_EQ(w_.Metric("atelier_auth_failures_total{kind=\"workshop_id\"}"), 1);
}

TEST(ReportEndpointEvaluation, EachSeatsScores) {
  LiveWorkshop w(EvaluationConfig(), {}, {"Un accueil en mairie", "Des familles d'accueil"});
  auto animateur = w.Animateur();
  auto table = w.NewTable("Table des Lilas");
  auto seat = w.NewSeat(1, 2);
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_SCORING));
  LiveWorkshop::Accept(*seat, ScoreCmd(1, 1, 2, 8));
  client::HttpClient http = w.Http();
  auto got = http.Get("/api/workshops/" + w.created().workshop_id() + "/data.csv?table=scores",
                      {{"Authorization", "Bearer " + w.created().animateur_token()}});
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200u) << got->body;
  EXPECT_TRUE(InReport(got->body, "table,seat,idea_id,idea_text,criterion_id,criterion_name,value,"
                                  "profile\r\n"
                                  "1,2,1,Un accueil en mairie,2,coût,8,\r\n"))
      << got->body;
}

}  // namespace
}  // namespace atelier::server_test
