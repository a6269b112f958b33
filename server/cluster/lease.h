// Leases: which node serves which workshop, decided through NATS (a JetStream key-value bucket,
// never a consensus of our own). A node serves a workshop, as its owner, only while it holds
// the workshop's lease: the key WORKSHOP in the bucket, whose value names the node and its boot.
// A lease is taken when the node first serves the workshop (it must hold the workshop's log:
// the lease does not move a log, it only decides which copy is served), kept by writing it again
// every ttl/3 while the workshop is served, and lost when not written for `ttl` (the node is
// dead, or cut from NATS) or given up (Release).
//
// So a second copy of a log (a node restored from a backup, or the owner's disk mounted on
// another machine) serves nothing while the first owner lives; once the first owner is gone for
// good, its lease ages out and the copy takes it: the clients see a pause of about `ttl`.
// A node that restarts takes its own leases back at once (same node name, new boot).
//
// Thread safety: every method may be called from any thread; the calls block for a round trip
// to NATS (never on an I/O thread or a strand).
#ifndef ATELIER_SERVER_CLUSTER_LEASE_H_
#define ATELIER_SERVER_CLUSTER_LEASE_H_

#include <chrono>
#include <expected>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "server/cluster/nats_bus.h"

namespace atelier::cluster {

class Leases {
 public:
  struct Holder {
    std::string node;
    std::string boot;
  };
  Leases(NatsBus::Bucket& bucket, std::string node, std::string boot,
         std::chrono::milliseconds ttl);

  // Takes the workshop's lease for this node, or keeps it: the holder afterwards (this node, or
  // the other node that holds it). An error when NATS does not answer.
  std::expected<Holder, std::string> Acquire(const std::string& workshop_id);
  // Whether this node held the lease when it last wrote it (no NATS round trip).
  bool Holds(const std::string& workshop_id) const;
  // Writes every lease held again, those whose workshop is still `served`; forgets the others
  // (they age out). Returns the workshops whose lease another node took meanwhile.
  std::vector<std::string> Renew(const std::function<bool(const std::string&)>& served);
  // Gives every lease up now (a clean shutdown: another copy may take them at once).
  void ReleaseAll();

  std::chrono::milliseconds ttl() const { return ttl_; }

 private:
  std::string Value() const { return node_ + " " + boot_; }
  static Holder Parse(const std::string& value);

  NatsBus::Bucket& bucket_;
  const std::string node_;
  const std::string boot_;
  const std::chrono::milliseconds ttl_;

  mutable std::mutex mu_;
  std::map<std::string, uint64_t, std::less<>> held_;  // workshop -> revision last written
};

}  // namespace atelier::cluster

#endif  // ATELIER_SERVER_CLUSTER_LEASE_H_
