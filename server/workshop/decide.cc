// Decide: the dispatch, the checks shared by every command, and the workshop-level commands
// (creation, configuration, joining, phases, timer, reveal). Ideas are in decide_ideas.cc,
// points and scores in decide_votes.cc.
#include "server/workshop/decide.h"

#include <algorithm>
#include <vector>

#include "server/workshop/config.h"
#include "server/workshop/decide_support.h"
#include "server/workshop/facets.h"
#include "server/workshop/profiles.h"
#include "server/workshop/sources.h"

namespace atelier::workshop {
namespace internal {

v1::Rejection MakeRejection(v1::RejectionReason reason, std::string message) {
  v1::Rejection rejection;
  rejection.set_reason(reason);
  rejection.set_message(std::move(message));
  return rejection;
}

Outcome RequirePhase(const WorkshopState& state, std::initializer_list<v1::Phase> allowed) {
  if (std::find(allowed.begin(), allowed.end(), state.phase) != allowed.end()) return {};
  v1::Rejection rejection = MakeRejection(v1::REJECTION_REASON_WRONG_PHASE,
                                          "not allowed in phase " + v1::Phase_Name(state.phase));
  rejection.set_current_phase(state.phase);
  for (v1::Phase p : allowed) rejection.add_allowed_phases(p);
  return std::unexpected(std::move(rejection));
}

std::unexpected<v1::Rejection> ForbiddenRole(v1::ActorKind required, std::string message) {
  v1::Rejection rejection = MakeRejection(v1::REJECTION_REASON_FORBIDDEN_ROLE, std::move(message));
  rejection.set_required_role(required);
  return std::unexpected(std::move(rejection));
}

Outcome RequireAnimateur(const CommandContext& context) {
  if (context.actor.kind() == v1::ACTOR_KIND_ANIMATEUR) return {};
  return ForbiddenRole(v1::ACTOR_KIND_ANIMATEUR, "only the animateur may do this");
}

std::expected<const Table*, v1::Rejection> RequireTable(const WorkshopState& state,
                                                        const CommandContext& context) {
  if (context.actor.kind() != v1::ACTOR_KIND_TABLE) {
    return ForbiddenRole(v1::ACTOR_KIND_TABLE, "only a table may do this");
  }
  auto it = state.tables.find(context.actor.table_id());
  if (it == state.tables.end()) {
    return Reject(v1::REJECTION_REASON_UNKNOWN_TABLE,
                  "table " + std::to_string(context.actor.table_id()) + " has not joined");
  }
  return &it->second;
}

std::expected<std::string, v1::Rejection> ValidIdeaText(uint32_t limit, const std::string& text) {
  std::string_view trimmed = Trim(text);
  if (trimmed.empty()) return Reject(v1::REJECTION_REASON_IDEA_EMPTY, "the idea is empty");
  if (CountCharacters(trimmed) > limit) {
    v1::Rejection rejection =
        MakeRejection(v1::REJECTION_REASON_IDEA_TOO_LONG,
                      "the idea is longer than " + std::to_string(limit) + " characters");
    rejection.set_limit(limit);
    return std::unexpected(std::move(rejection));
  }
  return std::string(trimmed);
}

std::expected<std::string, v1::Rejection> ValidTitle(const std::string& title) {
  std::string_view trimmed = Trim(title);
  if (trimmed.empty()) return Reject(v1::REJECTION_REASON_TITLE_REQUIRED, "a title is required");
  if (CountCharacters(trimmed) > kMaxTitleLength) {
    v1::Rejection rejection = MakeRejection(
        v1::REJECTION_REASON_INVALID_COMMAND,
        "the title is longer than " + std::to_string(kMaxTitleLength) + " characters");
    rejection.set_limit(kMaxTitleLength);
    return std::unexpected(std::move(rejection));
  }
  return std::string(trimmed);
}

void ReleaseAllPoints(const WorkshopState& state, TargetId target,
                      google::protobuf::RepeatedPtrField<v1::PointsReleased>& released) {
  for (const auto& [key, ballot] : state.ballots) {
    auto it = ballot.points.find(target);
    if (it == ballot.points.end()) continue;
    v1::PointsReleased& r = *released.Add();
    r.set_table_id(key.table_id);
    r.set_target_id(target);
    r.set_points(it->second);
    r.set_step_id(key.step_id);
    r.set_seat_id(key.seat_id);
  }
}

Outcome RequireNotInChoice(const WorkshopState& state, const std::vector<TargetId>& targets) {
  for (const auto& [key, ballot] : state.ballots) {
    for (TargetId target : targets) {
      const bool named = std::find(ballot.choice.begin(), ballot.choice.end(), target) !=
                             ballot.choice.end() ||
                         ballot.buckets.contains(target);
      if (!named) continue;
      v1::Rejection rejection = MakeRejection(
          v1::REJECTION_REASON_TARGET_IN_BALLOT,
          "target " + std::to_string(target) +
              " is in a choice, a ranking or a bucket already cast: it can no longer change");
      rejection.set_target_id(target);
      rejection.set_step_id(key.step_id);
      return std::unexpected(std::move(rejection));
    }
  }
  return {};
}

}  // namespace internal

namespace {

using internal::Outcome;
using internal::Reject;

constexpr int64_t kMaxTimerMs = 24LL * 3600 * 1000;

Outcome DecideCreate(const WorkshopState& state, const v1::CreateWorkshop& c,
                     const CommandContext& ctx, v1::Event& e) {
  if (state.created) return Reject(v1::REJECTION_REASON_WORKSHOP_EXISTS, "workshop already exists");
  if (auto ok = internal::RequireAnimateur(ctx); !ok) return ok;
  if (ctx.workshop_id.empty()) {
    return Reject(v1::REJECTION_REASON_INVALID_COMMAND, "the workshop needs an id");
  }
  auto config = NormalizeConfig(c.config());
  if (!config) return std::unexpected(config.error());
  auto& created = *e.mutable_workshop_created();
  *created.mutable_config() = *std::move(config);
  *created.mutable_access() = ctx.access;
  TargetId next = 1;
  for (const v1::IdeaSeed& seed : c.ideas()) {
    auto text = internal::ValidIdeaText(created.config().max_idea_length(), seed.text());
    if (!text) return std::unexpected(text.error());
    v1::PostedIdea& idea = *created.add_ideas();
    idea.set_idea_id(next++);
    idea.set_table_id(kAnimateurTable);
    idea.set_text(*std::move(text));
    if (seed.has_origin()) {  // field by field: nothing else goes in
      v1::IdeaOrigin& origin = *idea.mutable_origin();
      origin.set_workshop_id(seed.origin().workshop_id());
      origin.set_target_id(seed.origin().target_id());
      origin.set_points(seed.origin().points());
    }
    if (seed.has_stands_for()) {
      const v1::StageRef& ref = seed.stands_for();
      const v1::Step* step = FindStep(created.config(), ref.step_id());
      if (step == nullptr || FindFacet(*step, v1::FACET_KIND_STAGE, ref.stage_id()) == nullptr) {
        return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                      "idea " + std::to_string(idea.idea_id()) + " stands for stage " +
                          std::to_string(ref.stage_id()) + " of step " +
                          std::to_string(ref.step_id()) + ": the agenda has no such stage");
      }
      idea.mutable_stands_for()->set_step_id(ref.step_id());
      idea.mutable_stands_for()->set_stage_id(ref.stage_id());
    }
  }
  e.set_workshop_id(ctx.workshop_id);
  return {};
}

Outcome DecideConfigure(const WorkshopState& state, const v1::ConfigureWorkshop& c,
                        const CommandContext& ctx, v1::Event& e) {
  if (auto ok = internal::RequireAnimateur(ctx); !ok) return ok;
  if (auto ok = internal::RequirePhase(state, {v1::PHASE_SETUP}); !ok) return ok;
  auto config = NormalizeConfig(c.config());
  if (!config) return std::unexpected(config.error());
  if (config->template_() != state.config.template_()) {
    return Reject(v1::REJECTION_REASON_INVALID_CONFIG, "template: cannot change after creation");
  }
  // Back in set-up after a vote or a scoring, a new budget, cap, self-vote rule or criterion
  // range could leave what was given outside the rules (and a score outside its histogram).
  if (!state.ballots.empty() || !state.scores.empty()) {
    return Reject(v1::REJECTION_REASON_INVALID_CONFIG,
                  "cannot change the configuration once votes or scores have been given");
  }
  if (auto ok = KeepsProfilesInUse(state, *config); !ok) return ok;
  if (auto ok = KeepsFacetsInUse(state, *config); !ok) return ok;
  // A criterion's origin is the server's, set when it took the criterion from an earlier
  // workshop: one the configuration had already stays through edits, none is claimed anew.
  for (v1::Criterion& criterion : *config->mutable_criteria()) {
    if (!criterion.has_origin()) continue;
    const v1::IdeaOrigin& claimed = criterion.origin();
    const auto& had = state.config.criteria();
    const auto known = std::ranges::find_if(had, [&](const v1::Criterion& k) {
      return k.has_origin() && k.origin().workshop_id() == claimed.workshop_id() &&
             k.origin().target_id() == claimed.target_id() &&
             k.origin().points() == claimed.points();
    });
    if (known == had.end()) {
      criterion.clear_origin();
    } else {
      *criterion.mutable_origin() = known->origin();
    }
  }
  *e.mutable_workshop_configured()->mutable_config() = *std::move(config);
  return {};
}

Outcome DecideJoinTable(const WorkshopState& state, const v1::JoinTable& c,
                        const CommandContext& ctx, v1::Event& e) {
  const bool newcomer = ctx.actor.kind() == v1::ACTOR_KIND_TABLE && ctx.actor.table_id() == 0;
  if (!ctx.via_join_code || !newcomer) {
    const v1::ActorKind kind = ctx.actor.kind();
    if (kind == v1::ACTOR_KIND_TABLE || kind == v1::ACTOR_KIND_SEAT) {
      return Reject(v1::REJECTION_REASON_NOT_YOUR_TABLE,
                    "a table acts only for itself: tables join with the join code, each once");
    }
    return internal::ForbiddenRole(
        v1::ACTOR_KIND_TABLE, "a table joins once, when a tablet says Hello with the join code");
  }
  uint32_t limit = state.config.max_tables();
  TableId id = c.table_id();
  // A tablet asking again for its table hears that it is taken, even when the room is full.
  if (id != 0 && state.tables.contains(id)) {
    return Reject(v1::REJECTION_REASON_TABLE_TAKEN,
                  "table " + std::to_string(id) + " has already joined");
  }
  if (id == 0) {
    id = 1;
    while (state.tables.contains(id)) ++id;
  }
  if (id > limit || state.tables.size() >= limit) {
    v1::Rejection rejection = internal::MakeRejection(
        v1::REJECTION_REASON_TABLES_FULL,
        id > limit ? "tables are numbered 1 to " + std::to_string(limit)
                   : "all " + std::to_string(limit) + " tables have joined");
    rejection.set_limit(limit);
    return std::unexpected(std::move(rejection));
  }
  std::string_view name = Trim(c.name());
  if (CountCharacters(name) > kMaxTitleLength) {
    return Reject(v1::REJECTION_REASON_INVALID_COMMAND, "the table name is too long");
  }
  if (auto ok = CheckProfileChoice(state.config, c.profile_id()); !ok) return ok;
  auto& joined = *e.mutable_table_joined();
  joined.set_table_id(id);
  joined.set_name(std::string(name));
  joined.set_token_sha256(ctx.new_token_sha256);
  joined.set_profile_id(c.profile_id());
  return {};
}

Outcome DecideJoinSeat(const WorkshopState& state, const v1::JoinSeat& c, const CommandContext& ctx,
                       v1::Event& e) {
  // A personal phone joins with the code (a seat without an id yet, at the table it asked for);
  // a connected table seats its own participants; nobody else adds seats (a seat acts only for
  // itself).
  if (ctx.via_join_code) {
    if (ctx.actor.kind() != v1::ACTOR_KIND_SEAT || ctx.actor.seat_id() != 0) {
      return internal::ForbiddenRole(v1::ACTOR_KIND_SEAT, "only a new phone joins as a seat");
    }
    if (ctx.actor.table_id() != c.table_id()) {
      return Reject(v1::REJECTION_REASON_NOT_YOUR_TABLE, "a phone joins the table it asked for");
    }
  } else {
    v1::ActorKind kind = ctx.actor.kind();
    if (kind != v1::ACTOR_KIND_TABLE && kind != v1::ACTOR_KIND_SEAT) {
      return internal::ForbiddenRole(v1::ACTOR_KIND_TABLE, "only a table may seat participants");
    }
    if (ctx.actor.table_id() != c.table_id()) {
      return Reject(v1::REJECTION_REASON_NOT_YOUR_TABLE,
                    "a table or a participant acts only for its own table");
    }
    if (kind == v1::ACTOR_KIND_SEAT) {
      return internal::ForbiddenRole(v1::ACTOR_KIND_TABLE,
                                     "a participant already has a seat; its table seats others");
    }
  }
  if (!HasIndividualScoring(state.config)) {
    // A seat scores; without a scoring phase a phone would wait for nothing (and be counted as
    // someone present). Logs from before this rule may hold such seats: they replay as before.
    v1::Rejection rejection = internal::MakeRejection(
        v1::REJECTION_REASON_PHASE_NOT_IN_WORKSHOP,
        "this workshop has no scoring phase: participants join with their table's tablet");
    for (v1::Phase p : AgendaKinds(state.config)) rejection.add_allowed_phases(p);
    rejection.set_current_phase(state.phase);
    return std::unexpected(std::move(rejection));
  }
  if (!state.tables.contains(c.table_id())) {
    return Reject(v1::REJECTION_REASON_UNKNOWN_TABLE,
                  "table " + std::to_string(c.table_id()) + " has not joined");
  }
  uint32_t limit = state.config.seats_per_table();
  if (c.seat_number() < 1 || c.seat_number() > limit) {
    v1::Rejection rejection =
        internal::MakeRejection(v1::REJECTION_REASON_SEAT_NUMBER_OUT_OF_RANGE,
                                "seats are numbered 1 to " + std::to_string(limit));
    rejection.set_limit(limit);
    return std::unexpected(std::move(rejection));
  }
  for (const auto& [id, seat] : state.seats) {
    if (seat.table_id == c.table_id() && seat.seat_number == c.seat_number()) {
      v1::Rejection rejection =
          internal::MakeRejection(v1::REJECTION_REASON_SEAT_TAKEN, "this seat is already taken");
      rejection.set_seat_id(id);
      return std::unexpected(std::move(rejection));
    }
  }
  if (auto ok = CheckProfileChoice(state.config, c.profile_id()); !ok) return ok;
  auto& joined = *e.mutable_seat_joined();
  joined.set_seat_id(state.seats.empty() ? 1 : state.seats.rbegin()->first + 1);
  joined.set_table_id(c.table_id());
  joined.set_seat_number(c.seat_number());
  joined.set_token_sha256(ctx.new_token_sha256);
  joined.set_profile_id(c.profile_id());
  return {};
}

Outcome DecideSetPhase(const WorkshopState& state, const v1::SetPhase& c, const CommandContext& ctx,
                       v1::Event& e) {
  if (ctx.actor.kind() != v1::ACTOR_KIND_SYSTEM) {
    if (auto ok = internal::RequireAnimateur(ctx); !ok) return ok;
  }
  uint32_t to = c.step_id();
  if (to != 0 && FindStep(state.config, to) == nullptr) {
    v1::Rejection rejection = internal::MakeRejection(
        v1::REJECTION_REASON_UNKNOWN_STEP,
        "step " + std::to_string(to) + " is not in this workshop's agenda");
    rejection.set_step_id(to);
    return std::unexpected(std::move(rejection));
  }
  if (to == 0) to = StepOfKind(state.config, c.phase(), state.step_id);
  if (to == 0) {
    v1::Rejection rejection = internal::MakeRejection(
        v1::REJECTION_REASON_PHASE_NOT_IN_WORKSHOP,
        "phase " + v1::Phase_Name(c.phase()) + " is not one of this workshop's phases");
    for (v1::Phase p : AgendaKinds(state.config)) rejection.add_allowed_phases(p);
    rejection.set_current_phase(state.phase);
    return std::unexpected(std::move(rejection));
  }
  const v1::Step& step = *FindStep(state.config, to);
  if (c.phase() != v1::PHASE_UNSPECIFIED && c.phase() != step.kind()) {
    return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                  "step " + std::to_string(to) + " is a " + v1::Phase_Name(step.kind()) +
                      " step, not " + v1::Phase_Name(c.phase()));
  }
  if (to == state.step_id) {
    return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                  "already in step " + std::to_string(to) + " (" + v1::Phase_Name(step.kind()) + ")");
  }
  auto& changed = *e.mutable_phase_changed();
  changed.set_from(state.phase);
  changed.set_to(step.kind());
  changed.set_from_step(state.step_id);
  changed.set_to_step(to);
  // A step with a source takes its ideas once, the first time the workshop enters it.
  if (step.has_source() && !state.selections.contains(to)) {
    changed.set_selects(true);
    const std::vector<TargetId> ideas = SelectIdeas(state, step);
    changed.mutable_idea_ids()->Add(ideas.begin(), ideas.end());
  }
  return {};
}

