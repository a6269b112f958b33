// websocket_reader_fuzzer: any bytes a client may send on an open WebSocket, through the
// server's reader (server/net/websocket_reader.h).
//
// The input's first byte picks the message size limit and its second how the rest is cut into
// reads (as they would come from the socket, each from a buffer overwritten after it). Checked:
// - the same bytes make the same messages, control frames and error however they are cut (in
//   one piece, a byte at a time, in the input's chosen pieces, with Keep between messages);
// - no message is over the limit; a text message and a close reason are UTF-8; a close code is
//   one a peer may send; an error is 1002, 1007 or 1009 with a reason, and nothing comes after
//   it.
#include <string>
#include <string_view>
#include <vector>

#include "server/net/websocket_frames.h"
#include "server/net/websocket_reader.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_targets.h"

namespace atelier::fuzz {
namespace {

using net::WebSocketReader;
using Kind = WebSocketReader::Item::Kind;

struct Got {
  Kind kind;
  std::string payload;
  bool text;
  uint16_t code;
  bool operator==(const Got&) const = default;
};

// Reads `bytes` in pieces of `cut(i)` bytes; `keep`: stops after each message and calls Keep,
// as a session paused at its bound does. Returns what it made, or sets `failure`.
template <typename Cut>
std::vector<Got> Read(std::string_view bytes, size_t max, Cut cut, bool keep,
                      std::string& failure) {
  WebSocketReader reader(max);
  std::vector<Got> got;
  std::string buffer;
  bool ended = false;
  for (size_t at = 0, i = 0; at < bytes.size(); ++i) {
    const size_t n = std::min(bytes.size() - at, cut(i));
    buffer.assign(bytes.substr(at, n));
    at += n;
    reader.Feed(buffer.data(), buffer.size());
    for (;;) {
      const auto item = reader.Next();
      if (item.kind == Kind::kNeedMore) break;
      if (ended) {
        failure = "an item after an error";
        return got;
      }
      switch (item.kind) {
        case Kind::kMessage:
          if (item.payload.size() > max) failure = "a message over the limit";
          if (item.text && !net::websocket::IsValidUtf8(item.payload)) {
            failure = "a text message that is not UTF-8";
          }
          break;
        case Kind::kClose:
          if (item.code != 0 && !net::websocket::IsValidCloseCode(item.code)) {
            failure = "a close code no peer may send";
          }
          if (!net::websocket::IsValidUtf8(item.payload)) failure = "a close reason not UTF-8";
          break;
        case Kind::kPing:
        case Kind::kPong:
          if (item.payload.size() > 125) failure = "a control frame over 125 bytes";
          break;
        case Kind::kError:
          if (item.code != 1002 && item.code != 1007 && item.code != 1009) {
            failure = "an error with code " + std::to_string(item.code);
          }
          if (item.why.empty()) failure = "an error without a reason";
          ended = true;
          break;
        case Kind::kNeedMore:
          break;
      }
      if (!failure.empty()) return got;
      got.push_back(Got{item.kind, std::string(item.kind == Kind::kError ? item.why : item.payload),
                        item.text, item.code});
      if (keep && item.kind == Kind::kMessage && reader.HasUnread()) {
        reader.Keep();
        buffer.assign(buffer.size(), '\xEE');  // the caller's buffer goes to another session
      }
    }
    buffer.assign(buffer.size(), '\xEE');
  }
  return got;
}

}  // namespace

std::string CheckWebSocketFrames(std::string_view input) {
  if (input.size() < 2) return {};
  const size_t max = 1 + static_cast<uint8_t>(input[0]) * 8;  // 1 .. 2041 bytes
  const size_t piece = 1 + static_cast<uint8_t>(input[1]) % 64;
  const std::string_view bytes = input.substr(2);
  std::string failure;
  const auto whole = Read(
      bytes, max, [&](size_t) { return bytes.size(); }, false, failure);
  if (!failure.empty()) return "in one piece: " + failure;
  const auto pieces = Read(
      bytes, max, [&](size_t i) { return piece + i % 3; }, true, failure);
  if (!failure.empty()) return "in pieces: " + failure;
  if (pieces != whole) return "cut in pieces of " + std::to_string(piece) + "+: not the same";
  const auto bytewise = Read(
      bytes, max, [](size_t) { return size_t{1}; }, false, failure);
  if (!failure.empty()) return "a byte at a time: " + failure;
  if (bytewise != whole) return "a byte at a time: not the same";
  return {};
}

}  // namespace atelier::fuzz

#ifdef ATELIER_FUZZ_ENTRY
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return atelier::fuzz::RunOrAbort(atelier::fuzz::CheckWebSocketFrames, data, size);
}
#endif
