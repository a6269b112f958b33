// A workshop across three atelier-server nodes on one nats-server (server/cluster/): its owner
// holds the log, the two others are edges. Real processes on loopback, real clients, kills.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <thread>

#include "clients/client/workshop_api.h"
#include "tests/integration/nats_process.h"
#include "tests/integration/server_process.h"
#include "tests/server/live_workshop.h"
#include "tests/server/raw_websocket.h"

namespace atelier::server_test {
namespace {

using namespace std::chrono_literals;

std::vector<uint64_t> Seqs(const std::vector<v1::Event>& events) {
  std::vector<uint64_t> seqs;
  for (const v1::Event& e : events) seqs.push_back(e.seq());
  return seqs;
}

// Strictly increasing: in order, none twice.
bool InOrderOnce(const std::vector<uint64_t>& seqs) {
  return std::adjacent_find(seqs.begin(), seqs.end(), std::greater_equal<>()) == seqs.end();
}

std::vector<std::string> Serialized(const std::vector<v1::Event>& events) {
  std::vector<std::string> out;
  for (const v1::Event& e : events) out.push_back(e.SerializeAsString());
  return out;
}

std::set<std::string> IdeaTexts(const v1::WorkshopState& snapshot) {
  std::set<std::string> texts;
  for (const v1::IdeaState& idea : snapshot.ideas()) texts.insert(idea.text());
  return texts;
}

class Cluster : public ::testing::Test {
 protected:
  void SetUp() override {
    auto nats = testing::NatsProcess::Start();
    ASSERT_TRUE(nats) << nats.error();
    nats_ = *std::move(nats);
    for (int i = 0; i < 3; ++i) {
      testing::ServerOptions options;
      auto node = StartNode("node" + std::to_string(i));
      ASSERT_TRUE(node) << node.error();
      nodes_.push_back(*std::move(node));
    }
    // The workshop is created on node 0, which owns it from then on.
    v1::CreateWorkshopRequest request;
    *request.mutable_workshop()->mutable_config() = IdeationConfig();
    auto created = client::CreateWorkshop(Http(0), request);
    ASSERT_TRUE(created) << created.error();
    created_ = *std::move(created);
  }

  // A node of this cluster; its workshops' leases age out 3 s after it last renewed them.
  std::expected<std::unique_ptr<testing::ServerProcess>, std::string> StartNode(
      const std::string& name) {
    testing::ServerOptions options;
    options.extra_args = {"--cluster", nats_->url(), "--node", name, "--lease-seconds", "3"};
    options.extra_args.insert(options.extra_args.end(), node_args_.begin(), node_args_.end());
    return testing::ServerProcess::Start(options);
  }

  // A new node started on a copy of node `from`'s data directory (stopped: a crash-consistent
  // copy, as a disk moved to another machine, or a backup restored there).
  std::unique_ptr<testing::ServerProcess> StartOnCopyOf(int from, const std::string& name) {
    auto node = StartNode(name);
    EXPECT_TRUE(node) << node.error();
    if (!node) return nullptr;
    (*node)->Kill();
    std::filesystem::remove_all((*node)->data_dir());
    std::filesystem::copy(nodes_[from]->data_dir(), (*node)->data_dir(),
                          std::filesystem::copy_options::recursive);
    auto restarted = (*node)->Restart();
    EXPECT_TRUE(restarted) << restarted.error();
    return *std::move(node);
  }

  client::HttpClient Http(int node) const {
    return client::HttpClient(nodes_[node]->host(), nodes_[node]->port());
  }

  std::unique_ptr<Connection> Join(int node, const v1::Hello& hello) {
    auto connection = std::make_unique<Connection>();
    auto connected = connection->Connect(nodes_[node]->host(), nodes_[node]->port());
    EXPECT_TRUE(connected) << connected.error();
    auto welcome = connection->Hello(hello);
    EXPECT_TRUE(welcome) << "node " << node << ": " << welcome.error();
    return connection;
  }
  std::unique_ptr<Connection> Animateur(int node) {
    v1::Hello hello;
    hello.set_workshop_id(created_.workshop_id());
    hello.set_animateur_token(created_.animateur_token());
    return Join(node, hello);
  }
  std::unique_ptr<Connection> Observer(int node) {
    v1::Hello hello;
    hello.set_observer_code(created_.observer_code());
    return Join(node, hello);
  }
  std::unique_ptr<Connection> Table(int node, const std::string& name) {
    v1::Hello hello;
    hello.set_join_code(created_.join_code());
    hello.set_table_name(name);
    return Join(node, hello);
  }
  std::unique_ptr<Connection> Seat(int node, const std::string& join_code, uint32_t table,
                                   uint32_t seat) {
    v1::Hello hello;
    hello.set_join_code(join_code);
    hello.set_table_id(table);
    hello.set_seat_number(seat);
    return Join(node, hello);
  }

