// Room: authenticating a connection's Hello, and joins that become events.
#include "server/engine/secrets.h"
#include "server/room/room.h"
#include "server/room/room_member.h"
#include "server/room/room_support.h"

namespace atelier::room {

namespace v1 = atelier::v1;

namespace {

// The connection-level error code for a join the rules refused.
std::string JoinErrorCode(v1::RejectionReason reason) {
  switch (reason) {
    case v1::REJECTION_REASON_TABLE_TAKEN:
      return "table_taken";
    case v1::REJECTION_REASON_SEAT_TAKEN:
      return "seat_taken";
    case v1::REJECTION_REASON_TABLES_FULL:
      return "tables_full";
    default:
      return "bad_hello";
  }
}

}  // namespace

void Room::Handle(HelloOp& op) {
  const v1::Hello& h = op.hello;
  std::string token;
  v1::Actor actor;
  if (!state_.created) return RejectHello(op.subscriber, "unknown_workshop", "no such workshop");
  if (!h.animateur_token().empty()) {
    if (!engine::TokenMatches(h.animateur_token(), state_.access.animateur_token_sha256())) {
      return RejectHello(op.subscriber, "bad_token", "this animateur link is not valid");
    }
    actor = MakeActor(v1::ACTOR_KIND_ANIMATEUR);
  } else if (!h.table_token().empty()) {
    const std::string hash = engine::TokenHash(h.table_token());
    for (const auto& [id, table] : state_.tables) {
      if (SameSecret(hash, table.token_sha256)) actor = MakeActor(v1::ACTOR_KIND_TABLE, id);
    }
    if (actor.kind() == v1::ACTOR_KIND_UNSPECIFIED) {
      return RejectHello(op.subscriber, "bad_token", "this table's token is not valid");
    }
  } else if (!h.seat_token().empty()) {
    const std::string hash = engine::TokenHash(h.seat_token());
    for (const auto& [id, seat] : state_.seats) {
      if (SameSecret(hash, seat.token_sha256))
        actor = MakeActor(v1::ACTOR_KIND_SEAT, seat.table_id, id);
    }
    if (actor.kind() == v1::ACTOR_KIND_UNSPECIFIED) {
      return RejectHello(op.subscriber, "bad_token", "this seat's token is not valid");
    }
  } else if (!h.observer_code().empty()) {
    if (!SameSecret(h.observer_code(), state_.access.observer_code())) {
      return RejectHello(op.subscriber, "bad_token", "this observer link is not valid");
    }
    actor = MakeActor(v1::ACTOR_KIND_OBSERVER);
  } else if (!h.join_code().empty()) {
    if (!SameSecret(h.join_code(), state_.access.join_code())) {
      return RejectHello(op.subscriber, "unknown_workshop", "no workshop has this code");
    }
    token = engine::NewToken();
    workshop::CommandContext context;
    context.new_token_sha256 = engine::TokenHash(token);
    v1::Command join;
    if (h.seat_number() > 0) {
      join.mutable_join_seat()->set_table_id(h.table_id());
      join.mutable_join_seat()->set_seat_number(h.seat_number());
      context.actor = MakeActor(v1::ACTOR_KIND_SEAT, h.table_id());
    } else {
      join.mutable_join_table()->set_table_id(h.table_id());
      join.mutable_join_table()->set_name(h.table_name());
      context.actor = MakeActor(v1::ACTOR_KIND_TABLE);
    }
    Executed joined = Execute(join, context);
    if (!joined) {
      return RejectHello(op.subscriber, JoinErrorCode(joined.error().reason()),
                         joined.error().message());
    }
    const v1::Event& event = **joined;
    if (event.has_seat_joined()) {
      actor = MakeActor(v1::ACTOR_KIND_SEAT, event.seat_joined().table_id(),
                        event.seat_joined().seat_id());
    } else {
      actor = MakeActor(v1::ACTOR_KIND_TABLE, event.table_joined().table_id());
    }
  } else {
    return RejectHello(op.subscriber, "bad_hello", "say who you are: a code, a token or a link");
  }
  outputs_.push_back(Welcome(op.subscriber, actor, h.last_seq(), token));
}

}  // namespace atelier::room
