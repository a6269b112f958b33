// ReplicaSink: where a room hands each durable round when the workshop has edges on other nodes
// (server/cluster/). Called on the room's strand, in the order of the rounds; must not block and
// must not call back into the room synchronously.
#ifndef ATELIER_SERVER_ROOM_REPLICA_SINK_H_
#define ATELIER_SERVER_ROOM_REPLICA_SINK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storage/sealed_event.h"

namespace atelier::room {

class ReplicaSink {
 public:
  virtual ~ReplicaSink() = default;
  // A round is durable (its events, maybe none; `head_seq` the last durable seq), before any of
  // its outputs reach a connection.
  virtual void RoundDurable(const std::string& workshop_id,
                            const std::vector<storage::SealedEvent>& sealed,
                            uint64_t head_seq) = 0;
  // The round's outputs have all been handed to the connections.
  virtual void RoundDone(const std::string& workshop_id) = 0;
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_REPLICA_SINK_H_