  // Resumes on `node` (from the connection's last seq), again and again while the workshop is
  // unavailable there (its owner coming back), for up to `within`.
  static std::expected<v1::Welcome, std::string> ResumeOn(Connection& connection,
                                                         testing::ServerProcess& node,
                                                         std::chrono::seconds within = 30s) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    std::string last = "not tried";
    while (std::chrono::steady_clock::now() < deadline) {
      auto welcome = connection.Resume(node.host(), node.port(), 5s);
      if (welcome) return welcome;
      last = welcome.error();
      std::this_thread::sleep_for(200ms);
    }
    return std::unexpected(last);
  }

  std::vector<std::string> node_args_;  // given to every node, besides the cluster's
  std::unique_ptr<testing::NatsProcess> nats_;
  std::vector<std::unique_ptr<testing::ServerProcess>> nodes_;
  v1::CreateWorkshopResponse created_;
};

TEST_F(Cluster, ThreeNodesPlayOneIdeationAndEveryoneSeesTheSameEventsInTheSameOrder) {
  auto observer_here = Observer(0);   // on the owner
  auto observer_there = Observer(2);  // on an edge
  auto animateur = Animateur(1);
  std::vector<std::unique_ptr<Connection>> tables;
  tables.push_back(Table(0, "Table 1"));
  tables.push_back(Table(1, "Table 2"));
  tables.push_back(Table(2, "Table 3"));
  for (uint32_t i = 0; i < 3; ++i) {
    ASSERT_EQ(tables[i]->welcome().role().table_id(), i + 1);
  }

  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  const std::vector<std::vector<std::string>> texts = {
      {"Ouvrir la salle aux associations le week-end", "Installer des rangements"},
      {"Ouvrir la salle le week-end pour les associations", "Un café citoyen le samedi"},
      {"Louer la salle pour les fêtes de famille", "Des cours du soir"}};
  std::map<std::string, uint32_t> ids;
  uint64_t last = 0;
  for (size_t t = 0; t < tables.size(); ++t) {
    for (const std::string& text : texts[t]) last = LiveWorkshop::Accept(*tables[t], PostIdeaCmd(text));
  }
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*animateur, last)) {
    if (e.has_idea_posted()) ids[e.idea_posted().idea().text()] = e.idea_posted().idea().idea_id();
  }
  ASSERT_EQ(ids.size(), 6u);
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_GROUPING));
  LiveWorkshop::Accept(*animateur, MergeCmd({ids[texts[0][0]], ids[texts[1][0]]},
                                            "Ouvrir aux associations le week-end"));
  last = LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
  uint32_t cluster = 0;
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*animateur, last)) {
    if (e.has_ideas_merged()) cluster = e.ideas_merged().cluster_id();
  }
  ASSERT_NE(cluster, 0u);
  // The rules are the owner's, whichever node a table speaks through.
  EXPECT_EQ(LiveWorkshop::Reject(*tables[1], SetPointsCmd({{cluster, 1}})).reason(),
            v1::REJECTION_REASON_OWN_IDEA);
  LiveWorkshop::Accept(*tables[2], SetPointsCmd({{cluster, 3}, {ids[texts[1][1]], 2}}));
  LiveWorkshop::Accept(*tables[1], SetPointsCmd({{ids[texts[2][0]], 3}}));
  LiveWorkshop::Accept(*tables[0], SetPointsCmd({{ids[texts[2][1]], 1}}));
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONCLUSION));
  v1::Command reveal;
  reveal.mutable_reveal_results()->set_revealed(true);
  last = LiveWorkshop::Accept(*animateur, reveal);

  // Every connection got its events in order, none twice; the two observers, one on the owner
  // and one on an edge, exactly the same bytes.
  std::map<std::string, std::vector<v1::Event>> seen;
  seen["observer on node 0"] = LiveWorkshop::EventsThrough(*observer_here, last);
  seen["observer on node 2"] = LiveWorkshop::EventsThrough(*observer_there, last);
  seen["animateur on node 1"] = LiveWorkshop::EventsThrough(*animateur, last);
  for (size_t t = 0; t < tables.size(); ++t) {
    seen["table " + std::to_string(t + 1)] = LiveWorkshop::EventsThrough(*tables[t], last);
  }
  for (const auto& [who, events] : seen) {
    ASSERT_FALSE(events.empty()) << who;
    EXPECT_TRUE(InOrderOnce(Seqs(events))) << who;
    EXPECT_EQ(events.back().seq(), last) << who;
  }
  EXPECT_EQ(Serialized(seen["observer on node 0"]), Serialized(seen["observer on node 2"]));
  // The animateur, on an edge, saw every event after its welcome, with its hash.
  const std::vector<uint64_t> animateur_seqs = Seqs(seen["animateur on node 1"]);
  for (size_t i = 1; i < animateur_seqs.size(); ++i) {
    EXPECT_EQ(animateur_seqs[i], animateur_seqs[i - 1] + 1);
  }
  for (const v1::Event& e : seen["animateur on node 1"]) EXPECT_EQ(e.hash().size(), 32u);
  // Views are built on the edges as on the owner: table 3 (node 2) sees table 1's idea without
  // its author, its own with; nobody else's votes.
  for (const v1::Event& e : seen["table 3"]) {
    if (e.has_idea_posted()) {
      const bool own = e.idea_posted().idea().text() == texts[2][0] ||
                       e.idea_posted().idea().text() == texts[2][1];
      EXPECT_EQ(e.idea_posted().idea().table_id(), own ? 3u : 0u) << e.ShortDebugString();
    }
    if (e.has_points_set()) {
      EXPECT_EQ(e.points_set().table_id(), 3u);
    }
  }
  // The observer on the edge reaches the owner's results.
  v1::ServerMessage results = LiveWorkshop::WaitFor(*observer_there, [&](const auto& m) {
    return m.has_results() && m.results().seq() >= last;
  });
  auto http = client::GetResults(Http(0), created_.workshop_id(),
                                 {.animateur_token = created_.animateur_token()});
  ASSERT_TRUE(http) << http.error();
  EXPECT_EQ(results.results().SerializeAsString(), http->SerializeAsString());
  EXPECT_EQ(http->participation().tables_joined(), 3u);
  EXPECT_EQ(http->participation().tables_voted(), 3u);
  // The join page's information comes from the owner on any node.
  for (int node = 0; node < 3; ++node) {
    auto info = Http(node).Get("/api/join/" + created_.join_code());
    ASSERT_TRUE(info) << info.error();
    EXPECT_EQ(info->status, 200) << "node " << node;
    EXPECT_NE(info->body.find("salle municipale"), std::string::npos) << info->body;
  }
  auto unknown = Http(1).Get("/api/join/00000000");
  ASSERT_TRUE(unknown) << unknown.error();
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(Cluster, AnEdgeIsKilledAndItsClientsResumeOnAnotherNodeWithNothingMissingOrRepeated) {
  auto observer_here = Observer(0);
  auto animateur = Animateur(0);
  auto table1 = Table(0, "Table 1");
  auto table2 = Table(1, "Table 2");
  auto observer_there = Observer(1);
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  const uint64_t before = LiveWorkshop::Accept(*table2, PostIdeaCmd("Un jardin partagé"));
  LiveWorkshop::EventsThrough(*observer_there, before);
  const uint64_t left_at = observer_there->through_seq();

  nodes_[1]->Kill();
  // Meanwhile the workshop goes on.
  uint64_t last = 0;
  for (const char* text : {"Des bancs", "Une boîte à livres", "Un composteur"}) {
    last = LiveWorkshop::Accept(*table1, PostIdeaCmd(text));
  }
  // The clients of node 1 come back through node 2, from their last seq.
  auto welcome = ResumeOn(*observer_there, *nodes_[2]);
  ASSERT_TRUE(welcome) << welcome.error();
  EXPECT_FALSE(welcome->has_snapshot());  // a resume: the missed events follow
  auto table_back = ResumeOn(*table2, *nodes_[2]);
  ASSERT_TRUE(table_back) << table_back.error();
  EXPECT_EQ(table_back->role().table_id(), 2u);
  last = LiveWorkshop::Accept(*table2, PostIdeaCmd("Un atelier vélo"));

  std::vector<v1::Event> resumed = LiveWorkshop::EventsThrough(*observer_there, last);
  std::vector<v1::Event> direct = LiveWorkshop::EventsThrough(*observer_here, last);
  std::vector<v1::Event> direct_after;
  for (const v1::Event& e : direct) {
    if (e.seq() > left_at) direct_after.push_back(e);
  }
  ASSERT_FALSE(resumed.empty());
  EXPECT_EQ(resumed.front().seq(), left_at + 1);
  EXPECT_EQ(Serialized(resumed), Serialized(direct_after));
  // Table 2's ideas, both acknowledged, are the workshop's.
  auto fresh = Observer(2);
  const std::set<std::string> ideas = IdeaTexts(fresh->welcome().snapshot());
  EXPECT_TRUE(ideas.contains("Un jardin partagé"));
  EXPECT_TRUE(ideas.contains("Un atelier vélo"));
  EXPECT_EQ(ideas.size(), 5u);
}

