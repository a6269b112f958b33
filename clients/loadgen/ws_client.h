// One WebSocket connection of the load generator to /ws, asynchronous on a shared io_context
// (the load generator runs thousands of them on one thread).
//
// Connect resolves nothing (the endpoint is an address), connects, does the WebSocket handshake
// and then reads frames until the connection ends, calling on_message with each parsed
// ServerMessage (valid only during the call: copy what must outlive it). Send queues a frame;
// one write is in flight at a time. Abort closes the socket at once without a close handshake:
// what a Wi-Fi drop looks like to the server.
//
// The client side of RFC 6455 is written here rather than taken from Beast: the load generator
// must cost less per delivery than the server it measures (BENCHMARKS.md). Once open it reads
// when the Receiver (receiver.h) says its socket is readable, once, whatever the socket holds,
// and parses every whole frame in it (Beast and asio read each frame with two receive calls,
// the second one finding nothing), answers pings, takes fragmented messages, and parses each message
// into a protobuf arena reset after the call (no allocation per event). Its frames are masked
// with a zero key, which the protocol allows the server to accept as any other.
//
// Handlers run on the io_context's thread. A WsClient must outlive the io_context's run (or be
// destroyed only when no operation is pending); it is not movable.
#ifndef ATELIER_CLIENTS_LOADGEN_WS_CLIENT_H_
#define ATELIER_CLIENTS_LOADGEN_WS_CLIENT_H_

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "atelier/v1/wire.pb.h"
#include "clients/loadgen/receiver.h"

namespace atelier::loadgen {

class WsClient : private Receiver::Readable {
 public:
  struct Handlers {
    std::function<void()> on_open;                              // handshake done
    std::function<void(const v1::ServerMessage&)> on_message;  // each message, parsed
    // The connection ended (error, server close, or Abort); close_code is the server's close
    // code when it sent one (4001 too slow, 1001 going away), else 0.
    std::function<void(const std::string& why, int close_code)> on_closed;
  };

  WsClient(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint endpoint);
  ~WsClient() override;
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  // Starts (or restarts, after a close) the connection. handlers are kept until the next call.
  void Connect(Handlers handlers);
  // Serializes and queues one frame; dropped when the connection is not open.
  void Send(const v1::ClientMessage& message);
  // Queues a frame already serialized (a benchmark sends the same bytes many times).
  void SendBytes(std::shared_ptr<const std::string> frame);
  void Abort();

  bool is_open() const { return open_; }
  size_t queued_frames() const { return queue_.size(); }

  // The largest message taken; a bigger one ends the connection.
  static constexpr size_t kMaxMessage = 64 << 20;

 private:
  struct Outgoing {
    uint8_t opcode;
    std::shared_ptr<const std::string> payload;
  };

  void ReadHandshake();
  void OnReadable() override;
  // Leaves the Receiver (before the socket closes).
  void StopReceiving();
  // Parses the whole frames in in_[0, in_size_); false when the connection ended.
  bool ParseFrames();
  bool OnMessage(const char* data, size_t size);
  void Queue(uint8_t opcode, std::shared_ptr<const std::string> payload);
  void DoWrite();
  void Closed(const std::string& why, int close_code = 0);

  boost::asio::io_context& ioc_;
  Receiver& receiver_;
  boost::asio::ip::tcp::endpoint endpoint_;
  std::unique_ptr<boost::asio::ip::tcp::socket> socket_;
  uint64_t generation_ = 0;  // bumped on each Connect/Abort: stale handlers do nothing
  Handlers handlers_;
  std::vector<char> in_;  // bytes read and not parsed yet: in_[0, in_size_)
  size_t in_size_ = 0;
  std::string fragments_;  // a fragmented message's pieces so far
  std::shared_ptr<std::string> handshake_;
  std::deque<Outgoing> queue_;
  std::array<char, 14> header_{};  // the frame header being written
  bool writing_ = false;
  bool open_ = false;
  int receiving_fd_ = -1;  // the socket while the Receiver watches it
};

}  // namespace atelier::loadgen

#endif  // ATELIER_CLIENTS_LOADGEN_WS_CLIENT_H_
