// A synchronous WebSocket connection to atelier-server's /ws, for scripts, the CLI and tests.
//
// Every call blocks the calling thread until it is done or its timeout passes; nothing runs in
// the background between calls (the connection drives its own io_context inside each call).
// A timed-out Receive leaves its read pending: the message it was waiting for is returned by a
// later call, never lost. A timed-out Send or Connect closes the connection.
//
// The flow (wire.proto): Connect, Hello (-> Welcome), then Execute commands and read what the
// server pushes with Next. Execute reads until the answer to its command and keeps every other
// message in an inbox, in arrival order, that Next returns first. The inbox is bounded
// (kMaxInbox): when full, Execute fails rather than drop a message; read it with Next.
//
// Several answers the server sends together (Answers) are returned one by one, each as its own
// CommandAccepted or CommandRejected message.
//
// through_seq() is the seq the client has seen everything up to (Hello.last_seq, the Welcome
// snapshot, every EventBatch as it arrives, whether or not it is still in the inbox). Resume()
// reconnects with it, as the same table or seat, and loses nothing.
//
// Errors are values: a string in English saying what failed. After an error, is_open() tells a
// timeout (still open) from a closed connection; CloseCode() gives the code of a close the server
// started (4001 too slow, 1001 going away).
//
// Not thread-safe: one thread uses a Connection at a time. Not movable (pending reads point to it).
#ifndef ATELIER_CLIENTS_CLIENT_CONNECTION_H_
#define ATELIER_CLIENTS_CLIENT_CONNECTION_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "atelier/v1/wire.pb.h"

namespace atelier::client {

class Connection {
 public:
  static constexpr std::chrono::milliseconds kDefaultTimeout{10'000};
  static constexpr size_t kMaxInbox = 100'000;

  Connection();
  ~Connection();  // closes the socket at once, without a close handshake
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // TCP connect and WebSocket handshake to ws://host:port/ws. Closes a previous connection first.
  std::expected<void, std::string> Connect(const std::string& host, uint16_t port,
                                           std::chrono::milliseconds timeout = kDefaultTimeout);

  // Sends one binary frame.
  std::expected<void, std::string> Send(const v1::ClientMessage& message,
                                        std::chrono::milliseconds timeout = kDefaultTimeout);

  // The next frame from the socket (bypassing the inbox), or an error: timed out, closed, or
  // a frame that is not a ServerMessage.
  std::expected<v1::ServerMessage, std::string> Receive(std::chrono::milliseconds timeout);

  // Sends Hello and reads until Welcome. An ErrorMessage becomes the error "code: message".
  // Messages before the Welcome go to the inbox. through_seq() starts at hello.last_seq.
  std::expected<v1::Welcome, std::string> Hello(
      const v1::Hello& hello, std::chrono::milliseconds timeout = kDefaultTimeout);

  // Reconnects to the same server and says Hello again with last_seq = through_seq(): as the
  // same table or seat when the Welcome gave a token, else with the first Hello's identity.
  // The inbox is kept. Requires a successful Hello before.
  std::expected<v1::Welcome, std::string> Resume(
      std::chrono::milliseconds timeout = kDefaultTimeout);
  // The same, with the server now at host:port (e.g. restarted on another port); later
  // Resume() calls go there too.
  std::expected<v1::Welcome, std::string> Resume(
      const std::string& host, uint16_t port, std::chrono::milliseconds timeout = kDefaultTimeout);

  // Sends the command (a fresh id from NewCommandId() if it has none) and reads until the
  // CommandAccepted or CommandRejected with its id, which it returns; a rejection is a value,
  // not an error.
  std::expected<v1::ServerMessage, std::string> Execute(
      v1::Command command, std::chrono::milliseconds timeout = kDefaultTimeout);

  // The inbox's oldest message, else the next from the socket.
  std::expected<v1::ServerMessage, std::string> Next(std::chrono::milliseconds timeout);

  // Close handshake (code 1000), waiting for it at most a second; then the socket is closed.
  void Close();

  bool is_open() const { return open_; }
  uint64_t through_seq() const { return through_seq_; }
  size_t inbox_size() const { return inbox_.size(); }
  // The last Welcome (role, token, workshop id); empty before Hello.
  const v1::Welcome& welcome() const { return welcome_; }
  // Code and reason of the last close the server started; 0 and "" if none.
  uint16_t CloseCode() const { return close_code_; }
  const std::string& CloseReason() const { return close_reason_; }

 private:
  struct Impl;  // Beast and Asio objects, kept out of this header

  void StartRead();
  void Track(const v1::ServerMessage& message);
  // Runs the io_context until done() or the deadline; false on timeout or when no work is left.
  bool RunUntil(const std::function<bool()>& done, std::chrono::steady_clock::time_point deadline);
  void Abort();  // closes the socket and lets pending handlers finish
  std::expected<v1::ServerMessage, std::string> TakeRead();

  std::unique_ptr<Impl> impl_;
  std::string host_;
  uint16_t port_ = 0;
  bool open_ = false;
  bool closing_ = false;  // we started the close handshake
  bool read_pending_ = false;
  std::optional<std::expected<v1::ServerMessage, std::string>> read_result_;
  std::deque<v1::ServerMessage> inbox_;
  std::deque<v1::ServerMessage> split_;  // the rest of an Answers frame, one answer each
  v1::Hello hello_;
  v1::Welcome welcome_;
  uint64_t through_seq_ = 0;
  uint16_t close_code_ = 0;
  std::string close_reason_;
};

}  // namespace atelier::client

#endif  // ATELIER_CLIENTS_CLIENT_CONNECTION_H_
