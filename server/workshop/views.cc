#include "server/workshop/views.h"

#include <utility>

#include "server/workshop/state_codec.h"

namespace atelier::workshop {
namespace {

using Released = google::protobuf::RepeatedPtrField<v1::PointsReleased>;

bool IsMember(const v1::Actor& viewer) {
  return (viewer.kind() == v1::ACTOR_KIND_TABLE || viewer.kind() == v1::ACTOR_KIND_SEAT) &&
         viewer.table_id() != 0;
}

// The table an actor acts for: its own for a table, its table for a seat; 0 for the others.
TableId ActorTable(const v1::Actor& actor) {
  return actor.kind() == v1::ACTOR_KIND_TABLE || actor.kind() == v1::ACTOR_KIND_SEAT
             ? actor.table_id()
             : 0;
}

// The seat whose ballot or score an event is (0: none, or a table's ballot): among its table's
// seats, only that one sees it.
SeatId OnlySeat(const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kScoreSet:
      return event.score_set().seat_id();
    case v1::Event::kPointsSet:
      return event.points_set().seat_id();
    case v1::Event::kChoiceSet:
      return event.choice_set().seat_id();
    case v1::Event::kBucketsSet:
      return event.buckets_set().seat_id();
    default:
      return 0;
  }
}

bool IsBallotOrScore(const v1::Event& event) {
  return event.has_points_set() || event.has_choice_set() || event.has_buckets_set() ||
         event.has_score_set();
}

// The table an event concerns (EventAudiences::author_table_id).
TableId AuthorTable(const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kTableJoined:
      return event.table_joined().table_id();
    case v1::Event::kSeatJoined:
      return event.seat_joined().table_id();
    case v1::Event::kIdeaPosted:
      return event.idea_posted().idea().table_id();
    case v1::Event::kPointsSet:
      return event.points_set().table_id();
    case v1::Event::kChoiceSet:
      return event.choice_set().table_id();
    case v1::Event::kBucketsSet:
      return event.buckets_set().table_id();
    default:
      return ActorTable(event.actor());
  }
}

const Released* ReleasedOf(const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kIdeaDeleted:
      return &event.idea_deleted().released();
    case v1::Event::kIdeasMerged:
      return &event.ideas_merged().released();
    case v1::Event::kClusterSplit:
      return &event.cluster_split().released();
    default:
      return nullptr;
  }
}

Released* MutableReleasedOf(v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kIdeaDeleted:
      return event.mutable_idea_deleted()->mutable_released();
    case v1::Event::kIdeasMerged:
      return event.mutable_ideas_merged()->mutable_released();
    case v1::Event::kClusterSplit:
      return event.mutable_cluster_split()->mutable_released();
    default:
      return nullptr;
  }
}

// Keeps the released entries of `table` only (none when table is 0).
void KeepReleasedOf(v1::Event& event, TableId table) {
  Released* released = MutableReleasedOf(event);
  if (released == nullptr) return;
  Released kept;
  for (v1::PointsReleased& entry : *released) {
    if (table != 0 && entry.table_id() == table) *kept.Add() = std::move(entry);
  }
  released->Swap(&kept);
}

// A seat sees its table's released entries of the table's ballot and of its own, not another
// seat's (a seat's ballot is seen by that seat only among its table's seats).
void KeepReleasedOfSeat(v1::Event& event, SeatId seat) {
  Released* released = MutableReleasedOf(event);
  if (released == nullptr) return;
  Released kept;
  for (v1::PointsReleased& entry : *released) {
    if (entry.seat_id() == 0 || entry.seat_id() == seat) *kept.Add() = std::move(entry);
  }
  released->Swap(&kept);
}

void RedactAccess(v1::WorkshopAccess& access, Audience audience) {
  access.clear_animateur_token_sha256();
  if (audience == Audience::kAuthorTable || audience == Audience::kOtherTables) {
    access.clear_observer_code();
  }
  // The observer link may be shared beyond the room (a live page for the public): it must not
  // let anyone join as a table. The big screen in the room gets the join code from the console
  // that opens it (in the URL's fragment, which never reaches the server).
  if (audience == Audience::kObservers) access.clear_join_code();
}

