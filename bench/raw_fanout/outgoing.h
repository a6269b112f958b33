// Outgoing: one frame to send, immutable and shared by every connection it goes to (a broadcast
// is serialized once per event, never per connection).
#ifndef ATELIER_BENCH_RAW_FANOUT_OUTGOING_H_
#define ATELIER_BENCH_RAW_FANOUT_OUTGOING_H_

#include <cstdint>
#include <string>

namespace atelier::bench {

struct Outgoing {
  std::string frame;  // a whole ServerMessage
  // For a broadcast event (seq > 0): its EventBatch.events field (tag, length, Event bytes), so
  // that a connection that fell behind can send every waiting event in one EventBatch frame
  // (--coalesce), the way Atelier does. Empty, and seq 0, for any other message.
  std::string event_field;
  uint64_t seq = 0;
};

// Protobuf's base-128 varint, for the few fields put together by hand around pre-encoded bytes.
inline void AppendVarint(std::string& out, uint64_t v) {
  for (; v >= 0x80; v >>= 7) out.push_back(static_cast<char>((v & 0x7f) | 0x80));
  out.push_back(static_cast<char>(v));
}

}  // namespace atelier::bench

#endif  // ATELIER_BENCH_RAW_FANOUT_OUTGOING_H_
