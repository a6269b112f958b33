// GET /api/workshops/{id}/timeline over a real server: the outline marks the phase changes and
// the merge at their seqs; ?at=SEQ gives the workshop as the animateur saw it then (before the
// merge: the two ideas apart, the points as they were; at the head: the live Welcome snapshot and
// results); a live workshop goes on meanwhile; anyone without the animateur token gets 403,
// counted as a failed attempt; a bad seq is a 400.
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "atelier/v1/timeline.pb.h"
#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

using google::protobuf::util::MessageDifferencer;

template <class Message>
Message FromJson(const std::string& json) {
  Message message;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(status.ok()) << status.message() << "\n" << json;
  return message;
}

// The played workshop: two tables write the same idea, a third votes on both, the animateur
// merges them, the third votes again.
struct Played {
  uint64_t divergence = 0, convergence = 0, first_votes = 0, merge = 0, head = 0;
};

Played Play(LiveWorkshop& w) {
  Played p;
  auto animateur = w.Animateur();
  auto a = w.NewTable(), b = w.NewTable(), c = w.NewTable();
  p.divergence = LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  LiveWorkshop::Accept(*a, PostIdeaCmd("Ouvrir la salle le dimanche"));        // idea 1
  LiveWorkshop::Accept(*b, PostIdeaCmd("Ouverture de la salle le dimanche"));  // idea 2
  LiveWorkshop::Accept(*c, PostIdeaCmd("Un planning partagé en ligne"));       // idea 3
  p.convergence = LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
  p.first_votes = LiveWorkshop::Accept(*c, SetPointsCmd({{1, 2}, {2, 3}}));
  p.merge = LiveWorkshop::Accept(*animateur, MergeCmd({1, 2}, "La salle le dimanche"));  // 4
  LiveWorkshop::Accept(*a, SetPointsCmd({{3, 3}}));
  p.head = LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONCLUSION));
  return p;
}

class TimelineEndpointTest : public ::testing::Test {
 protected:
  TimelineEndpointTest() : w_(IdeationConfig()), http_(w_.Http()) {}

  std::string Path(const std::string& query = "") const {
    return "/api/workshops/" + w_.created().workshop_id() + "/timeline" + query;
  }
  client::HttpResponse Get(const std::string& query, const std::string& token) {
    client::HttpHeaders headers;
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    auto got = http_.Get(Path(query), headers);
    EXPECT_TRUE(got) << got.error();
    return got ? *got : client::HttpResponse{};
  }
  client::HttpResponse AsAnimateur(const std::string& query = "") {
    return Get(query, w_.created().animateur_token());
  }
  v1::TimelineMoment MomentAt(uint64_t seq) {
    const client::HttpResponse got = AsAnimateur("?at=" + std::to_string(seq));
    EXPECT_EQ(got.status, 200u) << got.body;
    EXPECT_EQ(got.content_type, "application/json");
    return FromJson<v1::TimelineMoment>(got.body);
  }

  LiveWorkshop w_;
  client::HttpClient http_;
};

TEST_F(TimelineEndpointTest, TheOutlineMarksThePhaseChangesAndTheMerge) {
  const Played p = Play(w_);
  const client::HttpResponse got = AsAnimateur();
  ASSERT_EQ(got.status, 200u) << got.body;
  const auto timeline = FromJson<v1::Timeline>(got.body);
  EXPECT_EQ(timeline.workshop_id(), w_.created().workshop_id());
  EXPECT_EQ(timeline.head_seq(), p.head);
  EXPECT_GT(timeline.first_time_ms(), 0);
  EXPECT_GE(timeline.last_time_ms(), timeline.first_time_ms());
  std::vector<std::pair<uint64_t, v1::Phase>> phases;
  std::vector<uint64_t> merges;
  for (const v1::TimelineMark& mark : timeline.marks()) {
    if (mark.kind() == v1::TIMELINE_MARK_KIND_PHASE) phases.emplace_back(mark.seq(), mark.phase());
    if (mark.kind() == v1::TIMELINE_MARK_KIND_MERGE) merges.push_back(mark.seq());
  }
  const std::vector<std::pair<uint64_t, v1::Phase>> expected = {
      {1, v1::PHASE_SETUP},
      {p.divergence, v1::PHASE_DIVERGENCE},
      {p.convergence, v1::PHASE_CONVERGENCE},
      {p.head, v1::PHASE_CONCLUSION}};
  EXPECT_EQ(phases, expected);
  EXPECT_EQ(merges, std::vector<uint64_t>{p.merge});
}

