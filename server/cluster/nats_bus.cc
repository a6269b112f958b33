#include "server/cluster/nats_bus.h"

#include <nats/nats.h>

namespace atelier::cluster {

namespace {

std::string Why(natsStatus status) { return natsStatus_GetText(status); }

struct OptionsDeleter {
  void operator()(natsOptions* options) const { natsOptions_Destroy(options); }
};

}  // namespace

struct NatsBus::Subscription::Closure {
  Handler handler;
};

NatsBus::Subscription::~Subscription() {
  if (sub_ == nullptr) return;
  // The closure is freed by libnats' completion callback, once no callback can run any more
  // (one may be running now: handlers hold only weak references).
  natsSubscription_Unsubscribe(sub_);
  natsSubscription_Destroy(sub_);
}

std::expected<std::unique_ptr<NatsBus>, std::string> NatsBus::Connect(
    const std::string& url, const std::string& name, std::function<void(bool)> on_state) {
  // One delivery thread: messages from one publisher then reach their handlers in the order
  // it sent them, whatever their subjects (an owner's answer never before its round, so an
  // edge does not fetch what is only late), and the handlers only parse and post.
  static const natsStatus pool = nats_SetMessageDeliveryPoolSize(1);
  if (pool != NATS_OK) return std::unexpected("NATS delivery threads: " + Why(pool));
  natsOptions* raw = nullptr;
  if (natsStatus s = natsOptions_Create(&raw); s != NATS_OK) return std::unexpected(Why(s));
  std::unique_ptr<natsOptions, OptionsDeleter> options(raw);
  std::unique_ptr<NatsBus> bus(new NatsBus());
  bus->on_state_ = std::move(on_state);
  natsStatus s = natsOptions_SetURL(raw, url.c_str());
  if (s == NATS_OK) s = natsOptions_SetName(raw, name.c_str());
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(raw, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(raw, 250);
  if (s == NATS_OK) s = natsOptions_SetReconnectBufSize(raw, 8 << 20);
  if (s == NATS_OK) s = natsOptions_SetPingInterval(raw, 1000);
  if (s == NATS_OK) s = natsOptions_SetMaxPingsOut(raw, 3);
  if (s == NATS_OK) s = natsOptions_SetRetryOnFailedConnect(raw, true, nullptr, nullptr);
  // Subscriptions share libnats' pool of delivery threads (an edge subscribes once per
  // workshop it serves: a thread each would not scale); each keeps its messages in order.
  if (s == NATS_OK) s = natsOptions_UseGlobalMessageDelivery(raw, true);
  if (s == NATS_OK) s = natsOptions_SetDisconnectedCB(raw, &NatsBus::OnDisconnected, bus.get());
  if (s == NATS_OK) s = natsOptions_SetReconnectedCB(raw, &NatsBus::OnReconnected, bus.get());
  if (s != NATS_OK) return std::unexpected("NATS options: " + Why(s));
  s = natsConnection_Connect(&bus->nc_, raw);
  if (s != NATS_OK && s != NATS_NOT_YET_CONNECTED) {
    return std::unexpected("cannot connect to NATS at " + url + ": " + Why(s));
  }
  return bus;
}

NatsBus::~NatsBus() {
  if (nc_ == nullptr) return;
  natsConnection_Close(nc_);
  natsConnection_Destroy(nc_);
}

void NatsBus::OnDisconnected(natsConnection*, void* closure) {
  auto* bus = static_cast<NatsBus*>(closure);
  if (bus->on_state_) bus->on_state_(false);
}

void NatsBus::OnReconnected(natsConnection*, void* closure) {
  auto* bus = static_cast<NatsBus*>(closure);
  if (bus->on_state_) bus->on_state_(true);
}

std::expected<std::unique_ptr<NatsBus::Subscription>, std::string> NatsBus::Subscribe(
    const std::string& subject, Handler handler) {
  std::unique_ptr<Subscription> subscription(new Subscription());
  subscription->closure_ = new Subscription::Closure{std::move(handler)};
  auto deliver = [](natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
    auto* c = static_cast<Subscription::Closure*>(closure);
    const char* reply = natsMsg_GetReply(msg);
    c->handler(natsMsg_GetSubject(msg),
               std::string_view(natsMsg_GetData(msg), natsMsg_GetDataLength(msg)),
               reply == nullptr ? std::string_view() : std::string_view(reply));
    natsMsg_Destroy(msg);
  };
  natsStatus s =
      natsConnection_Subscribe(&subscription->sub_, nc_, subject.c_str(), deliver,
                               subscription->closure_);
  if (s != NATS_OK) {
    subscription->sub_ = nullptr;
    delete subscription->closure_;
    return std::unexpected("cannot subscribe to " + subject + ": " + Why(s));
  }
  natsSubscription_SetOnCompleteCB(
      subscription->sub_, [](void* closure) { delete static_cast<Subscription::Closure*>(closure); },
      subscription->closure_);
  // Far more than a node's rounds in a second; past it NATS drops (a gap, fetched again).
  natsSubscription_SetPendingLimits(subscription->sub_, 1 << 20, 256 << 20);
  return subscription;
}

bool NatsBus::Publish(const std::string& subject, std::string_view data) {
  return natsConnection_Publish(nc_, subject.c_str(), data.data(),
                                static_cast<int>(data.size())) == NATS_OK;
}

std::expected<std::string, std::string> NatsBus::Request(const std::string& subject,
                                                        std::string_view data,
                                                        std::chrono::milliseconds timeout) {
  natsMsg* reply = nullptr;
  natsStatus s = natsConnection_Request(&reply, nc_, subject.c_str(), data.data(),
                                        static_cast<int>(data.size()), timeout.count());
  if (s != NATS_OK) return std::unexpected(Why(s));
  std::string bytes(natsMsg_GetData(reply), natsMsg_GetDataLength(reply));
  natsMsg_Destroy(reply);
  return bytes;
}

bool NatsBus::Flush(std::chrono::milliseconds timeout) {
  return natsConnection_FlushTimeout(nc_, timeout.count()) == NATS_OK;
}

size_t NatsBus::max_payload() const {
  const int64_t max = natsConnection_GetMaxPayload(nc_);
  return max > 0 ? static_cast<size_t>(max) : size_t{1} << 20;
}

bool NatsBus::connected() const {
  return natsConnection_Status(nc_) == NATS_CONN_STATUS_CONNECTED;
}

NatsBus::Bucket::~Bucket() {
  if (kv_ != nullptr) kvStore_Destroy(kv_);
  if (js_ != nullptr) jsCtx_Destroy(js_);
}

std::expected<std::unique_ptr<NatsBus::Bucket>, std::string> NatsBus::OpenBucket(
    const std::string& name, std::chrono::milliseconds ttl) {
  std::unique_ptr<Bucket> bucket(new Bucket());
  natsStatus s = natsConnection_JetStream(&bucket->js_, nc_, nullptr);
  if (s != NATS_OK) return std::unexpected("JetStream: " + Why(s));
  kvConfig config;
  kvConfig_Init(&config);
  config.Bucket = name.c_str();
  config.History = 1;
  config.TTL = std::chrono::duration_cast<std::chrono::nanoseconds>(ttl).count();
  s = js_CreateKeyValue(&bucket->kv_, bucket->js_, &config);
  if (s != NATS_OK) {
    // Made earlier, maybe with another TTL: the bucket as it is.
    s = js_KeyValue(&bucket->kv_, bucket->js_, name.c_str());
  }
  if (s != NATS_OK) {
    return std::unexpected("the key-value bucket " + name + ": " + Why(s) + " (" +
                           nats_GetLastError(nullptr) + "); is JetStream on (nats-server -js)?");
  }
  return bucket;
}

namespace {

// A write refused because of the key's revision, as opposed to NATS failing.
NatsBus::Bucket::Failure FailureOf(natsStatus status) {
  if (status != NATS_ERR) return NatsBus::Bucket::Failure::kUnavailable;
  const char* text = nats_GetLastError(nullptr);
  const std::string_view why = text == nullptr ? "" : text;
  return why.find("wrong last sequence") != std::string_view::npos ||
                 why.find("key exists") != std::string_view::npos
             ? NatsBus::Bucket::Failure::kConflict
             : NatsBus::Bucket::Failure::kUnavailable;
}

}  // namespace

std::expected<uint64_t, NatsBus::Bucket::Failure> NatsBus::Bucket::Create(
    const std::string& key, std::string_view value) {
  uint64_t revision = 0;
  natsStatus s = kvStore_Create(&revision, kv_, key.c_str(), value.data(),
                                static_cast<int>(value.size()));
  if (s != NATS_OK) return std::unexpected(FailureOf(s));
  return revision;
}

std::expected<uint64_t, NatsBus::Bucket::Failure> NatsBus::Bucket::Update(
    const std::string& key, std::string_view value, uint64_t last) {
  uint64_t revision = 0;
  natsStatus s = kvStore_Update(&revision, kv_, key.c_str(), value.data(),
                                static_cast<int>(value.size()), last);
  if (s != NATS_OK) return std::unexpected(FailureOf(s));
  return revision;
}

std::expected<std::optional<NatsBus::Bucket::Entry>, NatsBus::Bucket::Failure>
NatsBus::Bucket::Get(const std::string& key) {
  kvEntry* entry = nullptr;
  natsStatus s = kvStore_Get(&entry, kv_, key.c_str());
  if (s == NATS_NOT_FOUND) return std::optional<Entry>();
  if (s != NATS_OK) return std::unexpected(Failure::kUnavailable);
  Entry out;
  out.value.assign(static_cast<const char*>(kvEntry_Value(entry)), kvEntry_ValueLen(entry));
  out.revision = kvEntry_Revision(entry);
  kvEntry_Destroy(entry);
  return std::optional<Entry>(std::move(out));
}

bool NatsBus::Bucket::Delete(const std::string& key) {
  return kvStore_Delete(kv_, key.c_str()) == NATS_OK;
}

}  // namespace atelier::cluster
