// Audience: the connections of a room, who each one is, and what reaches them.
//
// Each member has the actor its Hello authenticated and a through_seq: it has everything it may
// see up to there and never receives an event at or below it, so that a welcome snapshot and the
// live events after it neither overlap nor leave a gap. A connection welcomed in a round that is
// not durable yet waits as "joining" and becomes a member when its welcome goes out, so nothing
// reaches it before its welcome.
//
// Broadcast serializes each event once per audience (animateur, the author's table, the other
// tables, observers; workshop/views.h), only for the audiences that have a connection, and
// shares those bytes between all of its connections.
//
// Not thread-safe: used on the room's strand. Holds the subscribers (shared) until they leave.
#ifndef ATELIER_SERVER_ROOM_AUDIENCE_H_
#define ATELIER_SERVER_ROOM_AUDIENCE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/state.pb.h"
#include "server/room/subscriber.h"
#include "server/workshop/state.h"

namespace atelier::room {

class Audience {
 public:
  struct Member {
    std::shared_ptr<Subscriber> subscriber;
    atelier::v1::Actor actor;
    uint64_t through_seq = 0;
    bool replicated = false;  // Subscriber::replicated(): events reach it through its node
  };

  // Registers a connection whose welcome (as of `through_seq`) will go out with a later round.
  void AddJoining(std::shared_ptr<Subscriber> subscriber, atelier::v1::Actor actor,
                  uint64_t through_seq);
  // Makes it a member as its welcome goes out; false if it left (or was dropped) meanwhile.
  bool Admit(Subscriber* subscriber);
  // Forgets a connection, member or joining.
  void Remove(Subscriber* subscriber);
  // Forgets every joining connection (their welcomes will never go out).
  void DropJoining();

  const Member* Find(Subscriber* subscriber) const;
  bool empty() const { return members_.empty() && joining_.empty(); }
  size_t size() const { return members_.size(); }
  bool HasAnimateur() const;
  // Whether some member satisfies `pred`.
  bool Any(const std::function<bool(const atelier::v1::Actor&)>& pred) const;

  // Sends the event to every member that may see it and has not seen it yet; returns how many
  // got it.
  size_t Broadcast(const atelier::v1::Event& event);
  // Sends the results to the members who may see them, the points-only part to those who may see
  // only that (views.h).
  void DeliverResults(const workshop::WorkshopState& state, const atelier::v1::Results& results);
  // Sends a frame to every connected animateur.
  void SendToAnimateurs(const Frame& frame);
  // Closes every connection, member or joining, with this code and reason, and forgets them.
  void CloseAll(uint16_t code, const std::string& reason);
  // The same, each connection sent `last` before its close.
  void CloseAll(const Frame& last, uint16_t code, const std::string& reason);

 private:
  std::unordered_map<Subscriber*, Member> members_;
  std::unordered_map<Subscriber*, Member> joining_;
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_AUDIENCE_H_
