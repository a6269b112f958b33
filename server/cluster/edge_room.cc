#include "server/cluster/edge_room.h"

#include <boost/asio/post.hpp>
#include <limits>
#include <vector>

#include "server/room/frames.h"

namespace atelier::cluster {

namespace net = boost::asio;
namespace v1 = atelier::v1;

namespace {

// Events an edge keeps for resumes, as a room does (RoomOptions::recent_events).
constexpr size_t kRingEvents = 20'000;
// How long a directed frame waits for its events before the edge asks the owner for them (they
// come first, in the owner's order: a wait means a round was lost, or a busy machine).
constexpr std::chrono::milliseconds kWaitBeforeFetch{500};
// How long a Hello waits for its welcome before its client is told to try again.
constexpr std::chrono::seconds kWelcomeWithin{10};

room::Frame Message(const std::string& bytes, uint32_t answers) {
  room::Frame frame;
  frame.kind = room::Frame::Kind::kMessage;
  frame.bytes = std::make_shared<const std::string>(bytes);
  frame.answers = answers;
  return frame;
}

}  // namespace

EdgeRoom::EdgeRoom(net::any_io_executor executor, EdgeLink& link, std::string workshop_id,
                   std::string owner, std::string owner_boot)
    : strand_(net::make_strand(executor)),
      link_(link),
      workshop_id_(std::move(workshop_id)),
      owner_(std::move(owner)),
      owner_boot_(std::move(owner_boot)),
      ring_(kRingEvents),
      wait_timer_(strand_),
      welcome_timer_(strand_) {}

EdgeRoom::~EdgeRoom() = default;

void EdgeRoom::Start() {
  net::post(strand_, [self = shared_from_this()] {
    self->fetching_ = true;
    v1::FetchRequest request;
    request.set_workshop_id(self->workshop_id_);
    request.set_head_only(true);
    self->link_.Fetch(self->owner_, request, [weak = self->weak_from_this()](auto reply) {
      if (auto room = weak.lock()) {
        net::post(room->strand_, [room, reply = std::move(reply)]() mutable {
          room->fetching_ = false;
          if (!reply || !reply->error().empty()) {
            return room->CloseNow(1012, "the workshop's node does not answer: reconnect");
          }
          room->head_ = reply->head_seq();
          room->synced_ = true;
          for (v1::FromEdge& hello : std::exchange(room->held_hellos_, {})) {
            if (room->connections_.contains(hello.connection())) {
              room->link_.ToOwner(room->owner_, std::move(hello));
            }
          }
          // Rounds that came meanwhile: those after the head are kept, in order.
          auto held = std::exchange(room->ahead_, {});
          for (auto& [seq, sealed] : held) room->Offer(std::move(sealed));
          room->ProcessPending();
        });
      }
    });
  });
}

void EdgeRoom::Hello(std::shared_ptr<room::Subscriber> subscriber, v1::Hello hello) {
  net::post(strand_, [self = shared_from_this(), subscriber = std::move(subscriber),
                      hello = std::move(hello)]() mutable {
    if (self->closed_) {
      subscriber->Deliver(room::ErrorFrame("unavailable", "try again"));
      return subscriber->Disconnect(room::kCloseTryAgainLater, "try again later");
    }
    // Unique in this process: the owner knows an edge's connections by the node's name and id,
    // whatever the workshop.
    static std::atomic<uint64_t> next_id{1};
    const uint64_t id = next_id.fetch_add(1);
    self->ids_[subscriber.get()] = id;
    self->connections_[id] = std::move(subscriber);
    self->connection_count_.store(self->connections_.size());
    self->awaiting_welcome_[id] = std::chrono::steady_clock::now() + kWelcomeWithin;
    self->ArmWelcomeWatch();
    v1::FromEdge message = self->About(id);
    *message.mutable_hello() = std::move(hello);
    if (!self->synced_) {
      // Sent once the head is known: the welcome then covers at least up to it, and the ring
      // holds everything after.
      self->held_hellos_.push_back(std::move(message));
      return;
    }
    self->link_.ToOwner(self->owner_, std::move(message));
  });
}

void EdgeRoom::Submit(std::shared_ptr<room::Subscriber> subscriber, v1::Command command) {
  net::post(strand_, [self = shared_from_this(), subscriber = std::move(subscriber),
                      command = std::move(command)]() mutable {
    auto it = self->ids_.find(subscriber.get());
    if (self->closed_ || it == self->ids_.end()) {
      return subscriber->Deliver(
          room::ErrorFrame("bad_message", "send Hello before commands", /*answers=*/1));
    }
    v1::FromEdge message = self->About(it->second);
    *message.mutable_command() = std::move(command);
    self->link_.ToOwner(self->owner_, std::move(message));
  });
}

void EdgeRoom::DraftHints(std::shared_ptr<room::Subscriber> subscriber,
                          v1::DraftHintsRequest request) {
  net::post(strand_, [self = shared_from_this(), subscriber = std::move(subscriber),
                      request = std::move(request)]() mutable {
    auto it = self->ids_.find(subscriber.get());
    if (self->closed_ || it == self->ids_.end()) return;
    v1::FromEdge message = self->About(it->second);
    *message.mutable_draft_hints() = std::move(request);
    self->link_.ToOwner(self->owner_, std::move(message));
  });
}

void EdgeRoom::Leave(std::shared_ptr<room::Subscriber> subscriber) {
  net::post(strand_, [self = shared_from_this(), subscriber = std::move(subscriber)] {
    auto it = self->ids_.find(subscriber.get());
    if (it == self->ids_.end()) return;
    if (self->closed_) return self->Forget(it->second);
    self->Drop(it->second);
  });
}

void EdgeRoom::ArmWelcomeWatch() {
  if (welcome_armed_ || closed_ || awaiting_welcome_.empty()) return;
  welcome_armed_ = true;
  welcome_timer_.expires_after(std::chrono::seconds(1));
  welcome_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    self->welcome_armed_ = false;
    if (!ec) self->CheckWelcomes();
  });
}

