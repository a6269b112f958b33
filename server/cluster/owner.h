// Owner: this node's side of the workshops it owns (their logs are here), for the clients that
// reached them through other nodes (edges, edge_room.h).
//
// A connection of an edge is, in the owner's room, a RemoteSubscriber like any other
// connection: it is authenticated, decided for and counted exactly as a local one. What the
// room sends it goes back to its edge, except the events: each durable round is published once
// for every edge (ReplicaSink, as the log's sealed bytes), and the edges build the views. What
// the room sends to one connection (welcome, answers, results, errors, closes) is gathered per
// edge for the round and published in one message per edge, each frame once for all the
// connections of that edge that get the same bytes, stamped with the round's durable seq.
//
// An edge that goes silent (no heartbeat) or restarts loses its connections here: they leave
// their rooms, as a closed socket would.
//
// Thread safety: every method may be called from any thread. The ReplicaSink calls and the
// subscribers' calls come on the rooms' strands.
#ifndef ATELIER_SERVER_CLUSTER_OWNER_H_
#define ATELIER_SERVER_CLUSTER_OWNER_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <set>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "atelier/v1/cluster.pb.h"
#include "server/cluster/nats_bus.h"
#include "server/cluster/subjects.h"
#include "server/room/hub.h"
#include "server/room/replica_sink.h"

namespace atelier::cluster {

class Owner : public room::ReplicaSink {
 public:
  Owner(NatsBus& bus, Subjects subjects, std::string boot);
  ~Owner() override;
  // The hub whose rooms this node owns. Before any message arrives.
  void Attach(room::Hub& hub) { hub_ = &hub; }
  // Whether this node serves a workshop now (its lease, lease.h): `serves` may take the lease
  // (a round trip to NATS, run through `offload` on another thread than libnats' delivery
  // thread), `held` only looks. An edge's Hello for a workshop not served here is told to try
  // again. Before any message arrives.
  void SetServes(std::function<bool(const std::string&)> serves,
                 std::function<bool(const std::string&)> held,
                 std::function<void(std::function<void()>)> offload) {
    serves_ = std::move(serves);
    held_ = std::move(held);
    offload_ = std::move(offload);
  }

  // PREFIX.in.NODE: what an edge's connection says.
  void OnFromEdge(std::string_view data);
  // PREFIX.fetch.NODE: events for an edge; the reply goes to `reply`.
  void OnFetch(std::string_view data, std::string reply);
  // An edge is gone (silent), or came back with another boot: its connections leave.
  void EdgeGone(const std::string& edge);
  // Every edge's connections leave (this node's link to NATS was cut: messages were lost).
  void DropAll();

  void RoundDurable(const std::string& workshop_id,
                    const std::vector<storage::SealedEvent>& sealed, uint64_t head_seq) override;
  void RoundDone(const std::string& workshop_id) override;

  // One workshop's link to its edges (used on its room's strand).
  struct Channel;
  // Queues a frame for an edge's connection; from a RemoteSubscriber, on the room's strand.
  void Direct(Channel& channel, const std::string& edge, uint64_t connection,
              atelier::v1::Directed item, const void* shared_bytes);

 private:
  class RemoteSubscriber;
  struct Remote {
    std::shared_ptr<room::Room> room;
    std::shared_ptr<RemoteSubscriber> subscriber;
  };
  using Key = std::pair<std::string, uint64_t>;  // edge, connection

  // A message's most bytes: under NATS' default max_payload (1 MiB), with room to spare.
  static constexpr size_t kMaxMessageBytes = 512 << 10;

  std::shared_ptr<Channel> ChannelFor(const std::string& workshop_id);
  void Publish(const std::string& subject, const std::string& bytes);
  void Flush(Channel& channel);
  // Removes every remote connection of `edge` (all edges when empty) and tells their rooms.
  void Drop(const std::string& edge);
  void Welcome(atelier::v1::FromEdge message);
  // Tells an edge's connection something without a room (an unknown workshop).
  void Refuse(const std::string& edge, const std::string& workshop_id, uint64_t connection,
              const std::string& code, const std::string& message, uint16_t close_code);

  NatsBus& bus_;
  const Subjects subjects_;
  const std::string boot_;
  room::Hub* hub_ = nullptr;
  std::function<bool(const std::string&)> serves_;
  std::function<bool(const std::string&)> held_;
  std::function<void(std::function<void()>)> offload_;
  // Connections that left before their Hello was handled (it waited for the lease): a late
  // Hello of theirs is dropped. Bounded: the oldest are forgotten.
  std::set<Key> left_early_;
  std::deque<Key> left_early_order_;
  std::atomic<uint64_t> failed_publishes_{0};

  std::mutex mu_;
  std::map<std::string, std::shared_ptr<Channel>, std::less<>> channels_;
  std::map<Key, Remote> remotes_;
  std::map<std::string, std::string, std::less<>> edge_boots_;
};

}  // namespace atelier::cluster

#endif  // ATELIER_SERVER_CLUSTER_OWNER_H_
