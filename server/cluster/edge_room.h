// EdgeRoom: on a node of a cluster, the room of a workshop that another node owns, for this
// node's clients. It holds their connections, forwards what they say to the owner (in order,
// through NATS) and fans the owner's rounds out to them itself: each round comes once, as the
// log's sealed events, and the edge builds each audience's view once for all its connections
// (the same Audience as the owner's room), never per client.
//
// No gap, no duplicate: the edge keeps the events it has, consecutive, in its own resume ring
// (head_seq() the last). An event it already has is dropped; one beyond the next is held while
// the missing ones are fetched from the owner. What the owner sends to one connection (a
// welcome, answers, results, a close) carries the owner's durable seq when it was sent and
// waits until the edge has every event up to it, so an answer never overtakes its event. A
// resuming client's welcome brings the events it missed as the owner made them for it (bounded
// as on a single server: RoomOptions::resume_max_bytes); the events after it come from the
// edge's ring. If the owner cannot supply what is missing, or restarts, every connection is
// closed with 1012 and resumes from its last seq: a short pause, nothing lost or repeated.
//
// Thread safety: the Port methods and the On* methods may be called from any thread (they post
// to the room's strand).
#ifndef ATELIER_SERVER_CLUSTER_EDGE_ROOM_H_
#define ATELIER_SERVER_CLUSTER_EDGE_ROOM_H_

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "atelier/v1/cluster.pb.h"
#include "server/room/audience.h"
#include "server/room/port.h"
#include "server/room/resume_ring.h"

namespace atelier::cluster {

// What an edge room needs from its node.
class EdgeLink {
 public:
  virtual ~EdgeLink() = default;
  // Sends to the owner node (stamped with this node's name and boot).
  virtual void ToOwner(const std::string& owner, atelier::v1::FromEdge message) = 0;
  using FetchDone = std::function<void(std::expected<atelier::v1::FetchReply, std::string>)>;
  // Asks the owner for events; `done` runs on some thread, once.
  virtual void Fetch(const std::string& owner, atelier::v1::FetchRequest request,
                     FetchDone done) = 0;
};

class EdgeRoom : public room::Port, public std::enable_shared_from_this<EdgeRoom> {
 public:
  EdgeRoom(boost::asio::any_io_executor executor, EdgeLink& link, std::string workshop_id,
           std::string owner, std::string owner_boot);
  ~EdgeRoom() override;

  // Learns the owner's head (events from then on come by OnRound). Call once, after the
  // subscription to the workshop's rounds is in place.
  void Start();

  void Hello(std::shared_ptr<room::Subscriber> subscriber, atelier::v1::Hello hello) override;
  void Submit(std::shared_ptr<room::Subscriber> subscriber,
              atelier::v1::Command command) override;
  void DraftHints(std::shared_ptr<room::Subscriber> subscriber,
                  atelier::v1::DraftHintsRequest request) override;
  void Leave(std::shared_ptr<room::Subscriber> subscriber) override;

  // A round from the owner (PREFIX.events.WORKSHOP).
  void OnRound(atelier::v1::Round round);
  // Frames for some of this edge's connections (PREFIX.out.NODE).
  void OnDirected(atelier::v1::ToEdge message);
  // The owner is gone, restarted, or the link lost messages: every connection is closed with
  // `code` and resumes; the room takes nothing more (the node makes a new one).
  void Close(uint16_t code, std::string reason);

  const std::string& workshop_id() const { return workshop_id_; }
  const std::string& owner() const { return owner_; }
  const std::string& owner_boot() const { return owner_boot_; }
  // Closed (Close, or an owner that could not supply what was missing): takes nothing more.
  bool closed() const { return closed_flag_.load(); }
  // Connections now (read from any thread; exact on the strand).
  size_t connections() const { return connection_count_.load(); }

 private:
  void Offer(storage::SealedEvent sealed);
  void Apply(const storage::SealedEvent& sealed);
  void ProcessPending();
  // Delivers one directed item; false when it must wait.
  bool Deliver(const atelier::v1::Directed& item);
  // Fetches the events after `after_seq` up to `through_seq` (0: the head) from the owner.
  void Fill(uint64_t after_seq, uint64_t through_seq);
  void OnFilled(std::expected<atelier::v1::FetchReply, std::string> reply);
  void ArmWait();
  // A Hello whose welcome (or refusal) has not come within kWelcomeWithin (a message lost by
  // NATS) is closed with 1013: its client tries again.
  void ArmWelcomeWatch();
  void CheckWelcomes();
  // A message to the owner about connection `id`.
  atelier::v1::FromEdge About(uint64_t id) const;
  // Tells the owner the connection left, and forgets it.
  void Drop(uint64_t id);
  void Forget(uint64_t id);
  void CloseNow(uint16_t code, const std::string& reason);

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  EdgeLink& link_;
  const std::string workshop_id_;
  const std::string owner_;
  const std::string owner_boot_;

  bool closed_ = false;
  bool synced_ = false;  // the head is known
  uint64_t head_ = 0;    // every event up to here is applied (ring and broadcast)
  room::ResumeRing ring_;
  room::Audience audience_;
  std::map<uint64_t, storage::SealedEvent> ahead_;  // received beyond head_ + 1
  std::deque<atelier::v1::Directed> pending_;       // waiting for head_ to reach after_seq
  std::vector<atelier::v1::FromEdge> held_hellos_;  // until the head is known (synced_)
  bool fetching_ = false;
  boost::asio::steady_timer wait_timer_;
  bool wait_armed_ = false;

  std::map<uint64_t, std::chrono::steady_clock::time_point> awaiting_welcome_;
  boost::asio::steady_timer welcome_timer_;
  bool welcome_armed_ = false;

  std::unordered_map<uint64_t, std::shared_ptr<room::Subscriber>> connections_;
  std::unordered_map<room::Subscriber*, uint64_t> ids_;
  std::atomic<size_t> connection_count_{0};
  std::atomic<bool> closed_flag_{false};
};

}  // namespace atelier::cluster

#endif  // ATELIER_SERVER_CLUSTER_EDGE_ROOM_H_