TEST_F(TimelineEndpointTest, BeforeTheMergeTheIdeasAreApartAndThePointsAsTheyWere) {
  const Played p = Play(w_);
  const v1::TimelineMoment before = MomentAt(p.merge - 1);
  EXPECT_EQ(before.seq(), p.merge - 1);
  EXPECT_EQ(before.head_seq(), p.head);
  EXPECT_EQ(before.state().clusters_size(), 0);
  ASSERT_EQ(before.state().ideas_size(), 3);
  for (const v1::IdeaState& idea : before.state().ideas()) EXPECT_EQ(idea.cluster_id(), 0u);
  std::map<uint32_t, uint32_t> points;
  for (const v1::TargetResult& r : before.results().points()) points[r.target_id()] = r.points();
  EXPECT_EQ(points, (std::map<uint32_t, uint32_t>{{1, 2}, {2, 3}, {3, 0}}));
  EXPECT_FALSE(before.state().access().join_code().empty()) << "the animateur's view";
  EXPECT_TRUE(before.state().access().animateur_token_sha256().empty()) << "never a token hash";

  const v1::TimelineMoment after = MomentAt(p.merge);
  ASSERT_EQ(after.state().clusters_size(), 1);
  EXPECT_EQ(after.state().clusters(0).title(), "La salle le dimanche");
  EXPECT_GE(after.time_ms(), before.time_ms());
  bool cluster_has_points = false;
  for (const v1::TargetResult& r : after.results().points()) {
    if (r.is_cluster()) cluster_has_points = r.points() == 3;  // 2 + 3, capped at 3
  }
  EXPECT_TRUE(cluster_has_points) << after.results().DebugString();
}

TEST_F(TimelineEndpointTest, AtTheHeadItIsTheLiveWelcomeAndResults) {
  const Played p = Play(w_);
  auto live = w_.ResultsAsAnimateur();
  ASSERT_TRUE(live) << live.error();
  auto fresh = w_.Animateur();
  const v1::TimelineMoment head = MomentAt(p.head);
  EXPECT_TRUE(MessageDifferencer::Equals(head.results(), *live))
      << head.results().DebugString() << live->DebugString();
  EXPECT_TRUE(MessageDifferencer::Equals(head.state(), fresh->welcome().snapshot()));
  const v1::TimelineMoment beyond = MomentAt(p.head + 1'000'000);
  EXPECT_EQ(beyond.seq(), p.head) << "past the head: the head's moment";
  EXPECT_EQ(MomentAt(UINT64_MAX).seq(), p.head);
}

TEST_F(TimelineEndpointTest, ALiveWorkshopGoesOnWhileItsPastIsRead) {
  auto animateur = w_.Animateur();
  auto table = w_.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  uint64_t last = 0;
  for (int i = 0; i < 20; ++i) {
    last = LiveWorkshop::Accept(*table, PostIdeaCmd("Idée numéro " + std::to_string(i)));
    const v1::TimelineMoment moment = MomentAt(last);
    EXPECT_EQ(moment.seq(), last);
    EXPECT_EQ(moment.state().ideas_size(), i + 1);
    const auto outline = FromJson<v1::Timeline>(AsAnimateur().body);
    EXPECT_EQ(outline.head_seq(), last) << "the head grows";
  }
  EXPECT_EQ(MomentAt(3).state().ideas_size(), 0) << "the past stays as it was";
}

TEST_F(TimelineEndpointTest, OnlyTheAnimateurMayReadItAndEveryRefusalIsCounted) {
  Play(w_);
  EXPECT_EQ(Get("", "not-the-token").status, 403u);
  EXPECT_EQ(Get("?at=3", "not-the-token").status, 403u);
  EXPECT_EQ(Get("?at=3", "").status, 403u);
  const client::HttpResponse observer =
      Get("?at=3&observer=" + w_.created().observer_code(), "");
  EXPECT_EQ(observer.status, 403u) << "an observer code is not the animateur's token";
  EXPECT_EQ(observer.body.find("\"state\""), std::string::npos);
  EXPECT_EQ(w_.Metric("atelier_auth_failures_total{kind=\"token\"}"), 4);
  auto unknown = http_.Get("/api/workshops/nope/timeline",
                           {{"Authorization", "Bearer " + w_.created().animateur_token()}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404u);
}

TEST_F(TimelineEndpointTest, ABadSeqIsA400) {
  Play(w_);
  for (const char* query : {"?at=0", "?at=", "?at=-2", "?at=abc", "?at=1e3",
                            "?at=99999999999999999999999"}) {
    const client::HttpResponse got = AsAnimateur(query);
    EXPECT_EQ(got.status, 400u) << query;
    EXPECT_NE(got.body.find("bad_seq"), std::string::npos) << got.body;
  }
}

}  // namespace
}  // namespace atelier::server_test
