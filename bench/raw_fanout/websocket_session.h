// WebSocketSession: one client on /ws of the raw fan-out. Reads ClientMessages and hands them
// to its room; writes what the room sends.
//
// Writes: one write in flight; frames wait in a queue of shared, immutable buffers (a broadcast
// is serialized once and shared by every member). The queue is bounded: past max_queued_bytes
// it is dropped and the connection closed with 4001 ("too slow"), as Atelier does, so a reader
// that stalls costs bounded memory. Binary frames, no compression. With Options::coalesce,
// the events waiting when a write completes go out as one EventBatch frame (a copy of their
// pre-encoded bytes into one buffer), the way Atelier's sessions do.
//
// Lifetime: shared_ptr kept alive by its pending async operations; its room holds a raw
// pointer from Hello until Finish. Thread safety: none, the process runs on one thread.
#ifndef ATELIER_BENCH_RAW_FANOUT_WEBSOCKET_SESSION_H_
#define ATELIER_BENCH_RAW_FANOUT_WEBSOCKET_SESSION_H_

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <memory>
#include <string>

#include "atelier/v1/workshop.pb.h"
#include "bench/raw_fanout/outgoing.h"
#include "bench/raw_fanout/room.h"

namespace atelier::bench {

class WebSocketSession : public std::enable_shared_from_this<WebSocketSession> {
 public:
  static constexpr uint16_t kCloseTooSlow = 4001;

  struct Options {
    size_t max_queued_bytes = 4 << 20;
    // Send every event waiting in the queue as one EventBatch frame, as Atelier does, instead
    // of one frame per event.
    bool coalesce = false;
  };

  WebSocketSession(boost::asio::ip::tcp::socket&& socket, Rooms& rooms, Options options);

  // Accepts the upgrade request and starts reading.
  void Run(boost::beast::http::request<boost::beast::http::string_body> request);

  // Queues a frame; dropped once the session is closing.
  void Send(std::shared_ptr<const Outgoing> frame);

  // Who this client is, set by its room on Hello.
  v1::Actor& role() { return role_; }

 private:
  void OnAccept(boost::beast::error_code ec);
  void DoRead();
  void OnRead(boost::beast::error_code ec, size_t bytes);
  void Handle();
  void Fail(std::string code, std::string text, uint16_t close_code);
  void CloseAfterQueue(uint16_t code, std::string reason);
  void DoWrite();
  void OnWrite(boost::beast::error_code ec, size_t bytes);
  void Finish();

  // A plain socket underneath: no per-operation timer of beast::tcp_stream on the hot path.
  boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
  boost::beast::flat_buffer buffer_;
  Rooms& rooms_;
  Room* room_ = nullptr;
  v1::Actor role_;

  const Options options_;
  std::deque<std::shared_ptr<const Outgoing>> queue_;
  size_t queued_bytes_ = 0;  // of the frames in queue_
  size_t in_flight_ = 0;     // frames of queue_ being written
  bool writing_ = false;     // a write or the close is under way
  std::string batch_;        // with coalesce: the EventBatch being written

  bool closing_ = false;  // no more frames are queued; close once the queue is written
  bool finished_ = false;
  boost::beast::websocket::close_reason close_reason_;
};

}  // namespace atelier::bench

#endif  // ATELIER_BENCH_RAW_FANOUT_WEBSOCKET_SESSION_H_
