// Node: this process as a member of a cluster of Atelier nodes on NATS (--cluster URL).
//
// Any node accepts any client. The workshops whose logs are on this node are owned here and
// served by their rooms as on a single server (owner.h adds the other nodes' connections to
// them). A Hello for a workshop that is not here is routed to the node that owns it: Route()
// finds the owner (PREFIX.find: the node whose log holds the workshop answers, and is
// remembered), and the connection is served by this node's edge of that room (edge_room.h).
//
// Ownership is where the log is: a workshop is created on the node that received the request
// and stays there; nothing moves it. A node that is down leaves its workshops unavailable
// (their clients are told to come back; nothing acknowledged is lost, its disk holds it) until
// it is back. Liveness comes from NATS: each node publishes a heartbeat every second and one not
// heard for kSilentAfter is gone (its edges' connections leave the owner's rooms; the edges of
// its workshops close their connections, which come back when it does). A node that restarts
// has a new boot id: whoever knew it forgets what they held for it.
//
// When this node's link to NATS comes back after a cut, messages may have been lost both ways:
// every edge connection here is closed with 1012 and resumes from its last seq, and the other
// nodes' connections to rooms here are dropped (their edges close them the same way).
//
// Thread safety: every method may be called from any thread. Requests that wait for an answer
// (find, fetch, join info) run on the node's own threads, never on I/O threads or strands.
#ifndef ATELIER_SERVER_CLUSTER_NODE_H_
#define ATELIER_SERVER_CLUSTER_NODE_H_

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <atomic>
#include <chrono>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "atelier/v1/api.pb.h"
#include "server/cluster/edge_room.h"
#include "server/cluster/lease.h"
#include "server/cluster/nats_bus.h"
#include "server/cluster/owner.h"
#include "server/cluster/subjects.h"
#include "server/room/code_claims.h"
#include "server/room/hub.h"
#include "server/room/port.h"

namespace atelier::cluster {

struct NodeOptions {
  std::string nats_url;  // nats://host:port[,nats://...]
  std::string name;      // unique in the cluster; Subjects::IsToken
  Subjects subjects;
  std::chrono::milliseconds heartbeat_every{1000};
  std::chrono::milliseconds silent_after{3500};
  std::chrono::milliseconds request_timeout{2000};
  // How long "which node serves this" waits for its only answer (the serving node answers in a
  // round trip; nobody answers a code that names nothing). Short: every Hello with a made-up
  // code holds one of the node's threads that long (the Hello gate limits them per address).
  std::chrono::milliseconds find_timeout{750};
  // A workshop's lease ages out this long after its owner last wrote it (lease.h).
  std::chrono::milliseconds lease_ttl{10000};
};

class Node final : public EdgeLink, public room::CodeClaims {
 public:
  // Connects to NATS (in the background if it is not up yet). `hub` is attached by Start.
  static std::expected<std::unique_ptr<Node>, std::string> Connect(
      boost::asio::any_io_executor executor, NodeOptions options);
  ~Node() override;

  // What the rooms of this node hand their rounds to (RoomOptions::replica), before the hub
  // makes any room.
  room::ReplicaSink& replica() { return *owner_; }
  // Subscribes and starts the heartbeats; the hub must outlive the node's Stop().
  std::expected<void, std::string> Start(room::Hub& hub);
  // Closes the edge connections with 1001, stops the heartbeats and the subscriptions.
  void Stop();

  // The port for a Hello: the workshop's room here when this node holds its lease; else a port
  // that finds, in the background, who serves it (this node, taking the lease, when its log is
  // here and no live node holds it; else the node that does, through this node's edge of its
  // room). A Hello nobody serves gets ErrorMessage "unknown_workshop" ("unavailable", to try
  // again later, for a workshop id: its owner may be coming back) and a close.
  std::shared_ptr<room::Port> Route(const atelier::v1::Hello& hello);

  using JoinInfoDone = std::function<void(std::expected<atelier::v1::JoinInfo, std::string>)>;
  // The join info of a workshop owned elsewhere, by its join code; "unknown_workshop" or
  // "unavailable". `done` runs on a thread of the node.
  void JoinInfo(std::string join_code, JoinInfoDone done);

  // This node's HTTP listener, where requests passed from other nodes are performed. Set once
  // it listens.
  void SetListener(boost::asio::ip::tcp::endpoint endpoint);
  using HttpDone = std::function<void(atelier::v1::HttpForwarded)>;
  // An HTTP request about a workshop this node does not hold, answered by the node that serves
  // it (404 when none does, 502 when it does not answer). `done` runs on a thread of the node.
  void ForwardHttp(std::string workshop_id, atelier::v1::HttpForward request, HttpDone done);

