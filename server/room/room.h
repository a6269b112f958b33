// Room: one live workshop on the server. It keeps the workshop's state and runs every operation
// on it on one strand: no locks, and one workshop never blocks another. The room itself keeps
// the strand, the inbox and the dispatch of operations; each of its other jobs has its own home:
//   - engine/command_pipeline.h: a command becomes an event (find-applied, decide, seal, apply);
//   - engine/hello_auth.h: who a connection is;
//   - rounds.h: rounds from decision to durable outputs, in order, with back-pressure;
//   - audience.h: the connections, and the broadcast of events per audience;
//   - resume_ring.h: the last events, for clients that resume;
//   - merge_hints.h: duplicate hints;
//   - room_log.h: the log, behind a narrow interface.
//
// Operations are processed in rounds. A round takes the operations waiting (at most
// max_round_operations; the rest wait for the next), decides and applies them in order, appends
// the new events to the log together, and only once they are durable emits the round's outputs:
// events to everyone allowed to see them, welcomes, hints, results, then the answers. Nothing a
// client receives is ever ahead of the log.
//
// Bounded and fair: a connection has a bounded number of commands unanswered (the network layer
// stops reading it past that), a round a bounded number of operations, and a full log queue
// makes the room wait (rounds.h): overload is back-pressure on the clients that cause it.
//
// When the log cannot store a round (a full or failing disk), the round's commands are refused
// with REJECTION_REASON_STORAGE_UNAVAILABLE, the connections stay, and the room reads its state
// back from the log (its memory was ahead) before it goes on. If even that fails, the room closes
// its connections with 1011 and refuses everything (out of service).
//
// Life: a room made for a workshop in the log starts loading it (Load); one made for a new
// workshop starts empty (Create). A room nobody has used for options.unload_after (no
// connection, no holder, nothing in flight, no phase timer) asks its owner to forget it: the
// server's memory follows the live workshops. A holder (Held) is whoever may still post to the
// room: a connection, an HTTP request.
//
// Deletion, in two steps around the log's: StopForDeletion takes its place in the inbox like a
// command; once it is decided the room takes no operation any more (a Hello is told to come back
// later, a command is left unanswered: the deletion closes its connection soon), and when every
// round before it is durable (their answers sent) it reports that the workshop may be deleted.
// Nothing is appended from then on. Deleted() then closes every connection with
// ErrorMessage "workshop_deleted" and kCloseDeleted; DeletionFailed() serves again.
//
// Thread safety: public methods may be called from any thread (they post to the strand).
#ifndef ATELIER_SERVER_ROOM_ROOM_H_
#define ATELIER_SERVER_ROOM_ROOM_H_

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <deque>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/wire.pb.h"
#include "server/engine/command_pipeline.h"
#include "server/room/audience.h"
#include "server/room/merge_hints.h"
#include "server/room/port.h"
#include "server/room/replica_sink.h"
#include "server/room/resume_ring.h"
#include "server/room/room_log.h"
#include "server/room/room_observer.h"
#include "server/room/rounds.h"
#include "server/room/subscriber.h"
#include "server/workshop/state.h"

namespace atelier::room {

struct RoomOptions {
  // Events kept in memory for resuming clients; a client further behind gets a fresh snapshot.
  size_t recent_events = 20'000;
  // A resume whose missed events would take more bytes than this gets a snapshot instead (one
  // frame, rather than a backlog that would overflow the connection's queue).
  size_t resume_max_bytes = 256 << 10;
  // Results go to observers (and others allowed) at most this often.
  std::chrono::milliseconds results_interval{100};
  HintOptions hints;
  // Rounds decided and appended while earlier ones wait for the disk. 1 (the default): a round
  // waits for the one before to be durable; on one busy core larger rounds win (BENCHMARKS.md).
  size_t rounds_in_flight = 1;
  // Operations one round takes at most; the others wait for the next round.
  size_t max_round_operations = 512;
  // A snapshot of the state is saved each time the log crosses a multiple of this many events,
  // so that a load folds at most about this many (plus a round); 0: never.
  uint64_t snapshot_every = 10'000;
  // A room nobody has used for this long is unloaded; 0: never.
  std::chrono::milliseconds unload_after{10 * 60 * 1000};
  // In a cluster: where each durable round goes for the other nodes (replica_sink.h); null on a
  // single server. Must outlive the room.
  ReplicaSink* replica = nullptr;
};

class Room : public Port, public std::enable_shared_from_this<Room> {
 public:
  using CreateDone = std::function<void(std::expected<void, atelier::v1::Rejection>)>;
  using ResultsDone = std::function<void(std::expected<atelier::v1::Results, std::string>)>;
  using JoinInfoDone = std::function<void(std::expected<atelier::v1::JoinInfo, std::string>)>;
  using TopIdeasDone =
      std::function<void(std::expected<std::vector<atelier::v1::IdeaSeed>, std::string>)>;

  // A room for `workshop_id`, empty until Load() or Create(). `log` and `observer` must outlive
  // it.
  Room(boost::asio::any_io_executor executor, RoomLog& log, RoomObserver& observer,
       std::string workshop_id, RoomOptions options = {});
  ~Room();

