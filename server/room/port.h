// Port: what a client's connection talks to once its Hello named a workshop. On a single server
// it is the workshop's Room; in a cluster, for a workshop another node owns, it is this node's
// edge of that room (server/cluster/edge_room.h), which forwards to the owner.
//
// The contract is Room's (room.h): every method may be called from any thread and returns at
// once; what the connection is sent comes through its Subscriber, in order.
#ifndef ATELIER_SERVER_ROOM_PORT_H_
#define ATELIER_SERVER_ROOM_PORT_H_

#include <memory>

#include "atelier/v1/wire.pb.h"
#include "server/room/subscriber.h"

namespace atelier::room {

class Port {
 public:
  virtual ~Port() = default;
  virtual void Hello(std::shared_ptr<Subscriber> subscriber, atelier::v1::Hello hello) = 0;
  virtual void Submit(std::shared_ptr<Subscriber> subscriber, atelier::v1::Command command) = 0;
  virtual void DraftHints(std::shared_ptr<Subscriber> subscriber,
                          atelier::v1::DraftHintsRequest request) = 0;
  virtual void Leave(std::shared_ptr<Subscriber> subscriber) = 0;
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_PORT_H_
