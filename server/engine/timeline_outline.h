// The outline of a workshop's history, for the console's timeline slider
// (GET /api/workshops/{id}/timeline): its durable head, the times of its first and last events,
// and the marks worth a tick (timeline.proto: each phase change and reveal, the first idea, the
// first kMaxMergeMarks merges).
//
// Read from the log, never from the room: one pass over the events up to the head as it was
// when the call began (appends may go on meanwhile), each checked against the chain and decoded
// (not folded). Cost: proportional to the head. Blocks on disk reads: call off the I/O threads.
// Thread-safe as EventLog is.
#ifndef ATELIER_SERVER_ENGINE_TIMELINE_OUTLINE_H_
#define ATELIER_SERVER_ENGINE_TIMELINE_OUTLINE_H_

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

#include "atelier/v1/timeline.pb.h"
#include "storage/event_log.h"

namespace atelier::engine {

inline constexpr size_t kMaxMergeMarks = 100;

// Errors (in words): "no such workshop" (no durable event), a log that cannot be read, an event
// that does not link to the chain or cannot be decoded.
std::expected<v1::Timeline, std::string> ReadTimeline(storage::EventLog& log,
                                                      std::string_view workshop_id);

}  // namespace atelier::engine

#endif  // ATELIER_SERVER_ENGINE_TIMELINE_OUTLINE_H_
