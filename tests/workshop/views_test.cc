// What each role sees (views.h), and the state codec the views are built on (state_codec.h).
// States are built by hand; RecomputeTotals fills the totals as Apply keeps them.
#include "server/workshop/views.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "server/workshop/config.h"
#include "server/workshop/results.h"
#include "server/workshop/state_codec.h"
#include "tests/workshop/test_support.h"

namespace atelier::workshop {
namespace {

using google::protobuf::util::MessageDifferencer;

using testing::Animateur;
using testing::Observer;
using testing::SeatActor;
using testing::TableActor;

std::string Bytes(const google::protobuf::Message& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return out;
}

// Three tables; ideas 1 (table 1), 2 and 3 (tables 2 and 3, merged into cluster 4), 5 (the
// animateur's); points of tables 1 and 2; seats 1, 2 at table 1 and 3 at table 2, all scored.
WorkshopState Workshop() {
  WorkshopState s;
  s.workshop_id = "w1";
  s.created = true;
  s.seq = 30;
  s.last_hash = "hash-30";
  s.config.set_question("Comment optimiser l'utilisation de la salle municipale ?");
  s.config.set_template_(v1::TEMPLATE_IDEATION);
  s.config.mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_LIVE);
  v1::Criterion* c = s.config.add_criteria();
  c->set_id(1);
  c->set_name("faisabilité");
  c->set_direction(v1::DIRECTION_HIGHER_IS_BETTER);
  c->set_max_value(10);
  s.access.set_join_code("JOIN42");
  s.access.set_observer_code("OBS42");
  s.access.set_animateur_token_sha256("secret-animateur-hash");
  UpgradeConfig(s.config);  // the ideation's default agenda
  s.phase = v1::PHASE_CONVERGENCE;
  s.step_id = StepOfKind(s.config, v1::PHASE_CONVERGENCE);
  s.step_started_ms = 100000;
  s.step_spent_ms = {{1, 60000}, {2, 900000}, {3, 300000}};
  s.timer = Timer{.running = true, .duration_ms = 60000, .deadline_ms = 123456, .auto_close = true};
  for (TableId t = 1; t <= 3; ++t) {
    Table& table = s.tables[t];
    table.id = t;
    table.name = "Table " + std::to_string(t);
    table.token_sha256 = "secret-table-hash-" + std::to_string(t);
  }
  auto idea = [&](TargetId id, TableId author, const char* text, TargetId cluster) -> Idea& {
    Idea& i = s.ideas[id];
    i.id = id;
    i.table_id = author;
    i.text = text;
    i.cluster_id = cluster;
    return i;
  };
  idea(1, 1, "Ouvrir le dimanche", 0);
  idea(2, 2, "Café associatif", 4);
  idea(3, 3, "Lieu de rencontre", 4);
  s.clusters[4] = Cluster{.id = 4, .title = "Convivialité", .idea_ids = {2, 3}};
  v1::IdeaOrigin& origin = idea(5, kAnimateurTable, "Réserver en ligne", 0).origin.emplace();
  origin.set_workshop_id("w0");
  origin.set_target_id(9);
  origin.set_points(12);
  s.next_id = 6;
  s.ballots[BallotKey{s.step_id, 1, 0}] = Ballot{.points = {{4, 3}, {5, 2}}, .points_spent = 5, .choice = {}, .buckets = {}};
  s.ballots[BallotKey{s.step_id, 2, 0}] = Ballot{.points = {{1, 3}}, .points_spent = 3, .choice = {}, .buckets = {}};
  s.seats[1] = Seat{.id = 1, .table_id = 1, .seat_number = 1, .token_sha256 = "secret-seat-hash-1"};
  s.seats[2] = Seat{.id = 2, .table_id = 1, .seat_number = 2, .token_sha256 = "secret-seat-hash-2"};
  s.seats[3] = Seat{.id = 3, .table_id = 2, .seat_number = 1, .token_sha256 = "secret-seat-hash-3"};
  s.scores[{1, 2, 1}] = 7;
  s.scores[{2, 2, 1}] = 3;
  s.scores[{3, 1, 1}] = 9;
  for (auto& [id, seat] : s.seats) seat.scores = 1;
  s.applied.Remember(TableActor(1), "cmd-1", 12);
  s.applied.Remember(SeatActor(3, 2), "score/7", 29);
  s.applied.Remember(Animateur(), "phase-4", 20);
  RecomputeTotals(s);
  return s;
}

const v1::IdeaState& IdeaOf(const v1::WorkshopState& view, TargetId id) {
  for (const v1::IdeaState& idea : view.ideas()) {
    if (idea.id() == id) return idea;
  }
  throw std::out_of_range("no idea " + std::to_string(id));
}

const v1::TableState& TableOf(const v1::WorkshopState& view, TableId id) {
  for (const v1::TableState& table : view.tables()) {
    if (table.id() == id) return table;
  }
  throw std::out_of_range("no table " + std::to_string(id));
}

std::vector<std::vector<uint32_t>> ScoresOf(const v1::WorkshopState& view) {
  std::vector<std::vector<uint32_t>> out;
  for (const v1::ScoreState& s : view.scores()) {
    out.push_back({s.seat_id(), s.idea_id(), static_cast<uint32_t>(s.value())});
  }
  return out;
}

std::vector<v1::Actor> EveryViewer() {
  return {Animateur(), TableActor(1), TableActor(2), SeatActor(1, 1), SeatActor(3, 2), Observer()};
}

// --- ViewState ---

TEST(ViewState, TokenHashesNeverLeave) {
  const WorkshopState s = Workshop();
  for (const v1::Actor& viewer : EveryViewer()) {
    SCOPED_TRACE(viewer.ShortDebugString());
    const std::string bytes = Bytes(ViewState(s, viewer));
    EXPECT_EQ(bytes.find("secret"), std::string::npos);
  }
}

TEST(ViewState, AppliedCommandsAndTheChainHeadStayWithTheServer) {
  const WorkshopState s = Workshop();
  for (const v1::Actor& viewer : EveryViewer()) {
    const v1::WorkshopState view = ViewState(s, viewer);
    EXPECT_EQ(view.applied_size(), 0);
    EXPECT_EQ(view.last_hash().empty(), viewer.kind() != v1::ACTOR_KIND_ANIMATEUR);
  }
}

// How many targets a table's ballot names in a view (0: the view has no such ballot).
int PointsOfTable(const v1::WorkshopState& view, TableId table) {
  for (const v1::BallotState& ballot : view.ballots()) {
    if (ballot.table_id() == table && ballot.seat_id() == 0) return ballot.points_size();
  }
  return 0;
}

TEST(ViewState, AnimateurSeesAuthorsAndPointsButNoScoreValues) {
  const v1::WorkshopState view = ViewState(Workshop(), Animateur());
  EXPECT_EQ(IdeaOf(view, 1).table_id(), 1u);
  EXPECT_EQ(IdeaOf(view, 3).table_id(), 3u);
  EXPECT_EQ(PointsOfTable(view, 1), 2);
  EXPECT_EQ(PointsOfTable(view, 2), 1);
  // Progress: which seat scored what, never the value.
  EXPECT_EQ(ScoresOf(view), (std::vector<std::vector<uint32_t>>{
                                {1, 2, uint32_t(-1)}, {2, 2, uint32_t(-1)}, {3, 1, uint32_t(-1)}}));
  EXPECT_EQ(view.access().join_code(), "JOIN42");
  EXPECT_EQ(view.access().observer_code(), "OBS42");
  EXPECT_EQ(view.config().question(), "Comment optimiser l'utilisation de la salle municipale ?");
  EXPECT_TRUE(view.timer().running());
}

TEST(ViewState, AuthorsHiddenFromOtherTablesAndObservers) {
  const WorkshopState s = Workshop();
  const v1::WorkshopState table2 = ViewState(s, TableActor(2));
  EXPECT_EQ(IdeaOf(table2, 1).table_id(), 0u);
  EXPECT_FALSE(IdeaOf(table2, 1).own());
  EXPECT_EQ(IdeaOf(table2, 2).table_id(), 2u);
  EXPECT_TRUE(IdeaOf(table2, 2).own());
  EXPECT_EQ(IdeaOf(table2, 3).table_id(), 0u);
  EXPECT_EQ(IdeaOf(table2, 1).text(), "Ouvrir le dimanche");  // the idea itself is public
  const v1::WorkshopState seat = ViewState(s, SeatActor(1, 1));
  EXPECT_TRUE(IdeaOf(seat, 1).own());
  EXPECT_FALSE(IdeaOf(seat, 2).own());
  const v1::WorkshopState observer = ViewState(s, Observer());
  for (const v1::IdeaState& idea : observer.ideas()) {
    EXPECT_EQ(idea.table_id(), 0u);
    EXPECT_FALSE(idea.own());
  }
}

TEST(ViewState, TableSeesOnlyItsOwnPoints) {
  const v1::WorkshopState view = ViewState(Workshop(), TableActor(1));
  EXPECT_EQ(PointsOfTable(view, 1), 2);
  EXPECT_EQ(PointsOfTable(view, 2), 0);
  EXPECT_EQ(TableOf(view, 2).name(), "Table 2");
  const v1::WorkshopState seat = ViewState(Workshop(), SeatActor(3, 2));
  EXPECT_EQ(PointsOfTable(seat, 1), 0);
  EXPECT_EQ(PointsOfTable(seat, 2), 1);
}

TEST(ViewState, TableSeesItsSeatsScoresAndASeatOnlyItsOwn) {
  const WorkshopState s = Workshop();
  EXPECT_EQ(ScoresOf(ViewState(s, TableActor(1))),
            (std::vector<std::vector<uint32_t>>{{1, 2, 7}, {2, 2, 3}}));
  EXPECT_EQ(ScoresOf(ViewState(s, SeatActor(2, 1))),
            (std::vector<std::vector<uint32_t>>{{2, 2, 3}}));
  EXPECT_EQ(ScoresOf(ViewState(s, TableActor(3))), (std::vector<std::vector<uint32_t>>{}));
}

TEST(ViewState, ObserverNeverSeesIndividualScores) {
  const v1::WorkshopState view = ViewState(Workshop(), Observer());
  EXPECT_EQ(view.scores_size(), 0);
  for (const v1::TableState& table : view.tables()) EXPECT_EQ(table.points_size(), 0);
  EXPECT_EQ(view.seats_size(), 3);  // who joined is public; participation counts show it anyway
}

TEST(ViewState, AccessCodesPerRole) {
  const WorkshopState s = Workshop();
  const v1::WorkshopState table = ViewState(s, TableActor(1));
  EXPECT_EQ(table.access().join_code(), "JOIN42");
  EXPECT_EQ(table.access().observer_code(), "");
  EXPECT_EQ(ViewState(s, SeatActor(1, 1)).access().observer_code(), "");
  const v1::WorkshopState observer = ViewState(s, Observer());
  EXPECT_EQ(observer.access().join_code(), "") << "an observer link never lets anyone join";
  EXPECT_EQ(observer.access().observer_code(), "OBS42");
  v1::Actor nobody;
  nobody.set_kind(v1::ACTOR_KIND_SYSTEM);
  const v1::WorkshopState unknown = ViewState(s, nobody);
  EXPECT_FALSE(unknown.has_access());
  EXPECT_EQ(unknown.scores_size(), 0);
  EXPECT_EQ(IdeaOf(unknown, 1).table_id(), 0u);
}

// --- ViewEvent ---

v1::Event Envelope(const v1::Actor& actor) {
  v1::Event e;
  e.set_workshop_id("w1");
  e.set_seq(31);
  e.set_server_time_ms(1000);
  *e.mutable_actor() = actor;
  e.set_command_id("cmd-31");
  e.set_prev_hash("hash-30");
  e.set_hash("hash-31");
  return e;
}

v1::Event PointsSetBy(TableId table) {
  v1::Event e = Envelope(TableActor(table));
  e.mutable_points_set()->set_table_id(table);
  v1::TargetPoints* p = e.mutable_points_set()->add_points();
  p->set_target_id(5);
  p->set_points(3);
  return e;
}

v1::Event ScoreSetBy(const v1::Actor& actor, SeatId seat) {
  v1::Event e = Envelope(actor);
  v1::ScoreSet& score = *e.mutable_score_set();
  score.set_seat_id(seat);
  score.set_idea_id(2);
  score.set_criterion_id(1);
  score.set_value(8);
  return e;
}

v1::Event IdeaPostedBy(TableId table) {
  v1::Event e = Envelope(table == 0 ? Animateur() : TableActor(table));
  v1::PostedIdea& idea = *e.mutable_idea_posted()->mutable_idea();
  idea.set_idea_id(6);
  idea.set_table_id(table);
  idea.set_text("Un jardin partagé");
  return e;
}

void AddReleased(google::protobuf::RepeatedPtrField<v1::PointsReleased>& released, TableId table,
                 uint32_t points) {
  v1::PointsReleased* r = released.Add();
  r->set_table_id(table);
  r->set_target_id(4);
  r->set_points(points);
}

v1::Event MergedReleasingFor(std::vector<TableId> tables) {
  v1::Event e = Envelope(Animateur());
  v1::IdeasMerged& merged = *e.mutable_ideas_merged();
  merged.set_cluster_id(4);
  merged.set_title("Convivialité");
  merged.add_idea_ids(1);
  merged.add_idea_ids(2);
  merged.add_idea_ids(3);
  for (TableId t : tables) AddReleased(*merged.mutable_released(), t, t);
  return e;
}

std::vector<TableId> ReleasedTables(const v1::Event& e) {
  std::vector<TableId> out;
  for (const v1::PointsReleased& r : e.ideas_merged().released()) out.push_back(r.table_id());
  return out;
}

TEST(ViewEvent, OtherTableNeverSeesPointsSet) {
  const v1::Event e = PointsSetBy(1);
  EXPECT_FALSE(ViewEvent(e, TableActor(2)));
  EXPECT_FALSE(ViewEvent(e, SeatActor(3, 2)));
  EXPECT_FALSE(ViewEvent(e, Observer()));
  auto own = ViewEvent(e, TableActor(1));
  ASSERT_TRUE(own);
  EXPECT_EQ(own->points_set().points(0).points(), 3u);
  EXPECT_EQ(own->actor().table_id(), 1u);
  EXPECT_EQ(own->command_id(), "cmd-31");
  EXPECT_TRUE(ViewEvent(e, SeatActor(1, 1)));  // a seat is a member of its table
  auto animateur = ViewEvent(e, Animateur());
  ASSERT_TRUE(animateur);
  EXPECT_TRUE(MessageDifferencer::Equals(*animateur, e));
}

TEST(ViewEvent, ScoreValueOnlyForTheSeatAndItsTable) {
  for (const v1::Actor& actor : {SeatActor(1, 1), TableActor(1)}) {
    SCOPED_TRACE(actor.ShortDebugString());
    const v1::Event e = ScoreSetBy(actor, 1);
    auto seat = ViewEvent(e, SeatActor(1, 1));
    ASSERT_TRUE(seat);
    EXPECT_EQ(seat->score_set().value(), 8);
    auto table = ViewEvent(e, TableActor(1));
    ASSERT_TRUE(table);
    EXPECT_EQ(table->score_set().value(), 8);
    EXPECT_FALSE(ViewEvent(e, SeatActor(2, 1)));  // the seat beside it scores individually
    EXPECT_FALSE(ViewEvent(e, TableActor(2)));
    EXPECT_FALSE(ViewEvent(e, SeatActor(3, 2)));
    EXPECT_FALSE(ViewEvent(e, Observer()));
    auto animateur = ViewEvent(e, Animateur());
    ASSERT_TRUE(animateur);
    EXPECT_EQ(animateur->score_set().value(), -1);  // progress only
    EXPECT_EQ(animateur->score_set().seat_id(), 1u);
  }
}

TEST(ViewEvent, PostedIdeaHidesItsAuthorFromOthers) {
  const v1::Event e = IdeaPostedBy(2);
  auto author = ViewEvent(e, TableActor(2));
  ASSERT_TRUE(author);
  EXPECT_EQ(author->idea_posted().idea().table_id(), 2u);
  EXPECT_EQ(author->actor().table_id(), 2u);
  for (const v1::Actor& viewer : {TableActor(1), SeatActor(1, 1), Observer()}) {
    SCOPED_TRACE(viewer.ShortDebugString());
    auto view = ViewEvent(e, viewer);
    ASSERT_TRUE(view);
    EXPECT_EQ(view->idea_posted().idea().table_id(), 0u);
    EXPECT_EQ(view->idea_posted().idea().text(), "Un jardin partagé");
    EXPECT_FALSE(view->has_actor());  // the actor would name the author
    EXPECT_EQ(view->command_id(), "");
  }
  EXPECT_EQ(ViewEvent(e, Animateur())->idea_posted().idea().table_id(), 2u);
}

TEST(ViewEvent, EditByATableDoesNotNameIt) {
  v1::Event e = Envelope(TableActor(3));
  e.mutable_idea_edited()->set_idea_id(3);
  e.mutable_idea_edited()->set_text("Un lieu de rencontre intergénérationnel");
  EXPECT_EQ(ViewEvent(e, TableActor(3))->actor().table_id(), 3u);
  auto other = ViewEvent(e, TableActor(1));
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->has_actor());
  EXPECT_EQ(other->idea_edited().text(), "Un lieu de rencontre intergénérationnel");
}

