#include "server/cluster/node.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <thread>

#include "server/cluster/http_forward.h"
#include "server/engine/hello_auth.h"
#include "server/engine/secrets.h"
#include "server/log/log.h"
#include "server/room/frames.h"

namespace atelier::cluster {

namespace net = boost::asio;
namespace v1 = atelier::v1;

// The port of one connection whose Hello is being routed: until its edge room is known, what the
// connection says waits here (only Leave can come before the Welcome anyway).
class Node::Routed : public room::Port, public std::enable_shared_from_this<Routed> {
 public:
  explicit Routed(Node& node) : node_(node) {}

  void Hello(std::shared_ptr<room::Subscriber> subscriber, v1::Hello hello) override {
    net::post(node_.requests_, [self = shared_from_this(), subscriber = std::move(subscriber),
                                hello = std::move(hello)]() mutable {
      self->node_.Resolve(std::move(subscriber), std::move(hello), self);
    });
  }
  void Submit(std::shared_ptr<room::Subscriber> subscriber, v1::Command command) override {
    if (auto room = target()) return room->Submit(std::move(subscriber), std::move(command));
    subscriber->Deliver(
        room::ErrorFrame("bad_message", "send Hello before commands", /*answers=*/1));
  }
  void DraftHints(std::shared_ptr<room::Subscriber> subscriber,
                  v1::DraftHintsRequest request) override {
    if (auto room = target()) room->DraftHints(std::move(subscriber), std::move(request));
  }
  void Leave(std::shared_ptr<room::Subscriber> subscriber) override {
    std::shared_ptr<room::Port> room;
    {
      std::lock_guard lock(mu_);
      left_ = true;
      room = target_;
    }
    if (room) room->Leave(std::move(subscriber));
  }

  // Sets the room (here, or an edge of another node's), unless the connection left meanwhile
  // (false).
  bool Bind(std::shared_ptr<room::Port> room) {
    std::lock_guard lock(mu_);
    if (left_) return false;
    target_ = std::move(room);
    return true;
  }

 private:
  std::shared_ptr<room::Port> target() {
    std::lock_guard lock(mu_);
    return target_;
  }

