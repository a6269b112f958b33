#include "server/cluster/owner.h"

#include <algorithm>
#include <vector>

#include "server/log/log.h"
#include "server/room/frames.h"

namespace atelier::cluster {

namespace v1 = atelier::v1;

struct Owner::Channel {
  explicit Channel(std::string id) : workshop_id(std::move(id)) {}
  const std::string workshop_id;
  // On the room's strand:
  uint64_t head = 0;      // the last durable seq, stamped on every directed frame
  bool in_round = false;  // between RoundDurable and RoundDone: frames wait for the flush
  struct Batch {
    v1::ToEdge message;
    const void* last_bytes = nullptr;  // the last item's frame, to add connections to it
  };
  std::map<std::string, Batch, std::less<>> batches;  // per edge
  // Remote connections now (any thread): rounds are published only when some edge has one.
  std::atomic<size_t> remotes{0};
};

class Owner::RemoteSubscriber : public room::Subscriber {
 public:
  RemoteSubscriber(Owner& owner, std::shared_ptr<Channel> channel, std::string edge,
                   uint64_t connection)
      : owner_(owner),
        channel_(std::move(channel)),
        edge_(std::move(edge)),
        connection_(connection) {}

  void Deliver(room::Frame frame) override {
    if (frame.kind == room::Frame::Kind::kEvent) return;  // the edge makes its own
    v1::Directed item;
    item.set_message(*frame.bytes);
    item.set_answers(frame.answers);
    owner_.Direct(*channel_, edge_, connection_, std::move(item), frame.bytes.get());
  }
  void Disconnect(uint16_t code, std::string reason) override {
    v1::Directed item;
    item.set_close_code(code);
    item.set_close_reason(std::move(reason));
    owner_.Direct(*channel_, edge_, connection_, std::move(item), nullptr);
  }
  void Welcome(const room::Frame& welcome, const std::vector<room::Frame>& missed,
               const v1::Actor& actor, uint64_t, uint64_t through_seq) override {
    v1::Directed item;
    // The edge admits the connection once it has every event its welcome covers.
    item.set_after_seq(through_seq);
    item.set_message(*welcome.bytes);
    item.set_welcome(true);
    *item.mutable_actor() = actor;
    item.set_through_seq(through_seq);
    for (const room::Frame& event : missed) {
      item.add_missed(*event.bytes);
      item.add_missed_seqs(event.seq);
    }
    owner_.Direct(*channel_, edge_, connection_, std::move(item), nullptr);
  }
  bool replicated() const override { return true; }

  Channel& channel() { return *channel_; }