TEST(ViewEvent, ReleasedPointsFilteredPerTable) {
  const v1::Event e = MergedReleasingFor({1, 2});
  EXPECT_EQ(ReleasedTables(*ViewEvent(e, Animateur())), (std::vector<TableId>{1, 2}));
  EXPECT_EQ(ReleasedTables(*ViewEvent(e, TableActor(1))), (std::vector<TableId>{1}));
  EXPECT_EQ(ReleasedTables(*ViewEvent(e, SeatActor(3, 2))), (std::vector<TableId>{2}));
  EXPECT_EQ(ReleasedTables(*ViewEvent(e, TableActor(3))), (std::vector<TableId>{}));
  EXPECT_EQ(ReleasedTables(*ViewEvent(e, Observer())), (std::vector<TableId>{}));
  EXPECT_EQ(ViewEvent(e, Observer())->ideas_merged().idea_ids_size(), 3);
}

TEST(ViewEvent, ASeatSeesItsTablesAndItsOwnReleasedPointsNotAnotherSeats) {
  // Seats of table 2 vote each on their own phone: a merge hands back the table's ballot's
  // points (seat 0) and those of seats 5 and 6.
  v1::Event e = MergedReleasingFor({2});
  for (SeatId seat : {5u, 6u}) {
    AddReleased(*e.mutable_ideas_merged()->mutable_released(), 2, seat);
    e.mutable_ideas_merged()->mutable_released()->rbegin()->set_seat_id(seat);
  }
  auto seats_of = [](const std::optional<v1::Event>& view) {
    std::vector<SeatId> out;
    for (const v1::PointsReleased& r : view->ideas_merged().released()) out.push_back(r.seat_id());
    return out;
  };
  EXPECT_EQ(seats_of(ViewEvent(e, TableActor(2))), (std::vector<SeatId>{0, 5, 6}));
  EXPECT_EQ(seats_of(ViewEvent(e, SeatActor(5, 2))), (std::vector<SeatId>{0, 5}));
  EXPECT_EQ(seats_of(ViewEvent(e, SeatActor(6, 2))), (std::vector<SeatId>{0, 6}));
  EXPECT_EQ(seats_of(ViewEvent(e, SeatActor(7, 2))), (std::vector<SeatId>{0}));
  EXPECT_EQ(seats_of(ViewEvent(e, Animateur())), (std::vector<SeatId>{0, 5, 6}));
  EXPECT_TRUE(RouteOf(e).per_seat) << "the fan-out builds each seat's view";
  EXPECT_FALSE(RouteOf(MergedReleasingFor({1, 2})).per_seat);
}