  Node& node_;
  std::mutex mu_;
  std::shared_ptr<room::Port> target_;
  bool left_ = false;
};

Node::Node(net::any_io_executor executor, NodeOptions options)
    : executor_(executor),
      options_(std::move(options)),
      boot_(engine::RandomHex(8)),
      forward_key_(engine::RandomHex(32)),
      timer_strand_(net::make_strand(executor)),
      beat_timer_(timer_strand_) {}

std::expected<std::unique_ptr<Node>, std::string> Node::Connect(net::any_io_executor executor,
                                                                NodeOptions options) {
  if (!Subjects::IsToken(options.name)) {
    return std::unexpected("the node's name must be 1 to 64 letters, digits, '-' or '_': '" +
                           options.name + "'");
  }
  std::unique_ptr<Node> node(new Node(executor, std::move(options)));
  Node* raw = node.get();
  auto bus = NatsBus::Connect(node->options_.nats_url, "atelier " + node->options_.name,
                              [raw](bool up) { raw->OnLink(up); });
  if (!bus) return std::unexpected(bus.error());
  node->bus_ = *std::move(bus);
  node->owner_ = std::make_unique<Owner>(*node->bus_, node->options_.subjects, node->boot_);
  return node;
}

Node::~Node() {
  Stop();
  requests_.join();
}

std::expected<void, std::string> Node::Start(room::Hub& hub) {
  hub_ = &hub;
  owner_->Attach(hub);
  // The leases live in NATS' key-value store: it must be reachable to start.
  for (int i = 0; i < 100 && !bus_->connected(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  auto bucket = bus_->OpenBucket(options_.subjects.prefix + "_owners", options_.lease_ttl);
  if (!bucket) return std::unexpected(bucket.error());
  bucket_ = *std::move(bucket);
  leases_ = std::make_unique<Leases>(*bucket_, name(), boot_, options_.lease_ttl);
  auto codes = bus_->OpenBucket(options_.subjects.prefix + "_codes", std::chrono::milliseconds(0));
  if (!codes) return std::unexpected(codes.error());
  codes_ = *std::move(codes);
  hub.SetCodeClaims(this);
  // The codes of the workshops already here are claimed too (a node that joins a cluster with
  // its workshops, or a log restored): in the background; a code another workshop holds is
  // reported.
  net::post(requests_, [this, known = hub.KnownCodes()] {
    for (const room::Hub::Codes& codes : known) {
      for (const std::string& code : {codes.join_code, codes.observer_code}) {
        auto claimed = Claim(code, codes.workshop_id);
        if (claimed && !*claimed) {
          log::Error("cluster: code " + code + " also names another node's workshop: its "
                     "clients may reach either",
                     codes.workshop_id);
        }
      }
    }
  });
  owner_->SetServes([this](const std::string& workshop_id) { return Serves(workshop_id); },
                    [this](const std::string& workshop_id) {
                      return leases_->Holds(workshop_id);
                    },
                    [this](std::function<void()> work) { net::post(requests_, std::move(work)); });
  const Subjects& s = options_.subjects;
  auto subscribe = [this](const std::string& subject, NatsBus::Handler handler)
      -> std::expected<void, std::string> {
    auto sub = bus_->Subscribe(subject, std::move(handler));
    if (!sub) return std::unexpected(sub.error());
    subscriptions_.push_back(*std::move(sub));
    return {};
  };
  std::expected<void, std::string> ok;
  if (ok) ok = subscribe(s.Nodes(), [this](auto, auto data, auto) { OnHeartbeat(data); });
  if (ok) ok = subscribe(s.Find(), [this](auto, auto data, auto reply) { OnFind(data, reply); });
  if (ok) {
    ok = subscribe(s.In(name()), [this](auto, auto data, auto) { owner_->OnFromEdge(data); });
  }
  if (ok) ok = subscribe(s.Out(name()), [this](auto, auto data, auto) { OnOut(data); });
  if (ok) {
    ok = subscribe(s.Fetch(name()), [this](auto, auto data, auto reply) {
      owner_->OnFetch(data, std::string(reply));
    });
  }
  if (ok) {
    ok = subscribe(s.JoinInfo(name()),
                   [this](auto, auto data, auto reply) { OnJoinInfo(data, reply); });
  }
  if (ok) {
    ok = subscribe(s.Http(name()), [this](auto, auto data, auto reply) { OnHttp(data, reply); });
  }
  if (!ok) return ok;
  bus_->Flush(std::chrono::seconds(2));
  net::post(timer_strand_, [this] { Beat(); });
  log::Info("cluster: node " + name() + " (boot " + boot_ + ") on NATS at " +
            options_.nats_url + (bus_->connected() ? "" : " (not reachable yet: trying)"));
  return {};
}

void Node::Stop() {
  if (stopped_.exchange(true)) return;
  net::post(timer_strand_, [this] { beat_timer_.cancel(); });
  CloseEdges("", 1001, "server shutting down");
  subscriptions_.clear();
  // A clean stop gives its leases up: a copy elsewhere may serve them at once.
  if (leases_) leases_->ReleaseAll();
}

bool Node::Serves(const std::string& workshop_id) {
  if (leases_ == nullptr) return false;
  if (leases_->Holds(workshop_id)) return true;
  auto holder = leases_->Acquire(workshop_id);
  return holder && holder->node == name();
}

std::expected<bool, std::string> Node::Claim(const std::string& code,
                                             const std::string& workshop_id) {
  if (!Subjects::IsToken(code)) return false;
  auto created = codes_->Create(code, workshop_id);
  if (created) return true;
  if (created.error() == NatsBus::Bucket::Failure::kUnavailable) {
    return std::unexpected("NATS did not answer");
  }
  auto entry = codes_->Get(code);
  if (!entry) return std::unexpected("NATS did not answer");
  if (!*entry) return Claim(code, workshop_id);  // released meanwhile
  return (*entry)->value == workshop_id;
}

void Node::Release(const std::string& code, const std::string& workshop_id) {
  auto entry = codes_->Get(code);
  if (entry && *entry && (*entry)->value == workshop_id) codes_->Delete(code);
}

void Node::RenewLeases() {
  const std::vector<std::string> lost =
      leases_->Renew([this](const std::string& id) { return hub_->Loaded(id); });
  for (const std::string& id : lost) {
    log::Error("cluster: another node took the lease of this workshop: it is no longer served "
               "here",
               id);
    if (auto room = hub_->Find(id)) {
      room->TakeOutOfService("the workshop is served by another server now: reconnect");
    }
  }
  renewing_.store(false);
}

void Node::Beat() {
  if (stopped_) return;
  v1::Heartbeat beat;
  beat.set_node(name());
  beat.set_boot(boot_);
  bus_->Publish(options_.subjects.Nodes(), beat.SerializeAsString());
  if (leases_ && std::chrono::steady_clock::now() - last_renewal_ >= options_.lease_ttl / 3 &&
      !renewing_.exchange(true)) {
    last_renewal_ = std::chrono::steady_clock::now();
    net::post(requests_, [this] { RenewLeases(); });
  }
  // Who went silent: its edges' connections leave our rooms; our edges of its rooms close.
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::string> silent;
  std::vector<std::shared_ptr<EdgeRoom>> idle;
  {
    std::lock_guard lock(mu_);
    for (auto it = peers_.begin(); it != peers_.end();) {
      if (now - it->second.seen > options_.silent_after) {
        silent.push_back(it->first);
        it = peers_.erase(it);
      } else {
        ++it;
      }
    }
    // Edge rooms with no connection for two beats in a row are let go.
    for (auto it = edges_.begin(); it != edges_.end();) {
      if (it->second.room->connections() == 0 && ++it->second.idle_checks >= 2) {
        idle.push_back(it->second.room);
        it = edges_.erase(it);
      } else {
        if (it->second.room->connections() != 0) it->second.idle_checks = 0;
        ++it;
      }
    }
  }
  {
    // An owner found through NATS but never heard since (it died before its first heartbeat
    // reached us, or that boot is gone): as silent.
    std::lock_guard lock(mu_);
    for (const auto& [id, edge] : edges_) {
      auto peer = peers_.find(edge.room->owner());
      const bool heard = peer != peers_.end() && peer->second.boot == edge.room->owner_boot();
      if (!heard && now - edge.made > options_.silent_after &&
          std::find(silent.begin(), silent.end(), edge.room->owner()) == silent.end()) {
        silent.push_back(edge.room->owner());
      }
    }
  }
  for (const std::string& node : silent) {
    log::Warning("cluster: node " + node + " is silent; its workshops are unavailable here "
                 "until it is back");
    owner_->EdgeGone(node);
    CloseEdges(node, room::kCloseTryAgainLater, "the workshop's server is unavailable: "
                                                "try again in a moment");
  }
  for (auto& room : idle) room->Close(1001, "idle");
  beat_timer_.expires_after(options_.heartbeat_every);
  beat_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) Beat();
  });
}

