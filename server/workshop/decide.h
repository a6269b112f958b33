// The workshop's rules: decides whether a command is accepted, and if so, which event it becomes.
//
// Decide is a pure function of (state, command, context): no I/O, no clock, no randomness; what
// the server knows that the command does not (the time, the actor, freshly minted secrets) comes
// in the context. One accepted command becomes exactly one event, so an acknowledgement names one
// sequence number and a retried command maps back to it.
//
// Every rejection carries a reason code and the details a tablet needs to explain it in plain
// French (points left, the cap, the cluster that makes an idea one's own, the phase needed...).
// Checks run in this order: workshop exists, actor's role, phase, then the command's arguments.
//
// Thread-compatible: callers serialize access to one workshop's state.
#ifndef ATELIER_SERVER_WORKSHOP_DECIDE_H_
#define ATELIER_SERVER_WORKSHOP_DECIDE_H_

#include <cstdint>
#include <expected>
#include <optional>
#include <string>

#include "atelier/v1/commands.pb.h"
#include "atelier/v1/events.pb.h"
#include "atelier/v1/rejection.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

struct CommandContext {
  v1::Actor actor = {};
  int64_t now_ms = 0;  // server time
  // JoinTable, JoinSeat: SHA-256 of the token the server hands to the new table or seat.
  std::string new_token_sha256 = {};
  // CreateWorkshop: the workshop's id and access codes, chosen by the server.
  std::string workshop_id = {};
  v1::WorkshopAccess access = {};
  // JoinTable, and JoinSeat for a personal phone: the server let a newcomer in with the
  // workshop's join code (a Hello). Only such a join creates a table; a connected client never
  // can.
  bool via_join_code = false;
};

using Decision = std::expected<v1::Event, v1::Rejection>;

// The event has every envelope field set (workshop id, seq = state.seq + 1, server time, actor,
// command id, prev_hash = state.last_hash) except `hash`, which sealing the event computes.
Decision Decide(const WorkshopState& state, const v1::Command& command,
                const CommandContext& context);

// The seq of the event an earlier command with this id from this actor became, if any. The
// caller answers a retry with it instead of deciding again.
std::optional<uint64_t> FindApplied(const WorkshopState& state, const v1::Actor& actor,
                                    const std::string& command_id);
// The same with the fingerprint of that earlier command (Event.command_fingerprint), so that a
// caller can tell a retry from another command reusing the id.
std::optional<AppliedCommands::Applied> FindAppliedCommand(const WorkshopState& state,
                                                           const v1::Actor& actor,
                                                           const std::string& command_id);

// The agenda's step after the current one, if any (the timer's automatic close moves there).
const v1::Step* NextStep(const WorkshopState& state);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_DECIDE_H_