TEST_F(Cluster, TheOwnerIsKilledAndRestartedAndEveryAcknowledgedCommandIsStillThere) {
  auto animateur = Animateur(1);
  auto table2 = Table(1, "Table 2");
  auto table3 = Table(2, "Table 3");
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  std::set<std::string> acknowledged;
  for (int i = 0; i < 10; ++i) {
    for (auto* table : {table2.get(), table3.get()}) {
      const std::string text = "Idée " + std::to_string(i) + " de la table " +
                               std::to_string(table->welcome().role().table_id());
      LiveWorkshop::Accept(*table, PostIdeaCmd(text));
      acknowledged.insert(text);
    }
  }
  nodes_[0]->Kill();
  auto restarted = nodes_[0]->Restart();
  ASSERT_TRUE(restarted) << restarted.error();

  // The edges' clients come back through the same edges once the owner is back.
  for (auto* connection : {table2.get(), table3.get(), animateur.get()}) {
    const int node = connection == table3.get() ? 2 : 1;
    auto welcome = ResumeOn(*connection, *nodes_[node]);
    ASSERT_TRUE(welcome) << welcome.error();
  }
  const uint64_t last = LiveWorkshop::Accept(*table3, PostIdeaCmd("Après le redémarrage"));
  acknowledged.insert("Après le redémarrage");
  EXPECT_GT(last, 0u);
  auto observer = Observer(2);
  EXPECT_EQ(IdeaTexts(observer->welcome().snapshot()), acknowledged);
  // Nothing was repeated either: the table's events after its resume are in order, once.
  EXPECT_TRUE(InOrderOnce(Seqs(LiveWorkshop::EventsThrough(*table2, last))));
}