void Node::OnHeartbeat(std::string_view data) {
  v1::Heartbeat beat;
  if (!beat.ParseFromArray(data.data(), static_cast<int>(data.size())) ||
      beat.node() == name() || !Subjects::IsToken(beat.node())) {
    return;
  }
  bool restarted = false;
  bool joined = false;
  {
    std::lock_guard lock(mu_);
    auto [it, inserted] = peers_.try_emplace(beat.node());
    joined = inserted;
    restarted = !inserted && it->second.boot != beat.boot();
    it->second.boot = beat.boot();
    it->second.seen = std::chrono::steady_clock::now();
  }
  if (joined) log::Info("cluster: node " + beat.node() + " is up (boot " + beat.boot() + ")");
  if (restarted) {
    log::Info("cluster: node " + beat.node() + " restarted (boot " + beat.boot() + ")");
    owner_->EdgeGone(beat.node());
  }
  // What was held for an earlier boot of that node (maybe never heard of: it can restart
  // between two heartbeats) is stale.
  CloseEdges(beat.node(), 1012, "the workshop's server restarted: reconnect", beat.boot());
}

void Node::OnFind(std::string_view data, std::string_view reply) {
  v1::FindRequest request;
  if (reply.empty() || hub_ == nullptr ||
      !request.ParseFromArray(data.data(), static_cast<int>(data.size()))) {
    return;
  }
  std::string id =
      hub_->Resolve(request.workshop_id(), request.join_code(), request.observer_code());
  if (id.empty()) return;
  // Only the node that serves it answers: its log is here and it holds (or takes) its lease.
  // Taking it is a round trip to NATS: on a thread of the node, never on libnats' delivery
  // thread (which would then wait for its own reply).
  net::post(requests_, [this, id = std::move(id), reply = std::string(reply)] {
    if (!Serves(id)) return;
    v1::FindReply found;
    found.set_workshop_id(id);
    found.set_node(name());
    found.set_boot(boot_);
    bus_->Publish(reply, found.SerializeAsString());
  });
}