void EdgeRoom::CheckWelcomes() {
  if (closed_) return;
  const auto now = std::chrono::steady_clock::now();
  std::vector<uint64_t> late;
  for (const auto& [id, deadline] : awaiting_welcome_) {
    if (deadline <= now) late.push_back(id);
  }
  for (uint64_t id : late) {
    awaiting_welcome_.erase(id);
    auto it = connections_.find(id);
    if (it == connections_.end()) continue;
    it->second->Deliver(room::ErrorFrame("unavailable", "no answer from the workshop's server"));
    it->second->Disconnect(room::kCloseTryAgainLater, "try again");
    Drop(id);
  }
  ArmWelcomeWatch();
}

v1::FromEdge EdgeRoom::About(uint64_t id) const {
  v1::FromEdge message;
  message.set_workshop_id(workshop_id_);
  message.set_connection(id);
  return message;
}

void EdgeRoom::Drop(uint64_t id) {
  v1::FromEdge leave = About(id);
  leave.set_leave(true);
  link_.ToOwner(owner_, std::move(leave));
  Forget(id);
}

void EdgeRoom::Forget(uint64_t id) {
  awaiting_welcome_.erase(id);
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  audience_.Remove(it->second.get());
  ids_.erase(it->second.get());
  connections_.erase(it);
  connection_count_.store(connections_.size());
}

void EdgeRoom::OnRound(v1::Round round) {
  net::post(strand_, [self = shared_from_this(), round = std::move(round)]() mutable {
    if (self->closed_) return;
    if (round.owner_boot() != self->owner_boot_) {
      return self->CloseNow(1012, "the workshop's node restarted: reconnect");
    }
    for (std::string& bytes : *round.mutable_events()) {
      auto sealed = storage::SealedEvent::FromStored(std::move(bytes));
      if (!sealed || sealed->workshop_id() != self->workshop_id_) {
        return self->CloseNow(1012, "a round from the workshop's node did not read: reconnect");
      }
      self->Offer(*std::move(sealed));
    }
    self->ProcessPending();
  });
}

void EdgeRoom::Offer(storage::SealedEvent sealed) {
  const uint64_t seq = sealed.seq();
  if (!synced_) {
    ahead_.emplace(seq, std::move(sealed));
    return;
  }
  if (seq <= head_) return;  // had it already
  if (seq > head_ + 1) {
    ahead_.emplace(seq, std::move(sealed));
    if (!fetching_) Fill(head_, ahead_.begin()->first - 1);
    return;
  }
  Apply(sealed);
  while (!ahead_.empty() && ahead_.begin()->first <= head_ + 1) {
    auto node = ahead_.extract(ahead_.begin());
    if (node.key() == head_ + 1) Apply(node.mapped());
  }
}

void EdgeRoom::Apply(const storage::SealedEvent& sealed) {
  // The chain links each event to the one before: a round that does not follow what the ring
  // holds is not the owner's log.
  if (ring_.last_seq() == head_ && ring_.size() > 0 && ring_.last_hash() != sealed.prev_hash()) {
    return CloseNow(1012, "the workshop's events did not follow each other: reconnect");
  }
  v1::Event event;
  const std::string_view stored = sealed.event_bytes();
  if (!event.ParseFromArray(stored.data(), static_cast<int>(stored.size()))) {
    return CloseNow(1012, "an event from the workshop's node did not read: reconnect");
  }
  event.set_hash(std::string(sealed.hash()));
  ring_.Push(sealed);
  head_ = sealed.seq();
  audience_.Broadcast(event);
}

void EdgeRoom::OnDirected(v1::ToEdge message) {
  net::post(strand_, [self = shared_from_this(), message = std::move(message)]() mutable {
    if (self->closed_) return;
    if (message.owner_boot() != self->owner_boot_) {
      return self->CloseNow(1012, "the workshop's node restarted: reconnect");
    }
    for (v1::Directed& item : *message.mutable_items()) self->pending_.push_back(std::move(item));
    self->ProcessPending();
  });
}

