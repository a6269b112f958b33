// What each role may see: the redacted snapshot, event and results every message the server
// sends is built from. The rules (product.md, "Visibility"):
// - token hashes never leave the server, not even to the animateur; applied commands are never
//   in a view; WorkshopAccess: the animateur and observers get join_code and observer_code,
//   tables and seats the join_code only;
// - idea authors are hidden from other tables and from observers (table_id 0, own false); the
//   author table keeps table_id and gets own = true;
// - a ballot (points, dots, a pick, a ranking, buckets) is seen by the animateur and the voter's
//   table only, and a seat's ballot by that seat among its table's seats; observers and other
//   tables see a table's id and name;
// - individual score values are seen by the seat itself and its table only; the animateur sees
//   THAT a seat scored (value -1), never the value; observers and other tables see nothing;
// - an event's actor and command_id are kept for the animateur and for the acting table; others
//   get them cleared (an actor would name an idea's author); hash and prev_hash are kept for the
//   animateur only (a redacted event cannot be verified anyway); command_fingerprint never
//   leaves the server (a hash of a command can be guessed back: a score has 11 values).
// A seat is a member of its table: it sees what its table sees, except other seats' scores.
// Profiles: which profile a table or a seat joined as is seen by everyone who sees the table or
// the seat (a card on the wall); an idea's facets by everyone who sees the idea. The per-profile
// results follow the results' rules below (MaySeeResults).
//
// Viewers are v1::Actor values as the server authenticated them: ANIMATEUR; TABLE with table_id;
// SEAT with seat_id and its table_id; OBSERVER. Any other kind sees nothing (ViewEvent) or the
// observers' view without access codes (ViewState), and never results.
//
// Pure functions of their arguments; thread-compatible.
#ifndef ATELIER_SERVER_WORKSHOP_VIEWS_H_
#define ATELIER_SERVER_WORKSHOP_VIEWS_H_

#include <optional>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/state.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

// The welcome snapshot for a role: ToProto (state_codec.h), then redacted as above.
v1::WorkshopState ViewState(const WorkshopState& state, const v1::Actor& viewer);

// The copy of `event` this viewer may receive, or nullopt if it must not receive it at all:
// PointsSet, ChoiceSet and BucketsSet go to the voter's table and the animateur only (a seat's
// ballot: among the table's seats, to that seat only); ScoreSet to the seat's table, the
// scoring seat and (value -1) the animateur only. PointsReleased entries (IdeaDeleted,
// IdeasMerged, ClusterSplit) are filtered: all for the animateur, a table's own for a table, a
// table's own of the table's ballot and of its own ballot for a seat, none for observers.
std::optional<v1::Event> ViewEvent(const v1::Event& event, const v1::Actor& viewer);

enum class Audience { kAnimateur, kAuthorTable, kOtherTables, kObservers };

// One event's views per audience, so that a broadcast serializes each view once, not once per
// connection. Routing: animateur connections get `animateur`; observers `observers`; table and
// seat connections of author_table_id get `author_table`, all other table and seat connections
// `other_tables`. nullopt means that audience gets nothing. Two exceptions, both rare:
// - per_table: the event hands points back (PointsReleased) to tables other than the author
//   table, and each table may see only its own entries: `other_tables` has `released` emptied,
//   and is right only for the tables without an entry; the server calls ViewEvent for each
//   table with an entry (its seats share that view);
// - only_seat_id != 0 (ScoreSet, a seat's ballot): among the seat connections of author_table_id, only this seat
//   gets `author_table`; the other seats get nothing.
struct EventAudiences {
  std::optional<v1::Event> animateur, author_table, other_tables, observers;
  // The table the event concerns: the joining table, the author of a posted idea, the table
  // setting points, the scoring seat's table, else the acting table; 0 when none (an animateur
  // or system action), in which case author_table is nullopt.
  TableId author_table_id = 0;
  bool per_table = false;
  bool per_seat = false;  // as EventRouting::per_seat
  SeatId only_seat_id = 0;
};
EventAudiences ViewsByAudience(const v1::Event& event);

// The same one audience at a time, for a broadcast that builds only the views it has
// connections for (a room without an animateur or observers connected needs two of the four).
// ViewsByAudience(event).X == ViewForAudience(event, kX, RouteOf(event).author_table_id).
struct EventRouting {
  TableId author_table_id = 0;
  bool per_table = false;
  // The event hands back points of seats' ballots: each seat connection of a table with an entry
  // needs ViewEvent of its own (a seat sees its table's and its own entries, not another seat's).
  bool per_seat = false;
  SeatId only_seat_id = 0;
};
EventRouting RouteOf(const v1::Event& event);
std::optional<v1::Event> ViewForAudience(const v1::Event& event, Audience audience,
                                         TableId author_table_id);

// Whether this viewer may see the whole Results (results.h): the animateur always; observers
// when visibility.observer_results is LIVE (UNSPECIFIED counts as at reveal) or results are
// revealed; tables and seats once results are revealed.
bool MaySeeResults(const WorkshopState& state, const v1::Actor& viewer);

// Whether this viewer may see the points part of the results: MaySeeResults, or a table or seat
// when visibility.tables_see_live_points. Send it PointsOnly(results) when !MaySeeResults.
bool MaySeePoints(const WorkshopState& state, const v1::Actor& viewer);

// Results reduced to the vote's points (no evaluations, no participation, nothing per profile:
// a profile with one table would show that table's votes).
v1::Results PointsOnly(const v1::Results& results);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_VIEWS_H_