// A restarted owner holds no lease yet: asked over HTTP before anyone joins, it finds that it
// serves the workshop itself (taking the lease again) and answers from its log.
TEST_F(Cluster, TheOwnerRestartedAnswersItsApiBeforeAnyoneJoins) {
  const std::string results = "/api/workshops/" + created_.workshop_id() + "/results";
  const client::HttpHeaders token = {{"Authorization", "Bearer " + created_.animateur_token()}};
  nodes_[0]->Kill();
  auto restarted = nodes_[0]->Restart();
  ASSERT_TRUE(restarted) << restarted.error();
  for (int node : {0, 1}) {
    auto answer = Http(node).Get(results, token);
    ASSERT_TRUE(answer) << node << ": " << answer.error();
    EXPECT_EQ(answer->status, 200u) << node << ": " << answer->body;
  }
}

TEST_F(Cluster, NatsIsRestartedAndTheNodesRecoverByThemselves) {
  auto observer_here = Observer(0);
  auto animateur = Animateur(0);
  auto table1 = Table(0, "Table 1");
  auto table2 = Table(1, "Table 2");
  auto observer_there = Observer(2);
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  uint64_t last = LiveWorkshop::Accept(*table2, PostIdeaCmd("Avant la coupure"));
  LiveWorkshop::EventsThrough(*observer_there, last);
  const uint64_t left_at = observer_there->through_seq();

  nats_->Kill();
  // The owner goes on serving its own clients meanwhile.
  LiveWorkshop::Accept(*table1, PostIdeaCmd("Pendant la coupure"));
  auto back = nats_->Restart();
  ASSERT_TRUE(back) << back.error();

  // Whatever the edges' clients saw of the cut (a close, or nothing yet), they are served again
  // from their last seq, through the same nodes.
  last = 0;
  for (int attempt = 0; attempt < 50 && last == 0; ++attempt) {
    auto answer = table2->Execute(PostIdeaCmd("Après la coupure"), 2s);
    if (answer && answer->has_accepted()) {
      last = answer->accepted().seq();
      break;
    }
    auto welcome = ResumeOn(*table2, *nodes_[1], 10s);
    ASSERT_TRUE(welcome) << welcome.error();
  }
  ASSERT_NE(last, 0u) << "table 2 could not post again";
  std::vector<v1::Event> there;
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::vector<v1::Event> got = LiveWorkshop::EventsThrough(*observer_there, last);
    there.insert(there.end(), got.begin(), got.end());
    if (observer_there->through_seq() >= last) break;
    auto welcome = ResumeOn(*observer_there, *nodes_[2], 10s);
    ASSERT_TRUE(welcome) << welcome.error();
  }
  std::vector<v1::Event> here;
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*observer_here, last)) {
    if (e.seq() > left_at) here.push_back(e);
  }
  EXPECT_EQ(Serialized(there), Serialized(here));
  auto fresh = Observer(1);
  EXPECT_EQ(IdeaTexts(fresh->welcome().snapshot()),
            (std::set<std::string>{"Avant la coupure", "Pendant la coupure", "Après la coupure"}));
}