// "Temps mort": pausing stops a running timer with the room; resuming starts it again.
Outcome DecidePause(const WorkshopState& state, const v1::PauseWorkshop& c,
                    const CommandContext& ctx, v1::Event& e) {
  if (auto ok = internal::RequireAnimateur(ctx); !ok) return ok;
  if (c.paused() == state.paused) {
    return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                  c.paused() ? "the workshop is already paused" : "the workshop is not paused");
  }
  auto& paused = *e.mutable_workshop_paused();
  paused.set_paused(c.paused());
  if (c.paused() && state.timer.running) {
    paused.set_timer_remaining_ms(std::max<int64_t>(0, state.timer.deadline_ms - ctx.now_ms));
  }
  if (!c.paused() && state.timer_stopped_by_pause) {
    paused.set_timer_deadline_ms(ctx.now_ms + state.timer.remaining_ms);
  }
  return {};
}

// During a "temps mort" tables and seats wait: what they would change is refused, with the reason.
// Joining stays open (a late table sees the pause), and so does everything the animateur does
// but the timer, which stands still until the room resumes.
Outcome RequireNotPaused(const WorkshopState& state, const v1::Command& c,
                         const CommandContext& ctx) {
  if (!state.paused) return {};
  using K = v1::Command;
  const bool participant = ctx.actor.kind() == v1::ACTOR_KIND_TABLE ||
                           ctx.actor.kind() == v1::ACTOR_KIND_SEAT;
  bool refused = false;
  switch (c.kind_case()) {
    case K::kPostIdea:
    case K::kEditIdea:
    case K::kDeleteIdea:
    case K::kSetPoints:
    case K::kSetChoice:
    case K::kSetBuckets:
    case K::kScore:
      refused = participant;
      break;
    case K::kStartTimer:
    case K::kPauseTimer:
    case K::kResumeTimer:
    case K::kExtendTimer:
      // Only the animateur's: anyone else is refused for their role, as outside a pause.
      refused = ctx.actor.kind() == v1::ACTOR_KIND_ANIMATEUR;
      break;
    default:
      break;
  }
  if (!refused) return {};
  v1::Rejection rejection = internal::MakeRejection(
      v1::REJECTION_REASON_WORKSHOP_PAUSED,
      participant ? "the animateur has paused the workshop: wait until it resumes"
                  : "the workshop is paused: resume it before using the timer");
  rejection.set_current_phase(state.phase);
  rejection.set_step_id(state.step_id);
  return std::unexpected(std::move(rejection));
}

