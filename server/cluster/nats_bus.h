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
// Callbacks run on libnats' one shared delivery thread, in the order the messages came from
// nats-server (so, for one publisher, the order it published them in, across subjects):
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
#include <optional>
#include <string_view>

struct __natsConnection;
struct __natsSubscription;
struct __natsOptions;
struct __jsCtx;
struct __kvStore;

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
  // The largest message the NATS server takes (its max_payload; 1 MiB by default).
  size_t max_payload() const;

  // A JetStream key-value bucket (nats-server with JetStream: `-js`). Every call blocks the
  // calling thread for a round trip to NATS: never on an I/O thread or a strand.
  class Bucket {
   public:
    enum class Failure { kConflict, kUnavailable };  // the key's revision moved; NATS failed
    struct Entry {
      std::string value;
      uint64_t revision = 0;
    };
    ~Bucket();
    Bucket(const Bucket&) = delete;
    Bucket& operator=(const Bucket&) = delete;
    // Writes `key` if it has no value (none, deleted, or aged out): its new revision.
    std::expected<uint64_t, Failure> Create(const std::string& key, std::string_view value);
    // Writes `key` if its revision is still `revision`: its new revision.
    std::expected<uint64_t, Failure> Update(const std::string& key, std::string_view value,
                                            uint64_t revision);
    // The key's value, or nullopt when it has none.
    std::expected<std::optional<Entry>, Failure> Get(const std::string& key);
    bool Delete(const std::string& key);

   private:
    friend class NatsBus;
    Bucket() = default;
    __jsCtx* js_ = nullptr;
    __kvStore* kv_ = nullptr;
  };
  // Opens the bucket, making it if it does not exist: an entry not written again within `ttl`
  // is gone.
  std::expected<std::unique_ptr<Bucket>, std::string> OpenBucket(const std::string& name,
                                                                 std::chrono::milliseconds ttl);

 private:
  NatsBus() = default;
  static void OnDisconnected(__natsConnection* nc, void* closure);
  static void OnReconnected(__natsConnection* nc, void* closure);

  __natsConnection* nc_ = nullptr;
  std::function<void(bool)> on_state_;
};

}  // namespace atelier::cluster

#endif  // ATELIER_SERVER_CLUSTER_NATS_BUS_H_
