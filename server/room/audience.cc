#include "server/room/audience.h"

#include <algorithm>
#include <optional>

#include "server/room/frames.h"
#include "server/workshop/results.h"
#include "server/workshop/views.h"

namespace atelier::room {

namespace v1 = atelier::v1;

namespace {

bool ReleasesTo(const v1::Event& event, workshop::TableId table) {
  auto has = [table](const auto& released) {
    for (const v1::PointsReleased& r : released) {
      if (r.table_id() == table) return true;
    }
    return false;
  };
  return has(event.idea_deleted().released()) || has(event.ideas_merged().released()) ||
         has(event.cluster_split().released());
}

}  // namespace

void Audience::AddJoining(std::shared_ptr<Subscriber> subscriber, v1::Actor actor,
                          uint64_t through_seq) {
  Subscriber* key = subscriber.get();
  const bool replicated = subscriber->replicated();
  joining_[key] = Member{std::move(subscriber), std::move(actor), through_seq, replicated};
}

bool Audience::Admit(Subscriber* subscriber) {
  auto it = joining_.find(subscriber);
  if (it == joining_.end()) return false;
  members_[subscriber] = std::move(it->second);
  joining_.erase(it);
  return true;
}

void Audience::Remove(Subscriber* subscriber) {
  members_.erase(subscriber);
  joining_.erase(subscriber);
}

void Audience::DropJoining() { joining_.clear(); }

const Audience::Member* Audience::Find(Subscriber* subscriber) const {
  auto it = members_.find(subscriber);
  return it == members_.end() ? nullptr : &it->second;
}

bool Audience::HasAnimateur() const {
  return Any([](const v1::Actor& a) { return a.kind() == v1::ACTOR_KIND_ANIMATEUR; });
}

bool Audience::Any(const std::function<bool(const v1::Actor&)>& pred) const {
  return std::any_of(members_.begin(), members_.end(),
                     [&](const auto& m) { return pred(m.second.actor); });
}

size_t Audience::Broadcast(const v1::Event& event) {
  // Each audience's view is built and serialized the first time one of its connections needs
  // it, then shared by all of them.
  const workshop::EventRouting route = workshop::RouteOf(event);
  struct Piece {
    bool built = false;
    std::optional<Frame> frame;  // empty: this audience gets nothing
  };
  Piece animateur, author, others, observers;
  auto piece = [&](Piece& cache, workshop::Audience audience) -> const std::optional<Frame>& {
    if (!cache.built) {
      cache.built = true;
      if (auto view = workshop::ViewForAudience(event, audience, route.author_table_id)) {
        cache.frame = EventFrame(*view);
      }
    }
    return cache.frame;
  };
  size_t deliveries = 0;
  for (auto& [key, member] : members_) {
    if (member.through_seq >= event.seq() || member.replicated) continue;
    const v1::Actor& actor = member.actor;
    std::optional<Frame> frame;
    switch (actor.kind()) {
      case v1::ACTOR_KIND_ANIMATEUR:
        frame = piece(animateur, workshop::Audience::kAnimateur);
        break;
      case v1::ACTOR_KIND_OBSERVER:
        frame = piece(observers, workshop::Audience::kObservers);
        break;
      case v1::ACTOR_KIND_TABLE:
      case v1::ACTOR_KIND_SEAT:
        if (route.per_seat && actor.kind() == v1::ACTOR_KIND_SEAT &&
            ReleasesTo(event, actor.table_id())) {
          // Points of seats' ballots handed back: this seat sees its own entries only (rare:
          // a merge, split or deletion during a vote where seats vote).
          if (auto view = workshop::ViewEvent(event, actor)) frame = EventFrame(*view);
        } else if (route.author_table_id != 0 && actor.table_id() == route.author_table_id) {
          const bool other_seat = route.only_seat_id != 0 &&
                                  actor.kind() == v1::ACTOR_KIND_SEAT &&
                                  actor.seat_id() != route.only_seat_id;
          if (!other_seat) frame = piece(author, workshop::Audience::kAuthorTable);
        } else if (route.per_table && ReleasesTo(event, actor.table_id())) {
          if (auto view = workshop::ViewEvent(event, actor)) frame = EventFrame(*view);
        } else {
          frame = piece(others, workshop::Audience::kOtherTables);
        }
        break;
      default:
        break;
    }
    if (!frame) continue;
    member.through_seq = event.seq();
    member.subscriber->Deliver(*frame);
    ++deliveries;
  }
  return deliveries;
}

void Audience::DeliverResults(const workshop::WorkshopState& state, const v1::Results& results) {
  std::optional<Frame> full, points;
  for (auto& [key, member] : members_) {
    if (workshop::MaySeeResults(state, member.actor)) {
      if (!full) {
        v1::ServerMessage message;
        *message.mutable_results() = results;
        full = MessageFrame(message);
      }
      member.subscriber->Deliver(*full);
    } else if (workshop::MaySeePoints(state, member.actor)) {
      if (!points) {
        v1::ServerMessage message;
        *message.mutable_results() = workshop::PointsOnly(results);
        points = MessageFrame(message);
      }
      member.subscriber->Deliver(*points);
    }
  }
}

void Audience::SendToAnimateurs(const Frame& frame) {
  for (auto& [key, member] : members_) {
    if (member.actor.kind() == v1::ACTOR_KIND_ANIMATEUR) member.subscriber->Deliver(frame);
  }
}

void Audience::CloseAll(uint16_t code, const std::string& reason) {
  for (auto& [key, member] : members_) member.subscriber->Disconnect(code, reason);
  for (auto& [key, member] : joining_) member.subscriber->Disconnect(code, reason);
  members_.clear();
  joining_.clear();
}

void Audience::CloseAll(const Frame& last, uint16_t code, const std::string& reason) {
  for (auto& [key, member] : members_) member.subscriber->Deliver(last);
  for (auto& [key, member] : joining_) member.subscriber->Deliver(last);
  CloseAll(code, reason);
}

}  // namespace atelier::room