TEST(ViewEvent, HashesKeptForTheAnimateurOnly) {
  v1::Event e = Envelope(Animateur());
  e.mutable_phase_changed()->set_from(v1::PHASE_DIVERGENCE);
  e.mutable_phase_changed()->set_to(v1::PHASE_GROUPING);
  EXPECT_EQ(ViewEvent(e, Animateur())->hash(), "hash-31");
  EXPECT_EQ(ViewEvent(e, Animateur())->prev_hash(), "hash-30");
  for (const v1::Actor& viewer : {TableActor(1), SeatActor(1, 1), Observer()}) {
    auto view = ViewEvent(e, viewer);
    ASSERT_TRUE(view);
    EXPECT_EQ(view->hash(), "");
    EXPECT_EQ(view->prev_hash(), "");
    EXPECT_EQ(view->seq(), 31u);
    EXPECT_EQ(view->phase_changed().to(), v1::PHASE_GROUPING);
  }
}

TEST(ViewEvent, CreationRevealsTheCodesEachRoleNeeds) {
  v1::Event e = Envelope(Animateur());
  v1::WorkshopCreated& created = *e.mutable_workshop_created();
  created.mutable_config()->set_question("Q");
  created.mutable_access()->set_join_code("JOIN42");
  created.mutable_access()->set_observer_code("OBS42");
  created.mutable_access()->set_animateur_token_sha256("secret-animateur-hash");
  v1::PostedIdea* seed = created.add_ideas();
  seed->set_idea_id(1);
  seed->set_text("Idée reprise");
  auto animateur = ViewEvent(e, Animateur());
  EXPECT_EQ(animateur->workshop_created().access().observer_code(), "OBS42");
  auto table = ViewEvent(e, TableActor(1));
  EXPECT_EQ(table->workshop_created().access().join_code(), "JOIN42");
  EXPECT_EQ(table->workshop_created().access().observer_code(), "");
  EXPECT_EQ(table->workshop_created().ideas_size(), 1);
  auto observer = ViewEvent(e, Observer());
  EXPECT_EQ(observer->workshop_created().access().observer_code(), "OBS42");
  EXPECT_EQ(observer->workshop_created().access().join_code(), "") << "not from an observer link";
  EXPECT_EQ(observer->workshop_created().config().question(), "Q");
  for (const v1::Actor& viewer : EveryViewer()) {
    EXPECT_EQ(Bytes(*ViewEvent(e, viewer)).find("secret"), std::string::npos);
  }
}

