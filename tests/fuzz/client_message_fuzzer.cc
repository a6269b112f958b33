// client_message_fuzzer: what any client may send, against workshops in every phase.
//
// The input picks a prepared workshop (prepared_workshops.h: both templates, every phase, with
// tables, seats, ideas, clusters, points and scores) and gives a sequence of (actor,
// ClientMessage) steps (command_stream.h). Each Command runs through the server's pipeline,
// find-applied -> decide -> seal -> apply (one_command.h), as that actor: the animateur, an
// observer, the server's timer, a joining tablet, any table or seat (joined or not), a joining
// phone. Hello and DraftHintsRequest are the room's and are skipped.
//
// Checked at every step:
// - a rejection names its reason and says why; a retried command id maps to its event;
// - an accepted event folds, is the next seq, and its sealed form verifies in the chain
//   (ChainVerifier fed every sealed event from the prepared workshop's head);
// - the rules hold (workshop_invariants.h): budgets, caps, no self-vote (through clusters too)
//   unless allowed, clusters consistent, scores in range, running totals equal RecomputeTotals;
// - authorization: a table's or a seat's command changes nothing of another table or seat;
// - ComputeResults equals the results of a replica that folds each event as a restart reads it
//   back from the log (the stored bytes parsed, the stored hash set).
// At the end, the whole log (the prepared workshop's events, then the accepted ones) folded
// from scratch gives the same results and a state equal to the live one, field by field.
#include <google/protobuf/util/message_differencer.h>

#include <string>
#include <string_view>
#include <vector>

#include "atelier/v1/wire.pb.h"
#include "server/workshop/apply.h"
#include "server/workshop/results.h"
#include "storage/hash_chain.h"
#include "tests/fuzz/command_stream.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_targets.h"
#include "tests/fuzz/one_command.h"
#include "tests/fuzz/prepared_workshops.h"
#include "tests/workshop/workshop_invariants.h"
#include "tests/workshop/test_support.h"

