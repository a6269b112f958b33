// A WebSocket client on a bare TCP socket, for tests that must do what well-behaved clients do
// not: send a frame a byte at a time, pipeline thousands of messages without reading, send
// chosen HTTP headers (Origin, oversized ones), connect from another loopback address, or stay
// silent. Blocking calls with timeouts (poll); frames are parsed by hand (RFC 6455).
//
// Not thread-safe, except that one thread may Send while another Reads (they use the socket's
// two directions and share nothing else). Movable; the destructor closes the socket.
#ifndef ATELIER_TESTS_SERVER_RAW_WEBSOCKET_H_
#define ATELIER_TESTS_SERVER_RAW_WEBSOCKET_H_

#include <chrono>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "atelier/v1/wire.pb.h"

namespace atelier::server_test {

class RawSocket {
 public:
  // TCP connection to host:port, from `local_address` when given (e.g. "127.0.0.2").
  static std::expected<RawSocket, std::string> Connect(const std::string& host, uint16_t port,
                                                       const std::string& local_address = "");
  RawSocket() = default;
  RawSocket(RawSocket&& other) noexcept;
  RawSocket& operator=(RawSocket&& other) noexcept;
  ~RawSocket();

  // Writes all of `bytes` (blocking); false when the connection is gone.
  bool Send(std::string_view bytes);
  // Up to `max` bytes, waiting at most `timeout`: "" on timeout; an error once the peer closed
  // ("closed") or the connection failed.
  std::expected<std::string, std::string> Receive(size_t max, std::chrono::milliseconds timeout);
  // Whether the peer closed the connection (or reset it) within `timeout`, discarding whatever
  // it sent before.
  bool ClosedWithin(std::chrono::milliseconds timeout);
  int fd() const { return fd_; }

 private:
  explicit RawSocket(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// An HTTP response: status, headers as sent (lowercase names), body.
struct RawResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string Header(std::string_view name) const;  // "" when absent
};

// Sends `request` (a whole HTTP/1.1 request) and reads one response (Content-Length bodies).
std::expected<RawResponse, std::string> RawHttp(RawSocket& socket, std::string_view request,
                                                std::chrono::milliseconds timeout);

class RawWebSocket {
 public:
  struct Message {
    int opcode = 0;       // 2 binary, 8 close (payload: 2-byte code, reason)
    std::string payload;  // the whole message (continuation frames joined)
    uint16_t CloseCode() const;
  };

  // Connects and sends the upgrade request for /ws with `headers` ("Name: value") added, and
  // `then` in the same write (a client that does not wait for the answer); the response's
  // status (101 when upgraded) is in `response`.
  static std::expected<RawWebSocket, std::string> Open(const std::string& host, uint16_t port,
                                                       const std::vector<std::string>& headers = {},
                                                       const std::string& local_address = "",
                                                       std::string_view then = {});

  const RawResponse& response() const { return response_; }
  RawSocket& socket() { return socket_; }

  // A masked client frame, FIN set unless `fin` is false.
  static std::string Frame(int opcode, std::string_view payload, bool fin = true);
  bool SendMessage(const v1::ClientMessage& message);

  // The next data or close message; pings are answered with a pong (unless answer_pings is
  // false). An error on timeout ("timeout") or when the connection ended without a close.
  std::expected<Message, std::string> Read(std::chrono::milliseconds timeout,
                                           bool answer_pings = true);
  // The next ServerMessage; a close or anything else is an error that says what came.
  std::expected<v1::ServerMessage, std::string> ReadServerMessage(
      std::chrono::milliseconds timeout);

 private:
  // Parses one frame from buffer_ if whole.
  bool TakeFrame(int& opcode, bool& fin, std::string& payload);

  RawSocket socket_;
  RawResponse response_;
  std::string buffer_;  // bytes received, not parsed yet
};

}  // namespace atelier::server_test

#endif  // ATELIER_TESTS_SERVER_RAW_WEBSOCKET_H_