TEST(ViewEvent, JoinsAreSeenByAllWithoutTokenHash) {
  v1::Event table = Envelope(TableActor(3));
  table.mutable_table_joined()->set_table_id(3);
  table.mutable_table_joined()->set_name("Table des Lilas");
  table.mutable_table_joined()->set_token_sha256("secret-table-hash-3");
  v1::Event seat = Envelope(SeatActor(4, 3));
  seat.mutable_seat_joined()->set_seat_id(4);
  seat.mutable_seat_joined()->set_table_id(3);
  seat.mutable_seat_joined()->set_token_sha256("secret-seat-hash-4");
  for (const v1::Event& e : {table, seat}) {
    for (const v1::Actor& viewer : EveryViewer()) {
      auto view = ViewEvent(e, viewer);
      ASSERT_TRUE(view);
      EXPECT_EQ(Bytes(*view).find("secret"), std::string::npos);
    }
  }
  EXPECT_EQ(ViewEvent(table, Observer())->table_joined().name(), "Table des Lilas");
}

TEST(ViewEvent, UnknownViewerGetsNothing) {
  v1::Actor nobody;
  nobody.set_kind(v1::ACTOR_KIND_SYSTEM);
  EXPECT_FALSE(ViewEvent(IdeaPostedBy(1), nobody));
  EXPECT_FALSE(ViewEvent(IdeaPostedBy(1), TableActor(0)));
}