void Node::OnOut(std::string_view data) {
  v1::ToEdge message;
  if (!message.ParseFromArray(data.data(), static_cast<int>(data.size()))) return;
  std::shared_ptr<EdgeRoom> room;
  {
    std::lock_guard lock(mu_);
    auto it = edges_.find(message.workshop_id());
    if (it == edges_.end()) return;
    room = it->second.room;
  }
  room->OnDirected(std::move(message));
}

void Node::OnJoinInfo(std::string_view data, std::string_view reply) {
  v1::JoinInfoRequest request;
  if (reply.empty() || hub_ == nullptr ||
      !request.ParseFromArray(data.data(), static_cast<int>(data.size()))) {
    return;
  }
  auto answer = [this, reply = std::string(reply)](v1::JoinInfoReply out) {
    bus_->Publish(reply, out.SerializeAsString());
  };
  v1::Hello hello;
  hello.set_join_code(request.join_code());
  std::shared_ptr<room::Room> room = hub_->FindForHello(hello);
  if (!room) {
    v1::JoinInfoReply out;
    out.set_error("unknown_workshop");
    return answer(std::move(out));
  }
  room->JoinInfo([answer, room](auto info) {
    v1::JoinInfoReply out;
    if (info) {
      *out.mutable_info() = *info;
    } else {
      out.set_error("unavailable");
    }
    answer(std::move(out));
  });
}

void Node::SetListener(boost::asio::ip::tcp::endpoint endpoint) {
  // A listener on every address is reached on loopback.
  if (endpoint.address().is_unspecified()) {
    endpoint.address(endpoint.address().is_v6()
                         ? boost::asio::ip::address(boost::asio::ip::address_v6::loopback())
                         : boost::asio::ip::address(boost::asio::ip::address_v4::loopback()));
  }
  std::lock_guard lock(listener_mu_);
  listener_ = endpoint;
}

void Node::OnHttp(std::string_view data, std::string_view reply) {
  v1::HttpForward request;
  if (reply.empty() || !request.ParseFromArray(data.data(), static_cast<int>(data.size()))) {
    return;
  }
  net::post(requests_, [this, request = std::move(request), reply = std::string(reply)] {
    boost::asio::ip::tcp::endpoint listener;
    {
      std::lock_guard lock(listener_mu_);
      listener = listener_;
    }
    v1::HttpForwarded answer;
    if (listener.port() == 0) {
      answer.set_status(503);
    } else {
      // Room for the reply's own fields under NATS' max_payload.
      const size_t max_body = bus_->max_payload() - std::min<size_t>(bus_->max_payload() / 2,
                                                                     16 << 10);
      answer =
          PerformForwarded(listener, request, forward_key_, std::chrono::seconds(50), max_body);
    }
    bus_->Publish(reply, answer.SerializeAsString());
  });
}

bool Node::HoldsLease(const std::string& workshop_id) const {
  return leases_ != nullptr && leases_->Holds(workshop_id);
}

bool Node::IsOwnForwardKey(std::string_view key) const {
  return engine::SameSecret(key, forward_key_);
}