Outcome RequireDuration(int64_t ms, const char* what) {
  if (ms > 0 && ms <= kMaxTimerMs) return {};
  return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                std::string(what) + " must be between 1 ms and 24 hours");
}

Outcome DecideTimer(const WorkshopState& state, const v1::Command& c, const CommandContext& ctx,
                    v1::Event& e) {
  if (auto ok = internal::RequireAnimateur(ctx); !ok) return ok;
  const Timer& timer = state.timer;
  switch (c.kind_case()) {
    case v1::Command::kStartTimer: {
      if (auto ok = RequireDuration(c.start_timer().duration_ms(), "duration_ms"); !ok) return ok;
      auto& started = *e.mutable_timer_started();
      started.set_duration_ms(c.start_timer().duration_ms());
      started.set_deadline_ms(ctx.now_ms + c.start_timer().duration_ms());
      started.set_auto_close(c.start_timer().auto_close());
      return {};
    }
    case v1::Command::kPauseTimer:
      if (!timer.running)
        return Reject(v1::REJECTION_REASON_TIMER_NOT_RUNNING, "the timer is not running");
      e.mutable_timer_paused()->set_remaining_ms(
          std::max<int64_t>(0, timer.deadline_ms - ctx.now_ms));
      return {};
    case v1::Command::kResumeTimer:
      if (!timer.paused)
        return Reject(v1::REJECTION_REASON_TIMER_NOT_PAUSED, "the timer is not paused");
      e.mutable_timer_resumed()->set_deadline_ms(ctx.now_ms + timer.remaining_ms);
      return {};
    case v1::Command::kExtendTimer: {
      int64_t by = c.extend_timer().by_ms();
      if (auto ok = RequireDuration(by, "by_ms"); !ok) return ok;
      if (!timer.running && !timer.paused) {
        return Reject(v1::REJECTION_REASON_TIMER_NOT_RUNNING, "no timer to extend");
      }
      auto& extended = *e.mutable_timer_extended();
      extended.set_by_ms(by);
      if (timer.running) extended.set_deadline_ms(std::max(timer.deadline_ms, ctx.now_ms) + by);
      if (timer.paused) extended.set_remaining_ms(timer.remaining_ms + by);
      return {};
    }
    default:
      return Reject(v1::REJECTION_REASON_INVALID_COMMAND, "not a timer command");
  }
}