// --- ViewsByAudience ---

// One event of every payload type, with the actors that normally cause it.
std::vector<v1::Event> EveryEventType() {
  std::vector<v1::Event> events;
  auto add = [&](const v1::Actor& actor, const std::function<void(v1::Event&)>& fill) {
    v1::Event& e = events.emplace_back(Envelope(actor));
    fill(e);
  };
  add(Animateur(), [](v1::Event& e) {
    auto& created = *e.mutable_workshop_created();
    created.mutable_access()->set_join_code("J");
    created.mutable_access()->set_observer_code("O");
    created.mutable_access()->set_animateur_token_sha256("secret");
    created.add_ideas()->set_text("graine");
  });
  add(Animateur(), [](v1::Event& e) { e.mutable_workshop_configured()->mutable_config(); });
  add(TableActor(3), [](v1::Event& e) {
    e.mutable_table_joined()->set_table_id(3);
    e.mutable_table_joined()->set_token_sha256("secret");
  });
  add(Animateur(), [](v1::Event& e) {  // the animateur adding a table
    e.mutable_table_joined()->set_table_id(4);
    e.mutable_table_joined()->set_token_sha256("secret");
  });
  add(SeatActor(4, 3), [](v1::Event& e) {
    e.mutable_seat_joined()->set_seat_id(4);
    e.mutable_seat_joined()->set_table_id(3);
    e.mutable_seat_joined()->set_token_sha256("secret");
  });
  add(Animateur(), [](v1::Event& e) { e.mutable_phase_changed()->set_to(v1::PHASE_SCORING); });
  add(Animateur(), [](v1::Event& e) { e.mutable_timer_started()->set_duration_ms(5); });
  add(Animateur(), [](v1::Event& e) { e.mutable_timer_paused()->set_remaining_ms(5); });
  add(Animateur(), [](v1::Event& e) { e.mutable_timer_resumed()->set_deadline_ms(5); });
  add(Animateur(), [](v1::Event& e) { e.mutable_timer_extended()->set_by_ms(5); });
  events.push_back(IdeaPostedBy(2));
  events.push_back(IdeaPostedBy(0));
  add(TableActor(1), [](v1::Event& e) { e.mutable_idea_edited()->set_idea_id(1); });
  add(TableActor(1), [](v1::Event& e) {
    e.mutable_idea_deleted()->set_idea_id(1);
    AddReleased(*e.mutable_idea_deleted()->mutable_released(), 2, 3);
  });
  events.push_back(MergedReleasingFor({1, 2}));
  add(Animateur(), [](v1::Event& e) { e.mutable_cluster_renamed()->set_title("T"); });
  add(Animateur(), [](v1::Event& e) {
    e.mutable_cluster_split()->set_cluster_id(4);
    AddReleased(*e.mutable_cluster_split()->mutable_released(), 1, 3);
  });
  events.push_back(PointsSetBy(1));
  events.push_back(ScoreSetBy(SeatActor(1, 1), 1));
  events.push_back(ScoreSetBy(TableActor(1), 2));
  add(Animateur(), [](v1::Event& e) { e.mutable_results_revealed()->set_revealed(true); });
  add(Animateur(), [](v1::Event& e) { e.mutable_workshop_paused()->set_paused(true); });
  add(TableActor(2), [](v1::Event& e) {  // a table's ranking
    e.mutable_choice_set()->set_table_id(2);
    e.mutable_choice_set()->add_target_ids(1);
  });
  add(SeatActor(5, 2), [](v1::Event& e) {  // a seat's pick
    e.mutable_choice_set()->set_table_id(2);
    e.mutable_choice_set()->set_seat_id(5);
    e.mutable_choice_set()->add_target_ids(1);
  });
  add(TableActor(3), [](v1::Event& e) {  // a seat's buckets, cast on its table's tablet
    e.mutable_buckets_set()->set_table_id(3);
    e.mutable_buckets_set()->set_seat_id(6);
    v1::TargetBucket& item = *e.mutable_buckets_set()->add_items();
    item.set_target_id(1);
    item.set_bucket(v1::BUCKET_COFFRE_FORT);
  });
  add(SeatActor(7, 1), [](v1::Event& e) {  // a seat's dots
    e.mutable_points_set()->set_table_id(1);
    e.mutable_points_set()->set_seat_id(7);
    v1::TargetPoints& p = *e.mutable_points_set()->add_points();
    p.set_target_id(2);
    p.set_points(1);
  });
  return events;
}

