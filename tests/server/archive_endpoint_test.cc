// GET /api/workshops/{id}/archive over a real server: the animateur's token gets the file, which
// verifies offline and gives the server's own results; anyone else gets 403, counted as a failed
// attempt.
#include <gtest/gtest.h>

#include <sstream>

#include "archive/archive_check.h"
#include "clients/client/workshop_api.h"
#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

TEST(ArchiveEndpoint, AnimateurGetsAnArchiveThatVerifiesToTheServersResults) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto a = w.NewTable();
  auto b = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  LiveWorkshop::Accept(*a, PostIdeaCmd("Ouvrir la salle le dimanche"));
  LiveWorkshop::Accept(*b, PostIdeaCmd("Un planning partagé"));
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
  const uint64_t head = LiveWorkshop::Accept(*a, SetPointsCmd({{2, 3}}));
  auto results = w.ResultsAsAnimateur();
  ASSERT_TRUE(results) << results.error();

  const std::string id = w.created().workshop_id();
  client::HttpClient http = w.Http();
  auto got = http.Get("/api/workshops/" + id + "/archive",
                      {{"Authorization", "Bearer " + w.created().animateur_token()}});
  ASSERT_TRUE(got) << got.error();
  ASSERT_EQ(got->status, 200u) << got->body;
  EXPECT_EQ(got->content_type, "application/vnd.atelier.archive");
  EXPECT_EQ(got->content_disposition, "attachment; filename=\"atelier-" + id + "-" +
                                          std::to_string(head) + ".atelier-archive\"");
  std::istringstream in(got->body);
  auto report = archive::CheckArchive(in);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->manifest.workshop_id(), id);
  EXPECT_EQ(report->manifest.head_seq(), head);
  EXPECT_FALSE(report->manifest.server_version().empty());
  EXPECT_GT(report->manifest.exported_at_ms(), 0);
  EXPECT_EQ(report->results.SerializeAsString(), results->SerializeAsString());
}

TEST(ArchiveEndpoint, WrongOrMissingTokenIsRefusedAndCounted) {
  LiveWorkshop w(IdeationConfig());
  client::HttpClient http = w.Http();
  const std::string path = "/api/workshops/" + w.created().workshop_id() + "/archive";
  auto wrong = http.Get(path, {{"Authorization", "Bearer not-the-token"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403u);
  EXPECT_EQ(wrong->body.find("ATELIER-ARCHIVE"), std::string::npos);
  auto observer = http.Get(path + "?observer=" + w.created().observer_code());
  ASSERT_TRUE(observer);
  EXPECT_EQ(observer->status, 403u) << "an observer code is not the animateur's token";
  EXPECT_EQ(w.Metric("atelier_auth_failures_total{kind=\"token\"}"), 2);
  auto unknown = http.Get("/api/workshops/nope/archive",
                          {{"Authorization", "Bearer " + w.created().animateur_token()}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404u);
}

// Someone else's ids: the animateur of another workshop on the same server gets nothing of this
// one, on any of the animateur's routes (each refusal a failed attempt), and deletes nothing.
TEST(ArchiveEndpoint, AnotherWorkshopsAnimateurGetsNothingOfThisOne) {
  LiveWorkshop w(IdeationConfig());
  client::HttpClient http = w.Http();
  v1::CreateWorkshopRequest request;
  *request.mutable_workshop()->mutable_config() = IdeationConfig();
  auto other = client::CreateWorkshop(http, request);
  ASSERT_TRUE(other) << other.error();
  const std::string base = "/api/workshops/" + w.created().workshop_id();
  const client::HttpHeaders theirs = {
      {"Authorization", "Bearer " + other->animateur_token()}};
  for (const std::string path : {"/archive", "/timeline", "/timeline?at=1", "/synthesis",
                                 "/data.json", "/data.csv?table=points", "/results"}) {
    auto got = http.Get(base + path, theirs);
    ASSERT_TRUE(got) << path;
    EXPECT_EQ(got->status, 403u) << path << ": " << got->body;
  }
  auto deleted = http.Delete(base, theirs);
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 403u) << deleted->body;
  EXPECT_EQ(w.Metric("atelier_auth_failures_total{kind=\"token\"}"), 8);
  auto mine = http.Get(base + "/archive",
                       {{"Authorization", "Bearer " + w.created().animateur_token()}});
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, 200u) << "still there, still the animateur's";
}

}  // namespace
}  // namespace atelier::server_test
