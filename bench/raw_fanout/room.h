// Room: one broadcast room of the raw fan-out, keyed by its six-digit join code. Holds the
// room's seq, its next table id, its members and the last kRingSize events (for resumes), and
// implements the minimal protocol's Hello and PostIdea (see README.md).
//
// Members are raw, non-owning pointers: a WebSocketSession joins after its Welcome and leaves
// before it is destroyed. Thread safety: none needed, the whole process runs on one thread.
#ifndef ATELIER_BENCH_RAW_FANOUT_ROOM_H_
#define ATELIER_BENCH_RAW_FANOUT_ROOM_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "atelier/v1/wire.pb.h"
#include "bench/raw_fanout/outgoing.h"

namespace atelier::bench {

class WebSocketSession;

class Room {
 public:
  static constexpr size_t kRingSize = 100'000;

  explicit Room(std::string_view join_code);

  // Answers a Hello (already matched to this room by Rooms::ForHello) with a Welcome, plus the
  // missed events on a resume, then makes the session a member.
  void Hello(WebSocketSession& session, const v1::Hello& hello);

  // A PostIdea from a table becomes the next event, serialized once and sent to every member
  // (the sender included), then CommandAccepted to the sender. Anything else is rejected.
  void Submit(WebSocketSession& session, const v1::Command& command);

  void Leave(WebSocketSession& session) { members_.erase(&session); }

 private:
  void SendWelcome(WebSocketSession& session, bool with_snapshot, std::string token);

  std::string workshop_id_;
  uint64_t seq_ = 0;
  uint32_t next_table_id_ = 1;
  std::unordered_set<WebSocketSession*> members_;
  std::deque<std::string> ring_;  // serialized Events seq_ - size + 1 .. seq_
};

// The rooms, created on demand, alive until the process ends.
class Rooms {
 public:
  // The room a Hello asks for (join_code, observer_code, or workshop_id "room-<code>" with a
  // table token "t<n>"), or nullptr when the Hello matches none of the minimal protocol's forms.
  Room* ForHello(const v1::Hello& hello);

 private:
  Room& Get(std::string_view join_code);

  std::map<std::string, std::unique_ptr<Room>, std::less<>> rooms_;
};

}  // namespace atelier::bench

#endif  // ATELIER_BENCH_RAW_FANOUT_ROOM_H_
