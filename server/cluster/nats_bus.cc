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
  static const natsStatus pool = nats_SetMessageDeliveryPoolSize(2);
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

bool NatsBus::connected() const {
  return natsConnection_Status(nc_) == NATS_CONN_STATUS_CONNECTED;
}

}  // namespace atelier::cluster
