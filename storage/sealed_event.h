// SealedEvent: one event as the log stores it, serialized and hashed once, then shared.
//
// Seal() serializes an Event once (deterministically), hashes those bytes once with the previous
// event's hash, and lays them out as the serialized atelier.v1.LoggedEvent the log stores:
//   0x0a <varint size> <the Event's bytes> 0x12 0x20 <SHA-256(prev_hash || the Event's bytes)>
// (field 1 then field 2, exactly as protobuf writes a LoggedEvent). The log's writer stores this
// buffer as it is, and a room's resume ring keeps the same buffer: nothing serializes or hashes
// the event again between the decision and the disk. The log trusts a SealedEvent without
// parsing or hashing it, because one can only be made by Seal(), or from outside bytes by
// FromLogged(), which checks them.
//
// Cheap to copy (one shared pointer); immutable; safe to share between threads.
#ifndef ATELIER_STORAGE_SEALED_EVENT_H_
#define ATELIER_STORAGE_SEALED_EVENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/log.pb.h"
#include "storage/status.h"

namespace atelier::storage {

class SealedEvent {
 public:
  SealedEvent() = default;  // empty: valid() is false, every accessor returns empty values

  bool valid() const { return data_ != nullptr; }
  const std::string& workshop_id() const;
  uint64_t seq() const;
  std::string_view prev_hash() const;
  // SHA-256(prev_hash || event_bytes()), 32 raw bytes.
  std::string_view hash() const;
  // The exact bytes the hash covers: the Event serialized with its `hash` field empty.
  std::string_view event_bytes() const;
  // The serialized atelier.v1.LoggedEvent, as the log stores it.
  std::string_view stored() const;

  // A copy as a message (for tools and tests; the server's paths use the views above).
  atelier::v1::LoggedEvent ToLogged() const;

  // Bytes from outside (an import, a test): checked as the log would, since the log trusts a
  // SealedEvent. `logged.event` must parse as an Event with a workshop id, a seq of at least 1
  // and an empty hash field, and `logged.hash` must be its hash. kInvalidArgument otherwise, with
  // the reason.
  static Result<SealedEvent> FromLogged(const atelier::v1::LoggedEvent& logged);

  // The log's own stored bytes, read back from the database (the chain is checked separately,
  // by ChainVerifier): only their structure is checked, not the hash. kCorruption when they do
  // not hold a LoggedEvent with a readable Event header.
  static Result<SealedEvent> FromStored(std::string stored);

 private:
  struct Data;
  explicit SealedEvent(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  // Stored bytes with their structure read (no hash check); `code` for what does not parse.
  static Result<SealedEvent> Index(std::string stored, Error::Code code);
  friend SealedEvent Seal(atelier::v1::Event& event);

  std::shared_ptr<const Data> data_;
};

// Seals `event` for the log. The caller has set event.workshop_id, seq and prev_hash (empty for
// seq 1). Clears event.hash, serializes the event deterministically once, hashes those bytes
// once, and sets event.hash to the result (so the caller can send the sealed event to clients).
SealedEvent Seal(atelier::v1::Event& event);

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_SEALED_EVENT_H_