Outcome DecideReveal(const WorkshopState& state, const v1::RevealResults& c,
                     const CommandContext& ctx, v1::Event& e) {
  if (auto ok = internal::RequireAnimateur(ctx); !ok) return ok;
  if (c.revealed() == state.results_revealed) {
    return Reject(v1::REJECTION_REASON_INVALID_COMMAND,
                  c.revealed() ? "results are already revealed" : "results are already hidden");
  }
  e.mutable_results_revealed()->set_revealed(c.revealed());
  return {};
}

Outcome DecidePayload(const WorkshopState& s, const v1::Command& c, const CommandContext& ctx,
                      v1::Event& e) {
  using K = v1::Command;
  if (c.kind_case() == K::kCreateWorkshop) return DecideCreate(s, c.create_workshop(), ctx, e);
  if (!s.created) return Reject(v1::REJECTION_REASON_WORKSHOP_NOT_FOUND, "no such workshop");
  if (ctx.actor.kind() == v1::ACTOR_KIND_OBSERVER) {
    return internal::ForbiddenRole(v1::ACTOR_KIND_ANIMATEUR, "observers cannot change anything");
  }
  if (auto ok = RequireNotPaused(s, c, ctx); !ok) return ok;
  switch (c.kind_case()) {
    case K::kConfigureWorkshop:
      return DecideConfigure(s, c.configure_workshop(), ctx, e);
    case K::kJoinTable:
      return DecideJoinTable(s, c.join_table(), ctx, e);
    case K::kJoinSeat:
      return DecideJoinSeat(s, c.join_seat(), ctx, e);
    case K::kSetPhase:
      return DecideSetPhase(s, c.set_phase(), ctx, e);
    case K::kStartTimer:
    case K::kPauseTimer:
    case K::kResumeTimer:
    case K::kExtendTimer:
      return DecideTimer(s, c, ctx, e);
    case K::kPostIdea:
      return internal::DecidePostIdea(s, c.post_idea(), ctx, e);
    case K::kEditIdea:
      return internal::DecideEditIdea(s, c.edit_idea(), ctx, e);
    case K::kDeleteIdea:
      return internal::DecideDeleteIdea(s, c.delete_idea(), ctx, e);
    case K::kMergeIdeas:
      return internal::DecideMergeIdeas(s, c.merge_ideas(), ctx, e);
    case K::kRenameCluster:
      return internal::DecideRenameCluster(s, c.rename_cluster(), ctx, e);
    case K::kSplitCluster:
      return internal::DecideSplitCluster(s, c.split_cluster(), ctx, e);
    case K::kSetPoints:
      return internal::DecideSetPoints(s, c.set_points(), ctx, e);
    case K::kSetChoice:
      return internal::DecideSetChoice(s, c.set_choice(), ctx, e);
    case K::kSetBuckets:
      return internal::DecideSetBuckets(s, c.set_buckets(), ctx, e);
    case K::kScore:
      return internal::DecideScore(s, c.score(), ctx, e);
    case K::kRevealResults:
      return DecideReveal(s, c.reveal_results(), ctx, e);
    case K::kPauseWorkshop:
      return DecidePause(s, c.pause_workshop(), ctx, e);
    case K::kCreateWorkshop:
    case K::KIND_NOT_SET:
      break;
  }
  return Reject(v1::REJECTION_REASON_INVALID_COMMAND, "empty or unknown command");
}

}  // namespace

