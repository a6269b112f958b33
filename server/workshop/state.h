// The state of one workshop, as folded from its events by Apply (apply.h).
//
// Plain data, owned by whoever folds the log (a room on the server, a test, the verifier).
// Not thread-safe: one workshop is mutated by one executor at a time. Maps are ordered by id so
// that snapshots, views and results come out in a deterministic order.
//
// Invariants kept by Decide (decide.h) and relied upon by Apply:
// - every idea's cluster_id is 0 or the id of a cluster that lists it, and the reverse;
// - a cluster has at least two ideas;
// - a ballot names live targets only (top-level ideas or clusters); a points ballot's are each
//   within its step's cap and sum within its budget; no ballot names its voter's table's own ideas
//   unless its step allows self-votes; a choice names each target once; no ballot is empty;
// - a table's and a seat's profile_id is 0 or one of the configuration's profiles; an idea's
//   facets are 0 or values of its step's lists (a configuration never drops one in use);
// - totals (tallies, score_stats, ideas_by_table and the per-profile ones) equal what
//   RecomputeTotals gives.
#ifndef ATELIER_SERVER_WORKSHOP_STATE_H_
#define ATELIER_SERVER_WORKSHOP_STATE_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/workshop.pb.h"
#include "server/workshop/applied_commands.h"

namespace atelier::workshop {

namespace v1 = ::atelier::v1;

// Ideas and clusters share one id space, so a vote target is just an id.
using TargetId = uint32_t;
using TableId = uint32_t;
using SeatId = uint32_t;
using CriterionId = uint32_t;
using ProfileId = uint32_t;  // 0: none

// The animateur's "table" when it authors an idea: nobody's own idea.
inline constexpr TableId kAnimateurTable = 0;

struct Idea {
  TargetId id = 0;
  TableId table_id = kAnimateurTable;  // author
  std::string text;
  TargetId cluster_id = 0;  // 0 when top-level
  std::optional<v1::IdeaOrigin> origin;
  uint32_t step_id = 0;  // the agenda step it was posted in; 0: a seed, or before agendas
  uint32_t category_id = 0;  // its facets in that step (Facet.id); 0: none
  uint32_t stage_id = 0;
  uint32_t lane_id = 0;
  // The journey map's stage a seed stands for (PostedIdea.stands_for); absent: none. A later
  // configuration may drop that stage: the reference then names nothing, and views skip it.
  std::optional<v1::StageRef> stands_for;
};

struct Cluster {
  TargetId id = 0;
  std::string title;
  std::vector<TargetId> idea_ids;  // sorted, at least two
};

struct Table {
  TableId id = 0;
  std::string name;
  std::string token_sha256;
  ProfileId profile_id = 0;  // chosen when joining; never changes
};

// Whose ballot, in which vote step: a table's (seat_id 0), or one of its seats'.
struct BallotKey {
  uint32_t step_id = 0;
  TableId table_id = 0;
  SeatId seat_id = 0;
  auto operator<=>(const BallotKey&) const = default;
};

// One voter's ballot in one vote step; which fields are used depends on the step's ballot kind.
struct Ballot {
  std::map<TargetId, uint32_t> points;       // BUDGET, DOTS: non-zero entries only
  uint32_t points_spent = 0;                 // their sum
  std::vector<TargetId> choice;              // PICK: sorted; RANKING: most prioritary first
  std::map<TargetId, v1::Bucket> buckets;    // BUCKETS: no BUCKET_UNSPECIFIED entry
  bool Empty() const { return points.empty() && choice.empty() && buckets.empty(); }
  auto operator<=>(const Ballot&) const = default;
};

// A vote step's running totals, by target: what Results shows as points and tables.
struct Tally {
  std::map<TargetId, uint32_t> points;  // per ForEachContribution; non-zero only
  std::map<TargetId, uint32_t> voters;  // ballots naming it; non-zero only
  uint32_t voting = 0;                  // ballots cast (not empty)
  // RANKING: how many ballots put each target at each place (index 0: first); BUCKETS: how
  // many put it in each bucket (index bucket - 1). Trailing zeros trimmed; none empty.
  std::map<TargetId, std::vector<uint32_t>> spread;
  auto operator<=>(const Tally&) const = default;
};

struct Seat {
  SeatId id = 0;
  TableId table_id = 0;
  uint32_t seat_number = 0;
  std::string token_sha256;
  uint32_t scores = 0;  // how many (idea, criterion) pairs this seat has scored
  ProfileId profile_id = 0;  // chosen when joining; never changes (ProfileOfSeat)
};

struct Timer {
  bool running = false;
  bool paused = false;
  int64_t duration_ms = 0;
  int64_t deadline_ms = 0;   // when running
  int64_t remaining_ms = 0;  // when paused
  bool auto_close = false;
};

struct ScoreKey {
  SeatId seat_id;
  TargetId idea_id;
  CriterionId criterion_id;
  auto operator<=>(const ScoreKey&) const = default;
};

// Running aggregate of the scores one idea got on one criterion: a histogram over the
// criterion's range (at most kMaxRange values).
inline constexpr int kMaxRange = 101;
struct ScoreStats {
  std::vector<uint32_t> histogram;  // index value - min_value
  uint32_t count = 0;
  auto operator<=>(const ScoreStats&) const = default;
};


struct WorkshopState {
  std::string workshop_id;
  bool created = false;
  uint64_t seq = 0;       // last event folded in
  std::string last_hash;  // its hash
  int64_t last_time_ms = 0;

