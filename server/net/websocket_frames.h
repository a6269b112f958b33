// The pieces of RFC 6455 that both directions share: opcodes, a server frame's header, the
// validity of a close code and of UTF-8 text. Pure functions, no I/O.
#ifndef ATELIER_SERVER_NET_WEBSOCKET_FRAMES_H_
#define ATELIER_SERVER_NET_WEBSOCKET_FRAMES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace atelier::net::websocket {

enum Opcode : uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

// Close codes this server sends (RFC 6455 7.4.1).
inline constexpr uint16_t kCloseNormal = 1000;
inline constexpr uint16_t kCloseProtocolError = 1002;
inline constexpr uint16_t kCloseInvalidPayload = 1007;  // text that is not UTF-8
inline constexpr uint16_t kClosePolicy = 1008;
inline constexpr uint16_t kCloseTooBig = 1009;

// The longest header of a frame the server sends (unmasked, FIN set): 2 + 8 bytes.
inline constexpr size_t kMaxHeaderBytes = 10;

// Writes the header of one unfragmented, unmasked frame of `payload_size` bytes at `out` (room
// for kMaxHeaderBytes); returns its size.
size_t PutHeader(char* out, Opcode opcode, uint64_t payload_size);

// A whole control frame (at most 125 bytes of payload; longer is cut).
std::string ControlFrame(Opcode opcode, std::string_view payload);
// A close frame: the code, then the reason cut to fit 123 bytes on a UTF-8 boundary.
std::string CloseFrame(uint16_t code, std::string_view reason);

// Whether a peer may send this code in a close frame (RFC 6455 7.4: 1000-1003, 1007-1014,
// 3000-4999; never 1004-1006 or 1015, which mean "no code" or a TLS failure).
bool IsValidCloseCode(uint16_t code);

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace atelier::net::websocket

#endif  // ATELIER_SERVER_NET_WEBSOCKET_FRAMES_H_
