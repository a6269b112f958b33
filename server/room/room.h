// Room: one live workshop on the server. It owns the workshop's state, its duplicate-hint index
// and the connections that joined it, and runs every operation on one strand: no locks, and one
// workshop never blocks another.
//
// Operations are processed in rounds. A round takes every operation waiting (commands, hellos,
// hint requests, results ticks, the timer), decides and applies them in order, appends the new
// events to the log together (the log's writer batches them with other rooms' into one fsync),
// and only once every event of the round is durable emits the round's outputs, in order:
// events to everyone allowed to see them, welcomes, hints, results, then acknowledgements.
// Nothing a client receives is ever ahead of the log. Rounds may be pipelined
// (options.rounds_in_flight > 1): while one waits for the disk, the operations that arrived
// meanwhile make the next round, decided on the state as it will be; rounds are durable, and emit their
// outputs, in order. If one fails, those after it fail with it (their events follow it). A
// connection joins the broadcast when its welcome is sent, so it never receives anything
// before its welcome.
//
// Broadcast: each event is serialized once per audience (views.h) and shared by every connection
// of that audience. A connection has a through_seq; it never receives an event at or below it,
// so a welcome snapshot and the live events after it neither overlap nor leave a gap.
//
// If an append fails, the room stops: its in-memory state is ahead of the log. It answers the
// round's commands with an error, closes every connection with 1011 and reports itself failed to
// its owner, which reloads the workshop from the log for the next connection.
//
// Thread safety: public methods may be called from any thread (they post to the strand).
#ifndef ATELIER_SERVER_ROOM_ROOM_H_
#define ATELIER_SERVER_ROOM_ROOM_H_

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/wire.pb.h"
#include "server/room/subscriber.h"
#include "server/workshop/decide.h"
#include "server/workshop/similarity.h"
#include "server/workshop/state.h"
#include "storage/event_log.h"

namespace atelier::room {

class RoomObserver;

struct RoomOptions {
  // Events kept in memory for resuming clients; a client further behind gets a fresh snapshot.
  size_t recent_events = 20'000;
  // A resume whose missed events would take more bytes than this gets a snapshot instead (one
  // frame, rather than a backlog that would overflow the connection's queue).
  size_t resume_max_bytes = 256 << 10;
  // Results go to observers (and others allowed) at most this often.
  std::chrono::milliseconds results_interval{100};
  // Merge suggestions sent to the animateur per new idea, and the similarity they need.
  size_t hints_per_idea = 3;
  double hint_threshold = 0.35;
  // Rounds in flight at most: while one waits for its fsync the next is decided and appended
  // (the log's next batch), so that a slow disk's latency is not paid once per round in a row.
  // 1 (the default): a round waits for the one before to be durable. On one core busy with the
  // load, larger rounds win (fewer frames, fewer batches): measured in BENCHMARKS.md.
  size_t rounds_in_flight = 1;
  // A snapshot of the state is saved each time the log crosses a multiple of this many events,
  // so that a restart folds at most about this many (plus a round); 0: never.
  uint64_t snapshot_every = 10'000;
};

// Called by the room on its strand; implemented by the hub and the metrics.
class RoomObserver {
 public:
  virtual ~RoomObserver() = default;
  virtual void OnCommand(bool accepted, atelier::v1::RejectionReason reason) = 0;
  virtual void OnEventsDurable(size_t events, std::chrono::nanoseconds append_latency) = 0;
  virtual void OnDeliveries(size_t events, size_t frames) = 0;
  virtual void OnFailed(const std::string& workshop_id, const std::string& error) = 0;
  // A snapshot of the workshop as of durable event `seq` (atelier.v1.WorkshopState, serialized),
  // to be stored off the strand: it is a synchronous disk write. `done` must be called once,
  // from any thread, when the write is over (stored or not); a failure is the observer's to
  // report, the log stays the truth.
  virtual void OnSnapshot(const std::string& workshop_id, uint64_t seq, std::string bytes,
                          std::function<void()> done) = 0;
};

class Room : public std::enable_shared_from_this<Room> {
 public:
  using CreateDone = std::function<void(std::expected<void, atelier::v1::Rejection>)>;
  using ResultsDone = std::function<void(std::expected<atelier::v1::Results, std::string>)>;

