// Room: life (load, restore, out of service, shutdown, unload), the inbox and its rounds. The
// handlers of each kind of operation are in room_operations.cc.
#include "server/room/room.h"

#include <algorithm>

#include <boost/asio/post.hpp>

#include "server/room/frames.h"
#include "server/workshop/results.h"
#include "server/workshop/state_codec.h"
#include "server/workshop/views.h"

namespace atelier::room {

namespace net = boost::asio;
namespace v1 = atelier::v1;

Room::Room(net::any_io_executor executor, RoomLog& log, RoomObserver& observer,
           std::string workshop_id, RoomOptions options)
    : strand_(net::make_strand(executor)),
      log_(log),
      observer_(observer),
      workshop_id_(std::move(workshop_id)),
      options_(options),
      ring_(options.recent_events),
      hints_(options.hints),
      rounds_(log, observer, strand_, options.rounds_in_flight),
      phase_timer_(strand_),
      results_timer_(strand_),
      idle_timer_(strand_) {}

Room::~Room() = default;

std::shared_ptr<Room> Room::Held(std::shared_ptr<Room> room) {
  // One per hold, made in place (a copy would count the hold down as it is destroyed).
  class Hold {
   public:
    explicit Hold(std::shared_ptr<Room> room) : room_(std::move(room)) {
      room_->holders_.fetch_add(1);
    }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;
    ~Hold() { room_->holders_.fetch_sub(1); }

   private:
    std::shared_ptr<Room> room_;
  };
  Room* raw = room.get();
  return std::shared_ptr<Room>(std::make_shared<Hold>(std::move(room)), raw);
}

void Room::BindRounds() {
  rounds_.Bind(weak_from_this(), {[this](Round& round) { FinishRound(round); },
                                  [this](const std::string& error) { OnRoundsFailed(error); },
                                  [this] { ProcessRounds(); }});
}

void Room::Load() {
  net::post(strand_, [self = shared_from_this()] {
    self->BindRounds();
    self->log_.Load(self->workshop_id_, RoomLog::From::kSnapshot,
                    [weak = self->weak_from_this()](auto loaded) {
      auto room = weak.lock();
      if (!room) return;
      net::post(room->strand_, [room, loaded = std::move(loaded)]() mutable {
        room->Loaded(std::move(loaded), /*restore=*/false);
      });
    });
  });
}

void Room::Start(LoadedWorkshop loaded) {
  net::post(strand_, [self = shared_from_this(), loaded = std::move(loaded)]() mutable {
    self->BindRounds();
    self->Loaded(std::move(loaded), /*restore=*/false);
  });
}

void Room::Loaded(std::expected<LoadedWorkshop, std::string> loaded, bool restore) {
  if (life_ == Life::kStopped) return;
  if (!loaded) {
    return GoOutOfService(restore ? "the workshop's log cannot be read back: " + loaded.error()
                                  : "the workshop's log failed to load: " + loaded.error(),
                          /*report=*/true);
  }
  state_ = std::move(loaded->state);
  durable_seq_ = state_.seq;
  ring_.Assign(std::move(loaded->recent));
  loaded_snapshot_seq_ = loaded->snapshot_seq;
  hints_.Reset(state_);
  if (options_.snapshot_every != 0) snapshot_bucket_ = state_.seq / options_.snapshot_every;
  results_dirty_ = true;
  rounds_.Reset();
  life_ = Life::kServing;
  if (stopping_) {
    audience_.CloseAll(1001, "server shutting down");
    for (auto& done : std::exchange(on_idle_, {})) done();
    return;
  }
  if (discarded_snapshot_seq_ != 0) {
    // The state is the log's now (this load trusted no snapshot). Every view handed out so far
    // may hold the discarded one's: their holders start again from a full snapshot.
    discarded_snapshot_seq_ = 0;
    resume_floor_ = std::max(resume_floor_, state_.seq);
    observer_.OnResumeFloor(workshop_id_, resume_floor_);
    audience_.CloseAll(kCloseReadBack, "the workshop was read back from its log: reconnect");
  }
  ArmTimer();
  ScheduleResults();
  ArmIdle();
  ProcessRounds();
}

void Room::SnapshotDiscarded(uint64_t seq) {
  net::post(strand_, [self = shared_from_this(), seq] {
    if (self->life_ == Life::kStopped || seq != self->loaded_snapshot_seq_) return;
    self->discarded_snapshot_seq_ = seq;
    self->loaded_snapshot_seq_ = 0;
    self->ReadBackIfDue();
  });
}

void Room::RaiseResumeFloor(uint64_t seq) {
  net::post(strand_, [self = shared_from_this(), seq] {
    self->resume_floor_ = std::max(self->resume_floor_, seq);
  });
}

void Room::ReadBackIfDue() {
  // No new round begins meanwhile (ProcessRounds): those in flight finish on the state they
  // were decided on, then the log, which holds them, is read back.
  if (discarded_snapshot_seq_ == 0 || life_ != Life::kServing || stopping_ || !rounds_.idle()) {
    return;
  }
  life_ = Life::kRestoring;
  StopTimers();
  log_.Load(workshop_id_, RoomLog::From::kEventOne, [weak = weak_from_this()](auto loaded) {
    auto room = weak.lock();
    if (!room) return;
    net::post(room->strand_, [room, loaded = std::move(loaded)]() mutable {
      room->Loaded(std::move(loaded), /*restore=*/true);
    });
  });
}

void Room::Create(v1::CreateWorkshop create, v1::WorkshopAccess access, CreateDone done) {
  net::post(strand_, [self = shared_from_this()] {
    self->BindRounds();
    self->life_ = Life::kServing;
  });
  Post(CreateOp{std::move(create), std::move(access), std::move(done)});
}

void Room::Hello(std::shared_ptr<Subscriber> subscriber, v1::Hello hello) {
  hello.DiscardUnknownFields();
  Post(HelloOp{std::move(subscriber), std::move(hello)});
}

void Room::Submit(std::shared_ptr<Subscriber> subscriber, v1::Command command) {
  command.DiscardUnknownFields();  // only what this server knows is decided, stored and sent on
  Post(CommandOp{std::move(subscriber), std::move(command)});
}

void Room::DraftHints(std::shared_ptr<Subscriber> subscriber, v1::DraftHintsRequest request) {
  request.DiscardUnknownFields();
  Post(HintsOp{std::move(subscriber), std::move(request)});
}

void Room::Leave(std::shared_ptr<Subscriber> subscriber) {
  net::post(strand_, [self = shared_from_this(), subscriber] {
    self->audience_.Remove(subscriber.get());
    if (self->audience_.empty()) self->ArmIdle();
  });
}

void Room::Shutdown(std::function<void()> done) {
  net::post(strand_, [self = shared_from_this(), done = std::move(done)] {
    self->stopping_ = true;
    self->StopTimers();
    if (!self->rounds_.idle() && self->life_ == Life::kServing) {
      self->on_idle_.push_back(done);
      return;
    }
    self->audience_.CloseAll(1001, "server shutting down");
    done();
  });
}

void Room::TakeOutOfService(std::string reason) {
  net::post(strand_, [self = shared_from_this(), reason = std::move(reason)] {
    self->GoOutOfService(reason, /*report=*/false);
  });
}

void Room::StopForDeletion(std::optional<std::string> animateur_token, StopDone done) {
  Post(DeleteOp{std::move(animateur_token), std::move(done)});
}

void Room::Deleted() {
  net::post(strand_, [self = shared_from_this()] {
    if (self->life_ == Life::kStopped) return;
    self->life_ = Life::kStopped;
    self->stop_reason_ = "the workshop was deleted";
    self->StopTimers();
    self->audience_.CloseAll(ErrorFrame("workshop_deleted", "this workshop was deleted"),
                             kCloseDeleted, "workshop deleted");
    for (Queued& q : std::exchange(self->inbox_, {})) self->Refuse(q.op, self->stop_reason_);
    for (auto& done : std::exchange(self->on_idle_, {})) done();
  });
}

void Room::DeletionFailed() {
  net::post(strand_, [self = shared_from_this()] {
    if (self->life_ != Life::kDeleting) return;
    self->life_ = Life::kServing;
    if (self->stopping_) {
      self->audience_.CloseAll(1001, "server shutting down");
      for (auto& done : std::exchange(self->on_idle_, {})) done();
      return;
    }
    self->ArmTimer();
    self->ScheduleResults();
    self->ArmIdle();
    self->ReadBackIfDue();  // a snapshot discarded meanwhile: no round begins before it
    self->ProcessRounds();
  });
}

void Room::GoOutOfService(const std::string& reason, bool report) {
  if (life_ == Life::kStopped) return;
  life_ = Life::kStopped;
  stop_reason_ = reason;
  StopTimers();
  // The owner first, so that whoever sees a close finds the workshop unknown already.
  if (report) observer_.OnOutOfService(workshop_id_, reason);
  rounds_.Abandon();  // their callers are answered; their clients are closed below
  audience_.CloseAll(kCloseUnavailable, reason);  // the session cuts it to a close frame's size
  for (Queued& q : std::exchange(inbox_, {})) Refuse(q.op, reason);
  for (auto& done : std::exchange(on_idle_, {})) done();
}

void Room::StopTimers() {
  phase_timer_.cancel();
  results_timer_.cancel();
  idle_timer_.cancel();
  armed_deadline_ms_ = 0;
  results_scheduled_ = false;
  idle_armed_ = false;
}

void Room::Post(Op op) {
  // An operation on its way holds the room (it is not unloaded under it) until it is queued.
  holders_.fetch_add(1);
  net::post(strand_, [self = shared_from_this(), op = std::move(op),
                      at = std::chrono::steady_clock::now()]() mutable {
    self->holders_.fetch_sub(1);
    if (self->life_ == Life::kStopped || self->stopping_) {
      self->Refuse(op, self->stopping_ ? "server shutting down" : self->stop_reason_);
      return;
    }
    if (self->life_ == Life::kDeleting) return self->RefuseWhileDeleting(op);
    self->inbox_.push_back({std::move(op), at});
    self->ProcessRounds();
  });
}

void Room::Refuse(Op& op, const std::string& why) {
  if (auto* hello = std::get_if<HelloOp>(&op)) {
    hello->subscriber->Deliver(ErrorFrame("unavailable", why));
    hello->subscriber->Disconnect(kCloseUnavailable, why);
  } else if (auto* command = std::get_if<CommandOp>(&op)) {
    command->subscriber->Disconnect(kCloseUnavailable, why);
  } else if (auto* create = std::get_if<CreateOp>(&op)) {
    v1::Rejection rejection;
    rejection.set_message(why);
    create->done(std::unexpected(rejection));
  } else if (auto* query = std::get_if<QueryOp>(&op)) {
    query->fail();
  } else if (auto* deletion = std::get_if<DeleteOp>(&op)) {
    deletion->done(std::unexpected("unavailable"));
  }
}

void Room::RefuseWhileDeleting(Op& op) {
  if (auto* hello = std::get_if<HelloOp>(&op)) {
    // Come back later: by then the workshop is deleted, or serves again.
    hello->subscriber->Deliver(ErrorFrame("unavailable", "the workshop is being deleted"));
    hello->subscriber->Disconnect(kCloseTryAgainLater, "the workshop is being deleted");
  } else if (std::holds_alternative<CommandOp>(op)) {
    // Left unanswered: nothing may be appended any more, and the deletion closes this
    // connection in a moment (if it fails, the client's watchdog sends it again).
  } else {
    Refuse(op, "the workshop is being deleted");
  }
}

void Room::ProcessRounds() {
  while (life_ == Life::kServing && discarded_snapshot_seq_ == 0 && !inbox_.empty() &&
         rounds_.CanBegin()) {
    // A log that cannot write now (a disk below its reserve, a failed write not recovered yet):
    // what would write is refused in this round, not decided; reads go on.
    storage::Result<void> writable = log_.Writable();
    write_refusal_ = writable ? std::string() : writable.error().message;
    Round& round = rounds_.Begin();
    round.queued_since = inbox_.front().at;
    const size_t n = std::min(inbox_.size(), std::max<size_t>(1, options_.max_round_operations));
    for (size_t i = 0; i < n; ++i) {
      Op op = std::move(inbox_.front().op);
      inbox_.pop_front();
      if (life_ == Life::kDeleting) {
        RefuseWhileDeleting(op);  // after this round's deletion: nothing more is decided
        continue;
      }
      std::visit([this, &round](auto& o) { Handle(o, round); }, op);
    }
    if (life_ == Life::kDeleting) {
      for (Queued& q : std::exchange(inbox_, {})) RefuseWhileDeleting(q.op);
    }
    round.operations = n;
    observer_.OnRound(n, round.sealed.size());
    if (!broken_.empty()) {
      // A decided event did not fold: the state cannot be trusted. Nothing of this round or
      // those in flight is kept; the log is read back.
      return rounds_.FailAll(std::exchange(broken_, {}));
    }
    rounds_.Commit();
  }
}

void Room::ReportStages(const Round& round) {
  RoundStages stages;
  stages.queued = round.started - round.queued_since;
  stages.decided = round.committed_at - round.started;
  const auto handed_from = round.sealed.empty() ? round.committed_at : round.resumed_at;
  if (!round.sealed.empty()) {
    stages.logged = true;
    stages.waiting = round.appended_at - round.committed_at;
    stages.durable = round.durable_at - round.appended_at;
    stages.resumed = round.resumed_at - round.durable_at;
  }
  stages.handed = std::chrono::steady_clock::now() - handed_from;
  observer_.OnRoundStages(stages);
}

void Room::FinishRound(Round& round) {
  if (!round.sealed.empty()) {
    observer_.OnEventsDurable(round.sealed.size(),
                              std::chrono::steady_clock::now() - round.started);
  }
  if (!round.sealed.empty()) durable_seq_ = round.sealed.back().seq();
  if (options_.replica != nullptr) {
    options_.replica->RoundDurable(workshop_id_, round.sealed, durable_seq_);
  }
  for (Output& output : round.outputs) output();
  SendAnswers(round.answers);
  if (options_.replica != nullptr) options_.replica->RoundDone(workshop_id_);
  ReportStages(round);
  SaveSnapshotIfDue();  // after the answers: a snapshot is nobody's wait
  ReadBackIfDue();
  if (stopping_) {
    if (!rounds_.idle()) return;
    audience_.CloseAll(1001, "server shutting down");
    for (auto& done : std::exchange(on_idle_, {})) done();
    return;
  }
  // Also while later rounds are in flight (under steady load there always are): the timer and
  // the results tick read the state as decided, and act through rounds of their own.
  ArmTimer();
  ScheduleResults();
}

void Room::OnRoundsFailed(const std::string& error) {
  // The rounds' commands were refused and their callers answered (rounds.h). The state is ahead
  // of the log: read it back, and let operations wait meanwhile.
  observer_.OnStorageFailure(workshop_id_, error);
  audience_.DropJoining();
  if (life_ == Life::kStopped) return;
  if (stopping_) {
    audience_.CloseAll(1001, "server shutting down");
    for (auto& done : std::exchange(on_idle_, {})) done();
    return;
  }
  life_ = Life::kRestoring;
  StopTimers();
  // After a discarded snapshot, trust none: a newer one may have been made from the same state.
  const RoomLog::From from =
      discarded_snapshot_seq_ != 0 ? RoomLog::From::kEventOne : RoomLog::From::kSnapshot;
  log_.Load(workshop_id_, from, [weak = weak_from_this()](auto loaded) {
    auto room = weak.lock();
    if (!room) return;
    net::post(room->strand_, [room, loaded = std::move(loaded)]() mutable {
      room->Loaded(std::move(loaded), /*restore=*/true);
    });
  });
}

void Room::SaveSnapshotIfDue() {
  const uint64_t every = options_.snapshot_every;
  // Of the state as it is now, which may be ahead of the log by the rounds still in flight: a
  // snapshot beyond the durable head is ignored at load, and one whose event was never written
  // does not match the log's hash there (workshop_loader.h).
  if (every == 0 || snapshot_writing_ || discarded_snapshot_seq_ != 0 ||
      life_ == Life::kDeleting ||
      state_.seq / every == snapshot_bucket_ || state_.seq < next_snapshot_seq_) {
    return;
  }
  snapshot_bucket_ = state_.seq / every;
  snapshot_writing_ = true;
  // A copy of the state here (the strand's), its protobuf built and serialized on the log's
  // snapshot thread: about half of the time it took stays on the strand (BENCHMARKS.md, the peak).
  auto copy = std::make_shared<const workshop::WorkshopState>(state_);
  auto size = std::make_shared<size_t>(0);  // written there, read here once `done` is posted
  auto bytes = [copy, size] {
    std::string out;
    if (!workshop::ToProto(*copy).SerializeToString(&out)) out.clear();  // never for a valid state
    *size = out.size();
    return out;
  };
  log_.SaveSnapshot(workshop_id_, state_.seq, std::move(bytes),
                    [weak = weak_from_this(), size, seq = state_.seq] {
    if (auto room = weak.lock()) {
      net::post(room->strand_, [room, size, seq] {
        room->snapshot_writing_ = false;
        room->next_snapshot_seq_ = seq + *size / kSnapshotBytesPerEvent;
      });
    }
  });
}

void Room::ArmTimer() {
  const workshop::Timer& timer = state_.timer;
  int64_t deadline = timer.running && timer.auto_close ? timer.deadline_ms : 0;
  if (deadline == armed_deadline_ms_ || stopping_ || life_ != Life::kServing) return;
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
  if (!results_dirty_ || results_scheduled_ || stopping_ || life_ != Life::kServing) return;
  results_scheduled_ = true;
  results_timer_.expires_after(options_.results_interval);
  results_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec) return;
    self->Post(ResultsTickOp{});
  });
}

void Room::ArmIdle() {
  if (options_.unload_after.count() == 0 || idle_armed_ || stopping_ ||
      life_ != Life::kServing) {
    return;
  }
  idle_armed_ = true;
  idle_timer_.expires_after(options_.unload_after);
  idle_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    auto room = weak.lock();
    if (!room || ec) return;
    room->idle_armed_ = false;
    room->CheckIdle();
  });
}

void Room::CheckIdle() {
  if (life_ != Life::kServing || stopping_ || !audience_.empty()) return;  // Leave re-arms
  const bool quiet = inbox_.empty() && rounds_.idle() && armed_deadline_ms_ == 0 &&
                     !snapshot_writing_ && holders_.load() == 0;
  if (!quiet || !observer_.OnIdle(*this)) return ArmIdle();
  // Forgotten by the owner: no one holds it and no one can get it any more.
  life_ = Life::kStopped;
  stop_reason_ = "the workshop was unloaded; reconnect";
  StopTimers();
}

}  // namespace atelier::room
