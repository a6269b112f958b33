// What a client may do, tried as a hostile or buggy client would over the wire: a table or a
// seat acts only for itself, only a Hello with the join code creates a table, a command needs
// an id that names one command, and nothing a client adds beyond the schema reaches the log.
#include <gtest/gtest.h>

#include <google/protobuf/unknown_field_set.h>

#include "storage/event_log.h"
#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

using namespace std::chrono_literals;

v1::Command JoinSeatCmd(uint32_t table, uint32_t seat_number) {
  v1::Command c;
  c.mutable_join_seat()->set_table_id(table);
  c.mutable_join_seat()->set_seat_number(seat_number);
  return c;
}

// Sends a command as is (the client library would give it an id) and returns its answer.
v1::ServerMessage SendRaw(Connection& connection, const v1::Command& command) {
  v1::ClientMessage message;
  *message.mutable_command() = command;
  EXPECT_TRUE(connection.Send(message));
  for (;;) {
    auto next = connection.Next(10s);
    if (!next) {
      ADD_FAILURE() << next.error();
      return {};
    }
    if (next->has_accepted() || next->has_rejected() || next->has_error()) return *next;
  }
}

// Seats and tables as the animateur sees them now.
v1::WorkshopState AnimateursView(LiveWorkshop& w) {
  return w.Animateur()->welcome().snapshot();
}

TEST(Authorization, ASeatActsOnlyForItselfAndItsTable) {
  LiveWorkshop w(EvaluationConfig());
  auto t1 = w.NewTable();
  auto t2 = w.NewTable();
  auto phone = w.NewSeat(1, 1);
  ASSERT_EQ(phone->welcome().role().kind(), v1::ACTOR_KIND_SEAT);
  const int seats = AnimateursView(w).seats_size();
  EXPECT_EQ(LiveWorkshop::Reject(*phone, JoinSeatCmd(2, 1)).reason(),
            v1::REJECTION_REASON_NOT_YOUR_TABLE);
  EXPECT_EQ(LiveWorkshop::Reject(*phone, JoinSeatCmd(1, 2)).reason(),
            v1::REJECTION_REASON_FORBIDDEN_ROLE);
  EXPECT_EQ(LiveWorkshop::Reject(*t1, JoinSeatCmd(2, 3)).reason(),
            v1::REJECTION_REASON_NOT_YOUR_TABLE);
  EXPECT_EQ(AnimateursView(w).seats_size(), seats) << "no seat was made";
  // Its own table may still seat its participants, and a phone may still take table 2's seat.
  LiveWorkshop::Accept(*t1, JoinSeatCmd(1, 2));
  EXPECT_EQ(w.NewSeat(2, 1)->welcome().role().table_id(), 2u);
}

TEST(Authorization, OnlyAHelloWithTheJoinCodeMakesATable) {
  v1::WorkshopConfig config = IdeationConfig();
  config.set_max_tables(3);
  LiveWorkshop w(config);
  auto table = w.NewTable();
  auto animateur = w.Animateur();
  v1::Command join;
  join.mutable_join_table();
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(LiveWorkshop::Reject(*table, join).reason(), v1::REJECTION_REASON_NOT_YOUR_TABLE);
  }
  EXPECT_EQ(LiveWorkshop::Reject(*animateur, join).reason(), v1::REJECTION_REASON_FORBIDDEN_ROLE);
  EXPECT_EQ(AnimateursView(w).tables_size(), 1);
  // The real tablets still find their places.
  EXPECT_EQ(w.NewTable()->welcome().role().table_id(), 2u);
  EXPECT_EQ(w.NewTable()->welcome().role().table_id(), 3u);
}

TEST(Authorization, ACommandNeedsAnIdThatNamesOneCommand) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto table = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  v1::Command post = PostIdeaCmd("Sans numéro");
  v1::ServerMessage no_id = SendRaw(*table, post);
  ASSERT_TRUE(no_id.has_rejected()) << no_id.ShortDebugString();
  EXPECT_EQ(no_id.rejected().rejection().reason(), v1::REJECTION_REASON_INVALID_COMMAND);

  post.set_command_id("tablette-1");
  v1::ServerMessage first = SendRaw(*table, post);
  ASSERT_TRUE(first.has_accepted());
  v1::ServerMessage retry = SendRaw(*table, post);
  ASSERT_TRUE(retry.has_accepted());
  EXPECT_TRUE(retry.accepted().duplicate());
  EXPECT_EQ(retry.accepted().seq(), first.accepted().seq());
  v1::Command other = PostIdeaCmd("Une autre idée, même numéro");
  other.set_command_id("tablette-1");
  v1::ServerMessage reused = SendRaw(*table, other);
  ASSERT_TRUE(reused.has_rejected()) << reused.ShortDebugString();
  EXPECT_EQ(reused.rejected().rejection().reason(), v1::REJECTION_REASON_COMMAND_ID_REUSED);
  EXPECT_EQ(AnimateursView(w).ideas_size(), 1);
}

TEST(Authorization, WhatAClientAddsBeyondTheSchemaNeverReachesTheLog) {
  LiveWorkshop w(IdeationConfig());
  auto animateur = w.Animateur();
  auto t1 = w.NewTable();
  auto t2 = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  LiveWorkshop::Accept(*t2, PostIdeaCmd("Une idée de la table 2"));
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
  for (int i = 0; i < 20; ++i) {
    v1::Command vote = SetPointsCmd({{1, static_cast<uint32_t>(i % 4)}});
    auto* unknown = vote.mutable_set_points()->GetReflection()->MutableUnknownFields(
        vote.mutable_set_points());
    unknown->AddLengthDelimited(77, std::string(60'000, 'x'));   // 60 KB of nothing
    unknown->AddGroup(78)->AddVarint(1, 42);                      // a group field, too
    vote.mutable_set_points()->mutable_points(0)->GetReflection()
        ->MutableUnknownFields(vote.mutable_set_points()->mutable_points(0))
        ->AddFixed64(79, 7);
    LiveWorkshop::Accept(*t1, vote);
  }
  // The animateur sees every PointsSet: small, and without the added fields.
  size_t points_events = 0;
  for (;;) {
    auto next = animateur->Next(2s);
    if (!next) break;
    for (const v1::Event& e : next->events().events()) {
      if (!e.has_points_set()) continue;
      ++points_events;
      EXPECT_LT(e.ByteSizeLong(), 300u);
      EXPECT_TRUE(e.points_set().GetReflection()->GetUnknownFields(e.points_set()).empty());
    }
  }
  EXPECT_EQ(points_events, 20u);
  const std::string id = w.created().workshop_id();
  auto stopped = w.server().Stop();
  ASSERT_TRUE(stopped && *stopped == 0);
  auto log = storage::EventLog::Open(w.server().data_dir());
  ASSERT_TRUE(log) << log.error().message;
  auto events = (*log)->Read(id, 1, 1000);
  ASSERT_TRUE(events);
  for (const v1::LoggedEvent& logged : *events) EXPECT_LT(logged.event().size(), 600u);
  auto head = (*log)->VerifyChain(id);
  EXPECT_TRUE(head) << head.error().message << " (whatever is sealed verifies)";
}

}  // namespace
}  // namespace atelier::server_test
