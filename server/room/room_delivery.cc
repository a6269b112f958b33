// Room: what goes out. Welcomes and resumes, the broadcast of events per audience, results.
#include <google/protobuf/io/coded_stream.h>

#include <chrono>

#include "server/room/room.h"
#include "server/room/room_member.h"
#include "server/room/room_support.h"
#include "server/workshop/results.h"
#include "server/workshop/views.h"

namespace atelier::room {

namespace v1 = atelier::v1;

namespace {

// An Event encoded as field 1 (length-delimited) of EventBatch.
std::shared_ptr<const std::string> EventPiece(const v1::Event& event) {
  using google::protobuf::io::CodedOutputStream;
  const size_t size = event.ByteSizeLong();
  auto piece = std::make_shared<std::string>(1 + CodedOutputStream::VarintSize64(size), '\x0a');
  CodedOutputStream::WriteVarint64ToArray(size, reinterpret_cast<uint8_t*>(piece->data() + 1));
  piece->reserve(piece->size() + size);
  event.AppendToString(piece.get());
  return piece;
}

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

Frame Room::MessageFrame(const v1::ServerMessage& message) {
  return Frame{Frame::Kind::kMessage,
               std::make_shared<const std::string>(message.SerializeAsString()), 0};
}

Room::Output Room::Welcome(const std::shared_ptr<Subscriber>& subscriber, const v1::Actor& actor,
                           uint64_t last_seq, const std::string& token) {
  v1::ServerMessage message;
  v1::Welcome& welcome = *message.mutable_welcome();
  *welcome.mutable_role() = actor;
  welcome.set_workshop_id(state_.workshop_id);
  welcome.set_token(token);
  welcome.set_server_time_ms(NowMs());

  std::vector<Frame> missed;
  const bool can_resume =
      last_seq > 0 && last_seq <= state_.seq &&
      (last_seq == state_.seq || (!recent_.empty() && recent_.front().seq() <= last_seq + 1));
  size_t missed_bytes = 0;
  if (can_resume) {
    v1::Event event;
    for (const storage::SealedEvent& recent : recent_) {
      if (recent.seq() <= last_seq) continue;
      const std::string_view bytes = recent.event_bytes();
      if (!event.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) continue;
      event.set_hash(std::string(recent.hash()));
      if (auto view = workshop::ViewEvent(event, actor)) {
        missed.push_back(Frame{Frame::Kind::kEvent, EventPiece(*view), event.seq()});
        missed_bytes += missed.back().bytes->size();
        if (missed_bytes > options_.resume_max_bytes) break;
      }
    }
  }
  if (!can_resume || missed_bytes > options_.resume_max_bytes) {
    missed.clear();
    *welcome.mutable_snapshot() = workshop::ViewState(state_, actor);
  }
  if (workshop::MaySeeResults(state_, actor)) {
    *welcome.mutable_results() = workshop::ComputeResults(state_);
  } else if (workshop::MaySeePoints(state_, actor)) {
    *welcome.mutable_results() = workshop::PointsOnly(workshop::ComputeResults(state_));
  }
  // A member from when its welcome goes out (rounds still in flight before this one broadcast
  // events its snapshot already holds, and results it has no welcome for yet).
  joining_[subscriber.get()] = std::make_unique<Member>(Member{subscriber, actor, state_.seq});
  return [this, subscriber, frame = MessageFrame(message), missed = std::move(missed)] {
    auto it = joining_.find(subscriber.get());
    if (it == joining_.end()) return;  // it left before
    members_[subscriber.get()] = std::move(it->second);
    joining_.erase(it);
    subscriber->Deliver(frame);
    for (const Frame& event : missed) subscriber->Deliver(event);
  };
}

void Room::RejectHello(const std::shared_ptr<Subscriber>& subscriber, std::string code,
                       std::string text) {
  v1::ServerMessage message;
  message.mutable_error()->set_code(std::move(code));
  message.mutable_error()->set_message(text);
  outputs_.push_back([subscriber, frame = MessageFrame(message), text] {
    subscriber->Deliver(frame);
    subscriber->Disconnect(1008, text);
  });
}

void Room::Broadcast(const v1::Event& event) {
  // Each audience's view is built and serialized the first time one of its connections needs
  // it, then shared by all of them.
  const workshop::EventRouting route = workshop::RouteOf(event);
  struct Piece {
    bool built = false;
    std::shared_ptr<const std::string> bytes;  // null: this audience gets nothing
  };
  Piece animateur, author, others, observers;
  auto piece = [&](Piece& cache, workshop::Audience audience) {
    if (!cache.built) {
      cache.built = true;
      if (auto view = workshop::ViewForAudience(event, audience, route.author_table_id)) {
        cache.bytes = EventPiece(*view);
      }
    }
    return cache.bytes;
  };
  size_t deliveries = 0;
  for (auto& [key, member] : members_) {
    if (member->through_seq >= event.seq()) continue;
    const v1::Actor& actor = member->actor;
    std::shared_ptr<const std::string> bytes;
    switch (actor.kind()) {
      case v1::ACTOR_KIND_ANIMATEUR:
        bytes = piece(animateur, workshop::Audience::kAnimateur);
        break;
      case v1::ACTOR_KIND_OBSERVER:
        bytes = piece(observers, workshop::Audience::kObservers);
        break;
      case v1::ACTOR_KIND_TABLE:
      case v1::ACTOR_KIND_SEAT:
        if (route.author_table_id != 0 && actor.table_id() == route.author_table_id) {
          bool other_seat = route.only_seat_id != 0 && actor.kind() == v1::ACTOR_KIND_SEAT &&
                            actor.seat_id() != route.only_seat_id;
          if (!other_seat) bytes = piece(author, workshop::Audience::kAuthorTable);
        } else if (route.per_table && ReleasesTo(event, actor.table_id())) {
          if (auto view = workshop::ViewEvent(event, actor)) bytes = EventPiece(*view);
        } else {
          bytes = piece(others, workshop::Audience::kOtherTables);
        }
        break;
      default:
        break;
    }
    if (!bytes) continue;
    member->through_seq = event.seq();
    member->subscriber->Deliver(Frame{Frame::Kind::kEvent, bytes, event.seq()});
    ++deliveries;
  }
  observer_.OnDeliveries(deliveries, 0);
}

void Room::DeliverResults(const v1::Results& results) {
  std::optional<Frame> full, points;
  for (auto& [key, member] : members_) {
    if (workshop::MaySeeResults(state_, member->actor)) {
      if (!full) {
        v1::ServerMessage message;
        *message.mutable_results() = results;
        full = MessageFrame(message);
      }
      member->subscriber->Deliver(*full);
    } else if (workshop::MaySeePoints(state_, member->actor)) {
      if (!points) {
        v1::ServerMessage message;
        *message.mutable_results() = workshop::PointsOnly(results);
        points = MessageFrame(message);
      }
      member->subscriber->Deliver(*points);
    }
  }
}

void Room::CloseAll(uint16_t code, const std::string& reason) {
  for (auto& [key, member] : members_) member->subscriber->Disconnect(code, reason);
  for (auto& [key, member] : joining_) member->subscriber->Disconnect(code, reason);
  members_.clear();
  joining_.clear();
}

}  // namespace atelier::room
