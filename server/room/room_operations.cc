// Room: what each kind of operation does in a round. Life and rounds are in room.cc.
#include <algorithm>

#include "server/engine/hello_auth.h"
#include "server/engine/secrets.h"
#include "server/room/frames.h"
#include "server/room/room.h"
#include "server/workshop/actor.h"
#include "server/workshop/carry_over.h"
#include "server/workshop/config.h"
#include "server/workshop/decide.h"
#include "server/workshop/results.h"
#include "server/workshop/views.h"

namespace atelier::room {

using workshop::MakeActor;

namespace v1 = atelier::v1;

engine::Step Room::Execute(const v1::Command& command, workshop::CommandContext context,
                           engine::Source source, Round& round) {
  context.now_ms = std::max(NowMs(), state_.last_time_ms);
  engine::Step step = engine::Execute(state_, command, context, source);
  switch (step.kind) {
    case engine::Step::Kind::kAccepted:
      observer_.OnCommand(true, v1::REJECTION_REASON_UNSPECIFIED);
      break;
    case engine::Step::Kind::kRejected:
      observer_.OnCommand(false, step.rejection.reason());
      return step;
    case engine::Step::Kind::kDuplicate:
      return step;
    case engine::Step::Kind::kBroken:
      broken_ = step.error;
      return step;
  }
  // Kept until the round's outputs have run: the broadcast reads it there, without a copy.
  const v1::Event& event = round.events.emplace_back(std::move(step.event));
  ring_.Push(step.sealed);
  round.sealed.push_back(std::move(step.sealed));
  results_dirty_ = true;
  round.outputs.push_back([this, &event] { observer_.OnDeliveries(audience_.Broadcast(event), 0); });
  // Merge suggestions go to the animateur's console only: without one connected, nobody would
  // read them (and the index waits: merge_hints.h).
  if (auto hints = hints_.OnEvent(state_, event, audience_.HasAnimateur())) {
    round.outputs.push_back(
        [this, frame = MessageFrame(*hints)] { audience_.SendToAnimateurs(frame); });
  }
  return step;
}

void Room::Handle(HelloOp& op, Round& round) {
  const v1::Hello& hello = op.hello;
  engine::HelloVerdict verdict = engine::AuthenticateHello(state_, hello);
  std::string token;
  switch (verdict.kind) {
    case engine::HelloVerdict::Kind::kRefused:
      return RefuseHello(op.subscriber, std::move(verdict.code), std::move(verdict.message),
                         round);
    case engine::HelloVerdict::Kind::kWelcome:
      break;
    case engine::HelloVerdict::Kind::kJoin: {
      if (!write_refusal_.empty()) {
        // A join is an event: not now. The client tries again (unavailable).
        round.outputs.push_back([subscriber = op.subscriber, why = write_refusal_] {
          subscriber->Deliver(ErrorFrame("unavailable", "cannot join now: " + why));
          subscriber->Disconnect(kCloseTryAgainLater, "try again later");
        });
        return;
      }
      token = engine::NewToken();
      verdict.context.new_token_sha256 = engine::TokenHash(token);
      engine::Step joined =
          Execute(verdict.join, verdict.context, engine::Source::kServer, round);
      if (joined.kind != engine::Step::Kind::kAccepted) {
        return RefuseHello(op.subscriber, engine::JoinErrorCode(joined.rejection.reason()),
                           joined.kind == engine::Step::Kind::kBroken ? "server error"
                                                                       : joined.rejection.message(),
                           round);
      }
      const v1::Event& event = round.events.back();
      verdict.actor = event.has_seat_joined()
                          ? MakeActor(v1::ACTOR_KIND_SEAT, event.seat_joined().table_id(),
                                      event.seat_joined().seat_id())
                          : MakeActor(v1::ACTOR_KIND_TABLE, event.table_joined().table_id());
      break;
    }
  }
  Welcome(op.subscriber, verdict.actor, hello.last_seq(), token, round);
}

void Room::Welcome(const std::shared_ptr<Subscriber>& subscriber, const v1::Actor& actor,
                   uint64_t last_seq, const std::string& token, Round& round) {
  v1::ServerMessage message;
  v1::Welcome& welcome = *message.mutable_welcome();
  *welcome.mutable_role() = actor;
  welcome.set_workshop_id(state_.workshop_id);
  welcome.set_token(token);
  welcome.set_server_time_ms(NowMs());
  std::optional<std::vector<Frame>> missed =
      ring_.Missed(last_seq <= resume_floor_ ? 0 : last_seq, state_.seq, actor,
                   options_.resume_max_bytes);
  const uint64_t from_seq = missed ? last_seq : state_.seq;
  if (!missed) *welcome.mutable_snapshot() = workshop::ViewState(state_, actor);
  if (workshop::MaySeeResults(state_, actor)) {
    *welcome.mutable_results() = workshop::ComputeResults(state_);
  } else if (workshop::MaySeePoints(state_, actor)) {
    *welcome.mutable_results() = workshop::PointsOnly(workshop::ComputeResults(state_));
  }
  // A member from when its welcome goes out (rounds still in flight before this one broadcast
  // events its snapshot already holds, and results it has no welcome for yet).
  audience_.AddJoining(subscriber, actor, state_.seq);
  round.outputs.push_back([this, subscriber, actor, from_seq, through_seq = state_.seq,
                           frame = MessageFrame(message),
                           missed = std::move(missed).value_or(std::vector<Frame>{})] {
    if (!audience_.Admit(subscriber.get())) return;  // it left before
    subscriber->Welcome(frame, missed, actor, from_seq, through_seq);
  });
  round.on_failure.push_back([subscriber] {
    subscriber->Deliver(ErrorFrame("unavailable", "the server could not store this now"));
    subscriber->Disconnect(kCloseTryAgainLater, "try again later");
  });
}

void Room::RefuseHello(const std::shared_ptr<Subscriber>& subscriber, std::string code,
                       std::string message, Round& round) {
  round.outputs.push_back([subscriber, frame = ErrorFrame(std::move(code), message), message] {
    subscriber->Deliver(frame);
    subscriber->Disconnect(1008, message);
  });
  // Decided on a state the log may not get: say "later" rather than "no".
  round.on_failure.push_back([subscriber] {
    subscriber->Deliver(ErrorFrame("unavailable", "the server could not store this now"));
    subscriber->Disconnect(kCloseTryAgainLater, "try again later");
  });
}

void Room::Handle(CommandOp& op, Round& round) {
  const Audience::Member* member = audience_.Find(op.subscriber.get());
  if (member == nullptr) {
    round.outputs.push_back(
        [subscriber = op.subscriber,
         frame = ErrorFrame("bad_message", "send Hello before commands", /*answers=*/1)] {
          subscriber->Deliver(frame);
        });
    return;
  }
  if (RefusedForStorage(op.subscriber, op.command, member->actor, round)) return;
  workshop::CommandContext context;
  context.actor = member->actor;
  engine::Step step = Execute(op.command, context, engine::Source::kClient, round);
  v1::ServerMessage answer;
  switch (step.kind) {
    case engine::Step::Kind::kAccepted:
    case engine::Step::Kind::kDuplicate:
      answer.mutable_accepted()->set_command_id(op.command.command_id());
      answer.mutable_accepted()->set_seq(step.seq);
      answer.mutable_accepted()->set_duplicate(step.kind == engine::Step::Kind::kDuplicate);
      break;
    case engine::Step::Kind::kRejected:
    case engine::Step::Kind::kBroken:  // the round fails: this answer becomes "try again"
      answer.mutable_rejected()->set_command_id(op.command.command_id());
      *answer.mutable_rejected()->mutable_rejection() = std::move(step.rejection);
      break;
  }
  round.answers.emplace_back(op.subscriber, std::move(answer));
}

bool Room::RefusedForStorage(const std::shared_ptr<Subscriber>& subscriber,
                             const v1::Command& command, const v1::Actor& actor, Round& round) {
  if (write_refusal_.empty()) return false;
  v1::ServerMessage answer;
  // A retry of what is already stored needs no write: it is answered as ever.
  if (auto applied = workshop::FindAppliedCommand(state_, actor, command.command_id());
      applied && (applied->fingerprint == 0 ||
                  applied->fingerprint == engine::CommandFingerprint(command))) {
    answer.mutable_accepted()->set_command_id(command.command_id());
    answer.mutable_accepted()->set_seq(applied->seq);
    answer.mutable_accepted()->set_duplicate(true);
  } else {
    v1::CommandRejected& rejected = *answer.mutable_rejected();
    rejected.set_command_id(command.command_id());
    rejected.mutable_rejection()->set_reason(v1::REJECTION_REASON_STORAGE_UNAVAILABLE);
    rejected.mutable_rejection()->set_message("nothing applied: " + write_refusal_);
    rejected.mutable_rejection()->set_retry_after_ms(Rounds::kStorageRetryMs);
    observer_.OnCommand(false, v1::REJECTION_REASON_STORAGE_UNAVAILABLE);
  }
  round.answers.emplace_back(subscriber, std::move(answer));
  return true;
}

void Room::Handle(HintsOp& op, Round& round) {
  const Audience::Member* member = audience_.Find(op.subscriber.get());
  if (member == nullptr || member->actor.kind() == v1::ACTOR_KIND_OBSERVER) return;
  round.outputs.push_back([subscriber = op.subscriber,
                           frame = MessageFrame(hints_.Draft(state_, op.request))] {
    subscriber->Deliver(frame);
  });
}

void Room::Handle(CreateOp& op, Round& round) {
  workshop::CommandContext context;
  context.actor = MakeActor(v1::ACTOR_KIND_ANIMATEUR);
  context.workshop_id = workshop_id_;
  context.access = op.access;
  CreateDone done = std::move(op.done);
  if (!write_refusal_.empty()) {
    v1::Rejection rejection;
    rejection.set_message("the workshop cannot be stored now: " + write_refusal_);
    round.outputs.push_back([done, rejection] { done(std::unexpected(rejection)); });
    return;
  }
  v1::Command command;
  *command.mutable_create_workshop() = std::move(op.create);
  engine::Step step = Execute(command, context, engine::Source::kServer, round);
  if (step.kind != engine::Step::Kind::kAccepted) {
    round.outputs.push_back([done, rejection = step.rejection] { done(std::unexpected(rejection)); });
    return;
  }
  round.outputs.push_back([done] { done({}); });
  round.on_failure.push_back([done] {
    v1::Rejection rejection;
    rejection.set_message("the log could not store the workshop");
    done(std::unexpected(rejection));
  });
}

void Room::Handle(TimerOp&, Round& round) {
  const workshop::Timer& timer = state_.timer;
  if (!timer.running || !timer.auto_close || NowMs() < timer.deadline_ms) return;
  const v1::Step* next = workshop::NextStep(state_);
  if (next == nullptr) return;
  if (!write_refusal_.empty()) {
    // The phase closes as soon as the log can store it: try again in a second.
    phase_timer_.expires_after(std::chrono::seconds(1));
    armed_deadline_ms_ = timer.deadline_ms;
    phase_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (ec) return;
      self->armed_deadline_ms_ = 0;
      self->Post(TimerOp{});
    });
    return;
  }
  v1::Command command;
  command.mutable_set_phase()->set_phase(next->kind());
  command.mutable_set_phase()->set_step_id(next->id());
  workshop::CommandContext context;
  context.actor = MakeActor(v1::ACTOR_KIND_SYSTEM);
  (void)Execute(command, context, engine::Source::kServer, round);
}

