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
// Cheap on the hot path (every accepted command is remembered, every command from a client looked
// up): an actor is found by a number, not a string; its commands are a ring of at most
// kRememberedPerActor whose oldest slot is overwritten in place (its id's buffer reused: no
// allocation once the ring is full), looked up by scanning a parallel array of 64-bit hashes of
// the ids (2 KiB at most, contiguous), the id compared only where the hash matches.
//
// A plain value: copyable, holds no pointers into itself or anything else. Thread-compatible.
#ifndef ATELIER_SERVER_WORKSHOP_APPLIED_COMMANDS_H_
#define ATELIER_SERVER_WORKSHOP_APPLIED_COMMANDS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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
  void Remember(const v1::Actor& actor, std::string_view command_id, uint64_t seq,
                uint64_t fingerprint = 0);

  // The seq the actor's command `command_id` became, if it is still remembered.
  std::optional<uint64_t> Find(const v1::Actor& actor, std::string_view command_id) const;
  // The same with the command's fingerprint.
  std::optional<Applied> FindApplied(const v1::Actor& actor, std::string_view command_id) const;

  // Everything remembered, sorted by seq, then actor key, then command id.
  std::vector<Entry> Entries() const;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear();

  // Equal when every actor remembers the same commands in the same order (however its ring
  // happens to be rotated).
  bool operator==(const AppliedCommands&) const;

 private:
  // An actor's kind and number (table or seat) in one integer; ActorKey's order is not kept.
  using ActorId = uint64_t;
  static ActorId IdOf(const v1::Actor& actor);
  static std::string KeyOf(ActorId id);

  // One actor's commands, oldest first from `oldest` round the ring: while it holds fewer than
  // kRememberedPerActor, `oldest` is 0 and the ring is a plain vector.
  struct Ring {
    struct Slot {
      std::string command_id;
      uint64_t seq = 0;
      uint64_t fingerprint = 0;
    };
    std::vector<uint64_t> hashes;  // of each slot's command id, for the scan
    std::vector<Slot> slots;
    size_t oldest = 0;

    size_t size() const { return slots.size(); }
    const Slot& at(size_t i) const { return slots[(oldest + i) % slots.size()]; }
    // The slot index of `command_id`, if remembered.
    std::optional<size_t> Find(uint64_t hash, std::string_view command_id) const;
    // Takes slot `index` out, the others keeping their order (then `oldest` is 0).
    void Erase(size_t index);
    // Adds the newest, overwriting the oldest when full; returns whether one was forgotten.
    bool Push(uint64_t hash, std::string_view command_id, uint64_t seq, uint64_t fingerprint);
    bool operator==(const Ring& other) const;
  };

  static uint64_t HashOf(std::string_view command_id);

  std::map<ActorId, Ring> actors_;
  size_t size_ = 0;
};

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_APPLIED_COMMANDS_H_
