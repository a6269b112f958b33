// The key layout of the log database. Pure byte encoding: no database types.
//
// Column families:
//   "events":    Prefix(workshop) + big-endian uint64 seq  -> serialized atelier.v1.LoggedEvent
//   "heads":     workshop id                                -> serialized atelier.v1.LogHead
//   "snapshots": Prefix(workshop) + big-endian uint64 seq  -> caller's snapshot bytes
//   "default":   DeletionKey(workshop)                      -> empty: the workshop was deleted
//                and its purge from the files is not finished (removed once it is)
// Prefix(workshop) = one length byte + the id, so no workshop's prefix is a prefix of another's
// and a scan from Prefix(w) + seq reads workshop w alone, in seq order.
#ifndef ATELIER_STORAGE_LOG_KEYS_H_
#define ATELIER_STORAGE_LOG_KEYS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/status.h"

namespace atelier::storage {

inline constexpr char kEventsFamily[] = "events";
inline constexpr char kHeadsFamily[] = "heads";
inline constexpr char kSnapshotsFamily[] = "snapshots";

inline constexpr size_t kMaxWorkshopIdSize = 255;

// kInvalidArgument unless 1 <= size <= kMaxWorkshopIdSize.
Result<void> ValidateWorkshopId(std::string_view workshop_id);

// The workshop_id must be valid.
std::string WorkshopPrefix(std::string_view workshop_id);
std::string SeqKey(std::string_view workshop_id, uint64_t seq);
// Exclusive upper bound of every SeqKey of the workshop.
std::string WorkshopUpperBound(std::string_view workshop_id);

// The mark of a deletion not yet purged: kDeletionPrefix + the id.
inline constexpr char kDeletionPrefix[] = "deleted/";
std::string DeletionKey(std::string_view workshop_id);

// The seq of a key of the workshop whose prefix is `prefix`; nullopt when the key is not
// prefix + 8 bytes.
std::optional<uint64_t> DecodeSeq(std::string_view prefix, std::string_view key);

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_LOG_KEYS_H_
