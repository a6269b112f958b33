// Rounds: a room's rounds from their decision to their outputs, in order.
//
// A round is what the room decided from the operations waiting together: the events it appends
// (sealed once, room.h), what goes out once they are durable (broadcasts, welcomes, hints,
// results: `outputs`, in order; then one frame of answers per client), and what answers the
// callers if they never become durable (`on_failure`).
//
// Rounds are appended in order, each whole (the log writes a round's events in one batch, all
// or none), at most max_in_flight at once, and finish in order: a round's outputs run only
// when it and every round before it are durable. Nothing a client receives is ever ahead of
// the log.
//
// Back-pressure: when the log has no room (kBusy: nothing was queued) the round waits and is
// appended again after a short, growing delay; rounds after it wait behind it. This never fails
// the workshop.
//
// Failure: when an append fails (the disk is full or failing, the log closed), every round in
// flight fails: its on_failure run, and each of its commands is answered with
// REJECTION_REASON_STORAGE_UNAVAILABLE (nothing was applied: retry later). The room is then told
// to read its state back from the log (its memory is ahead of it); Reset() once it has.
//
// Not thread-safe: used on the room's strand. Callbacks from the log come back to the strand
// through the owner, whose lifetime they extend only as long as the owner lives (weak).
#ifndef ATELIER_SERVER_ROOM_ROUNDS_H_
#define ATELIER_SERVER_ROOM_ROUNDS_H_

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/wire.pb.h"
#include "server/room/room_log.h"
#include "server/room/room_observer.h"
#include "server/room/subscriber.h"
#include "storage/sealed_event.h"

namespace atelier::room {

class Rounds {
 public:
  using Output = std::function<void()>;
  using Answers = std::vector<std::pair<std::shared_ptr<Subscriber>, atelier::v1::ServerMessage>>;

  struct Round {
    uint64_t id = 0;
    std::vector<Output> outputs;
    Answers answers;  // each a CommandAccepted or CommandRejected
    std::vector<Output> on_failure;
    std::deque<atelier::v1::Event> events;  // what outputs broadcast, read in place (stable)
    std::vector<storage::SealedEvent> sealed;
    size_t operations = 0;
    // The stages' moments (RoundStages): when its oldest operation was posted, when it began,
    // was committed, taken by the log, made durable (on the writer thread), and came back to
    // the strand.
    std::chrono::steady_clock::time_point queued_since;
    std::chrono::steady_clock::time_point started;
    std::chrono::steady_clock::time_point committed_at;
    std::chrono::steady_clock::time_point appended_at;
    std::chrono::steady_clock::time_point durable_at;
    std::chrono::steady_clock::time_point resumed_at;
    bool committed = false;  // complete: may be appended
    bool appended = false;   // taken by the log's queue
    bool durable = false;
  };

  struct Callbacks {
    std::function<void(Round&)> finish;                    // a round is durable, in order
    std::function<void(const std::string& error)> failed;  // every round in flight failed
    std::function<void()> progressed;  // after rounds finished: a new one may begin
  };

  // Retry delays of a round the log had no room for: from the first, doubling, to the last.
  static constexpr std::chrono::milliseconds kFirstRetry{1};
  static constexpr std::chrono::milliseconds kLastRetry{64};
  // What a command of a failed round is told to wait before it is sent again.
  static constexpr uint32_t kStorageRetryMs = 2000;

  Rounds(RoomLog& log, RoomObserver& observer,
         boost::asio::strand<boost::asio::any_io_executor> strand, size_t max_in_flight);

  // Before the first round: who owns these rounds (the room, kept alive by log callbacks only
  // while it lives) and what to call.
  void Bind(std::weak_ptr<void> owner, Callbacks callbacks);

  // Whether a new round may begin: fewer than max_in_flight in flight, none failed unreset.
  bool CanBegin() const { return !failed_ && in_flight_.size() < max_in_flight_; }
  // A new round, to be filled and then committed.
  Round& Begin();
  // The round begun last is complete: its events go to the log (after the rounds before it);
  // a round without events finishes as soon as the rounds before it have.
  void Commit();
  // Fails every round in flight, the one being built included, as a failed append does.
  void FailAll(const std::string& error);
  // Gives up every round in flight without answering its commands (their clients are being
  // closed): runs their on_failure only. For a room taken out of service.
  void Abandon();
  // After a failure, once the room's state is the log's again.
  void Reset() { failed_ = false; }

  bool idle() const { return in_flight_.empty(); }

 private:
  void AppendWaiting();
  void OnAppended(uint64_t id, const storage::Result<void>& result,
                  std::chrono::steady_clock::time_point durable_at);
  void FinishDurable();
  void ArmRetry();

  RoomLog& log_;
  RoomObserver& observer_;
  boost::asio::strand<boost::asio::any_io_executor> strand_;
  const size_t max_in_flight_;
  std::weak_ptr<void> owner_;
  Callbacks callbacks_;
  std::deque<Round> in_flight_;  // oldest first; the back one may be being built
  uint64_t next_id_ = 1;
  bool failed_ = false;
  boost::asio::steady_timer retry_;
  bool retry_armed_ = false;
  std::chrono::milliseconds retry_delay_ = kFirstRetry;
};

// Sends each client its answers of a round: one frame per client, its answer alone or its
// answers together (Answers), each frame marked with how many commands it answers.
void SendAnswers(Rounds::Answers& answers);

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_ROUNDS_H_