 private:
  Owner& owner_;
  std::shared_ptr<Channel> channel_;
  const std::string edge_;
  const uint64_t connection_;
};

Owner::Owner(NatsBus& bus, Subjects subjects, std::string boot)
    : bus_(bus), subjects_(std::move(subjects)), boot_(std::move(boot)) {}

Owner::~Owner() = default;

std::shared_ptr<Owner::Channel> Owner::ChannelFor(const std::string& workshop_id) {
  std::lock_guard lock(mu_);
  auto& channel = channels_[workshop_id];
  if (!channel) channel = std::make_shared<Channel>(workshop_id);
  return channel;
}

void Owner::OnFromEdge(std::string_view data) {
  v1::FromEdge message;
  if (!message.ParseFromArray(data.data(), static_cast<int>(data.size())) ||
      !Subjects::IsToken(message.edge()) || hub_ == nullptr) {
    return;
  }
  const Key key{message.edge(), message.connection()};
  {
    // An edge that restarted: its earlier connections are gone.
    std::unique_lock lock(mu_);
    auto [it, inserted] = edge_boots_.try_emplace(message.edge(), message.edge_boot());
    if (!inserted && it->second != message.edge_boot()) {
      it->second = message.edge_boot();
      lock.unlock();
      Drop(message.edge());
    }
  }
  switch (message.kind_case()) {
    case v1::FromEdge::kHello: {
      if (!serves_ || held_(message.workshop_id())) return Welcome(std::move(message));
      // The lease is taken first, off libnats' delivery thread.
      offload_([this, message = std::move(message)]() mutable { Welcome(std::move(message)); });
      return;
    }
    case v1::FromEdge::kCommand:
    case v1::FromEdge::kDraftHints:
    case v1::FromEdge::kLeave: {
      Remote remote;
      {
        std::lock_guard lock(mu_);
        auto it = remotes_.find(key);
        if (it == remotes_.end()) {
          if (message.kind_case() == v1::FromEdge::kLeave) {
            // Maybe before its Hello was handled: remembered, so that it is not served then.
            if (left_early_.insert(key).second) left_early_order_.push_back(key);
            while (left_early_order_.size() > 10'000) {
              left_early_.erase(left_early_order_.front());
              left_early_order_.pop_front();
            }
            return;
          }
          // Not known here (this node restarted, or dropped the edge): the client resumes.
          remote.room = nullptr;
        } else {
          remote = it->second;
          if (message.kind_case() == v1::FromEdge::kLeave) remotes_.erase(it);
        }
      }
      if (!remote.room) {
        return Refuse(message.edge(), message.workshop_id(), message.connection(), "",
                      "", room::kCloseReadBack);
      }
      if (message.kind_case() == v1::FromEdge::kCommand) {
        remote.room->Submit(remote.subscriber, std::move(*message.mutable_command()));
      } else if (message.kind_case() == v1::FromEdge::kDraftHints) {
        remote.room->DraftHints(remote.subscriber, std::move(*message.mutable_draft_hints()));
      } else {
        remote.subscriber->channel().remotes.fetch_sub(1);
        remote.room->Leave(remote.subscriber);
      }
      return;
    }
    case v1::FromEdge::KIND_NOT_SET:
      return;
  }
}

void Owner::Welcome(v1::FromEdge message) {
  const Key key{message.edge(), message.connection()};
  v1::Hello& hello = *message.mutable_hello();
  std::shared_ptr<room::Room> room = hub_->FindForHello(hello);
  if (!room || room->workshop_id() != message.workshop_id()) {
    return Refuse(message.edge(), message.workshop_id(), message.connection(),
                  "unknown_workshop", "no workshop matches this Hello", 1008);
  }
  if (serves_ && !serves_(message.workshop_id())) {
    // Another node serves it now (its lease): the edge finds it again.
    return Refuse(message.edge(), message.workshop_id(), message.connection(), "unavailable",
                  "the workshop is served by another server now: try again",
                  room::kCloseTryAgainLater);
  }
  auto channel = ChannelFor(message.workshop_id());
  auto subscriber =
      std::make_shared<RemoteSubscriber>(*this, channel, message.edge(), message.connection());
  {
    std::lock_guard lock(mu_);
    if (left_early_.erase(key) > 0) return;  // gone before it was handled
    if (remotes_.contains(key)) return;      // said twice: the first counts
    remotes_[key] = Remote{room, subscriber};
  }
  channel->remotes.fetch_add(1);
  room->Hello(subscriber, std::move(hello));
}

void Owner::Refuse(const std::string& edge, const std::string& workshop_id, uint64_t connection,
                   const std::string& code, const std::string& message, uint16_t close_code) {
  v1::ToEdge out;
  out.set_workshop_id(workshop_id);
  out.set_owner_boot(boot_);
  v1::Directed& item = *out.add_items();
  item.add_connections(connection);
  if (!code.empty()) item.set_message(*room::ErrorFrame(code, message).bytes);
  item.set_close_code(close_code);
  item.set_close_reason(message.empty() ? "reconnect" : message);
  Publish(subjects_.Out(edge), out.SerializeAsString());
}

void Owner::Direct(Channel& channel, const std::string& edge, uint64_t connection,
                   v1::Directed item, const void* shared_bytes) {
  item.set_after_seq(std::max(item.after_seq(), channel.head));
  Channel::Batch& batch = channel.batches[edge];
  // The same frame for several connections of the edge (results): one item.
  if (shared_bytes != nullptr && batch.last_bytes == shared_bytes &&
      batch.message.items_size() > 0) {
    v1::Directed& last = *batch.message.mutable_items(batch.message.items_size() - 1);
    if (last.after_seq() == item.after_seq() && last.answers() == item.answers()) {
      last.add_connections(connection);
      return;
    }
  }
  item.add_connections(connection);
  *batch.message.add_items() = std::move(item);
  batch.last_bytes = shared_bytes;
  if (!channel.in_round) Flush(channel);
}

void Owner::Flush(Channel& channel) {
  for (auto& [edge, batch] : channel.batches) {
    if (batch.message.items_size() == 0) continue;
    // In messages under kMaxMessageBytes (NATS refuses a payload over its max_payload, 1 MiB by
    // default: 256 welcomes with their snapshots in one round would be lost): the items in
    // order, as many per message as fit.
    const std::string subject = subjects_.Out(edge);
    v1::ToEdge part;
    size_t part_bytes = 0;
    auto send = [&] {
      if (part.items_size() == 0) return;
      part.set_workshop_id(channel.workshop_id);
      part.set_owner_boot(boot_);
      Publish(subject, part.SerializeAsString());
      part.Clear();
      part_bytes = 0;
    };
    for (v1::Directed& item : *batch.message.mutable_items()) {
      const size_t bytes = item.ByteSizeLong() + 8;
      if (part_bytes + bytes > kMaxMessageBytes) send();
      part_bytes += bytes;
      *part.add_items() = std::move(item);
    }
    send();
    batch.message.Clear();
    batch.last_bytes = nullptr;
  }
}

void Owner::Publish(const std::string& subject, const std::string& bytes) {
  if (bus_.Publish(subject, bytes)) return;
  // Lost: the edges find out by their seqs (rounds) or their watchdogs (a welcome), and resume.
  if (failed_publishes_.fetch_add(1) % 1000 == 0) {
    log::Warning("cluster: a message of " + std::to_string(bytes.size()) + " bytes to " +
                 subject + " could not be sent (NATS down, or over its max_payload)");
  }
}

void Owner::RoundDurable(const std::string& workshop_id,
                         const std::vector<storage::SealedEvent>& sealed, uint64_t head_seq) {
  std::shared_ptr<Channel> channel = ChannelFor(workshop_id);
  channel->head = head_seq;
  channel->in_round = true;
  if (sealed.empty() || channel->remotes.load() == 0) return;
  // Once, for every edge; in parts under kMaxMessageBytes (the edges take events by their seqs,
  // however they come).
  const std::string subject = subjects_.Events(workshop_id);
  v1::Round round;
  size_t bytes = 0;
  for (const storage::SealedEvent& event : sealed) {
    if (bytes + event.stored().size() + 8 > kMaxMessageBytes && round.events_size() > 0) {
      round.set_owner_boot(boot_);
      Publish(subject, round.SerializeAsString());
      round.Clear();
      bytes = 0;
    }
    round.add_events(std::string(event.stored()));
    bytes += event.stored().size() + 8;
  }
  round.set_owner_boot(boot_);
  Publish(subject, round.SerializeAsString());
}

void Owner::RoundDone(const std::string& workshop_id) {
  std::shared_ptr<Channel> channel = ChannelFor(workshop_id);
  channel->in_round = false;
  Flush(*channel);
  // A workshop no edge has a connection to keeps no channel (its next round makes one again).
  channel.reset();
  std::lock_guard lock(mu_);
  auto it = channels_.find(workshop_id);
  if (it != channels_.end() && it->second.use_count() == 1 && it->second->remotes.load() == 0) {
    channels_.erase(it);
  }
}

void Owner::OnFetch(std::string_view data, std::string reply) {
  v1::FetchRequest request;
  auto answer = [this, reply](v1::FetchReply out) {
    out.set_owner_boot(boot_);
    Publish(reply, out.SerializeAsString());
  };
  if (reply.empty()) return;
  if (!request.ParseFromArray(data.data(), static_cast<int>(data.size())) || hub_ == nullptr) {
    v1::FetchReply out;
    out.set_error("bad_request");
    return answer(std::move(out));
  }
  std::shared_ptr<room::Room> room = hub_->Find(request.workshop_id());
  if (!room) {
    v1::FetchReply out;
    out.set_error("unknown_workshop");
    return answer(std::move(out));
  }
  const uint64_t after = request.head_only() ? UINT64_MAX : request.after_seq();
  room->EventsAfter(after, request.through_seq(), [answer, room](auto events) {
    v1::FetchReply out;
    if (!events) {
      out.set_error(events.error());
    } else {
      out.set_head_seq(events->head_seq);
      // The first ones, under a message's size: the edge asks again for the rest.
      size_t bytes = 0;
      for (const storage::SealedEvent& event : events->events) {
        bytes += event.stored().size() + 8;
        if (bytes > kMaxMessageBytes && out.events_size() > 0) break;
        out.add_events(std::string(event.stored()));
      }
    }
    answer(std::move(out));
  });
}

void Owner::EdgeGone(const std::string& edge) { Drop(edge); }

void Owner::DropAll() { Drop(""); }

void Owner::Drop(const std::string& edge) {
  std::vector<Remote> gone;
  {
    std::lock_guard lock(mu_);
    for (auto it = remotes_.begin(); it != remotes_.end();) {
      if (edge.empty() || it->first.first == edge) {
        gone.push_back(std::move(it->second));
        it = remotes_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (Remote& remote : gone) {
    remote.subscriber->channel().remotes.fetch_sub(1);
    remote.room->Leave(remote.subscriber);
  }
}

}  // namespace atelier::cluster
