// WebSocketSession: one client on /ws. Reads ClientMessages and hands them to its room; writes
// what the room delivers.
//
// Writes: one write in flight; frames wait in a bounded queue. Event frames waiting together are
// sent as one EventBatch frame, gathered from their pre-encoded bytes (no re-serialization, no
// copy). Backpressure contract: when the queue holds more than max_queued_bytes
// (or max_queued_frames), the queue is dropped and the connection closed with 4001 "too slow";
// the client reconnects with its last seq and resumes without loss. Memory per slow client is
// thus bounded by the limit (plus one frame: a single frame alone, such as a large welcome
// snapshot, is always let through).
//
// Reads: one message at a time, handed to the room. Inbound bound: at most
// limits.max_unanswered commands handed to the room and not answered yet (counted down by each
// frame's `answers` as it is queued for writing); at the bound the session stops reading its
// socket, so the client's own TCP window fills and it slows down, and it reads again as soon
// as an answer is queued. Nothing is refused or closed for it.
//
// Timeouts (session_limits.h): no Hello within hello_timeout of the upgrade, or a message not
// whole within message_timeout of its first payload bytes: ErrorMessage "timeout" and a close
// (1008). Beast pings a connection silent for half of idle_timeout and drops one silent for all
// of it (while reads are paused at the bound the idle timer runs on: a room that answers
// nothing for idle_timeout is a fault anyway).
//
// Lifetime: shared_ptr kept alive by pending async operations and by its room's member list
// (until Leave). Thread safety: Deliver and Disconnect may be called from any thread (with
// single_thread, only from the one I/O thread, where Deliver enqueues at once and posts one
// write for the round). Deliver appends to a small mutex-guarded inbox and posts to the
// session's strand only when no drain is already scheduled: what a room delivers in one round
// (an acknowledgement and the round's events) costs one post, not one per frame, keeps its
// order, and its events leave in one EventBatch.
#ifndef ATELIER_SERVER_NET_WEBSOCKET_SESSION_H_
#define ATELIER_SERVER_NET_WEBSOCKET_SESSION_H_

#include <array>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/net/frame_queue.h"
#include "server/net/hello_gate.h"
#include "server/net/server_context.h"
#include "server/room/subscriber.h"

namespace atelier::net {

// A buffer sequence over a range of buffers owned elsewhere: Beast's write keeps copies of the
// sequence it is given, and copying a std::vector of buffers allocates each time.
class BufferRange {
 public:
  using value_type = boost::asio::const_buffer;
  using const_iterator = const boost::asio::const_buffer*;
  BufferRange(const_iterator first, const_iterator last) : first_(first), last_(last) {}
  const_iterator begin() const { return first_; }
  const_iterator end() const { return last_; }