void Room::Handle(ResultsTickOp&, Round& round) {
  results_scheduled_ = false;
  if (!results_dirty_) return;
  results_dirty_ = false;
  // Nobody connected may see them (no animateur, observers only at the reveal, tables without
  // live points): don't compute. Whoever comes gets them computed with their Welcome.
  const bool wanted = audience_.Any([this](const v1::Actor& actor) {
    return workshop::MaySeeResults(state_, actor) || workshop::MaySeePoints(state_, actor);
  });
  if (!wanted) return;
  round.outputs.push_back([this, results = workshop::ComputeResults(state_)] {
    audience_.DeliverResults(state_, results);
  });
}

void Room::Handle(QueryOp& op, Round& round) {
  round.outputs.push_back(op.run());
  round.on_failure.push_back(std::move(op.fail));
}

void Room::Handle(DeleteOp& op, Round& round) {
  StopDone done = std::move(op.done);
  if (op.animateur_token && !engine::IsAnimateurToken(state_, *op.animateur_token)) {
    round.outputs.push_back([done] { done(std::unexpected("not_allowed")); });
    return;
  }
  // From here on nothing is decided (ProcessRounds); the rounds before this one finish first.
  life_ = Life::kDeleting;
  StopTimers();
  round.outputs.push_back([done] { done({}); });
  round.on_failure.push_back([done] { done(std::unexpected("unavailable")); });
}

