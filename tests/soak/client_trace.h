// What one client of the kill -9 soak sent and saw, kept so that it can be checked against the
// event log once the server is dead: every command it sent (exactly, so that a retry is the
// same command with the same id) with its latest answer, and every event it received.
//
// A plain value; SoakClient fills it, LogAudit reads it. Thread-compatible.
#ifndef ATELIER_TESTS_SOAK_CLIENT_TRACE_H_
#define ATELIER_TESTS_SOAK_CLIENT_TRACE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "atelier/v1/commands.pb.h"
#include "atelier/v1/events.pb.h"
#include "atelier/v1/rejection.pb.h"
#include "atelier/v1/workshop.pb.h"

namespace atelier::soak {

namespace v1 = ::atelier::v1;

// A message on one line, its strings in UTF-8 (French texts stay readable), cut at 300 bytes:
// for the problems a soak reports.
std::string Text(const google::protobuf::Message& message);

// Who an event or a command is from, as the server authenticated it: the CLI's DescribeActor
// ("animateur", "table 3", "seat 7 (table 2)", ...), unique per actor in a workshop.
std::string ActorName(const v1::Actor& actor);

struct CommandRecord {
  enum class State { kInFlight, kAccepted, kRejected };

  v1::Command command;  // with its command id, as sent
  State state = State::kInFlight;
  uint64_t seq = 0;  // kAccepted: the seq of the first answer that accepted it
  v1::RejectionReason reason = v1::REJECTION_REASON_UNSPECIFIED;  // kRejected
  int cycle = 0;            // the cycle it was first sent in (0: set-up)
  int kills_in_flight = 0;  // the kills it was sent and unanswered at
  bool applied_before_answer = false;  // found in the log after a kill, before any answer
};

// One event as this client received it (a redacted view: some fields may be cleared).
struct SeenEvent {
  uint64_t seq = 0;
  v1::Event::PayloadCase kind = v1::Event::PAYLOAD_NOT_SET;
  std::string command_id;  // empty when the view hides it
  std::string hash;        // empty when the view hides it
};

struct ClientTrace {
  std::string name;  // for messages: "W1 table 2"
  std::string workshop_id;
  v1::Actor actor;
  bool sees_every_event = false;  // the animateur: seqs must be contiguous

  std::map<std::string, CommandRecord> commands;  // by command id
  std::vector<std::string> sent_order;            // command ids, first sends only

  std::vector<SeenEvent> seen;  // in the order received; seqs strictly increasing
  // Every event up to this seq came in a Welcome snapshot (the first, or a resume that was too
  // far behind): the client need not have received those one by one.
  uint64_t snapshot_seq = 0;
  uint64_t through_seq = 0;  // the client has seen (or been told it may skip) everything up to here
};

}  // namespace atelier::soak

#endif  // ATELIER_TESTS_SOAK_CLIENT_TRACE_H_
