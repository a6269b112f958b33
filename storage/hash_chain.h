// The hash chain that makes a workshop's log tamper-evident.
//
// Event seq N carries prev_hash = hash of event N-1 (empty for seq 1), and its hash is
//   hash(N) = SHA-256(prev_hash || bytes of Event N serialized with `hash` empty).
// The log stores those exact bytes beside the hash (atelier.v1.LoggedEvent), so checking the
// chain never depends on re-serializing a message. Changing, removing, reordering or inserting an
// event breaks the chain from that point on; cutting the tail is caught by the stored LogHead.
//
// Thread safety: the free functions are safe to call from any thread. A ChainVerifier is not
// synchronized: one thread feeds it.
#ifndef ATELIER_STORAGE_HASH_CHAIN_H_
#define ATELIER_STORAGE_HASH_CHAIN_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/log.pb.h"
#include "storage/sealed_event.h"  // Seal()
#include "storage/status.h"

namespace atelier::storage {

inline constexpr size_t kHashSize = 32;  // SHA-256

// Returns the 32 raw bytes of SHA-256(prev_hash || event_bytes).
std::string HashEvent(std::string_view prev_hash, std::string_view event_bytes);

// Checks a workshop's log entry by entry, from seq 1 (or after a trusted point), in order: each
// entry's hash must equal HashEvent(previous hash, entry bytes), and the event inside must name
// this workshop, carry the next seq, carry the previous hash as prev_hash and have an empty hash
// field. The first failure is returned as kBrokenChain (or kCorruption for undecodable bytes)
// naming the workshop and the seq, and the verifier then refuses everything (it does not
// resynchronize). Usable on any source of LoggedEvents: the live database or an exported file.
class ChainVerifier {
 public:
  explicit ChainVerifier(std::string workshop_id);
  // Starts after a trusted point instead of seq 1: the first entry fed must be event
  // trusted_seq + 1 and link to trusted_hash. What the point stands for is the caller's to
  // establish (e.g. a snapshot whose hash matched the stored event).
  ChainVerifier(std::string workshop_id, uint64_t trusted_seq, std::string trusted_hash);

  // Checks the next entry of the chain (seq last_seq() + 1).
  Result<void> Feed(const atelier::v1::LoggedEvent& logged);
  // The same, on views of the two fields of a LoggedEvent: used to check without copies.
  Result<void> Feed(std::string_view event_bytes, std::string_view hash);

  // Seq and hash of the last entry accepted (0 and empty before the first).
  uint64_t last_seq() const { return last_seq_; }
  const std::string& last_hash() const { return last_hash_; }
  const std::string& workshop_id() const { return workshop_id_; }

 private:
  Result<void> Broken(std::string what);

  std::string workshop_id_;
  uint64_t last_seq_ = 0;
  std::string last_hash_;
  bool failed_ = false;
};

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_HASH_CHAIN_H_