  // `state` is the workshop as loaded from the log (or empty for one about to be created);
  // `recent`, its last events as read from the log, lets clients resume across a restart.
  Room(boost::asio::any_io_executor executor, storage::EventLog& log, RoomObserver& observer,
       workshop::WorkshopState state, RoomOptions options = {},
       std::vector<storage::SealedEvent> recent = {});
  ~Room();

  // Arms the phase timer if the loaded state has one running.
  void Start();

  // Creates the workshop (the room must be empty): runs CreateWorkshop as the animateur with
  // these access codes; `done` runs on the strand once durable, or with the rejection.
  void Create(std::string workshop_id, atelier::v1::CreateWorkshop create,
              atelier::v1::WorkshopAccess access, CreateDone done);

  // A connection's Hello: authenticates it (tokens, codes, or a join that becomes an event),
  // then welcomes it. A Hello that cannot be honoured gets ErrorMessage and a close.
  void Hello(std::shared_ptr<Subscriber> subscriber, atelier::v1::Hello hello);
  void Submit(std::shared_ptr<Subscriber> subscriber, atelier::v1::Command command);
  void DraftHints(std::shared_ptr<Subscriber> subscriber, atelier::v1::DraftHintsRequest request);
  void Leave(std::shared_ptr<Subscriber> subscriber);

  // Results for the HTTP API: for the animateur's token, or an observer code when observers may
  // see them now.
  void Results(std::string animateur_token, std::string observer_code, ResultsDone done);

  // The best ideas, for carrying into an evaluation, if the token is the animateur's.
  void TopIdeas(
      std::string animateur_token, size_t count,
      std::function<void(std::expected<std::vector<atelier::v1::IdeaSeed>, std::string>)> done);

  // Closes every connection with 1001 once the round in flight is durable, then calls `done`.
  void Shutdown(std::function<void()> done);

  // For a workshop whose log failed an integrity check: closes every connection now with 1011
  // and `reason`, and refuses every later operation, as after a failed append (the round in
  // flight, if any, still ends) but without reporting to the observer, which decided it.
  void TakeOutOfService(std::string reason);

  boost::asio::strand<boost::asio::any_io_executor>& strand() { return strand_; }

 private:
  struct Member;
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
    std::string workshop_id;
    atelier::v1::CreateWorkshop create;
    atelier::v1::WorkshopAccess access;
    CreateDone done;
  };
  struct TimerOp {};
  struct ResultsTickOp {};
  using Output = std::function<void()>;
  // A read of the state, taken in its place in a round; what it returns runs when the round is
  // durable (so an answer never shows an event that is not).
  struct QueryOp {
    std::function<Output()> run;
  };
  using Op = std::variant<HelloOp, CommandOp, HintsOp, CreateOp, TimerOp, ResultsTickOp, QueryOp>;

  void Post(Op op);
  void ProcessRound();
  void Handle(HelloOp& op);
  void Handle(CommandOp& op);
  void Handle(HintsOp& op);
  void Handle(CreateOp& op);
  void Handle(TimerOp& op);
  void Handle(ResultsTickOp& op);
  void Handle(QueryOp& op);
  void Refuse(Op& op, const std::string& why);