TEST_F(Cluster, PhonesScoreThroughOtherNodesAndObserversSeeOnlyAggregates) {
  // A second workshop, created on node 1, which owns it: each node owns what it created.
  v1::CreateWorkshopRequest request;
  *request.mutable_workshop()->mutable_config() = EvaluationConfig();
  request.mutable_workshop()->add_ideas()->set_text("Hébergement chez l'habitant");
  request.mutable_workshop()->add_ideas()->set_text("Centre d'accueil municipal");
  auto created = client::CreateWorkshop(Http(1), request);
  ASSERT_TRUE(created) << created.error();
  v1::Hello as_animateur;
  as_animateur.set_workshop_id(created->workshop_id());
  as_animateur.set_animateur_token(created->animateur_token());
  auto animateur = Join(2, as_animateur);
  v1::Hello as_observer;
  as_observer.set_observer_code(created->observer_code());
  auto observer = Join(0, as_observer);
  v1::Hello as_table;
  as_table.set_join_code(created->join_code());
  auto table1 = Join(0, as_table);
  auto phone = Seat(2, created->join_code(), 1, 1);  // table 1's participant, on node 2
  ASSERT_EQ(phone->welcome().role().kind(), v1::ACTOR_KIND_SEAT);
  const uint32_t phone_seat = phone->welcome().role().seat_id();
  auto phone2 = Seat(1, created->join_code(), 1, 2);  // another, on the owner
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_SCORING));
  EXPECT_EQ(LiveWorkshop::Reject(*phone, ScoreCmd(0, 1, 1, 11)).reason(),
            v1::REJECTION_REASON_SCORE_OUT_OF_RANGE);
  uint64_t last = 0;
  for (uint32_t criterion = 1; criterion <= 3; ++criterion) {
    LiveWorkshop::Accept(*phone, ScoreCmd(0, 1, criterion, 8));
    last = LiveWorkshop::Accept(*phone2, ScoreCmd(0, 1, criterion, 4));
  }
  v1::ServerMessage results = LiveWorkshop::WaitFor(*observer, [&](const v1::ServerMessage& m) {
    return m.has_results() && m.results().seq() >= last;
  });
  ASSERT_GE(results.results().evaluations_size(), 1);
  EXPECT_EQ(results.results().evaluations(0).criteria(0).count(), 2u);
  EXPECT_DOUBLE_EQ(results.results().evaluations(0).criteria(0).mean(), 6.0);
  EXPECT_EQ(results.results().participation().seats_scored(), 2u);
  const uint64_t end = LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONCLUSION));
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*observer, end)) {
    EXPECT_FALSE(e.has_score_set());
  }
  size_t own = 0;
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*phone, end)) {
    if (e.has_score_set()) {
      EXPECT_EQ(e.score_set().seat_id(), phone_seat);
      ++own;
    }
  }
  EXPECT_EQ(own, 3u);
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*animateur, end)) {
    if (e.has_score_set()) {
      EXPECT_EQ(e.score_set().value(), -1) << "progress only";
    }
  }
  EXPECT_TRUE(InOrderOnce(Seqs(LiveWorkshop::EventsThrough(*table1, end))));
}