  v1::WorkshopConfig config;  // every default filled in
  v1::WorkshopAccess access;
  v1::Phase phase = v1::PHASE_UNSPECIFIED;  // the kind of the current step
  uint32_t step_id = 0;                     // the agenda step the workshop is in
  int64_t step_started_ms = 0;              // when it began
  std::map<uint32_t, int64_t> step_spent_ms;  // time spent in steps already left, by step id
  bool paused = false;                      // "temps mort"
  bool timer_stopped_by_pause = false;      // resuming the workshop restarts the timer
  Timer timer;
  bool results_revealed = false;
  TargetId next_id = 1;

  std::map<TargetId, Idea> ideas;
  std::map<TargetId, Cluster> clusters;
  std::map<TableId, Table> tables;
  std::map<SeatId, Seat> seats;
  std::map<ScoreKey, int32_t> scores;
  std::map<BallotKey, Ballot> ballots;  // none empty

  // Totals kept incrementally by Apply so that results are cheap to read.
  std::map<uint32_t, Tally> tallies;  // by vote step; steps with no ballot have none
  // What each step with a source (Step.source) took when first entered, ideas in id order
  // (sources.h). A step without one has no entry.
  std::map<uint32_t, std::vector<TargetId>> selections;
  std::map<std::pair<TargetId, CriterionId>, ScoreStats> score_stats;
  std::map<TableId, uint32_t> ideas_by_table;  // live ideas each table wrote; non-zero only
  uint32_t seats_scoring = 0;  // seats with scores > 0
  // The same per profile (empty in a workshop without profiles): the tallies by (profile, vote
  // step) from the ballots of voters with one (ProfileOfVoter), the score statistics from the
  // scores of seats with one (ProfileOfSeat).
  std::map<std::pair<ProfileId, uint32_t>, Tally> profile_tallies;
  std::map<std::tuple<ProfileId, TargetId, CriterionId>, ScoreStats> profile_score_stats;

  // Accepted commands by actor and command id, for idempotent retries: the event's seq. Only
  // each actor's last AppliedCommands::kRememberedPerActor (256) are kept, so a long workshop's
  // state (and its snapshots) stays small. 256 is safe: a client retries only the commands it
  // has had no answer for, and clients keep far fewer than 256 unanswered (the web outbox, the
  // C++ client and the load generator send at most 64 at once); an older id sent again would be
  // decided as a new command.
  AppliedCommands applied;
};

// The target a vote on this idea goes to: its cluster if it has one, else the idea itself.
TargetId VoteTarget(const WorkshopState& state, TargetId idea_id);

// Whether the table wrote this target: an idea of its own, or a cluster holding one.
bool IsOwnTarget(const WorkshopState& state, TableId table_id, TargetId target_id);

// The profile a seat's scores and ballots count for: its own, or else its table's (0: none).
ProfileId ProfileOfSeat(const WorkshopState& state, const Seat& seat);

// The profile a ballot counts for: a seat's ballot its seat's (ProfileOfSeat), a table's its
// table's (0: none).
ProfileId ProfileOfVoter(const WorkshopState& state, const BallotKey& key);

// Recomputes tallies, score_stats, ideas_by_table, seats_scoring and the per-profile totals from
// the ballots and the scores, from scratch. Tests compare it with Apply's running totals.
void RecomputeTotals(WorkshopState& state);

// The step's ballot with every default filled: its own, or for a vote step configured before
// ballots, BUDGET by table with the workshop's budget_per_table, cap_per_target and
// allow_self_vote. nullptr-safe: an unknown step gives that legacy ballot too.
v1::Ballot BallotOf(const v1::WorkshopConfig& config, uint32_t step_id);

// The vote step a PointsSet or PointsReleased of a log written before ballots (step_id 0) is
// about: the agenda's first vote step (those logs had one).
uint32_t LegacyVoteStep(const v1::WorkshopConfig& config);

// Adds (sign +1) or takes away (-1) what one ballot of a RANKING or BUCKETS step counts in its
// tally's spread.
void CountSpread(Tally& tally, const v1::Ballot& kind, const Ballot& ballot, int sign);

// What one ballot adds to each target's points in its tally: BUDGET and DOTS their points; PICK
// 1 per chosen target; RANKING n, n-1... 1 down an n-place ranking (n: `count`, or the ranking's
// length when the step ranks every target); BUCKETS 1 for the coffre-fort. Calls add(target,
// points) for each target the ballot names (points may be 0: named, with no points).
template <typename Add>
void ForEachContribution(const v1::Ballot& kind, const Ballot& ballot, Add&& add) {
  switch (kind.kind()) {
    case v1::BALLOT_KIND_PICK:
      for (TargetId t : ballot.choice) add(t, 1u);
      return;
    case v1::BALLOT_KIND_RANKING: {
      uint32_t places = kind.count() != 0 ? kind.count() : static_cast<uint32_t>(ballot.choice.size());
      uint32_t points = places;
      for (TargetId t : ballot.choice) add(t, points > 0 ? points-- : 0u);
      return;
    }
    case v1::BALLOT_KIND_BUCKETS:
      for (const auto& [t, bucket] : ballot.buckets) add(t, bucket == v1::BUCKET_COFFRE_FORT ? 1u : 0u);
      return;
    default:
      for (const auto& [t, points] : ballot.points) add(t, points);
      return;
  }
}

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_STATE_H_
