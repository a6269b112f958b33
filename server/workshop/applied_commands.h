// The commands a workshop has accepted, remembered so that a retried command is answered with
// the event it first became instead of being applied again (idempotency).
//
// Bounded: for each actor (a table, a seat, the animateur; see ActorKey) only the ids of its last
// kRememberedPerActor accepted commands are kept, the oldest forgotten first. Forgetting is safe
// because a client retries only the commands it has had no answer for, and clients keep far
// fewer than kRememberedPerActor unanswered (the web outbox, the C++ client and the load
// generator send at most 64 at once); see WorkshopState::applied.
//
// Deterministic: what is remembered depends only on the sequence of Remember calls, so folding
// the log from its start, or loading a snapshot (which lists the commands by seq, see
// state_codec.h) then folding the rest, gives equal values (operator==).
//
// A plain value: copyable, holds no pointers into itself or anything else. Thread-compatible.
#ifndef ATELIER_SERVER_WORKSHOP_APPLIED_COMMANDS_H_
#define ATELIER_SERVER_WORKSHOP_APPLIED_COMMANDS_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "atelier/v1/events.pb.h"

namespace atelier::workshop {

// Who a remembered command belongs to: "t<table>", "s<seat>", "a" (the animateur) or "x<kind>"
// for any other kind. A seat's key does not include its table (a seat never changes table).
std::string ActorKey(const v1::Actor& actor);

class AppliedCommands {
 public:
  static constexpr size_t kRememberedPerActor = 256;

  struct Entry {
    std::string actor_key;
    std::string command_id;
    uint64_t seq = 0;
    uint64_t fingerprint = 0;  // Event.command_fingerprint (0: unknown, e.g. an older log)
  };

  // What one remembered command became.
  struct Applied {
    uint64_t seq = 0;
    uint64_t fingerprint = 0;
    bool operator==(const Applied&) const = default;
  };

  // Remembers that the actor's command `command_id` became event `seq`; when the actor then has
  // more than kRememberedPerActor, its oldest is forgotten. Callers remember an actor's commands
  // in seq order (Apply folds events in order). Remembering an id again moves it to the newest.
  void Remember(const v1::Actor& actor, const std::string& command_id, uint64_t seq,
                uint64_t fingerprint = 0);
  void Remember(const std::string& actor_key, const std::string& command_id, uint64_t seq,
                uint64_t fingerprint = 0);

  // The seq the actor's command `command_id` became, if it is still remembered.
  std::optional<uint64_t> Find(const v1::Actor& actor, const std::string& command_id) const;
  std::optional<uint64_t> Find(const std::string& actor_key, const std::string& command_id) const;
  // The same with the command's fingerprint.
  std::optional<Applied> FindApplied(const v1::Actor& actor, const std::string& command_id) const;

  // Everything remembered, sorted by seq, then actor key, then command id.
  std::vector<Entry> Entries() const;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear();

  bool operator==(const AppliedCommands&) const = default;

 private:
  struct ActorCommands {
    std::deque<std::pair<uint64_t, std::string>> oldest_first;  // (seq, command id)
    std::unordered_map<std::string, Applied> by_id;              // the same, for lookups
    bool operator==(const ActorCommands&) const = default;
  };

  std::map<std::string, ActorCommands> actors_;  // by ActorKey
  size_t size_ = 0;
};

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_APPLIED_COMMANDS_H_
