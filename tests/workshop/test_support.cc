#include "tests/workshop/test_support.h"

#include "server/workshop/config.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

namespace atelier::workshop::testing {

v1::Actor Animateur() {
  v1::Actor a;
  a.set_kind(v1::ACTOR_KIND_ANIMATEUR);
  return a;
}
v1::Actor TableActor(TableId table) {
  v1::Actor a;
  a.set_kind(v1::ACTOR_KIND_TABLE);
  a.set_table_id(table);
  return a;
}
v1::Actor SeatActor(SeatId seat, TableId table) {
  v1::Actor a;
  a.set_kind(v1::ACTOR_KIND_SEAT);
  a.set_seat_id(seat);
  a.set_table_id(table);
  return a;
}
v1::Actor Observer() {
  v1::Actor a;
  a.set_kind(v1::ACTOR_KIND_OBSERVER);
  return a;
}
v1::Actor System() {
  v1::Actor a;
  a.set_kind(v1::ACTOR_KIND_SYSTEM);
  return a;
}

v1::WorkshopConfig IdeationConfig() {
  v1::WorkshopConfig c;
  c.set_question("Comment optimiser l'utilisation de la salle municipale ?");
  c.set_template_(v1::TEMPLATE_IDEATION);
  return c;
}

v1::WorkshopConfig EvaluationConfig() {
  v1::WorkshopConfig c;
  c.set_question("Concertation sur l'accueil des réfugiés dans notre ville");
  c.set_template_(v1::TEMPLATE_EVALUATION);
  auto add = [&](const char* name, v1::Direction d, const char* low, const char* high) {
    v1::Criterion* k = c.add_criteria();
    k->set_name(name);
    k->set_direction(d);
    k->set_low_label(low);
    k->set_high_label(high);
  };
  add("acceptabilité", v1::DIRECTION_HIGHER_IS_BETTER, "inacceptable", "très acceptable");
  add("coût", v1::DIRECTION_LOWER_IS_BETTER, "gratuit", "très cher");
  add("humanisme", v1::DIRECTION_HIGHER_IS_BETTER, "peu humain", "très humain");
  return c;
}

v1::WorkshopConfig Prolific(v1::WorkshopConfig config) {
  config.set_max_ideas_per_table(kMaxIdeasPerTableLimit);
  return config;
}

v1::Command Cmd(const std::string& id) {
  v1::Command c;
  c.set_command_id(id);
  return c;
}
v1::Command PostIdeaCmd(const std::string& text) {
  v1::Command c;
  c.mutable_post_idea()->set_text(text);
  return c;
}
v1::Command SetPhaseCmd(v1::Phase phase) {
  v1::Command c;
  c.mutable_set_phase()->set_phase(phase);
  return c;
}
v1::Command ChoiceCmd(std::initializer_list<TargetId> targets, SeatId seat) {
  v1::Command c;
  c.mutable_set_choice()->set_seat_id(seat);
  for (TargetId t : targets) c.mutable_set_choice()->add_target_ids(t);
  return c;
}

v1::Command BucketsCmd(std::initializer_list<std::pair<TargetId, v1::Bucket>> items) {
  v1::Command c;
  for (auto [target, bucket] : items) {
    v1::TargetBucket& item = *c.mutable_set_buckets()->add_items();
    item.set_target_id(target);
    item.set_bucket(bucket);
  }
  return c;
}

v1::Command SetPointsCmd(std::initializer_list<std::pair<TargetId, uint32_t>> points) {
  v1::Command c;
  for (auto [target, n] : points) {
    v1::TargetPoints* tp = c.mutable_set_points()->add_points();
    tp->set_target_id(target);
    tp->set_points(n);
  }
  return c;
}
v1::Command MergeCmd(std::initializer_list<TargetId> targets, const std::string& title,
                     TargetId into) {
  v1::Command c;
  for (TargetId t : targets) c.mutable_merge_ideas()->add_target_ids(t);
  c.mutable_merge_ideas()->set_title(title);
  c.mutable_merge_ideas()->set_into_cluster_id(into);
  return c;
}
v1::Command SplitCmd(TargetId cluster, std::initializer_list<TargetId> ideas) {
  v1::Command c;
  c.mutable_split_cluster()->set_cluster_id(cluster);
  for (TargetId i : ideas) c.mutable_split_cluster()->add_idea_ids(i);
  return c;
}
v1::Command ScoreCmd(SeatId seat, TargetId idea, CriterionId criterion, int32_t value) {
  v1::Command c;
  v1::Score* s = c.mutable_score();
  s->set_seat_id(seat);
  s->set_idea_id(idea);
  s->set_criterion_id(criterion);
  s->set_value(value);
  return c;
}

Harness::Harness(const v1::WorkshopConfig& config, const std::vector<std::string>& seed_ideas) {
  v1::Command create;
  *create.mutable_create_workshop()->mutable_config() = config;
  for (const std::string& text : seed_ideas) {
    create.mutable_create_workshop()->add_ideas()->set_text(text);
  }
  Accept(create, Animateur());
}

Harness::Harness(const v1::CreateWorkshop& create) {
  v1::Command command;
  *command.mutable_create_workshop() = create;
  Accept(command, Animateur());
}

Decision Harness::Run(v1::Command command, const v1::Actor& actor) {
  if (command.command_id().empty()) command.set_command_id("c" + std::to_string(next_command_++));
  CommandContext context;
  context.actor = actor;
  context.now_ms = now_ms_;
  context.workshop_id = "w-test";
  context.access.set_join_code("123456");
  context.new_token_sha256 = std::string(32, 'k');
  // A table or seat without an id is a newcomer the server let in with the join code (a Hello):
  // the only way to join.
  context.via_join_code = (actor.kind() == v1::ACTOR_KIND_TABLE && actor.table_id() == 0) ||
                          (actor.kind() == v1::ACTOR_KIND_SEAT && actor.seat_id() == 0);
  Decision decision = Decide(state_, command, context);
  if (decision) {
    auto applied = Apply(state_, *decision);
    EXPECT_TRUE(applied.has_value()) << applied.error();
    log_.push_back(*decision);
  }
  return decision;
}

v1::Event Harness::Accept(v1::Command command, const v1::Actor& actor) {
  Decision decision = Run(command, actor);
  if (!decision) {
    ADD_FAILURE() << "rejected " << command.ShortDebugString() << ": "
                  << decision.error().ShortDebugString();
    return {};
  }
  return *decision;
}

v1::RejectionReason Harness::Reason(v1::Command command, const v1::Actor& actor) {
  Decision decision = Run(command, actor);
  if (decision) {
    ADD_FAILURE() << "accepted " << command.ShortDebugString();
    return v1::REJECTION_REASON_UNSPECIFIED;
  }
  return decision.error().reason();
}

TableId Harness::JoinTable(ProfileId profile) {
  v1::Command c;
  c.mutable_join_table()->set_profile_id(profile);
  return Accept(c, TableActor(0)).table_joined().table_id();
}

SeatId Harness::JoinSeat(TableId table, uint32_t seat_number, ProfileId profile) {
  v1::Command c;
  c.mutable_join_seat()->set_table_id(table);
  c.mutable_join_seat()->set_seat_number(seat_number);
  c.mutable_join_seat()->set_profile_id(profile);
  return Accept(c, TableActor(table)).seat_joined().seat_id();
}

SeatId Harness::StoredSeat(TableId table, uint32_t seat_number) {
  v1::Event event;
  event.set_workshop_id(log_.back().workshop_id());
  event.set_seq(log_.back().seq() + 1);
  event.set_server_time_ms(now_ms_);
  *event.mutable_actor() = TableActor(table);
  event.set_command_id("c" + std::to_string(next_command_++));
  SeatId id = 1;
  for (const auto& [existing, seat] : state_.seats) id = std::max<SeatId>(id, existing + 1);
  v1::SeatJoined& joined = *event.mutable_seat_joined();
  joined.set_seat_id(id);
  joined.set_table_id(table);
  joined.set_seat_number(seat_number);
  joined.set_token_sha256(std::string(32, 'k'));
  auto applied = Apply(state_, event);
  EXPECT_TRUE(applied.has_value()) << applied.error();
  log_.push_back(event);
  return id;
}

TargetId Harness::Post(TableId table, const std::string& text) {
  return Accept(PostIdeaCmd(text), TableActor(table)).idea_posted().idea().idea_id();
}

TargetId Harness::PostAsAnimateur(const std::string& text) {
  return Accept(PostIdeaCmd(text), Animateur()).idea_posted().idea().idea_id();
}

void Harness::MoveTo(v1::Phase phase) { Accept(SetPhaseCmd(phase), Animateur()); }

TargetId Harness::Merge(std::initializer_list<TargetId> targets, const std::string& title) {
  return Accept(MergeCmd(targets, title), Animateur()).ideas_merged().cluster_id();
}

WorkshopState Replay(const std::vector<v1::Event>& log) {
  WorkshopState state;
  for (const v1::Event& e : log) {
    auto applied = Apply(state, e);
    EXPECT_TRUE(applied.has_value()) << applied.error();
  }
  return state;
}

namespace {
bool SameMessage(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}
}  // namespace

::testing::AssertionResult SameState(const WorkshopState& a, const WorkshopState& b) {
  auto fail = [](const char* what) { return ::testing::AssertionFailure() << what << " differ"; };
  if (a.workshop_id != b.workshop_id || a.created != b.created || a.seq != b.seq ||
      a.last_hash != b.last_hash || a.last_time_ms != b.last_time_ms) {
    return fail("envelopes");
  }
  if (!SameMessage(a.config, b.config) || !SameMessage(a.access, b.access)) return fail("configs");
  if (a.phase != b.phase || a.results_revealed != b.results_revealed || a.next_id != b.next_id) {
    return fail("phases");
  }
  if (a.step_id != b.step_id || a.step_started_ms != b.step_started_ms ||
      a.step_spent_ms != b.step_spent_ms || a.paused != b.paused ||
      a.timer_stopped_by_pause != b.timer_stopped_by_pause || a.selections != b.selections) {
    return fail("steps");
  }
  auto& ta = a.timer;
  auto& tb = b.timer;
  if (std::tie(ta.running, ta.paused, ta.duration_ms, ta.deadline_ms, ta.remaining_ms,
               ta.auto_close) != std::tie(tb.running, tb.paused, tb.duration_ms, tb.deadline_ms,
                                          tb.remaining_ms, tb.auto_close)) {
    return fail("timers");
  }
  if (a.ideas.size() != b.ideas.size()) return fail("idea counts");
  for (const auto& [id, idea] : a.ideas) {
    auto it = b.ideas.find(id);
    if (it == b.ideas.end()) return fail("idea ids");
    const Idea& other = it->second;
    if (idea.table_id != other.table_id || idea.text != other.text ||
        idea.cluster_id != other.cluster_id || idea.step_id != other.step_id ||
        idea.category_id != other.category_id || idea.stage_id != other.stage_id ||
        idea.lane_id != other.lane_id ||
        idea.origin.has_value() != other.origin.has_value() ||
        (idea.origin && !SameMessage(*idea.origin, *other.origin)) ||
        idea.stands_for.has_value() != other.stands_for.has_value() ||
        (idea.stands_for && !SameMessage(*idea.stands_for, *other.stands_for))) {
      return fail("ideas");
    }
  }
  if (a.clusters.size() != b.clusters.size()) return fail("cluster counts");
  for (const auto& [id, cluster] : a.clusters) {
    auto it = b.clusters.find(id);
    if (it == b.clusters.end() || it->second.title != cluster.title ||
        it->second.idea_ids != cluster.idea_ids) {
      return fail("clusters");
    }
  }
  if (a.tables.size() != b.tables.size()) return fail("table counts");
  for (const auto& [id, table] : a.tables) {
    auto it = b.tables.find(id);
    if (it == b.tables.end() || it->second.name != table.name ||
        it->second.token_sha256 != table.token_sha256 ||
        it->second.profile_id != table.profile_id) {
      return fail("tables");
    }
  }
  if (a.ballots != b.ballots) return fail("ballots");
  if (a.seats.size() != b.seats.size()) return fail("seat counts");
  for (const auto& [id, seat] : a.seats) {
    auto it = b.seats.find(id);
    if (it == b.seats.end() || it->second.table_id != seat.table_id ||
        it->second.seat_number != seat.seat_number || it->second.scores != seat.scores ||
        it->second.token_sha256 != seat.token_sha256 || it->second.profile_id != seat.profile_id) {
      return fail("seats");
    }
  }
  if (a.scores != b.scores) return fail("scores");
  if (a.tallies != b.tallies || a.score_stats != b.score_stats ||
      a.seats_scoring != b.seats_scoring || a.ideas_by_table != b.ideas_by_table ||
      a.profile_tallies != b.profile_tallies ||
      a.profile_score_stats != b.profile_score_stats) {
    return fail("totals");
  }
  if (a.applied != b.applied) return fail("applied commands");
  return ::testing::AssertionSuccess();
}

const Ballot* VoteBallot(const WorkshopState& state, TableId table, SeatId seat) {
  auto it = state.ballots.find(BallotKey{LegacyVoteStep(state.config), table, seat});
  return it == state.ballots.end() ? nullptr : &it->second;
}

uint32_t PointsOf(const WorkshopState& state, TableId table, TargetId target) {
  const Ballot* ballot = VoteBallot(state, table);
  if (ballot == nullptr) return 0;
  auto it = ballot->points.find(target);
  return it == ballot->points.end() ? 0 : it->second;
}

uint32_t SpentOf(const WorkshopState& state, TableId table) {
  const Ballot* ballot = VoteBallot(state, table);
  return ballot == nullptr ? 0 : ballot->points_spent;
}

const Tally& VoteTally(const WorkshopState& state) {
  static const Tally kNone;
  auto it = state.tallies.find(LegacyVoteStep(state.config));
  return it == state.tallies.end() ? kNone : it->second;
}

}  // namespace atelier::workshop::testing