// The event as `audience` sees it. `author` is AuthorTable(event); `released_for` is the table
// whose PointsReleased entries a table audience keeps (0: none).
std::optional<v1::Event> BuildView(const v1::Event& event, Audience audience, TableId author,
                                   TableId released_for) {
  const bool animateur = audience == Audience::kAnimateur;
  const bool author_audience = audience == Audience::kAuthorTable && author != 0;
  if (IsBallotOrScore(event) && !animateur && !author_audience) {
    return std::nullopt;
  }
  v1::Event view = event;
  view.clear_command_fingerprint();  // the server's own bookkeeping, never shown
  if (!animateur) {
    view.clear_hash();
    view.clear_prev_hash();
    if (!author_audience || ActorTable(event.actor()) != author) {
      view.clear_actor();
      view.clear_command_id();
    }
  }
  switch (view.payload_case()) {
    case v1::Event::kWorkshopCreated: {
      v1::WorkshopCreated& created = *view.mutable_workshop_created();
      RedactAccess(*created.mutable_access(), audience);
      if (animateur) break;
      for (v1::PostedIdea& idea : *created.mutable_ideas()) {
        if (!author_audience || idea.table_id() != author) idea.set_table_id(kAnimateurTable);
      }
      break;
    }
    case v1::Event::kTableJoined:
      view.mutable_table_joined()->clear_token_sha256();
      break;
    case v1::Event::kSeatJoined:
      view.mutable_seat_joined()->clear_token_sha256();
      break;
    case v1::Event::kIdeaPosted:
      if (!animateur && !author_audience) {
        view.mutable_idea_posted()->mutable_idea()->set_table_id(kAnimateurTable);
      }
      break;
    case v1::Event::kScoreSet:
      if (animateur) view.mutable_score_set()->set_value(-1);
      break;
    case v1::Event::kIdeaDeleted:
    case v1::Event::kIdeasMerged:
    case v1::Event::kClusterSplit:
      if (!animateur) KeepReleasedOf(view, released_for);
      break;
    default:
      break;
  }
  return view;
}

}  // namespace

v1::WorkshopState ViewState(const WorkshopState& state, const v1::Actor& viewer) {
  v1::WorkshopState view = ToProto(state);
  view.clear_applied();
  const bool animateur = viewer.kind() == v1::ACTOR_KIND_ANIMATEUR;
  const bool member = IsMember(viewer);
  const TableId table = member ? viewer.table_id() : 0;

  if (animateur) {
    RedactAccess(*view.mutable_access(), Audience::kAnimateur);
  } else if (member) {
    RedactAccess(*view.mutable_access(), Audience::kOtherTables);
  } else if (viewer.kind() == v1::ACTOR_KIND_OBSERVER) {
    RedactAccess(*view.mutable_access(), Audience::kObservers);
  } else {
    view.clear_access();
  }
  if (!animateur) view.clear_last_hash();

  for (v1::IdeaState& idea : *view.mutable_ideas()) {
    if (member && idea.table_id() == table) {
      idea.set_own(true);
    } else if (!animateur) {
      idea.set_table_id(kAnimateurTable);
    }
  }
  for (v1::TableState& t : *view.mutable_tables()) t.clear_token_sha256();
  if (!animateur) {
    // Ballots are secret: a table sees its own and its seats'; a seat its own and its table's.
    google::protobuf::RepeatedPtrField<v1::BallotState> kept;
    for (v1::BallotState& ballot : *view.mutable_ballots()) {
      const bool visible =
          member && ballot.table_id() == table &&
          (viewer.kind() != v1::ACTOR_KIND_SEAT || ballot.seat_id() == 0 ||
           ballot.seat_id() == viewer.seat_id());
      if (visible) *kept.Add() = std::move(ballot);
    }
    view.mutable_ballots()->Swap(&kept);
  }
  for (v1::SeatState& seat : *view.mutable_seats()) seat.clear_token_sha256();

  if (animateur) {
    for (v1::ScoreState& score : *view.mutable_scores()) score.set_value(-1);
  } else {
    google::protobuf::RepeatedPtrField<v1::ScoreState> kept;
    for (v1::ScoreState& score : *view.mutable_scores()) {
      bool visible = false;
      if (viewer.kind() == v1::ACTOR_KIND_SEAT && member) {
        visible = score.seat_id() == viewer.seat_id();
      } else if (member) {
        auto seat = state.seats.find(score.seat_id());
        visible = seat != state.seats.end() && seat->second.table_id == table;
      }
      if (visible) *kept.Add() = std::move(score);
    }
    view.mutable_scores()->Swap(&kept);
  }
  return view;
}