TEST_F(Cluster, TwoCopiesOfALogNeverServeTogetherTheLeaseDecides) {
  auto table1 = Table(1, "Table 1");
  auto animateur = Animateur(1);
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  LiveWorkshop::Accept(*table1, PostIdeaCmd("Avant la copie"));
  // Node 0's log is copied while it is down; node 0 comes back (its own lease again) and a new
  // node starts on the copy: both hold the workshop's log.
  nodes_[0]->Kill();
  auto copy = StartOnCopyOf(0, "node3");
  ASSERT_TRUE(copy);
  auto restarted = nodes_[0]->Restart();
  ASSERT_TRUE(restarted) << restarted.error();
  ASSERT_TRUE(ResumeOn(*animateur, *nodes_[1]));
  ASSERT_TRUE(ResumeOn(*table1, *nodes_[1]));
  // Clients of both nodes see one workshop: what is posted through one copy's node reaches the
  // other's, so only one of them decides (the lease's holder); the other is an edge.
  v1::Hello as_observer;
  as_observer.set_observer_code(created_.observer_code());
  Connection on_copy;
  ASSERT_TRUE(on_copy.Connect(copy->host(), copy->port()));
  auto welcome = on_copy.Hello(as_observer);
  ASSERT_TRUE(welcome) << welcome.error();
  auto on_original = Observer(0);
  const uint64_t posted = LiveWorkshop::Accept(*table1, PostIdeaCmd("Après la copie"));
  std::vector<v1::Event> seen_on_copy = LiveWorkshop::EventsThrough(on_copy, posted);
  ASSERT_FALSE(seen_on_copy.empty());
  EXPECT_TRUE(seen_on_copy.back().has_idea_posted());
  EXPECT_EQ(seen_on_copy.back().idea_posted().idea().text(), "Après la copie");
  v1::Hello as_table;
  as_table.set_join_code(created_.join_code());
  Connection table_on_copy;
  ASSERT_TRUE(table_on_copy.Connect(copy->host(), copy->port()));
  ASSERT_TRUE(table_on_copy.Hello(as_table));
  const uint64_t from_copy = LiveWorkshop::Accept(table_on_copy, PostIdeaCmd("Par la copie"));
  std::vector<v1::Event> seen_on_original = LiveWorkshop::EventsThrough(*on_original, from_copy);
  ASSERT_FALSE(seen_on_original.empty());
  EXPECT_EQ(seen_on_original.back().idea_posted().idea().text(), "Par la copie");
  EXPECT_EQ(IdeaTexts(Observer(2)->welcome().snapshot()),
            (std::set<std::string>{"Avant la copie", "Après la copie", "Par la copie"}));
  // The HTTP API too: both copies' nodes answer with the whole workshop, the one without the
  // lease by asking the one with it, not from its own copy (which stopped at "Avant la copie").
  const client::HttpHeaders token = {{"Authorization", "Bearer " + created_.animateur_token()}};
  for (testing::ServerProcess* node : {nodes_[0].get(), copy.get()}) {
    client::HttpClient http(node->host(), node->port());
    auto data = http.Get("/api/workshops/" + created_.workshop_id() + "/data.json", token);
    ASSERT_TRUE(data) << data.error();
    ASSERT_EQ(data->status, 200u) << node->port() << ": " << data->body;
    for (const char* text : {"Avant la copie", "Après la copie", "Par la copie"}) {
      EXPECT_NE(data->body.find(text), std::string::npos) << node->port() << ": " << text;
    }
    auto join = http.Get("/api/join/" + created_.join_code());
    ASSERT_TRUE(join) << join.error();
    EXPECT_EQ(join->status, 200u) << node->port() << ": " << join->body;
  }
}

TEST_F(Cluster, TheOwnersDiskOnAnotherMachineTakesOverOnceTheLeaseAgesOut) {
  auto table1 = Table(1, "Table 1");
  auto observer = Observer(2);
  auto animateur = Animateur(1);
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  std::set<std::string> acknowledged;
  for (int i = 0; i < 5; ++i) {
    const std::string text = "Idée " + std::to_string(i);
    LiveWorkshop::Accept(*table1, PostIdeaCmd(text));
    acknowledged.insert(text);
  }
  // The owner's machine is lost; its disk is mounted on a new node, which may serve the
  // workshop once the lost owner's lease has aged out (it was never given up).
  nodes_[0]->Kill();
  auto successor = StartOnCopyOf(0, "node3");
  ASSERT_TRUE(successor);
  const auto lost = std::chrono::steady_clock::now();
  // The clients come back through the nodes they were on (their edges find the new owner).
  ASSERT_TRUE(ResumeOn(*table1, *nodes_[1]));
  const auto paused = std::chrono::steady_clock::now() - lost;
  std::cout << "clients served again "
            << std::chrono::duration_cast<std::chrono::milliseconds>(paused).count()
            << " ms after the owner was lost\n";
  ASSERT_TRUE(ResumeOn(*observer, *nodes_[2]));
  const uint64_t last = LiveWorkshop::Accept(*table1, PostIdeaCmd("Chez le successeur"));
  acknowledged.insert("Chez le successeur");
  EXPECT_TRUE(InOrderOnce(Seqs(LiveWorkshop::EventsThrough(*observer, last))));
  EXPECT_EQ(IdeaTexts(Observer(1)->welcome().snapshot()), acknowledged);
}