 private:
  const_iterator first_;
  const_iterator last_;
};

class WebSocketSession : public room::Subscriber,
                         public std::enable_shared_from_this<WebSocketSession> {
 public:
  // With context.single_thread (one I/O thread), Deliver (always called on it) writes straight
  // into the queue instead of posting to the session. `slot` counts the connection (null for a
  // refused one); `client` is the address the limits count it under.
  WebSocketSession(boost::asio::ip::tcp::socket&& socket, const ServerContext& context,
                   std::shared_ptr<ConnectionRegistry::Slot> slot, AddressKey client);
  ~WebSocketSession() override;

  // Accepts the upgrade request and starts reading.
  void Run(boost::beast::http::request<boost::beast::http::string_body> request);
  // Accepts the upgrade of a connection refused at a limit, sends ErrorMessage "overloaded"
  // with retry_after_ms and closes with 1013 (try again later).
  void RunRefused(boost::beast::http::request<boost::beast::http::string_body> request,
                  std::string message, std::chrono::milliseconds retry_after,
                  std::unique_ptr<ConnectionRegistry::RefusalTicket> ticket);

  void Deliver(room::Frame frame) override;
  void Disconnect(uint16_t code, std::string reason) override;

 private:
  void OnAccept(boost::beast::error_code ec);
  void DoRead();
  void OnRead(boost::beast::error_code ec, size_t bytes);
  void Handle(const std::string& bytes);
  void SendError(std::string code, std::string message, uint16_t close_code,
                 std::chrono::milliseconds retry_after = {});
  void Accept(boost::beast::http::request<boost::beast::http::string_body> request);
  void Evict();  // closes the socket: the registry needs the room
  void HandleHello(atelier::v1::Hello hello);
  // Answers a command over the connection's rate: CommandRejected OVERLOADED.
  void RejectOverloaded(const std::string& command_id, std::chrono::milliseconds retry_after);
  // Sends a frame of the session's own (an answer or an error that does not close).
  void SendOwn(const atelier::v1::ServerMessage& message);
  // single_thread: DoWrite once the running handler is over, with every other session given
  // frames meanwhile (one posted handler for them all: websocket_session.cc).
  void Cork();
  void WriteCorked();
  void Drain();                     // on the strand: moves the inbox into the queue
  void Enqueue(room::Frame frame);  // queues (or closes as too slow); DoWrite sends
  void DoWrite();
  void OnWrite(boost::beast::error_code ec, size_t bytes);
  void DoClose();
  void Finish();
  enum class Deadline { kNone, kHello, kMessage };
  // One timer for the connection's deadline: Hello (from the upgrade) or the message being
  // read (from its first bytes). Arming bumps the generation so that a stale expiry is ignored.
  void ArmDeadline(Deadline kind, std::chrono::seconds after);
  void CancelDeadline();
  void OnDeadline(uint64_t generation, boost::beast::error_code ec);

  // On the bare socket: the WebSocket layer keeps its own timeouts (suggested server settings),
  // and beast::tcp_stream's per-operation timer bookkeeping would cost on every frame.
  boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
  boost::beast::flat_buffer buffer_;
  room::Hub& hub_;
  cluster::Node* cluster_;  // null on a single server
  metrics::Metrics& metrics_;
  metrics::EdgeMetrics& edge_metrics_;
  SessionLimits limits_;
  bool single_thread_;
  std::shared_ptr<ConnectionRegistry::Slot> slot_;  // idle until Hello is said
  HelloGate hello_gate_;
  TokenBucket commands_;  // limits_.commands
  TokenBucket hints_;     // limits_.hints
  // Set for a connection refused at a limit: what to say after the upgrade (kept apart: most
  // connections are never refused, and ten thousand of them each pay for every member).
  struct Refusal {
    std::unique_ptr<ConnectionRegistry::RefusalTicket> ticket;
    std::string message;
    std::chrono::milliseconds retry_after{0};
  };
  std::unique_ptr<Refusal> refusal_;
  boost::asio::steady_timer deadline_;
  Deadline deadline_kind_ = Deadline::kNone;
  uint64_t deadline_generation_ = 0;
  bool hello_said_ = false;
  std::shared_ptr<room::Port> room_;  // the workshop's room, or its edge (cluster)
  // Commands handed to the room whose answers are not queued yet; at limits_.max_unanswered
  // the session stops reading (read_paused_) until an answer brings it below.
  uint32_t unanswered_ = 0;
  bool read_paused_ = false;

  std::mutex inbox_mu_;
  std::vector<room::Frame> inbox_;     // guarded by inbox_mu_
  bool drain_posted_ = false;          // guarded by inbox_mu_
  std::vector<room::Frame> draining_;  // the strand's copy of the inbox, reused

  FrameQueue queue_;
  size_t queued_bytes_ = 0;
  // For the write metrics: when the oldest frame waiting was queued, when the write began.
  std::chrono::steady_clock::time_point queued_since_{};
  std::chrono::steady_clock::time_point write_started_{};
  bool writing_ = false;
  bool write_posted_ = false;  // single_thread: corked, a DoWrite is due for the round's frames
  // What is being written: one message, or an EventBatch gathered from the events' own shared
  // bytes between a small head (tag and length) and tail (through_seq), never copied into one
  // buffer, so that an idle connection keeps no batch-sized buffer.
  std::vector<room::Frame> in_flight_;
  std::vector<boost::asio::const_buffer> gather_;
  std::array<char, 11> batch_head_{};
  std::array<char, 11> batch_tail_{};
  uint64_t through_seq_ = 0;

  bool close_requested_ = false;
  bool closing_ = false;
  bool finished_ = false;
  boost::beast::websocket::close_reason close_reason_;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_WEBSOCKET_SESSION_H_