namespace atelier::fuzz {

using workshop::testing::CheckInvariants;
using workshop::testing::CheckOnlyOwnStateChanged;
namespace {

namespace v1 = ::atelier::v1;
using workshop::WorkshopState;

std::string Short(const google::protobuf::Message& message) {
  std::string text = message.ShortDebugString();
  if (text.size() > 400) text = text.substr(0, 400) + "...";
  return text;
}

// The log (the prepared events, then the accepted ones) folded from scratch, or why it does not
// fold.
std::expected<WorkshopState, std::string> Fold(const std::vector<v1::Event>& prepared,
                                               const std::vector<v1::Event>& accepted) {
  WorkshopState state;
  for (const auto* log : {&prepared, &accepted}) {
    for (const v1::Event& event : *log) {
      if (auto applied = workshop::Apply(state, event); !applied) {
        return std::unexpected("event " + std::to_string(event.seq()) + ": " + applied.error());
      }
    }
  }
  return state;
}

// Event `seq` of the log (the prepared events, then the accepted ones), if there is one.
const v1::Event* EventAt(const std::vector<v1::Event>& prepared,
                         const std::vector<v1::Event>& accepted, uint64_t seq) {
  if (seq == 0) return nullptr;
  if (seq <= prepared.size()) return &prepared[seq - 1];
  if (seq - prepared.size() <= accepted.size()) return &accepted[seq - prepared.size() - 1];
  return nullptr;
}

}  // namespace

std::string CheckClientMessages(std::string_view input) {
  const CommandStream stream = ParseCommandStream(input);
  const std::vector<PreparedWorkshop>& prepared = PreparedWorkshops();
  const PreparedWorkshop& start = prepared[stream.workshop % prepared.size()];
  WorkshopState state = start.state;
  WorkshopState replica = start.state;
  std::vector<v1::Event> accepted;
  storage::ChainVerifier chain(state.workshop_id, state.seq, state.last_hash);
  int64_t now_ms = state.last_time_ms;
  int index = 0;
  for (const Step& step : stream.steps) {
    ++index;
    v1::ClientMessage message;
    if (!message.ParseFromArray(step.message.data(), static_cast<int>(step.message.size())) ||
        !message.has_command()) {
      continue;
    }
    const v1::Command& command = message.command();
    workshop::CommandContext context;
    context.actor = ActorFor(step.actor, state);
    now_ms += 1000;
    context.now_ms = now_ms;
    context.new_token_sha256 = std::string(32, static_cast<char>('a' + index % 26));
    context.workshop_id = "w-fuzz";
    context.access.set_join_code("654321");
    // A tablet or phone without an id yet is a newcomer the server let in with the join code:
    // what it can send is the join a Hello makes (engine/hello_auth.h).
    const bool newcomer =
        (context.actor.kind() == v1::ACTOR_KIND_TABLE && context.actor.table_id() == 0) ||
        (context.actor.kind() == v1::ACTOR_KIND_SEAT && context.actor.seat_id() == 0);
    context.via_join_code = newcomer && (command.has_join_table() || command.has_join_seat());
    auto where = [&] {
      return start.name + ", step " + std::to_string(index) + ", " + Short(context.actor) +
             " sends " + Short(command) + ": ";
    };

    const bool table_or_seat =
        context.actor.kind() == v1::ACTOR_KIND_TABLE || context.actor.kind() == v1::ACTOR_KIND_SEAT;
    const WorkshopState before = table_or_seat ? state : WorkshopState{};
    const uint64_t seq_before = state.seq;
    CommandOutcome outcome = RunOneCommand(state, command, context);
    switch (outcome.kind) {
      case CommandOutcome::Kind::kFailed:
        return where() + "the decided event does not fold: " + outcome.error;
      case CommandOutcome::Kind::kRejected:
        if (outcome.rejection.reason() == v1::REJECTION_REASON_UNSPECIFIED ||
            outcome.rejection.message().empty()) {
          return where() + "a rejection without a reason: " + Short(outcome.rejection);
        }
        continue;
      case CommandOutcome::Kind::kDuplicate: {
        const v1::Event* first = EventAt(start.log, accepted, outcome.seq);
        if (first == nullptr || first->command_id() != command.command_id() ||
            workshop::ActorKey(first->actor()) != workshop::ActorKey(context.actor)) {
          return where() + "a duplicate maps to event " + std::to_string(outcome.seq) +
                 ", which is not this actor's command";
        }
        continue;
      }
      case CommandOutcome::Kind::kAccepted:
        break;
    }
    const v1::Event& event = outcome.event;
    if (event.seq() != seq_before + 1) return where() + "accepted with seq " + Short(event);
    if (auto fed = chain.Feed(outcome.logged); !fed) {
      return where() + "the sealed event does not verify: " + fed.error().message;
    }
    accepted.push_back(event);
    if (std::string broken = CheckInvariants(state); !broken.empty()) {
      return where() + "rule broken: " + broken + "; event " + Short(event);
    }
    if (table_or_seat) {
      if (std::string broken = CheckOnlyOwnStateChanged(before, state, context.actor, event);
          !broken.empty()) {
        return where() + "authorization broken: " + broken + "; event " + Short(event);
      }
    }
    v1::Event stored;
    if (!stored.ParseFromString(outcome.logged.event())) {
      return where() + "the stored bytes do not parse back";
    }
    stored.set_hash(outcome.logged.hash());
    if (auto applied = workshop::Apply(replica, stored); !applied) {
      return where() + "the stored event does not fold into the replica: " + applied.error();
    }
    const v1::Results live = workshop::ComputeResults(state);
    const v1::Results again = workshop::ComputeResults(replica);
    if (!google::protobuf::util::MessageDifferencer::Equals(live, again)) {
      return where() + "results differ from the replica's: live " + Short(live) + " replica " +
             Short(again);
    }
  }
  auto replayed = Fold(start.log, accepted);
  if (!replayed) return start.name + ": the log does not fold from scratch: " + replayed.error();
  if (!google::protobuf::util::MessageDifferencer::Equals(workshop::ComputeResults(state),
                                                          workshop::ComputeResults(*replayed))) {
    return start.name + ": results differ from those of the log folded from scratch";
  }
  if (auto same = workshop::testing::SameState(state, *replayed); !same) {
    return start.name +
           ": the live state differs from the log folded from scratch: " + same.message();
  }
  return {};
}

}  // namespace atelier::fuzz

#ifdef ATELIER_FUZZ_ENTRY
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return atelier::fuzz::RunOrAbort(atelier::fuzz::CheckClientMessages, data, size);
}
#endif