TEST_F(Cluster, TheApiOfAWorkshopAnswersTheSameOnEveryNode) {
  auto animateur = Animateur(1);
  auto table = Table(2, "Table 1");
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  auto voter = Table(0, "Table 2");
  const uint64_t posted = LiveWorkshop::Accept(*table, PostIdeaCmd("Des bancs sous les arbres"));
  uint32_t idea = 0;
  for (const v1::Event& e : LiveWorkshop::EventsThrough(*animateur, posted)) {
    if (e.has_idea_posted()) idea = e.idea_posted().idea().idea_id();
  }
  ASSERT_NE(idea, 0u);
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
  LiveWorkshop::Accept(*voter, SetPointsCmd({{idea, 3}}));
  const std::string base = "/api/workshops/" + created_.workshop_id();
  const client::HttpHeaders token = {
      {"Authorization", "Bearer " + created_.animateur_token()}};
  for (const std::string path : {"/results", "/archive", "/timeline", "/data.json",
                                 "/synthesis"}) {
    auto on_owner = Http(0).Get(base + path, token);
    ASSERT_TRUE(on_owner) << on_owner.error();
    ASSERT_EQ(on_owner->status, 200u) << path << ": " << on_owner->body;
    for (int node = 1; node < 3; ++node) {
      auto elsewhere = Http(node).Get(base + path, token);
      ASSERT_TRUE(elsewhere) << elsewhere.error();
      EXPECT_EQ(elsewhere->status, 200u) << path << " on node " << node;
      EXPECT_EQ(elsewhere->content_type, on_owner->content_type) << path;
      EXPECT_EQ(elsewhere->content_disposition, on_owner->content_disposition) << path;
      if (path != "/synthesis" && path != "/archive") {  // those carry the time they were made
        EXPECT_EQ(elsewhere->body, on_owner->body) << path << " on node " << node;
      } else {
        EXPECT_NE(elsewhere->body.find("Des bancs sous les arbres"), std::string::npos) << path;
      }
    }
  }
  // A workshop made on another node from this one's ideas is made where this one is served.
  v1::CreateWorkshopRequest carry;
  *carry.mutable_workshop()->mutable_config() = EvaluationConfig();
  carry.set_carry_from_workshop_id(created_.workshop_id());
  carry.set_carry_from_animateur_token(created_.animateur_token());
  carry.set_carry_count(1);
  auto carried = client::CreateWorkshop(Http(2), carry);
  ASSERT_TRUE(carried) << carried.error();
  v1::Hello as_new_animateur;
  as_new_animateur.set_workshop_id(carried->workshop_id());
  as_new_animateur.set_animateur_token(carried->animateur_token());
  auto new_animateur = Join(1, as_new_animateur);
  ASSERT_EQ(new_animateur->welcome().snapshot().ideas_size(), 1);
  EXPECT_EQ(new_animateur->welcome().snapshot().ideas(0).text(), "Des bancs sous les arbres");
  // Refusals are the owner's too.
  auto wrong = Http(1).Get(base + "/results", {{"Authorization", "Bearer 00"}});
  ASSERT_TRUE(wrong) << wrong.error();
  EXPECT_EQ(wrong->status, Http(0).Get(base + "/results", {{"Authorization", "Bearer 00"}})
                               ->status);
  auto unknown = Http(2).Get("/api/workshops/0123456789abcdef/results", token);
  ASSERT_TRUE(unknown) << unknown.error();
  EXPECT_EQ(unknown->status, 404u);
  // Deleted through another node: gone everywhere.
  auto deleted = Http(2).Delete(base, token);
  ASSERT_TRUE(deleted) << deleted.error();
  EXPECT_LT(deleted->status, 300u) << deleted->body;
  EXPECT_EQ(Http(0).Get(base + "/results", token)->status, 404u);
}

