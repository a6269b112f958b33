// One WebSocket connection of the load generator to /ws, asynchronous on a shared io_context
// (the load generator runs thousands of them on one thread).
//
// Connect resolves nothing (the endpoint is an address), connects, does the WebSocket handshake
// and then reads frames until the connection ends, calling on_message with each parsed
// ServerMessage (the same object, reused: copy what must outlive the call). Send queues a frame;
// one write is in flight at a time. Abort closes the socket at once without a close handshake:
// what a Wi-Fi drop looks like to the server.
//
// Handlers run on the io_context's thread. A WsClient must outlive the io_context's run (or be
// destroyed only when no operation is pending); it is not movable.
#ifndef ATELIER_CLIENTS_LOADGEN_WS_CLIENT_H_
#define ATELIER_CLIENTS_LOADGEN_WS_CLIENT_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "atelier/v1/wire.pb.h"

namespace atelier::loadgen {

class WsClient {
 public:
  struct Handlers {
    std::function<void()> on_open;                              // handshake done
    std::function<void(const v1::ServerMessage&)> on_message;  // each frame, parsed
    // The connection ended (error, server close, or Abort); close_code is the server's close
    // code when it sent one (4001 too slow, 1001 going away), else 0.
    std::function<void(const std::string& why, int close_code)> on_closed;
  };

  WsClient(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint endpoint);
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

 private:
  using Stream = boost::beast::websocket::stream<boost::beast::tcp_stream>;

  void DoRead();
  void DoWrite();
  void Closed(const std::string& why);

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::endpoint endpoint_;
  std::unique_ptr<Stream> ws_;
  uint64_t generation_ = 0;  // bumped on each Connect/Abort: stale handlers do nothing
  Handlers handlers_;
  boost::beast::flat_buffer buffer_;
  v1::ServerMessage message_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool writing_ = false;
  bool open_ = false;
};

}  // namespace atelier::loadgen

#endif  // ATELIER_CLIENTS_LOADGEN_WS_CLIENT_H_
