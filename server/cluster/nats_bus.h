// NatsBus: this node's connection to NATS (Debian's nats-server, through the C client
// libnats), the only way cluster nodes talk to each other. A thin owner of the natsConnection:
// publish, subscribe with a callback, request and wait for one reply.
//
// The connection never gives up: a server that is down at start or goes away later is tried
// again every quarter second, forever; meanwhile publishes wait in a bounded buffer (8 MiB,
// then they fail) and subscriptions come back by themselves. NATS core delivers at most once:
// what was published while the link was down may be lost, and callers must be ready for gaps
// (server/cluster/ does: seqs, fetches, resumes). `on_state(false)` runs when the link drops,
// `on_state(true)` when it is back (not for the first connection), on a thread of libnats.
//
// Callbacks run on libnats' shared delivery threads (two), messages in order per subscription:
// handlers must be quick and must not block (post to an executor).
//
// Thread safety: every method may be called from any thread.
#ifndef ATELIER_SERVER_CLUSTER_NATS_BUS_H_
#define ATELIER_SERVER_CLUSTER_NATS_BUS_H_

#include <chrono>
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

struct __natsConnection;
struct __natsSubscription;
struct __natsOptions;

namespace atelier::cluster {

class NatsBus {
 public:
  // A message: its subject, its bytes and the subject to reply to (empty: none asked).
  using Handler =
      std::function<void(std::string_view subject, std::string_view data, std::string_view reply)>;

  // A subscription; unsubscribes when destroyed. A callback already running may finish after
  // the destructor returns (handlers hold weak references); none starts after.
  class Subscription {
   public:
    ~Subscription();
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

   private:
    friend class NatsBus;
    struct Closure;
    Subscription() = default;
    __natsSubscription* sub_ = nullptr;
    Closure* closure_ = nullptr;
  };

  // Connects to `url` (nats://host:port, comma-separated for several servers) as `name`. Fails
  // only for a malformed URL or options: a server not reachable yet is tried again in the
  // background.
  static std::expected<std::unique_ptr<NatsBus>, std::string> Connect(
      const std::string& url, const std::string& name, std::function<void(bool)> on_state);
  ~NatsBus();
  NatsBus(const NatsBus&) = delete;
  NatsBus& operator=(const NatsBus&) = delete;

  std::expected<std::unique_ptr<Subscription>, std::string> Subscribe(const std::string& subject,
                                                                      Handler handler);
  // False when the message could not be queued (link down and buffer full, or closed).
  bool Publish(const std::string& subject, std::string_view data);
  // Publishes and waits up to `timeout` for the first reply. Blocks the calling thread: never on
  // an I/O thread or a strand.
  std::expected<std::string, std::string> Request(const std::string& subject,
                                                  std::string_view data,
                                                  std::chrono::milliseconds timeout);
  // Waits until the server has seen everything published so far (and the subscriptions made).
  bool Flush(std::chrono::milliseconds timeout);
  bool connected() const;

 private:
  NatsBus() = default;
  static void OnDisconnected(__natsConnection* nc, void* closure);
  static void OnReconnected(__natsConnection* nc, void* closure);

  __natsConnection* nc_ = nullptr;
  std::function<void(bool)> on_state_;
};

}  // namespace atelier::cluster

#endif  // ATELIER_SERVER_CLUSTER_NATS_BUS_H_