TEST_F(Cluster, AHelloWithSomeoneElsesIdsIsRefusedThroughAnEdgeAsOnTheOwner) {
  for (int node = 0; node < 3; ++node) {
    Connection connection;
    ASSERT_TRUE(connection.Connect(nodes_[node]->host(), nodes_[node]->port()));
    v1::Hello hello;
    hello.set_workshop_id(created_.workshop_id());
    hello.set_animateur_token("not the animateur's token");
    auto welcome = connection.Hello(hello);
    ASSERT_FALSE(welcome) << "node " << node;
    EXPECT_NE(welcome.error().find("bad_token"), std::string::npos) << welcome.error();
    // A table's id with no token: no table is taken over.
    Connection table;
    ASSERT_TRUE(table.Connect(nodes_[node]->host(), nodes_[node]->port()));
    v1::Hello as_table;
    as_table.set_workshop_id(created_.workshop_id());
    as_table.set_table_id(1);
    ASSERT_FALSE(table.Hello(as_table)) << "node " << node;
  }
}

TEST_F(Cluster, AHelloForNoWorkshopIsRefusedOnEveryNode) {
  for (int node = 0; node < 3; ++node) {
    Connection connection;
    ASSERT_TRUE(connection.Connect(nodes_[node]->host(), nodes_[node]->port()));
    v1::Hello hello;
    hello.set_join_code("99999999");
    auto welcome = connection.Hello(hello);
    ASSERT_FALSE(welcome);
    EXPECT_NE(welcome.error().find("unknown_workshop"), std::string::npos) << welcome.error();
  }
}

// Nodes that take three failed attempts from an address, then one a minute.
class ClusterFewAttempts : public Cluster {
 protected:
  void SetUp() override {
    node_args_ = {"--failed-attempt-rate", "1/min,3"};
    Cluster::SetUp();
  }

  // The status of GET `target` with the token, sent to `node` from the loopback address `local`
  // (0, and a failure, when no answer came).
  static int GetFrom(const testing::ServerProcess& node, const std::string& local,
                     const std::string& target, const std::string& token,
                     const std::string& more_headers = "") {
    auto socket = RawSocket::Connect(node.host(), node.port(), local);
    if (!socket) {
      ADD_FAILURE() << local << ": " << socket.error();
      return 0;
    }
    const std::string request = "GET " + target +
                                " HTTP/1.1\r\nHost: atelier\r\nAuthorization: Bearer " + token +
                                "\r\n" + more_headers + "Connection: close\r\n\r\n";
    auto response = RawHttp(*socket, request, 10s);
    if (!response) {
      ADD_FAILURE() << local << ": " << response.error();
      return 0;
    }
    return response->status;
  }
};

// A request passed to the owner is counted against its client, not against the edge that
// passed it: one client guessing an animateur's token through an edge is refused alone, and the
// edge's other clients (and the owner's own) are still served. The client a request names is
// believed only with the owner's own key, so a guesser cannot pass for someone else.
TEST_F(ClusterFewAttempts, OneClientGuessingThroughAnEdgeIsRefusedAloneOnTheOwner) {
  const std::string results = "/api/workshops/" + created_.workshop_id() + "/results";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(GetFrom(*nodes_[1], "127.0.0.2", results, "00" + std::to_string(i)), 403) << i;
  }
  EXPECT_EQ(GetFrom(*nodes_[1], "127.0.0.2", results, "0099"), 429);
  EXPECT_EQ(GetFrom(*nodes_[1], "127.0.0.3", results, created_.animateur_token()), 200);
  EXPECT_EQ(GetFrom(*nodes_[2], "127.0.0.4", results, created_.animateur_token()), 200);
  EXPECT_EQ(GetFrom(*nodes_[0], "127.0.0.1", results, created_.animateur_token()), 200);
  const std::string forged =
      "X-Atelier-Client: 127.0.0.5\r\nX-Atelier-Forward-Key: " + std::string(64, '0') + "\r\n";
  EXPECT_EQ(GetFrom(*nodes_[0], "127.0.0.2", results, "0098", forged), 429);
  // Nor through an edge: the edge names the client it sees, whatever the request says.
  EXPECT_EQ(GetFrom(*nodes_[1], "127.0.0.2", results, "0097", forged), 429);
  // A header far too large is refused (431) before anything else; the nodes serve on.
  EXPECT_EQ(GetFrom(*nodes_[1], "127.0.0.7", results, created_.animateur_token(),
                    "X-Atelier-Client: " + std::string(100'000, '1') + "\r\n"),
            431);
  EXPECT_EQ(GetFrom(*nodes_[1], "127.0.0.3", results, created_.animateur_token()), 200);
}

}  // namespace
}  // namespace atelier::server_test