  // Loads the workshop from the log (off the strand); operations posted meanwhile wait. If the
  // log cannot be read, the room goes out of service (OnOutOfService).
  void Load();
  // Takes an already loaded workshop (tests, tools), and starts its phase timer.
  void Start(LoadedWorkshop loaded);

  // Creates the workshop (the room must be new): runs CreateWorkshop as the animateur with
  // these access codes; `done` runs on the strand once durable, or with the rejection.
  void Create(atelier::v1::CreateWorkshop create, atelier::v1::WorkshopAccess access,
              CreateDone done);

  // A connection's Hello: authenticates it (tokens, codes, or a join that becomes an event),
  // then welcomes it. A Hello that cannot be honoured gets ErrorMessage and a close.
  void Hello(std::shared_ptr<Subscriber> subscriber, atelier::v1::Hello hello) override;
  // A connection's command; unknown fields are dropped: only what this server knows is decided
  // and stored.
  void Submit(std::shared_ptr<Subscriber> subscriber, atelier::v1::Command command) override;
  void DraftHints(std::shared_ptr<Subscriber> subscriber,
                  atelier::v1::DraftHintsRequest request) override;
  void Leave(std::shared_ptr<Subscriber> subscriber) override;

  // Results for the HTTP API: for the animateur's token, or an observer code when observers may
  // see them now.
  void Results(std::string animateur_token, std::string observer_code, ResultsDone done);
  // What a device needs before joining with the code (the caller found the room by its join
  // code): the question, whether seats may join, how many per table.
  void JoinInfo(JoinInfoDone done);
  // The durable events after `after_seq` up to `through_seq` (0: the durable head), from the
  // ring, with the durable head; an error when the ring no longer holds them (for another node
  // of a cluster, which then gives its clients a snapshot instead). `done` runs on the strand.
  struct DurableEvents {
    uint64_t head_seq = 0;
    std::vector<storage::SealedEvent> events;
  };
  using EventsDone = std::function<void(std::expected<DurableEvents, std::string>)>;
  void EventsAfter(uint64_t after_seq, uint64_t through_seq, EventsDone done);
  // The best ideas, for carrying into an evaluation, if the token is the animateur's.
  void TopIdeas(std::string animateur_token, size_t count, TopIdeasDone done);

  // The first step of the workshop's deletion (above), for the animateur's token, or for the
  // server itself (retention) without one. `done` runs on the strand: success once the room
  // has stopped and every round before is durable; "not_allowed" (a wrong token: the room goes
  // on), "unavailable" (it is loading, restoring, stopping, or a round failed).
  using StopDone = std::function<void(std::expected<void, std::string>)>;
  void StopForDeletion(std::optional<std::string> animateur_token, StopDone done);
  // The log deleted the workshop: close every connection (above); everything after is refused.
  void Deleted();
  // The log could not delete it: the room serves again (its state is still the log's).
  void DeletionFailed();

  // Closes every connection with 1001 once the rounds in flight are durable, then calls `done`.
  void Shutdown(std::function<void()> done);

  // For a workshop whose log failed an integrity check: closes every connection now with 1011
  // and `reason`, and refuses every later operation. Not reported to the observer, which decided
  // it.
  void TakeOutOfService(std::string reason);

  // The stored snapshot at `seq` disagreed with the log and was deleted (hub.h). If this room's
  // state was built on it, the room reads itself back from the log once its rounds in flight
  // are durable, then closes every connection with kCloseReadBack: whoever reconnects with a
  // last seq from before gets a full snapshot of the log's state, never the missed events on
  // top of a view built on the bad one (see RaiseResumeFloor).
  void SnapshotDiscarded(uint64_t seq);
  // A Hello resuming at or below `seq` gets a full snapshot instead of the events it missed. The
  // owner keeps the floor across unloads (RoomObserver::OnResumeFloor) and sets it on new rooms.
  void RaiseResumeFloor(uint64_t seq);

  // `room` held: it is not unloaded while the returned pointer (or a copy) lives. For the owner,
  // which hands rooms out only through this.
  static std::shared_ptr<Room> Held(std::shared_ptr<Room> room);
  int holders() const { return holders_.load(); }

  const std::string& workshop_id() const { return workshop_id_; }

 private:
  struct HelloOp {
    std::shared_ptr<Subscriber> subscriber;
    atelier::v1::Hello hello;
  };
  struct CommandOp {
    std::shared_ptr<Subscriber> subscriber;
    atelier::v1::Command command;
  };
  struct HintsOp {
    std::shared_ptr<Subscriber> subscriber;
    atelier::v1::DraftHintsRequest request;
  };
  struct CreateOp {
    atelier::v1::CreateWorkshop create;
    atelier::v1::WorkshopAccess access;
    CreateDone done;
  };
  struct DeleteOp {
    std::optional<std::string> animateur_token;
    StopDone done;
  };
  struct TimerOp {};
  struct ResultsTickOp {};
  using Output = Rounds::Output;
  // A read of the state, taken in its place in a round: what `run` returns goes out when the
  // round is durable (an answer never shows an event that is not); `fail` answers instead if it
  // never is.
  struct QueryOp {
    std::function<Output()> run;
    Output fail;
  };
  using Op = std::variant<HelloOp, CommandOp, HintsOp, CreateOp, TimerOp, ResultsTickOp, QueryOp,
                          DeleteOp>;
  struct Queued {
    Op op;
    std::chrono::steady_clock::time_point at;  // posted (RoundStages::queued)
  };
  using Round = Rounds::Round;