bool SameView(const std::optional<v1::Event>& a, const std::optional<v1::Event>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || MessageDifferencer::Equals(*a, *b);
}

// A table with no PointsReleased entry in the event, and not its author.
TableId BystanderTable(const v1::Event& e, TableId author) {
  std::set<TableId> involved = {author};
  auto note = [&](const auto& released) {
    for (const v1::PointsReleased& r : released) involved.insert(r.table_id());
  };
  if (e.has_idea_deleted()) note(e.idea_deleted().released());
  if (e.has_ideas_merged()) note(e.ideas_merged().released());
  if (e.has_cluster_split()) note(e.cluster_split().released());
  TableId t = 1;
  while (involved.contains(t)) ++t;
  return t;
}

TEST(ViewsByAudience, MatchesViewEventForEachRole) {
  std::set<int> covered;
  for (const v1::Event& e : EveryEventType()) {
    SCOPED_TRACE(e.ShortDebugString());
    covered.insert(e.payload_case());
    const EventAudiences a = ViewsByAudience(e);
    EXPECT_TRUE(SameView(a.animateur, ViewEvent(e, Animateur())));
    EXPECT_TRUE(SameView(a.observers, ViewEvent(e, Observer())));
    const TableId bystander = BystanderTable(e, a.author_table_id);
    EXPECT_TRUE(SameView(a.other_tables, ViewEvent(e, TableActor(bystander))));
    EXPECT_TRUE(SameView(a.other_tables, ViewEvent(e, SeatActor(99, bystander))));
    if (a.author_table_id == 0) {
      EXPECT_FALSE(a.author_table);
      continue;
    }
    EXPECT_TRUE(SameView(a.author_table, ViewEvent(e, TableActor(a.author_table_id))));
    const SeatId seat = a.only_seat_id != 0 ? a.only_seat_id : 98;
    EXPECT_TRUE(SameView(a.author_table, ViewEvent(e, SeatActor(seat, a.author_table_id))));
    if (a.only_seat_id != 0) {
      EXPECT_FALSE(ViewEvent(e, SeatActor(a.only_seat_id + 1, a.author_table_id)));
    }
  }
  const auto* payload = v1::Event::descriptor()->FindOneofByName("payload");
  for (int i = 0; i < payload->field_count(); ++i) {
    EXPECT_TRUE(covered.contains(payload->field(i)->number())) << payload->field(i)->name();
  }
}

TEST(ViewsByAudience, AuthorTableIsTheTableTheEventConcerns) {
  EXPECT_EQ(ViewsByAudience(IdeaPostedBy(2)).author_table_id, 2u);
  EXPECT_EQ(ViewsByAudience(IdeaPostedBy(0)).author_table_id, 0u);
  EXPECT_EQ(ViewsByAudience(PointsSetBy(3)).author_table_id, 3u);
  EXPECT_EQ(ViewsByAudience(ScoreSetBy(SeatActor(3, 2), 3)).author_table_id, 2u);
  EXPECT_EQ(ViewsByAudience(ScoreSetBy(SeatActor(3, 2), 3)).only_seat_id, 3u);
  EXPECT_EQ(ViewsByAudience(MergedReleasingFor({})).author_table_id, 0u);
}

TEST(ViewsByAudience, PerTableOnlyWhenOtherTablesGetPointsBack) {
  EXPECT_FALSE(ViewsByAudience(MergedReleasingFor({})).per_table);
  const EventAudiences merged = ViewsByAudience(MergedReleasingFor({1, 2}));
  EXPECT_TRUE(merged.per_table);
  EXPECT_EQ(merged.other_tables->ideas_merged().released_size(), 0);
  EXPECT_EQ(merged.animateur->ideas_merged().released_size(), 2);
  // A table deleting its own idea, self-vote allowed: only its own points come back.
  v1::Event deleted = Envelope(TableActor(1));
  deleted.mutable_idea_deleted()->set_idea_id(1);
  AddReleased(*deleted.mutable_idea_deleted()->mutable_released(), 1, 2);
  const EventAudiences own = ViewsByAudience(deleted);
  EXPECT_FALSE(own.per_table);
  EXPECT_EQ(own.author_table->idea_deleted().released_size(), 1);
  EXPECT_EQ(own.other_tables->idea_deleted().released_size(), 0);
  EXPECT_FALSE(ViewsByAudience(PointsSetBy(1)).per_table);
}