Decision Decide(const WorkshopState& state, const v1::Command& command,
                const CommandContext& context) {
  v1::Event event;
  if (auto ok = DecidePayload(state, command, context, event); !ok) {
    return std::unexpected(std::move(ok).error());
  }
  if (event.workshop_id().empty()) event.set_workshop_id(state.workshop_id);
  event.set_seq(state.seq + 1);
  event.set_server_time_ms(context.now_ms);
  *event.mutable_actor() = context.actor;
  event.set_command_id(command.command_id());
  event.set_prev_hash(state.last_hash);
  return event;
}

std::optional<uint64_t> FindApplied(const WorkshopState& state, const v1::Actor& actor,
                                    const std::string& command_id) {
  if (command_id.empty()) return std::nullopt;
  return state.applied.Find(actor, command_id);
}

std::optional<AppliedCommands::Applied> FindAppliedCommand(const WorkshopState& state,
                                                           const v1::Actor& actor,
                                                           const std::string& command_id) {
  if (command_id.empty()) return std::nullopt;
  return state.applied.FindApplied(actor, command_id);
}

const v1::Step* NextStep(const WorkshopState& state) {
  const auto& agenda = state.config.agenda();
  auto it = std::find_if(agenda.begin(), agenda.end(),
                         [&](const v1::Step& step) { return step.id() == state.step_id; });
  if (it == agenda.end() || std::next(it) == agenda.end()) return nullptr;
  return &*std::next(it);
}

}  // namespace atelier::workshop
