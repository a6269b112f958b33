// DELETE /api/workshops/{id} over a real server: statuses (204, 403 counted as a failed attempt,
// 404), the connected clients told "workshop_deleted", and afterwards nothing of it answers:
// results, archive, its join code and its id, also after a restart and after a kill -9 right
// after the 204.
#include <gtest/gtest.h>

#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

using client::HttpHeaders;

HttpHeaders Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// Nothing of the workshop answers on this server.
void ExpectGone(LiveWorkshop& w) {
  client::HttpClient http = w.Http();
  const std::string id = w.created().workshop_id();
  const HttpHeaders animateur = Bearer(w.created().animateur_token());
  EXPECT_EQ(http.Get("/api/workshops/" + id + "/results", animateur)->status, 404u);
  EXPECT_EQ(http.Get("/api/workshops/" + id + "/archive", animateur)->status, 404u);
  EXPECT_EQ(http.Delete("/api/workshops/" + id, animateur)->status, 404u);
  auto join = w.Connect();
  v1::Hello by_code;
  by_code.set_join_code(w.created().join_code());
  auto joined = join->Hello(by_code);
  ASSERT_FALSE(joined);
  EXPECT_NE(joined.error().find("unknown_workshop"), std::string::npos) << joined.error();
  auto resume = w.Connect();
  v1::Hello by_id;
  by_id.set_workshop_id(id);
  by_id.set_animateur_token(w.created().animateur_token());
  auto resumed = resume->Hello(by_id);
  ASSERT_FALSE(resumed);
  EXPECT_NE(resumed.error().find("unknown_workshop"), std::string::npos) << resumed.error();
}

TEST(DeleteWorkshop, TheAnimateurDeletesItAndNothingOfItAnswersAnyMore) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto table = w.NewTable("Table des associations");
  auto observer = w.Observer();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  LiveWorkshop::Accept(*table, PostIdeaCmd("Ouvrir la salle le dimanche"));
  client::HttpClient http = w.Http();
  const std::string path = "/api/workshops/" + w.created().workshop_id();

  auto wrong = http.Delete(path, Bearer("not-the-token"));
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403u) << wrong->body;
  auto none = http.Delete(path);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 403u);
  EXPECT_EQ(w.Metric("atelier_auth_failures_total{kind=\"token\"}"), 2);
  auto unknown = http.Delete("/api/workshops/0123abcd", Bearer(w.created().animateur_token()));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404u);
  auto get = http.Get(path);
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 405u);
  ASSERT_TRUE(w.ResultsAsAnimateur()) << "still there after the refusals";

  auto deleted = http.Delete(path, Bearer(w.created().animateur_token()));
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 204u) << deleted->body;
  EXPECT_TRUE(deleted->body.empty());
  for (Connection* client : {animateur.get(), table.get(), observer.get()}) {
    bool told = false;
    for (;;) {
      auto message = client->Next(std::chrono::seconds(10));
      if (!message) {
        EXPECT_NE(message.error().find("code 4004"), std::string::npos) << message.error();
        break;
      }
      if (message->has_error() && message->error().code() == "workshop_deleted") told = true;
    }
    EXPECT_TRUE(told) << "told plainly that the workshop was deleted";
  }
  EXPECT_EQ(w.Metric("atelier_workshops_deleted_total"), 1);
  EXPECT_EQ(w.Metric("atelier_workshops"), 0);
  ExpectGone(w);
  ASSERT_TRUE(w.server().Restart());
  ExpectGone(w);
}

TEST(DeleteWorkshop, AKillRightAfterThe204LeavesItGone) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  LiveWorkshop::Accept(*animateur, PostIdeaCmd("Une idée de l'animateur"));
  auto deleted = w.Http().Delete("/api/workshops/" + w.created().workshop_id(),
                                 Bearer(w.created().animateur_token()));
  ASSERT_TRUE(deleted);
  ASSERT_EQ(deleted->status, 204u);
  w.server().Kill();
  ASSERT_TRUE(w.server().Restart());
  ExpectGone(w);
}

}  // namespace
}  // namespace atelier::server_test