// --- Who sees results ---

TEST(ResultsVisibility, AnimateurAlways) {
  WorkshopState s = Workshop();
  s.config.mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_AT_REVEAL);
  EXPECT_TRUE(MaySeeResults(s, Animateur()));
}

TEST(ResultsVisibility, ObserversLiveOrAtRevealAsConfigured) {
  WorkshopState s = Workshop();
  s.config.mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_LIVE);
  EXPECT_TRUE(MaySeeResults(s, Observer()));
  s.config.mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_AT_REVEAL);
  EXPECT_FALSE(MaySeeResults(s, Observer()));
  s.config.mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_UNSPECIFIED);
  EXPECT_FALSE(MaySeeResults(s, Observer()));
  s.results_revealed = true;
  EXPECT_TRUE(MaySeeResults(s, Observer()));
}

TEST(ResultsVisibility, TablesAndSeatsOnlyOnceRevealed) {
  WorkshopState s = Workshop();  // observers live: tables still wait for the reveal
  for (const v1::Actor& viewer : {TableActor(1), SeatActor(1, 1)}) {
    EXPECT_FALSE(MaySeeResults(s, viewer));
    EXPECT_FALSE(MaySeePoints(s, viewer));
  }
  s.results_revealed = true;
  for (const v1::Actor& viewer : {TableActor(1), SeatActor(1, 1)}) {
    EXPECT_TRUE(MaySeeResults(s, viewer));
    EXPECT_TRUE(MaySeePoints(s, viewer));
  }
  v1::Actor nobody;
  nobody.set_kind(v1::ACTOR_KIND_SYSTEM);
  EXPECT_FALSE(MaySeeResults(s, nobody));
}

TEST(ResultsVisibility, TablesSeeLivePointsOnlyWhenConfigured) {
  WorkshopState s = Workshop();
  s.config.mutable_visibility()->set_tables_see_live_points(true);
  EXPECT_FALSE(MaySeeResults(s, TableActor(1)));
  EXPECT_TRUE(MaySeePoints(s, TableActor(1)));
  EXPECT_TRUE(MaySeePoints(s, SeatActor(1, 1)));
  s.config.mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_AT_REVEAL);
  EXPECT_FALSE(MaySeePoints(s, Observer()));
  const v1::Results full = ComputeResults(s);
  ASSERT_GT(full.evaluations_size(), 0);
  const v1::Results points = PointsOnly(full);
  EXPECT_EQ(points.points_size(), full.points_size());
  EXPECT_EQ(points.evaluations_size(), 0);
  EXPECT_FALSE(points.has_participation());
  EXPECT_EQ(points.seq(), 30u);
}

// --- StateCodec (state_codec.h) ---

void ExpectSameDerivedData(const WorkshopState& a, const WorkshopState& b) {
  EXPECT_EQ(a.tallies, b.tallies);
  EXPECT_EQ(a.score_stats, b.score_stats);
  EXPECT_EQ(a.seats_scoring, b.seats_scoring);
  EXPECT_EQ(a.applied, b.applied);
  EXPECT_EQ(a.ballots, b.ballots);
  for (const auto& [id, seat] : a.seats) {
    EXPECT_EQ(seat.scores, b.seats.at(id).scores);
  }
}

TEST(StateCodec, RoundTripKeepsEverything) {
  const WorkshopState s = Workshop();
  const v1::WorkshopState proto = ToProto(s);
  auto back = FromProto(proto);
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(MessageDifferencer::Equals(ToProto(*back), proto));
  EXPECT_EQ(Bytes(ToProto(*back)), Bytes(proto));
  ExpectSameDerivedData(s, *back);
  EXPECT_TRUE(back->created);
  EXPECT_EQ(back->ideas.at(5).origin->points(), 12u);
  EXPECT_FALSE(back->ideas.at(1).origin);
  EXPECT_EQ(back->timer.deadline_ms, 123456);
  EXPECT_EQ(back->access.animateur_token_sha256(), "secret-animateur-hash");
}

TEST(StateCodec, AppliedCommandsCarryTheirActor) {
  const v1::WorkshopState proto = ToProto(Workshop());
  ASSERT_EQ(proto.applied_size(), 3);  // by seq
  EXPECT_EQ(proto.applied(0).actor().kind(), v1::ACTOR_KIND_TABLE);
  EXPECT_EQ(proto.applied(0).actor().table_id(), 1u);
  EXPECT_EQ(proto.applied(0).command_id(), "cmd-1");
  EXPECT_EQ(proto.applied(0).seq(), 12u);
  EXPECT_EQ(proto.applied(1).actor().kind(), v1::ACTOR_KIND_ANIMATEUR);
  EXPECT_EQ(proto.applied(1).command_id(), "phase-4");
  EXPECT_EQ(proto.applied(2).actor().kind(), v1::ACTOR_KIND_SEAT);
  EXPECT_EQ(proto.applied(2).actor().seat_id(), 3u);
  EXPECT_EQ(proto.applied(2).actor().table_id(), 2u);
  EXPECT_EQ(proto.applied(2).command_id(), "score/7");  // a slash in the id survives
}