  // Decides and, when accepted, seals and applies the event and queues its append (AppendRound)
  // and its outputs (broadcast, hints). Returns the event (valid until the round's outputs have
  // run) or the rejection.
  using Executed = std::expected<const atelier::v1::Event*, atelier::v1::Rejection>;
  Executed Execute(const atelier::v1::Command& command, workshop::CommandContext context);
  // Hands the round's events to the log, with one callback for the round.
  void AppendRound();
  // Sends the animateur the ideas most like a new one (after its broadcast), and indexes it.
  void SuggestMerges(const atelier::v1::PostedIdea& idea);
  // Brings hints_ up to date with unindexed_: called before any Similar, so that a room nobody
  // asks hints of (a burst of ideas with no animateur connected) never pays for indexing.
  void IndexIdeas();
  using Answers = std::vector<std::pair<std::shared_ptr<Subscriber>, atelier::v1::ServerMessage>>;
  // A round processed and appended, waiting to be durable before its outputs go out.
  struct Round {
    std::vector<Output> outputs;
    Answers answers;
    std::vector<Output> on_failure;        // what answers its waiting callers if it fails
    std::deque<atelier::v1::Event> events;  // what its outputs broadcast, read in place
    size_t appends = 0;
    bool durable = false;  // its last append is durable (or it appended nothing)
    std::chrono::steady_clock::time_point started;
  };

  void OnAppended(uint64_t seq, storage::Result<void> result);
  // Emits the outputs of the oldest rounds that are durable, in order.
  void FinishDurableRounds();
  void FinishRound(Round& round);
  // At the end of a durable round: hands a snapshot to the observer when the round crossed a
  // multiple of options_.snapshot_every, unless the previous one is still being written (then
  // this one is skipped: writes never pile up).
  void SaveSnapshotIfDue();
  void SendAnswers(Answers& answers);
  void Fail(const std::string& error);

  // Builds, as of now, the welcome (and the missed events of a resume), and returns what sends
  // it. Registers the member with through_seq = the state's seq.
  Output Welcome(const std::shared_ptr<Subscriber>& subscriber, const atelier::v1::Actor& actor,
                 uint64_t last_seq, const std::string& token);
  void Broadcast(const atelier::v1::Event& event);
  void DeliverResults(const atelier::v1::Results& results);
  static Frame MessageFrame(const atelier::v1::ServerMessage& message);
  // ErrorMessage then a close (1008), as an output of the round.
  void RejectHello(const std::shared_ptr<Subscriber>& subscriber, std::string code,
                   std::string message);
  void CloseAll(uint16_t code, const std::string& reason);
  void ArmTimer();
  void ScheduleResults();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  storage::EventLog& log_;
  RoomObserver& observer_;
  RoomOptions options_;
  workshop::WorkshopState state_;
  workshop::DuplicateIndex hints_;
  std::vector<uint32_t> unindexed_;  // ideas posted, edited or loaded since the last IndexIdeas

  std::vector<Op> inbox_;
  // The round being processed (moved into a Round once its operations are handled):
  std::vector<Output> outputs_;
  std::deque<atelier::v1::Event> round_events_;  // for outputs_
  std::vector<storage::SealedEvent> round_requests_;
  // Its answers to commands, sent after its outputs, one frame per client (SendAnswers).
  Answers answers_;
  std::vector<Output> on_failure_;
  size_t round_appends_ = 0;
  // Processed and appended, oldest first; the log calls back in the same order.
  std::deque<Round> in_flight_;
  bool failed_ = false;
  bool stopping_ = false;
  std::vector<std::function<void()>> on_idle_;
  std::string append_error_;
  bool snapshot_writing_ = false;  // one snapshot of this room in flight at most
  uint64_t snapshot_bucket_ = 0;   // state_.seq / snapshot_every when the last one was taken

  // The last events, for resumes, as the log holds them (the sealed bytes and the hash): kept
  // from the append or the read of the log, never serialized again; parsed only for a client
  // that resumes.
  std::deque<storage::SealedEvent> recent_;
  std::unordered_map<Subscriber*, std::unique_ptr<Member>> members_;
  // Welcomed in a round not durable yet: members once the welcome goes out.
  std::unordered_map<Subscriber*, std::unique_ptr<Member>> joining_;

  boost::asio::steady_timer phase_timer_;
  int64_t armed_deadline_ms_ = 0;
  boost::asio::steady_timer results_timer_;
  bool results_dirty_ = false;
  bool results_scheduled_ = false;
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_ROOM_H_
