// ConnectionRegistry: the connections open now, counted in total and per client address
// (AddressKey), against their limits.
//
// A connection is admitted with a Slot, which it keeps until it closes (the slot's destructor
// counts it out). At a limit, room is made by evicting the oldest idle connection (of that
// address for the per-address limit, of any for the total): an idle one is a WebSocket that has
// not said Hello yet, or an HTTP connection waiting for its next request. So idle sockets held
// open by someone cannot lock normal clients out: each new connection pushes the oldest idle
// one out. Only when none is idle is a new connection refused (with the limit it is over).
//
// A connection being refused is answered clearly (it reads its request to know whether to say
// 503/429 or a WebSocket "overloaded"), which takes a descriptor for a few seconds: at most
// kMaxRefusing of those at once (RefusalTicket), past which a refused connection is closed
// at once.
//
// Thread-safe: one mutex, held for counting and list updates; evictors are called outside it.
// The registry must outlive every slot.
#ifndef ATELIER_SERVER_NET_CONNECTION_REGISTRY_H_
#define ATELIER_SERVER_NET_CONNECTION_REGISTRY_H_

#include <atomic>
#include <cstddef>
#include <expected>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "server/metrics/edge_metrics.h"
#include "server/net/address_key.h"

namespace atelier::net {

struct ConnectionLimits {
  size_t max_total = 20'000;
  size_t max_per_address = 2'000;
};

class ConnectionRegistry {
 public:
  class Slot;
  class RefusalTicket;
  static constexpr size_t kMaxRefusing = 64;

  ConnectionRegistry(ConnectionLimits limits, metrics::EdgeMetrics& metrics)
      : limits_(limits), metrics_(metrics) {}
  ConnectionRegistry(const ConnectionRegistry&) = delete;
  ConnectionRegistry& operator=(const ConnectionRegistry&) = delete;

  // Admits a connection from `address`, evicting the oldest idle one if a limit needs room.
  // exempt_per_address: a trusted proxy's connection, whose clients are counted once known
  // (Slot::Rekey). The error is the limit that refuses it (kConnections, kConnectionsPerAddress).
  std::expected<std::shared_ptr<Slot>, metrics::Limit> Open(const AddressKey& address,
                                                         bool exempt_per_address);

  // Out of descriptors (EMFILE): evicts the oldest idle connection, if any.
  bool EvictOldestIdle();

  // A ticket to answer a refused connection, or nullptr when kMaxRefusing are being answered.
  std::unique_ptr<RefusalTicket> StartRefusal();

  size_t open() const;
  const ConnectionLimits& limits() const { return limits_; }

 private:
  struct PerAddress {
    size_t open = 0;
    size_t evicting = 0;    // evicted, not closed yet
    std::list<Slot*> idle;  // oldest first
  };

  // With mu_ held: removes the slot from the idle lists.
  void Unlist(Slot& slot);
  // With mu_ held: the oldest idle slot of `address` (or of all when null), unlisted and marked
  // evicted; its evictor to call once the lock is released. Empty when none is idle.
  std::function<void()> TakeOldestIdle(const AddressKey* address);
  void Release(Slot& slot);

  const ConnectionLimits limits_;
  metrics::EdgeMetrics& metrics_;
  mutable std::mutex mu_;
  size_t open_ = 0;                                                       // guarded by mu_
  size_t evicting_ = 0;                                                   // guarded by mu_
  std::unordered_map<AddressKey, PerAddress, AddressKeyHash> addresses_;  // guarded by mu_
  std::list<Slot*> idle_;                                                 // guarded by mu_
  std::atomic<size_t> refusing_{0};
};

class ConnectionRegistry::Slot {
 public:
  Slot(ConnectionRegistry& registry, const AddressKey& address, bool exempt)
      : registry_(registry), address_(address), exempt_(exempt) {}
  ~Slot() { registry_.Release(*this); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

  // How to close this connection if it is evicted: called at most once, from any thread,
  // possibly after the connection is gone (so it holds a weak reference and posts to the
  // connection's executor). Set before the first SetIdle(true).
  void SetEvictor(std::function<void()> evictor);
  // Whether the connection may be evicted now.
  void SetIdle(bool idle);
  // Counts the connection under another address (a trusted proxy's WebSocket, once its client
  // is known); refused, and left as it was, when that address is at its limit.
  std::expected<void, metrics::Limit> Rekey(const AddressKey& address);
  const AddressKey& address() const { return address_; }

 private:
  friend class ConnectionRegistry;
  ConnectionRegistry& registry_;
  // All guarded by registry_.mu_:
  AddressKey address_;
  bool exempt_;
  bool evicted_ = false;
  bool idle_ = false;
  std::function<void()> evictor_;
  std::list<Slot*>::iterator in_idle_;          // valid while idle_
  std::list<Slot*>::iterator in_address_idle_;  // valid while idle_ and not exempt_
};

class ConnectionRegistry::RefusalTicket {
 public:
  explicit RefusalTicket(std::atomic<size_t>& refusing) : refusing_(refusing) {}
  ~RefusalTicket() { refusing_.fetch_sub(1); }
  RefusalTicket(const RefusalTicket&) = delete;
  RefusalTicket& operator=(const RefusalTicket&) = delete;

 private:
  std::atomic<size_t>& refusing_;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_CONNECTION_REGISTRY_H_