  const std::string& name() const { return options_.name; }
  const std::string& boot() const { return boot_; }

  // Whether this node holds the workshop's lease now (no round trip to NATS). A node whose disk
  // holds a copy of the workshop's log answers for it from that copy only then; otherwise the
  // request goes to the node that serves it (which may be this one, once it takes the lease).
  bool HoldsLease(const std::string& workshop_id) const;

  // Whether `key` is the one this node puts on the requests it performs on its own listener for
  // other nodes (PerformForwarded): then the request's X-Atelier-Client is its client, as the
  // edge saw it. Random per process; it goes nowhere but to this node's own listener.
  bool IsOwnForwardKey(std::string_view key) const;

  // CodeClaims: a code names one workshop in the whole cluster (a key-value bucket of NATS,
  // PREFIX_codes: code -> workshop id, kept until the workshop is deleted).
  std::expected<bool, std::string> Claim(const std::string& code,
                                         const std::string& workshop_id) override;
  void Release(const std::string& code, const std::string& workshop_id) override;

  // EdgeLink
  void ToOwner(const std::string& owner, atelier::v1::FromEdge message) override;
  void Fetch(const std::string& owner, atelier::v1::FetchRequest request,
             FetchDone done) override;

 private:
  class Routed;
  struct Found {
    std::string workshop_id;
    std::string node;
    std::string boot;
  };
  struct Peer {
    std::string boot;
    std::chrono::steady_clock::time_point seen;
  };
  struct Edge {
    std::shared_ptr<EdgeRoom> room;
    std::unique_ptr<NatsBus::Subscription> rounds;
    int idle_checks = 0;
    std::chrono::steady_clock::time_point made = std::chrono::steady_clock::now();
  };

  Node(boost::asio::any_io_executor executor, NodeOptions options);
  // On a thread of the node: who owns what the Hello names, then the edge room for it.
  void Resolve(std::shared_ptr<room::Subscriber> subscriber, atelier::v1::Hello hello,
               std::shared_ptr<Routed> routed);
  std::expected<Found, std::string> Find(const atelier::v1::Hello& hello);
  std::shared_ptr<EdgeRoom> EdgeFor(const Found& found);
  void OnHeartbeat(std::string_view data);
  void OnFind(std::string_view data, std::string_view reply);
  void OnOut(std::string_view data);
  void OnJoinInfo(std::string_view data, std::string_view reply);
  void OnHttp(std::string_view data, std::string_view reply);
  void OnLink(bool up);
  void Beat();
  // Closes the edge rooms of `owner` (all when empty; with `keep_boot`, only those of its other
  // boots) and forgets them and where their workshops were found.
  void CloseEdges(const std::string& owner, uint16_t code, const std::string& reason,
                  const std::string& keep_boot = {});

  boost::asio::any_io_executor executor_;
  NodeOptions options_;
  std::string boot_;
  std::string forward_key_;
  // Renews the leases held (on a thread of the node); the workshops lost go out of service.
  void RenewLeases();
  // Whether this node serves the workshop now (holds its lease, taking it if it can).
  bool Serves(const std::string& workshop_id);

  std::unique_ptr<NatsBus> bus_;
  std::unique_ptr<NatsBus::Bucket> bucket_;
  std::unique_ptr<NatsBus::Bucket> codes_;
  std::unique_ptr<Leases> leases_;
  std::atomic<bool> renewing_{false};
  std::chrono::steady_clock::time_point last_renewal_{};  // on timer_strand_
  std::unique_ptr<Owner> owner_;
  room::Hub* hub_ = nullptr;
  std::mutex listener_mu_;
  boost::asio::ip::tcp::endpoint listener_;  // guarded by listener_mu_
  boost::asio::thread_pool requests_{4};
  boost::asio::strand<boost::asio::any_io_executor> timer_strand_;
  boost::asio::steady_timer beat_timer_;
  std::atomic<bool> stopped_{false};
  std::vector<std::unique_ptr<NatsBus::Subscription>> subscriptions_;

  std::mutex mu_;
  std::map<std::string, Peer, std::less<>> peers_;
  std::map<std::string, Found, std::less<>> found_;  // "w:ID", "j:CODE", "o:CODE"
  std::map<std::string, Edge, std::less<>> edges_;   // by workshop id
};

}  // namespace atelier::cluster

#endif  // ATELIER_SERVER_CLUSTER_NODE_H_