TEST(StateCodec, EqualStatesGiveEqualBytes) {
  WorkshopState a = Workshop();
  WorkshopState b = Workshop();
  a.applied.clear();
  b.applied.clear();
  for (const char* id : {"z", "y", "x", "w"}) b.applied.Remember(Animateur(), id, 1);
  for (const char* id : {"w", "x", "y", "z"}) a.applied.Remember(Animateur(), id, 1);
  EXPECT_EQ(Bytes(ToProto(a)), Bytes(ToProto(b)));
}

TEST(StateCodec, EmptyStateRoundTrips) {
  WorkshopState empty;
  auto back = FromProto(ToProto(empty));
  ASSERT_TRUE(back) << back.error();
  EXPECT_FALSE(back->created);
  EXPECT_EQ(Bytes(ToProto(*back)), Bytes(ToProto(empty)));
}

TEST(StateCodec, RejectsCorruptSnapshots) {
  struct Case {
    const char* name;
    std::function<void(v1::WorkshopState&)> corrupt;
    const char* error;  // part of the error message
  };
  const std::vector<Case> cases = {
      {"idea in unknown cluster", [](auto& p) { p.mutable_ideas(0)->set_cluster_id(77); },
       "idea 1 is in cluster 77"},
      {"idea not listed by its cluster", [](auto& p) { p.mutable_ideas(0)->set_cluster_id(4); },
       "idea 1 is in cluster 4"},
      {"cluster lists unknown idea", [](auto& p) { p.mutable_clusters(0)->add_idea_ids(70); },
       "cluster 4 lists idea 70"},
      {"cluster of one idea",
       [](auto& p) {
         p.mutable_clusters(0)->mutable_idea_ids()->RemoveLast();
         p.mutable_ideas(2)->set_cluster_id(0);
       },
       "fewer than two ideas in cluster 4"},
      {"duplicate idea", [](auto& p) { *p.add_ideas() = p.ideas(0); }, "duplicate idea 1"},
      {"idea id at next_id", [](auto& p) { p.set_next_id(5); }, "next_id: idea 5"},
      {"idea by unknown table", [](auto& p) { p.mutable_ideas(0)->set_table_id(9); },
       "idea 1 is by table 9"},
      {"points on unknown target",
       [](auto& p) { p.mutable_ballots(1)->mutable_points(0)->set_target_id(66); },
       "ballot of table 2, seat 0 in step 4: 3 points on target 66"},
      {"points on a clustered idea",
       [](auto& p) { p.mutable_ballots(1)->mutable_points(0)->set_target_id(2); },
       "ballot of table 2, seat 0 in step 4: 3 points on target 2"},
      {"zero points", [](auto& p) { p.mutable_ballots(1)->mutable_points(0)->set_points(0); },
       "ballot of table 2, seat 0 in step 4: 0 points on target 1"},
      {"a ballot in a step that is no vote",
       [](auto& p) { p.mutable_ballots(1)->set_step_id(2); }, "not a vote step"},
      {"a ballot of a seat of another table",
       [](auto& p) { p.mutable_ballots(1)->set_seat_id(1); }, "of another table than 2"},
      {"two ballots of one voter", [](auto& p) { *p.add_ballots() = p.ballots(1); },
       "two ballots of table 2"},
      {"an empty ballot", [](auto& p) { p.mutable_ballots(1)->clear_points(); }, "is empty"},
      {"seat at unknown table", [](auto& p) { p.mutable_seats(0)->set_table_id(8); },
       "unknown table 8"},
      {"score of unknown seat", [](auto& p) { p.mutable_scores(0)->set_seat_id(50); },
       "score of seat 50"},
      {"score of unknown idea", [](auto& p) { p.mutable_scores(0)->set_idea_id(51); },
       "on idea 51"},
      {"score on unknown criterion", [](auto& p) { p.mutable_scores(0)->set_criterion_id(2); },
       "criterion 2: unknown"},
      {"score out of range", [](auto& p) { p.mutable_scores(0)->set_value(11); },
       "score 11 of seat 1"},
      {"duplicate score", [](auto& p) { *p.add_scores() = p.scores(0); },
       "seat 1 scored idea 2 on criterion 1 twice"},
      {"criterion range too wide",
       [](auto& p) { p.mutable_config()->mutable_criteria(0)->set_max_value(1000); },
       "criterion range"},
      {"criterion range empty",
       [](auto& p) { p.mutable_config()->mutable_criteria(0)->set_min_value(11); },
       "criterion range"},
      {"duplicate applied command", [](auto& p) { *p.add_applied() = p.applied(0); },
       "applied twice: cmd-1"},
      {"next_id zero", [](auto& p) { p.set_next_id(0); }, "next_id 0"},
  };
  const v1::WorkshopState good = ToProto(Workshop());
  ASSERT_TRUE(FromProto(good));
  for (const Case& c : cases) {
    v1::WorkshopState bad = good;
    c.corrupt(bad);
    auto result = FromProto(bad);
    ASSERT_FALSE(result) << c.name;
    EXPECT_NE(result.error().find(c.error), std::string::npos) << c.name << ": " << result.error();
  }
}

}  // namespace
}  // namespace atelier::workshop