void Node::ForwardHttp(std::string workshop_id, v1::HttpForward request, HttpDone done) {
  net::post(requests_, [this, workshop_id = std::move(workshop_id),
                        request = std::move(request), done = std::move(done)] {
    auto problem = [&](unsigned status, const std::string& code, const std::string& message) {
      v1::HttpForwarded out;
      out.set_status(status);
      out.set_content_type("application/json");
      out.set_body("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
      done(std::move(out));
    };
    v1::Hello hello;
    hello.set_workshop_id(workshop_id);
    auto found = Find(hello);
    if (!found) return problem(404, "unknown_workshop", "no workshop has this id");
    auto reply = bus_->Request(options_.subjects.Http(found->node), request.SerializeAsString(),
                               std::chrono::seconds(60));
    v1::HttpForwarded answer;
    if (!reply || !answer.ParseFromString(*reply)) {
      return problem(502, "unavailable", "the workshop's server did not answer: try again");
    }
    done(std::move(answer));
  });
}

void Node::OnLink(bool up) {
  if (!up) {
    log::Warning("cluster: the link to NATS is down; retrying");
    return;
  }
  log::Info("cluster: the link to NATS is back; connections through other nodes resume");
  owner_->DropAll();
  CloseEdges("", 1012, "the link between servers was cut: reconnect");
}

void Node::CloseEdges(const std::string& owner, uint16_t code, const std::string& reason,
                      const std::string& keep_boot) {
  std::vector<Edge> closing;
  {
    std::lock_guard lock(mu_);
    auto stale = [&](const std::string& node, const std::string& boot) {
      return owner.empty() || (node == owner && (keep_boot.empty() || boot != keep_boot));
    };
    for (auto it = edges_.begin(); it != edges_.end();) {
      if (stale(it->second.room->owner(), it->second.room->owner_boot())) {
        closing.push_back(std::move(it->second));
        it = edges_.erase(it);
      } else {
        ++it;
      }
    }
    // What they were found at is stale too: ask again.
    for (auto it = found_.begin(); it != found_.end();) {
      if (stale(it->second.node, it->second.boot)) {
        it = found_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (Edge& edge : closing) edge.room->Close(code, reason);
}

std::shared_ptr<room::Port> Node::Route(const v1::Hello& hello) {
  const std::string here =
      hub_->Resolve(hello.workshop_id(), hello.join_code(), hello.observer_code());
  if (!here.empty() && leases_->Holds(here)) {
    if (auto room = hub_->FindForHello(hello)) return room;
  }
  return std::make_shared<Routed>(*this);
}

std::expected<Node::Found, std::string> Node::Find(const v1::Hello& hello) {
  std::string key;
  if (!hello.workshop_id().empty()) {
    key = "w:" + hello.workshop_id();
  } else if (!hello.join_code().empty()) {
    key = "j:" + hello.join_code();
  } else if (!hello.observer_code().empty()) {
    key = "o:" + hello.observer_code();
  } else {
    return std::unexpected("unknown_workshop");
  }
  {
    std::lock_guard lock(mu_);
    if (auto it = found_.find(key); it != found_.end()) return it->second;
  }
  v1::FindRequest request;
  request.set_workshop_id(hello.workshop_id());
  if (hello.workshop_id().empty()) {
    request.set_join_code(hello.join_code());
    if (hello.join_code().empty()) request.set_observer_code(hello.observer_code());
  }
  auto reply = bus_->Request(options_.subjects.Find(), request.SerializeAsString(),
                             options_.find_timeout);
  if (!reply) return std::unexpected("unknown_workshop");
  v1::FindReply found;
  if (!found.ParseFromString(*reply) || !Subjects::IsToken(found.node()) ||
      !Subjects::IsToken(found.workshop_id())) {
    return std::unexpected("unknown_workshop");
  }
  Found result{found.workshop_id(), found.node(), found.boot()};
  std::lock_guard lock(mu_);
  found_[key] = result;
  found_["w:" + result.workshop_id] = result;
  return result;
}

std::shared_ptr<EdgeRoom> Node::EdgeFor(const Found& found) {
  {
    std::lock_guard lock(mu_);
    auto it = edges_.find(found.workshop_id);
    if (it != edges_.end() && !it->second.room->closed()) {
      if (it->second.room->owner() == found.node && it->second.room->owner_boot() == found.boot) {
        it->second.idle_checks = 0;
        return it->second.room;
      }
    }
  }
  // A new edge room: its rounds' subscription in place before it asks for the head.
  auto room = std::make_shared<EdgeRoom>(executor_, *this, found.workshop_id, found.node,
                                         found.boot);
  std::weak_ptr<EdgeRoom> weak = room;
  auto rounds = bus_->Subscribe(options_.subjects.Events(found.workshop_id),
                                [weak](auto, std::string_view data, auto) {
                                  auto room = weak.lock();
                                  v1::Round round;
                                  if (!room || !round.ParseFromArray(
                                                   data.data(), static_cast<int>(data.size()))) {
                                    return;
                                  }
                                  room->OnRound(std::move(round));
                                });
  if (!rounds) {
    log::Error("cluster: " + rounds.error());
    return nullptr;
  }
  bus_->Flush(options_.request_timeout);
  std::shared_ptr<EdgeRoom> replaced;
  {
    std::lock_guard lock(mu_);
    Edge& edge = edges_[found.workshop_id];
    if (edge.room && !edge.room->closed() && edge.room->owner() == found.node &&
        edge.room->owner_boot() == found.boot) {
      return edge.room;  // another connection made it meanwhile
    }
    replaced = std::move(edge.room);
    edge.room = room;
    edge.rounds = *std::move(rounds);
    edge.idle_checks = 0;
  }
  if (replaced) replaced->Close(1012, "the workshop's server changed: reconnect");
  room->Start();
  return room;
}

void Node::Resolve(std::shared_ptr<room::Subscriber> subscriber, v1::Hello hello,
                   std::shared_ptr<Routed> routed) {
  auto refuse = [&](const std::string& code, const std::string& message, uint16_t close) {
    subscriber->Deliver(room::ErrorFrame(code, message));
    subscriber->Disconnect(close, message);
  };
  std::expected<Found, std::string> found = std::unexpected("unknown_workshop");
  const std::string here =
      hub_->Resolve(hello.workshop_id(), hello.join_code(), hello.observer_code());
  if (!here.empty()) {
    // Its log is here: served here if no other live node holds its lease.
    auto holder = leases_->Acquire(here);
    if (!holder) {
      return refuse("unavailable", "the servers cannot agree now: try again",
                    room::kCloseTryAgainLater);
    }
    found = Found{here, holder->node, holder->boot};
  } else {
    found = Find(hello);
  }
  if (!found) {
    // A workshop id is no guess: its owner may be coming back.
    if (!hello.workshop_id().empty()) {
      return refuse("unavailable", "the workshop's server is unavailable: try again",
                    room::kCloseTryAgainLater);
    }
    return refuse("unknown_workshop", "no workshop matches this Hello", 1008);
  }
  if (found->node == name()) {
    auto room = hub_->FindForHello(hello);
    if (!room) return refuse("unknown_workshop", "no workshop matches this Hello", 1008);
    if (!routed->Bind(room)) return;  // the connection is gone
    return room->Hello(std::move(subscriber), std::move(hello));
  }
  std::shared_ptr<EdgeRoom> room = EdgeFor(*found);
  if (!room) {
    return refuse("unavailable", "the workshop's server cannot be reached: try again",
                  room::kCloseTryAgainLater);
  }
  if (!routed->Bind(room)) return;  // the connection is gone
  room->Hello(std::move(subscriber), std::move(hello));
}

void Node::ToOwner(const std::string& owner, v1::FromEdge message) {
  message.set_edge(name());
  message.set_edge_boot(boot_);
  bus_->Publish(options_.subjects.In(owner), message.SerializeAsString());
}

void Node::Fetch(const std::string& owner, v1::FetchRequest request, FetchDone done) {
  net::post(requests_, [this, owner, request = std::move(request), done = std::move(done)] {
    auto reply = bus_->Request(options_.subjects.Fetch(owner), request.SerializeAsString(),
                               options_.request_timeout);
    if (!reply) return done(std::unexpected(reply.error()));
    v1::FetchReply parsed;
    if (!parsed.ParseFromString(*reply)) return done(std::unexpected("unreadable reply"));
    done(std::move(parsed));
  });
}

void Node::JoinInfo(std::string join_code, JoinInfoDone done) {
  net::post(requests_, [this, join_code = std::move(join_code), done = std::move(done)] {
    v1::Hello hello;
    hello.set_join_code(join_code);
    auto found = Find(hello);
    if (!found) return done(std::unexpected("unknown_workshop"));
    v1::JoinInfoRequest request;
    request.set_join_code(join_code);
    auto reply = bus_->Request(options_.subjects.JoinInfo(found->node),
                               request.SerializeAsString(), options_.request_timeout);
    v1::JoinInfoReply parsed;
    if (!reply || !parsed.ParseFromString(*reply)) return done(std::unexpected("unavailable"));
    if (!parsed.error().empty()) return done(std::unexpected(parsed.error()));
    done(parsed.info());
  });
}

}  // namespace atelier::cluster
