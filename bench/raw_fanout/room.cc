#include "bench/raw_fanout/room.h"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "bench/raw_fanout/websocket_session.h"

namespace atelier::bench {

namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool IsJoinCode(std::string_view code) {
  return code.size() == 6 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "t<n>" with n >= 1: the table id, or 0.
uint32_t TableFromToken(std::string_view token) {
  uint32_t id = 0;
  if (token.size() < 2 || token[0] != 't' || token[1] == '0') return 0;
  auto [end, ec] = std::from_chars(token.data() + 1, token.data() + token.size(), id);
  return ec == std::errc() && end == token.data() + token.size() ? id : 0;
}

std::shared_ptr<const Outgoing> Encode(const v1::ServerMessage& message) {
  return std::make_shared<const Outgoing>(Outgoing{message.SerializeAsString(), {}, 0});
}

}  // namespace

Room::Room(std::string_view join_code) : workshop_id_("room-" + std::string(join_code)) {}

void Room::Hello(WebSocketSession& session, const v1::Hello& hello) {
  v1::Actor& role = session.role();
  if (!hello.join_code().empty()) {
    role.set_kind(v1::ACTOR_KIND_TABLE);
    role.set_table_id(next_table_id_++);
    SendWelcome(session, true, "t" + std::to_string(role.table_id()));
  } else if (!hello.observer_code().empty()) {
    role.set_kind(v1::ACTOR_KIND_OBSERVER);
    SendWelcome(session, true, "");
  } else {
    role.set_kind(v1::ACTOR_KIND_TABLE);
    role.set_table_id(TableFromToken(hello.table_token()));
    const uint64_t last_seq = hello.last_seq();
    if (last_seq > seq_ || seq_ - last_seq > ring_.size()) {
      SendWelcome(session, true, "");  // too far behind the ring (or ahead of us): start afresh
    } else {
      SendWelcome(session, false, "");
      v1::ServerMessage message;
      v1::EventBatch& batch = *message.mutable_events();
      for (size_t i = ring_.size() - (seq_ - last_seq); i < ring_.size(); ++i) {
        batch.add_events()->ParseFromString(ring_[i]);
      }
      batch.set_through_seq(seq_);
      session.Send(Encode(message));
    }
  }
  // One thread: nothing is broadcast between the catch-up above and joining, so the session
  // misses no event and gets none twice.
  members_.insert(&session);
}

void Room::SendWelcome(WebSocketSession& session, bool with_snapshot, std::string token) {
  v1::ServerMessage message;
  v1::Welcome& welcome = *message.mutable_welcome();
  *welcome.mutable_role() = session.role();
  welcome.set_workshop_id(workshop_id_);
  welcome.set_token(std::move(token));
  welcome.set_server_time_ms(NowMs());
  if (with_snapshot) {
    welcome.mutable_snapshot()->set_workshop_id(workshop_id_);
    welcome.mutable_snapshot()->set_seq(seq_);
  }
  session.Send(Encode(message));
}

void Room::Submit(WebSocketSession& session, const v1::Command& command) {
  v1::ServerMessage reply;
  const v1::Actor& actor = session.role();
  if (actor.kind() != v1::ACTOR_KIND_TABLE || !command.has_post_idea()) {
    reply.mutable_rejected()->set_command_id(command.command_id());
    reply.mutable_rejected()->mutable_rejection()->set_reason(
        actor.kind() == v1::ACTOR_KIND_TABLE ? v1::REJECTION_REASON_INVALID_COMMAND
                                             : v1::REJECTION_REASON_FORBIDDEN_ROLE);
    return session.Send(Encode(reply));
  }
  ++seq_;
  v1::Event event;
  event.set_workshop_id(workshop_id_);
  event.set_seq(seq_);
  event.set_server_time_ms(NowMs());
  *event.mutable_actor() = actor;
  event.set_command_id(command.command_id());
  v1::PostedIdea& idea = *event.mutable_idea_posted()->mutable_idea();
  idea.set_idea_id(static_cast<uint32_t>(seq_));
  idea.set_table_id(actor.table_id());
  idea.set_text(command.post_idea().text());

  // The one serialization per event; every delivery shares these bytes. The frame,
  // ServerMessage{events: EventBatch{events: [event], through_seq: seq}}, is the wire encoding
  // protobuf would produce, put together around the Event's bytes.
  std::string event_bytes = event.SerializeAsString();
  auto out = std::make_shared<Outgoing>();
  out->seq = seq_;
  out->event_field.push_back('\x0a');  // EventBatch.events = 1, length-delimited
  AppendVarint(out->event_field, event_bytes.size());
  out->event_field += event_bytes;
  std::string batch = out->event_field;
  batch.push_back('\x10');  // EventBatch.through_seq = 2, varint
  AppendVarint(batch, seq_);
  out->frame.push_back('\x12');  // ServerMessage.events = 2, length-delimited
  AppendVarint(out->frame, batch.size());
  out->frame += batch;
  const std::shared_ptr<const Outgoing> frame = std::move(out);

  ring_.push_back(std::move(event_bytes));
  if (ring_.size() > kRingSize) ring_.pop_front();

  // Send never leaves the room on the spot (a slow member is only marked as closing, and leaves
  // once closed), so members_ does not change under this loop.
  for (WebSocketSession* member : members_) member->Send(frame);

  reply.mutable_accepted()->set_command_id(command.command_id());
  reply.mutable_accepted()->set_seq(seq_);
  session.Send(Encode(reply));
}

Room* Rooms::ForHello(const v1::Hello& hello) {
  if (!hello.join_code().empty()) {
    return IsJoinCode(hello.join_code()) && hello.table_id() == 0 ? &Get(hello.join_code())
                                                                  : nullptr;
  }
  if (!hello.observer_code().empty()) {
    return IsJoinCode(hello.observer_code()) ? &Get(hello.observer_code()) : nullptr;
  }
  std::string_view workshop_id = hello.workshop_id();
  if (!workshop_id.starts_with("room-") || TableFromToken(hello.table_token()) == 0) return nullptr;
  workshop_id.remove_prefix(5);
  return IsJoinCode(workshop_id) ? &Get(workshop_id) : nullptr;
}

Room& Rooms::Get(std::string_view join_code) {
  auto it = rooms_.find(join_code);
  if (it == rooms_.end()) {
    it = rooms_.emplace(std::string(join_code), std::make_unique<Room>(join_code)).first;
  }
  return *it->second;
}

}  // namespace atelier::bench