void EdgeRoom::ProcessPending() {
  while (!closed_ && synced_ && !pending_.empty()) {
    const v1::Directed& item = pending_.front();
    if (item.after_seq() > head_) {
      // Its events have not come yet: wait a little, then ask for them.
      return ArmWait();
    }
    if (!Deliver(item)) return;  // waiting for older events (a fetch is on its way)
    pending_.pop_front();
  }
}

void EdgeRoom::ArmWait() {
  if (wait_armed_ || fetching_) return;
  wait_armed_ = true;
  wait_timer_.expires_after(kWaitBeforeFetch);
  wait_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    self->wait_armed_ = false;
    if (ec || self->closed_ || self->pending_.empty() || self->fetching_) return;
    const uint64_t wanted = self->pending_.front().after_seq();
    if (wanted > self->head_) self->Fill(self->head_, wanted);
  });
}

bool EdgeRoom::Deliver(const v1::Directed& item) {
  if (item.welcome()) {
    if (item.connections_size() != 1) return true;  // the owner sends one welcome per item
    auto it = connections_.find(item.connections(0));
    if (it == connections_.end()) return true;  // it left meanwhile
    awaiting_welcome_.erase(it->first);
    const std::shared_ptr<room::Subscriber>& subscriber = it->second;
    // After what the welcome covers: the events since, from this edge's ring.
    auto since = ring_.Missed(item.through_seq(), head_, item.actor(),
                              std::numeric_limits<size_t>::max());
    if (!since && item.through_seq() < head_) {
      // Not in the ring (never, as the ring starts before the owner decided this welcome): the
      // client resumes from scratch rather than miss anything.
      subscriber->Disconnect(1012, "reconnect");
      Forget(it->first);
      return true;
    }
    subscriber->Deliver(Message(item.message(), item.answers()));
    for (int i = 0; i < item.missed_size() && i < item.missed_seqs_size(); ++i) {
      room::Frame frame;
      frame.kind = room::Frame::Kind::kEvent;
      frame.bytes = std::make_shared<const std::string>(item.missed(i));
      frame.seq = item.missed_seqs(i);
      subscriber->Deliver(std::move(frame));
    }
    if (since) {
      for (room::Frame& frame : *since) subscriber->Deliver(std::move(frame));
    }
    audience_.AddJoining(subscriber, item.actor(), head_);
    audience_.Admit(subscriber.get());
    return true;
  }
  std::optional<room::Frame> frame;
  if (!item.message().empty()) frame = Message(item.message(), item.answers());
  for (uint64_t id : item.connections()) {
    auto it = connections_.find(id);
    if (it == connections_.end()) continue;
    if (frame) it->second->Deliver(*frame);
    if (item.close_code() != 0) {
      it->second->Disconnect(static_cast<uint16_t>(item.close_code()), item.close_reason());
      Drop(id);
    }
  }
  return true;
}

void EdgeRoom::Fill(uint64_t after_seq, uint64_t through_seq) {
  fetching_ = true;
  v1::FetchRequest request;
  request.set_workshop_id(workshop_id_);
  request.set_after_seq(after_seq);
  request.set_through_seq(through_seq);
  link_.Fetch(owner_, request, [weak = weak_from_this()](auto reply) {
    if (auto room = weak.lock()) {
      net::post(room->strand_, [room, reply = std::move(reply)]() mutable {
        room->OnFilled(std::move(reply));
      });
    }
  });
}

void EdgeRoom::OnFilled(std::expected<v1::FetchReply, std::string> reply) {
  fetching_ = false;
  if (closed_) return;
  if (!reply || !reply->error().empty() || reply->owner_boot() != owner_boot_) {
    return CloseNow(1012, "missed events could not be fetched from the workshop's node: "
                          "reconnect");
  }
  for (std::string& bytes : *reply->mutable_events()) {
    auto sealed = storage::SealedEvent::FromStored(std::move(bytes));
    if (!sealed || sealed->workshop_id() != workshop_id_) {
      return CloseNow(1012, "fetched events did not read: reconnect");
    }
    Offer(*std::move(sealed));
  }
  // A reply holds a message's worth: what is still missing is asked for again.
  if (!fetching_ && !ahead_.empty()) Fill(head_, ahead_.begin()->first - 1);
  ProcessPending();
}

void EdgeRoom::Close(uint16_t code, std::string reason) {
  net::post(strand_, [self = shared_from_this(), code, reason = std::move(reason)] {
    self->CloseNow(code, reason);
  });
}

void EdgeRoom::CloseNow(uint16_t code, const std::string& reason) {
  if (closed_) return;
  closed_ = true;
  closed_flag_.store(true);
  wait_timer_.cancel();
  welcome_timer_.cancel();
  awaiting_welcome_.clear();
  for (auto& [id, subscriber] : connections_) subscriber->Disconnect(code, reason);
  audience_ = room::Audience();
  connections_.clear();
  ids_.clear();
  pending_.clear();
  ahead_.clear();
  held_hellos_.clear();
  connection_count_.store(0);
}

}  // namespace atelier::cluster
