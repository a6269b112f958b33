// Zero-copy views of the few wire fields the log checks, read straight from serialized bytes.
//
// Verifying a long chain must not build a full Event message per entry: these views decode only
// the fields the chain depends on and skip everything else. Each view points into the bytes it
// was parsed from and is valid only while those bytes are. Field numbers follow
// proto/atelier/v1/events.proto (Event) and log.proto (LoggedEvent); last occurrence wins, as in
// protobuf.
#ifndef ATELIER_STORAGE_EVENT_VIEW_H_
#define ATELIER_STORAGE_EVENT_VIEW_H_

#include <cstdint>
#include <string_view>

#include "storage/status.h"

namespace atelier::storage {

// The chain-relevant header of a serialized atelier.v1.Event.
struct EventView {
  std::string_view workshop_id;  // field 1
  uint64_t seq = 0;              // field 2
  std::string_view prev_hash;    // field 6
  std::string_view hash;         // field 7; empty in stored bytes
};

// A serialized atelier.v1.LoggedEvent.
struct LoggedEventView {
  std::string_view event;  // field 1: the exact bytes the hash covers
  std::string_view hash;   // field 2
};

// Fails with kCorruption (message without context; callers prefix workshop and seq) when the
// bytes are not valid protobuf wire format. Valid means what protobuf's own parser accepts, so
// that whatever Seal wrote verifies: unknown fields of every wire type are skipped, groups
// included (nested up to protobuf's recursion limit, 100); field number 0, wire types 6 and 7,
// an unmatched end-group tag, and tags or lengths longer than protobuf reads are refused.
Result<EventView> ParseEventView(std::string_view bytes);
Result<LoggedEventView> ParseLoggedEventView(std::string_view bytes);

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_EVENT_VIEW_H_