std::optional<v1::Event> ViewEvent(const v1::Event& event, const v1::Actor& viewer) {
  const TableId author = AuthorTable(event);
  switch (viewer.kind()) {
    case v1::ACTOR_KIND_ANIMATEUR:
      return BuildView(event, Audience::kAnimateur, author, 0);
    case v1::ACTOR_KIND_OBSERVER:
      return BuildView(event, Audience::kObservers, author, 0);
    case v1::ACTOR_KIND_TABLE:
    case v1::ACTOR_KIND_SEAT: {
      if (!IsMember(viewer)) return std::nullopt;
      const TableId table = viewer.table_id();
      const bool seat = viewer.kind() == v1::ACTOR_KIND_SEAT;
      std::optional<v1::Event> view;
      if (table != author) {
        view = BuildView(event, Audience::kOtherTables, author, table);
      } else if (seat && OnlySeat(event) != 0 && OnlySeat(event) != viewer.seat_id()) {
        return std::nullopt;
      } else {
        view = BuildView(event, Audience::kAuthorTable, author, table);
      }
      if (view && seat) KeepReleasedOfSeat(*view, viewer.seat_id());
      return view;
    }
    default:
      return std::nullopt;
  }
}

EventRouting RouteOf(const v1::Event& event) {
  EventRouting out;
  out.author_table_id = AuthorTable(event);
  if (const Released* released = ReleasedOf(event)) {
    for (const v1::PointsReleased& entry : *released) {
      if (entry.table_id() != out.author_table_id) out.per_table = true;
      if (entry.seat_id() != 0) out.per_seat = true;
    }
  }
  out.only_seat_id = OnlySeat(event);
  return out;
}

std::optional<v1::Event> ViewForAudience(const v1::Event& event, Audience audience,
                                         TableId author_table_id) {
  if (audience == Audience::kAuthorTable) {
    if (author_table_id == 0) return std::nullopt;
    return BuildView(event, audience, author_table_id, author_table_id);
  }
  return BuildView(event, audience, author_table_id, 0);
}

EventAudiences ViewsByAudience(const v1::Event& event) {
  const EventRouting route = RouteOf(event);
  EventAudiences out;
  out.author_table_id = route.author_table_id;
  out.per_table = route.per_table;
  out.per_seat = route.per_seat;
  out.only_seat_id = route.only_seat_id;
  out.animateur = ViewForAudience(event, Audience::kAnimateur, route.author_table_id);
  out.author_table = ViewForAudience(event, Audience::kAuthorTable, route.author_table_id);
  out.other_tables = ViewForAudience(event, Audience::kOtherTables, route.author_table_id);
  out.observers = ViewForAudience(event, Audience::kObservers, route.author_table_id);
  return out;
}

bool MaySeeResults(const WorkshopState& state, const v1::Actor& viewer) {
  switch (viewer.kind()) {
    case v1::ACTOR_KIND_ANIMATEUR:
      return true;
    case v1::ACTOR_KIND_OBSERVER:
      return state.results_revealed ||
             state.config.visibility().observer_results() == v1::OBSERVER_RESULTS_LIVE;
    case v1::ACTOR_KIND_TABLE:
    case v1::ACTOR_KIND_SEAT:
      return IsMember(viewer) && state.results_revealed;
    default:
      return false;
  }
}

bool MaySeePoints(const WorkshopState& state, const v1::Actor& viewer) {
  if (MaySeeResults(state, viewer)) return true;
  return IsMember(viewer) && state.config.visibility().tables_see_live_points();
}

v1::Results PointsOnly(const v1::Results& results) {
  v1::Results out;
  out.set_workshop_id(results.workshop_id());
  out.set_seq(results.seq());
  *out.mutable_points() = results.points();
  return out;
}

}  // namespace atelier::workshop