void Room::Results(std::string animateur_token, std::string observer_code, ResultsDone done) {
  Post(QueryOp{
      [this, animateur_token, observer_code, done]() -> Output {
        const bool animateur = engine::IsAnimateurToken(state_, animateur_token);
        const bool observer =
            engine::IsObserverCode(state_, observer_code) &&
            workshop::MaySeeResults(state_, MakeActor(v1::ACTOR_KIND_OBSERVER));
        if (!animateur && !observer) return [done] { done(std::unexpected("not allowed")); };
        return [done, results = workshop::ComputeResults(state_)] { done(results); };
      },
      [done] { done(std::unexpected("unavailable")); }});
}

void Room::JoinInfo(JoinInfoDone done) {
  Post(QueryOp{
      [this, done]() -> Output {
        v1::JoinInfo info;
        info.set_question(state_.config.question());
        info.set_individual_scoring(workshop::HasIndividualScoring(state_.config));
        info.set_seats_per_table(state_.config.seats_per_table());
        *info.mutable_profiles() = state_.config.profiles();
        info.set_seats_score(workshop::StepOfKind(state_.config, v1::PHASE_SCORING) != 0);
        for (const auto& [id, table] : state_.tables) {
          if (table.profile_id == 0) continue;
          v1::TableProfile& p = *info.add_table_profiles();
          p.set_table_id(id);
          p.set_profile_id(table.profile_id);
        }
        for (const v1::Step& step : state_.config.agenda()) {
          if (step.kind() == v1::PHASE_CONVERGENCE && step.ballot().voter() == v1::VOTER_SEAT) {
            info.set_seats_vote(true);
          }
        }
        return [done, info = std::move(info)] { done(info); };
      },
      [done] { done(std::unexpected("unavailable")); }});
}

void Room::EventsAfter(uint64_t after_seq, uint64_t through_seq, EventsDone done) {
  Post(QueryOp{
      [this, after_seq, through_seq, done]() -> Output {
        // Runs once every round decided before it is durable: the ring's events up to the
        // state's seq are the log's by then.
        const uint64_t head = state_.seq;
        const uint64_t last = through_seq == 0 ? head : std::min(through_seq, head);
        auto events = ring_.Range(after_seq, last);
        if (!events) {
          return [done] { done(std::unexpected("the events are no longer in memory")); };
        }
        return [done, head, events = std::move(*events)]() mutable {
          done(DurableEvents{head, std::move(events)});
        };
      },
      [done] { done(std::unexpected("unavailable")); }});
}

void Room::TopIdeas(std::string animateur_token, size_t count, TopIdeasDone done) {
  Post(QueryOp{
      [this, animateur_token, count, done]() -> Output {
        if (!engine::IsAnimateurToken(state_, animateur_token)) {
          return [done] { done(std::unexpected("not allowed")); };
        }
        return [done, seeds = workshop::TopIdeas(state_, count)] { done(seeds); };
      },
      [done] { done(std::unexpected("unavailable")); }});
}

}  // namespace atelier::room
