// Room: rounds, operations and authentication. Delivery (welcomes, broadcast, results) is in
// room_delivery.cc.
#include "server/room/room.h"

#include <algorithm>

#include <boost/asio/post.hpp>

#include "server/engine/secrets.h"
#include "server/room/room_member.h"
#include "server/room/room_support.h"
#include "server/workshop/apply.h"
#include "server/workshop/carry_over.h"
#include "server/workshop/decide.h"
#include "server/workshop/results.h"
#include "server/workshop/state_codec.h"
#include "server/workshop/views.h"
#include "storage/hash_chain.h"

namespace atelier::room {

namespace net = boost::asio;
namespace v1 = atelier::v1;

Room::Room(net::any_io_executor executor, storage::EventLog& log, RoomObserver& observer,
           workshop::WorkshopState state, RoomOptions options,
           std::vector<storage::SealedEvent> recent)
    : strand_(net::make_strand(executor)),
      log_(log),
      observer_(observer),
      options_(options),
      state_(std::move(state)),
      phase_timer_(strand_),
      results_timer_(strand_) {
  for (const auto& [id, idea] : state_.ideas) unindexed_.push_back(id);
  if (options_.snapshot_every != 0) snapshot_bucket_ = state_.seq / options_.snapshot_every;
  // `recent` is consecutive, ending at the state's seq.
  for (storage::SealedEvent& event : recent) recent_.push_back(std::move(event));
}

Room::~Room() = default;

void Room::Start() {
  net::post(strand_, [self = shared_from_this()] { self->ArmTimer(); });
}

void Room::Create(std::string workshop_id, v1::CreateWorkshop create, v1::WorkshopAccess access,
                  CreateDone done) {
  Post(CreateOp{std::move(workshop_id), std::move(create), std::move(access), std::move(done)});
}

void Room::Hello(std::shared_ptr<Subscriber> subscriber, v1::Hello hello) {
  Post(HelloOp{std::move(subscriber), std::move(hello)});
}

void Room::Submit(std::shared_ptr<Subscriber> subscriber, v1::Command command) {
  Post(CommandOp{std::move(subscriber), std::move(command)});
}

void Room::DraftHints(std::shared_ptr<Subscriber> subscriber, v1::DraftHintsRequest request) {
  Post(HintsOp{std::move(subscriber), std::move(request)});
}

void Room::Leave(std::shared_ptr<Subscriber> subscriber) {
  net::post(strand_,
            [self = shared_from_this(), subscriber] {
              self->members_.erase(subscriber.get());
              self->joining_.erase(subscriber.get());
            });
}

void Room::Results(std::string animateur_token, std::string observer_code, ResultsDone done) {
  Post(QueryOp{[this, animateur_token, observer_code, done]() -> Output {
    bool animateur = engine::TokenMatches(animateur_token, state_.access.animateur_token_sha256());
    bool observer = SameSecret(observer_code, state_.access.observer_code()) &&
                    workshop::MaySeeResults(state_, MakeActor(v1::ACTOR_KIND_OBSERVER));
    if (!animateur && !observer) {
      return [done] { done(std::unexpected("not allowed")); };
    }
    return [done, results = workshop::ComputeResults(state_)] { done(results); };
  }});
}

void Room::TopIdeas(
    std::string animateur_token, size_t count,
    std::function<void(std::expected<std::vector<v1::IdeaSeed>, std::string>)> done) {
  Post(QueryOp{[this, animateur_token, count, done]() -> Output {
    if (!engine::TokenMatches(animateur_token, state_.access.animateur_token_sha256())) {
      return [done] { done(std::unexpected("not allowed")); };
    }
    return [done, seeds = workshop::TopIdeas(state_, count)] { done(seeds); };
  }});
}

void Room::Shutdown(std::function<void()> done) {
  net::post(strand_, [self = shared_from_this(), done = std::move(done)] {
    self->stopping_ = true;
    self->phase_timer_.cancel();
    self->results_timer_.cancel();
    if (!self->in_flight_.empty()) {
      self->on_idle_.push_back(done);
      return;
    }
    self->CloseAll(1001, "server shutting down");
    done();
  });
}

void Room::TakeOutOfService(std::string reason) {
  net::post(strand_, [self = shared_from_this(), reason = std::move(reason)] {
    self->failed_ = true;
    self->phase_timer_.cancel();
    self->results_timer_.cancel();
    // Rounds still in flight never finish: answer who waits on them, as Fail() does.
    for (Round& round : std::exchange(self->in_flight_, {})) {
      for (Output& answer : round.on_failure) answer();
    }
    self->CloseAll(kCloseUnavailable, reason);
    for (Op& op : std::exchange(self->inbox_, {})) self->Refuse(op, reason);
    for (auto& done : std::exchange(self->on_idle_, {})) done();
  });
}

void Room::Post(Op op) {
  net::post(strand_, [self = shared_from_this(), op = std::move(op)]() mutable {
    if (self->failed_ || self->stopping_) {
      self->Refuse(op, self->failed_ ? "the workshop's log failed" : "server shutting down");
      return;
    }
    self->inbox_.push_back(std::move(op));
    self->ProcessRound();
  });
}

void Room::Refuse(Op& op, const std::string& why) {
  if (auto* hello = std::get_if<HelloOp>(&op)) {
    v1::ServerMessage message;
    message.mutable_error()->set_code("unavailable");
    message.mutable_error()->set_message(why);
    hello->subscriber->Deliver(MessageFrame(message));
    hello->subscriber->Disconnect(kCloseUnavailable, why);
  } else if (auto* command = std::get_if<CommandOp>(&op)) {
    command->subscriber->Disconnect(kCloseUnavailable, why);
  } else if (auto* create = std::get_if<CreateOp>(&op)) {
    v1::Rejection rejection;
    rejection.set_message(why);
    create->done(std::unexpected(rejection));
  } else if (auto* query = std::get_if<QueryOp>(&op)) {
    query->run()();
  }
}

void Room::ProcessRound() {
  while (!inbox_.empty() && !failed_ && in_flight_.size() < std::max<size_t>(1, options_.rounds_in_flight)) {
    std::vector<Op> ops = std::move(inbox_);
    inbox_.clear();
    round_appends_ = 0;
    const auto started = std::chrono::steady_clock::now();
    for (Op& op : ops) std::visit([this](auto& o) { Handle(o); }, op);
    Round& round = in_flight_.emplace_back();
    round.outputs = std::move(outputs_);
    round.answers = std::move(answers_);
    round.on_failure = std::move(on_failure_);
    round.events = std::move(round_events_);
    outputs_.clear();
    answers_.clear();
    on_failure_.clear();
    round_events_.clear();
    round.appends = round_appends_;
    round.started = started;
    round.durable = round_requests_.empty() && append_error_.empty();
    AppendRound();
    if (!append_error_.empty() && round_appends_ == 0) return Fail(append_error_);
    FinishDurableRounds();
  }
}

void Room::AppendRound() {
  if (round_requests_.empty()) return;
  // The round's events go to the log together, all or none: the writer takes them in one batch
  // (one fsync), with one callback for the round.
  const uint64_t last = round_requests_.back().seq();
  log_.Append(std::exchange(round_requests_, {}),
              [self = shared_from_this(), last](const storage::Result<void>& result) {
                net::post(self->strand_, [self, last, result] { self->OnAppended(last, result); });
              });
}

Room::Executed Room::Execute(const v1::Command& command, workshop::CommandContext context) {
  context.now_ms = std::max(NowMs(), state_.last_time_ms);
  workshop::Decision decision = workshop::Decide(state_, command, context);
  observer_.OnCommand(decision.has_value(),
                      decision ? v1::REJECTION_REASON_UNSPECIFIED : decision.error().reason());
  if (!decision) return std::unexpected(std::move(decision).error());
  // Kept until the round's outputs have run: the broadcast reads it there, without a copy.
  v1::Event& event = round_events_.emplace_back(std::move(*decision));
  storage::SealedEvent sealed = storage::Seal(event);
  if (auto applied = workshop::Apply(state_, event); !applied) {
    append_error_ = "decided event does not fold: " + applied.error();
    return &event;
  }
  ++round_appends_;
  recent_.push_back(sealed);
  round_requests_.push_back(std::move(sealed));
  while (recent_.size() > options_.recent_events) recent_.pop_front();
  results_dirty_ = true;
  outputs_.push_back([this, &event] { Broadcast(event); });

  // Keep the duplicate-hint index in step (lazily: see IndexIdeas); a new idea also gets merge
  // suggestions.
  switch (event.payload_case()) {
    case v1::Event::kIdeaPosted:
      SuggestMerges(event.idea_posted().idea());
      break;
    case v1::Event::kIdeaEdited:
      unindexed_.push_back(event.idea_edited().idea_id());
      break;
    case v1::Event::kIdeaDeleted:
      hints_.Remove(event.idea_deleted().idea_id());
      break;
    case v1::Event::kWorkshopCreated:
      for (const auto& idea : event.workshop_created().ideas()) unindexed_.push_back(idea.idea_id());
      break;
    default:
      break;
  }
  return &event;
}

void Room::IndexIdeas() {
  for (uint32_t id : unindexed_) {
    // Deleted since: nothing to index. Edited: its current text.
    if (auto it = state_.ideas.find(id); it != state_.ideas.end()) hints_.Add(id, it->second.text);
  }
  unindexed_.clear();
}

void Room::SuggestMerges(const v1::PostedIdea& idea) {
  // Suggestions go to the animateur's console only. Without one connected nobody would read
  // them, and on a long idea wall Similar is the biggest cost of a round: the idea waits to be
  // indexed until someone asks for hints.
  const bool animateur = std::any_of(members_.begin(), members_.end(), [](const auto& m) {
    return m.second->actor.kind() == v1::ACTOR_KIND_ANIMATEUR;
  });
  if (!animateur) {
    unindexed_.push_back(idea.idea_id());
    return;
  }
  IndexIdeas();
  v1::ServerMessage hints;
  hints.mutable_hints()->set_idea_id(idea.idea_id());
  for (const auto& match : hints_.Similar(idea.text(), options_.hints_per_idea,
                                          options_.hint_threshold, idea.idea_id())) {
    v1::SimilarIdea& similar = *hints.mutable_hints()->add_similar();
    similar.set_target_id(match.idea_id);
    similar.set_text(state_.ideas.at(match.idea_id).text);
    similar.set_similarity(match.similarity);
  }
  hints_.Add(idea.idea_id(), idea.text());
  if (hints.hints().similar().empty()) return;
  outputs_.push_back([this, frame = MessageFrame(hints)] {
    for (auto& [key, member] : members_) {
      if (member->actor.kind() == v1::ACTOR_KIND_ANIMATEUR) member->subscriber->Deliver(frame);
    }
  });
}

void Room::OnAppended(uint64_t seq, storage::Result<void> result) {
  if (failed_) return;  // the rounds after a failed one fail too; Fail() answered them all
  if (!result && append_error_.empty()) {
    append_error_ = "event " + std::to_string(seq) + ": " + result.error().message;
  }
  if (!append_error_.empty()) return Fail(append_error_);
  // The log calls back a workshop's appends in order: this is the oldest round not yet durable.
  for (Round& round : in_flight_) {
    if (!round.durable) {
      round.durable = true;
      break;
    }
  }
  FinishDurableRounds();
  ProcessRound();  // a round may have waited for a place in the pipeline
}

void Room::FinishDurableRounds() {
  while (!in_flight_.empty() && in_flight_.front().durable) {
    Round round = std::move(in_flight_.front());
    in_flight_.pop_front();
    FinishRound(round);
  }
  if (stopping_) {
    if (!in_flight_.empty()) return;
    CloseAll(1001, "server shutting down");
    for (auto& done : std::exchange(on_idle_, {})) done();
    return;
  }
  // Also while later rounds are in flight (under steady load there always are): the timer
  // and the results tick read the state as decided, and act through rounds of their own.
  ArmTimer();
  ScheduleResults();
}

void Room::FinishRound(Round& round) {
  if (round.appends > 0) {
    observer_.OnEventsDurable(round.appends, std::chrono::steady_clock::now() - round.started);
  }
  for (Output& output : round.outputs) output();
  SendAnswers(round.answers);
  SaveSnapshotIfDue();  // after the answers: a snapshot is nobody's wait
}

void Room::SaveSnapshotIfDue() {
  const uint64_t every = options_.snapshot_every;
  // Of the state as it is now, which may be ahead of the log by the rounds still in flight: a
  // snapshot beyond the durable head is ignored at load, and one whose event was never written
  // does not match the log's hash there (workshop_loader.h).
  if (every == 0 || snapshot_writing_ || state_.seq / every == snapshot_bucket_) return;
  snapshot_bucket_ = state_.seq / every;
  std::string bytes;
  if (!workshop::ToProto(state_).SerializeToString(&bytes)) return;  // never for a valid state
  snapshot_writing_ = true;
  observer_.OnSnapshot(state_.workshop_id, state_.seq, std::move(bytes),
                       [self = shared_from_this()] {
                         net::post(self->strand_, [self] { self->snapshot_writing_ = false; });
                       });
}

void Room::Fail(const std::string& error) {
  failed_ = true;
  // Answers are dropped: their clients are closed below and send those commands again.
  for (Round& round : in_flight_) {
    for (Output& answer : round.on_failure) answer();
  }
  in_flight_.clear();
  CloseAll(kCloseUnavailable, "the workshop's log failed; reconnect");
  observer_.OnFailed(state_.workshop_id, error);
  for (Op& op : std::exchange(inbox_, {})) Refuse(op, "the workshop's log failed");
  for (auto& done : std::exchange(on_idle_, {})) done();
}

void Room::Handle(CommandOp& op) {
  auto it = members_.find(op.subscriber.get());
  v1::ServerMessage answer;
  if (it == members_.end()) {
    answer.mutable_error()->set_code("bad_message");
    answer.mutable_error()->set_message("send Hello before commands");
  } else if (auto seq = workshop::FindApplied(state_, it->second->actor, op.command.command_id())) {
    answer.mutable_accepted()->set_command_id(op.command.command_id());
    answer.mutable_accepted()->set_seq(*seq);
    answer.mutable_accepted()->set_duplicate(true);
  } else {
    workshop::CommandContext context;
    context.actor = it->second->actor;
    Executed decision = Execute(op.command, context);
    if (decision) {
      answer.mutable_accepted()->set_command_id(op.command.command_id());
      answer.mutable_accepted()->set_seq((*decision)->seq());
    } else {
      answer.mutable_rejected()->set_command_id(op.command.command_id());
      *answer.mutable_rejected()->mutable_rejection() = std::move(decision).error();
    }
  }
  if (answer.has_error()) {
    Frame frame = MessageFrame(answer);
    frame.answers = 1;
    outputs_.push_back(
        [subscriber = op.subscriber, frame = std::move(frame)] { subscriber->Deliver(frame); });
    return;
  }
  answers_.emplace_back(op.subscriber, std::move(answer));
}

void Room::SendAnswers(Answers& answers) {
  // One frame per client: its answer alone, or its answers together (Answers). Grouped by
  // client; the order among one client's answers is kept (it carries no meaning anyway).
  std::ranges::stable_sort(answers, std::less<>(), [](const auto& a) { return a.first.get(); });
  for (auto first = answers.begin(); first != answers.end();) {
    auto last = std::find_if(first, answers.end(),
                             [&](const auto& a) { return a.first != first->first; });
    if (last - first == 1) {
      Frame frame = MessageFrame(first->second);
      frame.answers = 1;
      first->first->Deliver(std::move(frame));
    } else {
      v1::ServerMessage batch;
      for (auto it = first; it != last; ++it) {
        if (it->second.has_accepted()) {
          *batch.mutable_answers()->add_accepted() = std::move(*it->second.mutable_accepted());
        } else {
          *batch.mutable_answers()->add_rejected() = std::move(*it->second.mutable_rejected());
        }
      }
      Frame frame = MessageFrame(batch);
      frame.answers = static_cast<uint32_t>(last - first);
      first->first->Deliver(std::move(frame));
    }
    first = last;
  }
  answers.clear();
}

void Room::Handle(HintsOp& op) {
  auto it = members_.find(op.subscriber.get());
  if (it == members_.end() || it->second->actor.kind() == v1::ACTOR_KIND_OBSERVER) return;
  IndexIdeas();
  v1::ServerMessage answer;
  answer.mutable_hints()->set_request_id(op.request.request_id());
  for (const auto& match : hints_.Similar(op.request.text(), 5, options_.hint_threshold)) {
    v1::SimilarIdea& similar = *answer.mutable_hints()->add_similar();
    similar.set_target_id(workshop::VoteTarget(state_, match.idea_id));
    similar.set_text(state_.ideas.at(match.idea_id).text);
    similar.set_similarity(match.similarity);
  }
  outputs_.push_back(
      [subscriber = op.subscriber, frame = MessageFrame(answer)] { subscriber->Deliver(frame); });
}

void Room::Handle(CreateOp& op) {
  workshop::CommandContext context;
  context.actor = MakeActor(v1::ACTOR_KIND_ANIMATEUR);
  context.workshop_id = op.workshop_id;
  context.access = op.access;
  v1::Command command;
  *command.mutable_create_workshop() = std::move(op.create);
  Executed decision = Execute(command, context);
  CreateDone done = std::move(op.done);
  if (!decision) {
    outputs_.push_back([done, rejection = decision.error()] { done(std::unexpected(rejection)); });
    return;
  }
  outputs_.push_back([done] { done({}); });
  on_failure_.push_back([done] {
    v1::Rejection rejection;
    rejection.set_message("the log could not store the workshop");
    done(std::unexpected(rejection));
  });
}

void Room::Handle(TimerOp&) {
  const workshop::Timer& timer = state_.timer;
  if (!timer.running || !timer.auto_close || NowMs() < timer.deadline_ms) return;
  std::optional<v1::Phase> next = workshop::NextPhase(state_);
  if (!next) return;
  v1::Command command;
  command.mutable_set_phase()->set_phase(*next);
  workshop::CommandContext context;
  context.actor = MakeActor(v1::ACTOR_KIND_SYSTEM);
  (void)Execute(command, context);
}

void Room::Handle(QueryOp& op) { outputs_.push_back(op.run()); }

void Room::ArmTimer() {
  const workshop::Timer& timer = state_.timer;
  int64_t deadline = timer.running && timer.auto_close ? timer.deadline_ms : 0;
  if (deadline == armed_deadline_ms_ || stopping_) return;
  armed_deadline_ms_ = deadline;
  phase_timer_.cancel();
  if (deadline == 0) return;
  phase_timer_.expires_after(std::chrono::milliseconds(std::max<int64_t>(0, deadline - NowMs())));
  phase_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec) return;
    self->armed_deadline_ms_ = 0;
    self->Post(TimerOp{});
  });
}

void Room::ScheduleResults() {
  if (!results_dirty_ || results_scheduled_ || stopping_) return;
  results_scheduled_ = true;
  results_timer_.expires_after(options_.results_interval);
  results_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec) return;
    self->Post(ResultsTickOp{});
  });
}

void Room::Handle(ResultsTickOp&) {
  results_scheduled_ = false;
  if (!results_dirty_) return;
  results_dirty_ = false;
  // Nobody connected may see them (no animateur, observers only at the reveal, tables without
  // live points): don't compute. Whoever comes gets them computed with their Welcome.
  const bool wanted = std::any_of(members_.begin(), members_.end(), [this](const auto& m) {
    return workshop::MaySeeResults(state_, m.second->actor) ||
           workshop::MaySeePoints(state_, m.second->actor);
  });
  if (!wanted) return;
  outputs_.push_back(
      [this, results = workshop::ComputeResults(state_)] { DeliverResults(results); });
}

}  // namespace atelier::room