  enum class Life { kLoading, kServing, kRestoring, kDeleting, kStopped };

  void BindRounds();
  void Post(Op op);
  void ProcessRounds();
  void Handle(HelloOp& op, Round& round);
  void Handle(CommandOp& op, Round& round);
  void Handle(HintsOp& op, Round& round);
  void Handle(CreateOp& op, Round& round);
  void Handle(TimerOp& op, Round& round);
  void Handle(ResultsTickOp& op, Round& round);
  void Handle(QueryOp& op, Round& round);
  void Handle(DeleteOp& op, Round& round);
  void Refuse(Op& op, const std::string& why);
  // An operation that comes once the deletion is decided (StopForDeletion).
  void RefuseWhileDeleting(Op& op);

  // Runs a command through the pipeline as `context.actor`; an accepted event joins the round
  // (appended with it, broadcast once durable, merge hints for a new idea).
  engine::Step Execute(const atelier::v1::Command& command, workshop::CommandContext context,
                       engine::Source source, Round& round);
  // The welcome (and the missed events of a resume) as of the state now, sent when the round is
  // durable; the connection joins the audience then.
  void Welcome(const std::shared_ptr<Subscriber>& subscriber, const atelier::v1::Actor& actor,
               uint64_t last_seq, const std::string& token, Round& round);
  void RefuseHello(const std::shared_ptr<Subscriber>& subscriber, std::string code,
                   std::string message, Round& round);
  // A command that would write while the log cannot: refused, not decided.
  bool RefusedForStorage(const std::shared_ptr<Subscriber>& subscriber,
                         const atelier::v1::Command& command, const atelier::v1::Actor& actor,
                         Round& round);

  void FinishRound(Round& round);
  void ReportStages(const Round& round);
  void OnRoundsFailed(const std::string& error);
  // The workshop as the log has it, after Load() or a failed round: starts serving.
  void Loaded(std::expected<LoadedWorkshop, std::string> loaded, bool restore);
  void GoOutOfService(const std::string& reason, bool report);
  // SnapshotDiscarded's read-back, when serving with no round in flight.
  void ReadBackIfDue();
  void SaveSnapshotIfDue();
  void ArmTimer();
  void ScheduleResults();
  void ArmIdle();
  void CheckIdle();
  void StopTimers();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  RoomLog& log_;
  RoomObserver& observer_;
  const std::string workshop_id_;
  const RoomOptions options_;
  workshop::WorkshopState state_;
  Life life_ = Life::kLoading;  // until Load, Start or Create

  Audience audience_;
  ResumeRing ring_;
  MergeHints hints_;
  Rounds rounds_;
  std::deque<Queued> inbox_;
  std::string broken_;  // set when a decided event did not fold in the round being built
  std::string write_refusal_;  // why the log takes no append now (empty: it does), per round
  std::string stop_reason_ = "the workshop is unavailable";  // told to whoever comes after

  bool stopping_ = false;
  std::vector<std::function<void()>> on_idle_;  // Shutdown's callbacks, once rounds are done
  bool snapshot_writing_ = false;  // one snapshot of this room in flight at most
  uint64_t snapshot_bucket_ = 0;   // state_.seq / snapshot_every when the last one was taken
  uint64_t loaded_snapshot_seq_ = 0;  // the stored snapshot the state was built on (0: none)
  uint64_t discarded_snapshot_seq_ = 0;  // set while a read-back is due (SnapshotDiscarded)
  uint64_t resume_floor_ = 0;  // a Hello resuming at or below it gets a full snapshot
  uint64_t durable_seq_ = 0;   // the last event of the log (rounds in flight are beyond it)

  // A snapshot costs what the state weighs, and a workshop's state only grows: one every
  // snapshot_every events would cost more and more per event (20,000 ideas: 5 MB copied and
  // serialized every 10,000 events). So the next one also waits for as many events as the last
  // one's bytes hold kSnapshotBytesPerEvent: a snapshot costs each event about as much as
  // serializing the event does, and a load folds at most about the snapshot's weight in events.
  static constexpr uint64_t kSnapshotBytesPerEvent = 256;
  uint64_t next_snapshot_seq_ = 0;  // none before it: the last one's seq plus its weight in events

  boost::asio::steady_timer phase_timer_;
  int64_t armed_deadline_ms_ = 0;
  boost::asio::steady_timer results_timer_;
  bool results_dirty_ = false;
  bool results_scheduled_ = false;
  boost::asio::steady_timer idle_timer_;
  bool idle_armed_ = false;
  std::atomic<int> holders_{0};
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_ROOM_H_
