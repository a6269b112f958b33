#include "server/engine/hello_auth.h"

#include <openssl/crypto.h>

#include "server/engine/secrets.h"
#include "server/workshop/actor.h"

namespace atelier::engine {

namespace v1 = atelier::v1;

namespace {

using workshop::MakeActor;

HelloVerdict Refused(std::string code, std::string message) {
  HelloVerdict verdict;
  verdict.code = std::move(code);
  verdict.message = std::move(message);
  return verdict;
}

HelloVerdict Welcome(v1::Actor actor) {
  HelloVerdict verdict;
  verdict.kind = HelloVerdict::Kind::kWelcome;
  verdict.actor = std::move(actor);
  return verdict;
}

}  // namespace

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool IsAnimateurToken(const workshop::WorkshopState& state, std::string_view token) {
  return !token.empty() && TokenMatches(token, state.access.animateur_token_sha256());
}

bool IsObserverCode(const workshop::WorkshopState& state, std::string_view code) {
  return SameSecret(code, state.access.observer_code());
}

std::string JoinErrorCode(v1::RejectionReason reason) {
  switch (reason) {
    case v1::REJECTION_REASON_TABLE_TAKEN:
      return "table_taken";
    case v1::REJECTION_REASON_SEAT_TAKEN:
      return "seat_taken";
    case v1::REJECTION_REASON_TABLES_FULL:
      return "tables_full";
    case v1::REJECTION_REASON_PHASE_NOT_IN_WORKSHOP:
      return "no_seats";  // a phone asked for a seat in a workshop without scoring
    case v1::REJECTION_REASON_PROFILE_REQUIRED:
      return "profile_required";  // the workshop has profiles: the Hello names none
    case v1::REJECTION_REASON_UNKNOWN_PROFILE:
      return "unknown_profile";
    default:
      return "bad_hello";
  }
}

HelloVerdict AuthenticateHello(const workshop::WorkshopState& state, const v1::Hello& h) {
  if (!state.created) return Refused("unknown_workshop", "no such workshop");
  if (!h.animateur_token().empty()) {
    if (!TokenMatches(h.animateur_token(), state.access.animateur_token_sha256())) {
      return Refused("bad_token", "this animateur link is not valid");
    }
    return Welcome(MakeActor(v1::ACTOR_KIND_ANIMATEUR));
  }
  if (!h.table_token().empty()) {
    const std::string hash = TokenHash(h.table_token());
    uint32_t found = 0;
    for (const auto& [id, table] : state.tables) {
      if (SameSecret(hash, table.token_sha256)) found = id;
    }
    if (found == 0) return Refused("bad_token", "this table's token is not valid");
    return Welcome(MakeActor(v1::ACTOR_KIND_TABLE, found));
  }
  if (!h.seat_token().empty()) {
    const std::string hash = TokenHash(h.seat_token());
    const workshop::Seat* found = nullptr;
    for (const auto& [id, seat] : state.seats) {
      if (SameSecret(hash, seat.token_sha256)) found = &seat;
    }
    if (found == nullptr) return Refused("bad_token", "this seat's token is not valid");
    return Welcome(MakeActor(v1::ACTOR_KIND_SEAT, found->table_id, found->id));
  }
  if (!h.observer_code().empty()) {
    if (!SameSecret(h.observer_code(), state.access.observer_code())) {
      return Refused("bad_token", "this observer link is not valid");
    }
    return Welcome(MakeActor(v1::ACTOR_KIND_OBSERVER));
  }
  if (!h.join_code().empty()) {
    if (!SameSecret(h.join_code(), state.access.join_code())) {
      return Refused("unknown_workshop", "no workshop has this code");
    }
    HelloVerdict verdict;
    verdict.kind = HelloVerdict::Kind::kJoin;
    verdict.context.via_join_code = true;
    if (h.seat_number() > 0) {
      verdict.join.mutable_join_seat()->set_table_id(h.table_id());
      verdict.join.mutable_join_seat()->set_seat_number(h.seat_number());
      verdict.join.mutable_join_seat()->set_profile_id(h.profile_id());
      verdict.context.actor = MakeActor(v1::ACTOR_KIND_SEAT, h.table_id());
    } else {
      verdict.join.mutable_join_table()->set_table_id(h.table_id());
      verdict.join.mutable_join_table()->set_name(h.table_name());
      verdict.join.mutable_join_table()->set_profile_id(h.profile_id());
      verdict.context.actor = MakeActor(v1::ACTOR_KIND_TABLE);
    }
    return verdict;
  }
  return Refused("bad_hello", "say who you are: a code, a token or a link");
}

}  // namespace atelier::engine
