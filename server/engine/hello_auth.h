// Who a connection is, from its Hello and the workshop's state: the one place where the server
// compares a client's secrets (tokens, codes) with the workshop's.
//
// A pure function of (state, hello): no I/O, no clock, no randomness. A Hello that asks to join
// (the join code, with no token) comes back as the join command to run (JoinTable, or JoinSeat
// for a personal phone) with its context; the caller mints the new token, puts its hash in the
// context, runs the command through the pipeline and welcomes the new table or seat.
//
// Secrets are compared in time independent of where they differ; tokens are compared by their
// SHA-256 (secrets.h), codes as typed.
#ifndef ATELIER_SERVER_ENGINE_HELLO_AUTH_H_
#define ATELIER_SERVER_ENGINE_HELLO_AUTH_H_

#include <string>

#include "atelier/v1/commands.pb.h"
#include "atelier/v1/rejection.pb.h"
#include "atelier/v1/wire.pb.h"
#include "server/workshop/decide.h"
#include "server/workshop/state.h"

namespace atelier::engine {

struct HelloVerdict {
  enum class Kind {
    kWelcome,  // `actor` is who the connection is
    kJoin,     // run `join` with `context` (the caller adds the new token's hash)
    kRefused,  // `code` (ErrorMessage.code: "unknown_workshop", "bad_token", "bad_hello") and
               // `message`
  };
  Kind kind = Kind::kRefused;
  atelier::v1::Actor actor;
  atelier::v1::Command join;
  workshop::CommandContext context;
  std::string code;
  std::string message;
};

HelloVerdict AuthenticateHello(const workshop::WorkshopState& state,
                               const atelier::v1::Hello& hello);

// The ErrorMessage code for a join the rules refused: "table_taken", "seat_taken",
// "tables_full", "no_seats" (a seat in a workshop without scoring), "profile_required" (the
// workshop has profiles and the Hello names none), "unknown_profile", else "bad_hello".
std::string JoinErrorCode(atelier::v1::RejectionReason reason);

// Whether two secrets are equal, in time independent of where they differ. Empty never matches.
bool SameSecret(std::string_view a, std::string_view b);

// Whether `token` is the workshop's animateur token (the console's secret).
bool IsAnimateurToken(const workshop::WorkshopState& state, std::string_view token);
// Whether `code` is the workshop's observer code.
bool IsObserverCode(const workshop::WorkshopState& state, std::string_view code);

}  // namespace atelier::engine

#endif  // ATELIER_SERVER_ENGINE_HELLO_AUTH_H_
