// WebSocketSession: one client on /ws. Reads ClientMessages and hands them to its room; writes
// what the room delivers.
//
// The upgrade is Beast's (its checks and its answer, within 10 s); from then on the session
// speaks RFC 6455 itself on the bare socket (websocket_reader.h for what a client sends), so
// that an open connection holds only what it needs: no read buffer while idle (bytes are read
// into one buffer per thread and taken apart where they lie), no per-operation state.
//
// Writes: frames are written as soon as they are queued, by one non-blocking sendmsg gathered
// from their pre-encoded bytes (no copy, no completion to wait for); only when the socket is
// full does the session wait for it to drain, and frames queued meanwhile wait in a bounded
// queue. Event frames waiting together leave as one EventBatch frame. Backpressure contract:
// when the queue holds more than max_queued_bytes (or max_queued_frames), the queue is dropped
// and the connection closed with 4001 "too slow"; the client reconnects with its last seq and
// resumes without loss. Memory per slow client is thus bounded by the limit (plus one frame: a
// single frame alone, such as a large welcome snapshot, is always let through).
//
// Reads: one message at a time, handed to the room. Inbound bound: at most
// limits.max_unanswered commands handed to the room and not answered yet (counted down by each
// frame's `answers` as it is queued for writing); at the bound the session stops reading its
// socket, so the client's own TCP window fills and it slows down, and it reads again as soon
// as an answer is queued. Nothing is refused or closed for it. A ping is answered by a pong; a
// frame that breaks the protocol closes the connection with the code RFC 6455 gives (1002,
// 1007, 1009: websocket_reader.h).
//
// Timeouts (session_limits.h), on one deadline of the server's wheel (deadline_wheel.h): no Hello
// within hello_timeout of the upgrade, or a message not whole within message_timeout of its first
// bytes: ErrorMessage "timeout" and a close (1008). Nothing received for half of idle_timeout: a
// ping; for all of it: the connection is dropped (while reads are paused at the bound the idle
// timer runs on: a room that answers nothing for idle_timeout is a fault anyway). A close (either
// side's) must complete within 10 s, else the socket is closed.
//
// Closing: the server's close frame goes after the frames queued before it; then the session
// shuts its side down and reads (discarding) until the client closes, as RFC 6455 7.1.1 asks of
// a server. A client's close is answered with its code and ends the session the same way.
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

#include <boost/asio/any_io_executor.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "server/net/deadline_wheel.h"
#include "server/net/frame_queue.h"
#include "server/net/handler_memory.h"
#include "server/net/hello_gate.h"
#include "server/net/server_context.h"
#include "server/net/websocket_reader.h"
#include "server/net/websocket_writer.h"
#include "server/room/subscriber.h"

namespace atelier::net {

class WebSocketSession : public room::Subscriber,
                         public std::enable_shared_from_this<WebSocketSession>,
                         private DeadlineWheel::Entry {
 public:
  // With context.single_thread (one I/O thread), Deliver (always called on it) writes straight
  // into the queue instead of posting to the session. `slot` counts the connection (null for a
  // refused one); `client` is the address the limits count it under.
  WebSocketSession(boost::asio::ip::tcp::socket&& socket, const ServerContext& context,
                   std::shared_ptr<ConnectionRegistry::Slot> slot, AddressKey client);
  ~WebSocketSession() override;

  // Accepts the upgrade request and starts reading. `early` is what the client sent after the
  // request without waiting for the answer (read with it by the HTTP session): its first frames.
  void Run(boost::beast::http::request<boost::beast::http::string_body> request,
           std::string early = {});
  // Accepts the upgrade of a connection refused at a limit, sends ErrorMessage "overloaded"
  // with retry_after_ms and closes with 1013 (try again later).
  void RunRefused(boost::beast::http::request<boost::beast::http::string_body> request,
                  std::string message, std::chrono::milliseconds retry_after,
                  std::unique_ptr<ConnectionRegistry::RefusalTicket> ticket);

  void Deliver(room::Frame frame) override;
  void Disconnect(uint16_t code, std::string reason) override;

 private:
  using Clock = std::chrono::steady_clock;
  using Handshake = boost::beast::websocket::stream<boost::asio::ip::tcp::socket>;

  void Accept(boost::beast::http::request<boost::beast::http::string_body> request);
  void OnAccept(boost::beast::error_code ec);
  void Evict();  // the registry makes room: the connection is dropped

  // Reading: wait for bytes, read them into the thread's buffer, take the messages out.
  void WaitRead();
  void OnReadable(boost::beast::error_code ec);
  void ReadNow();
  // Takes what the reader holds; false when reading must stop (paused, failed, finished).
  bool TakeMessages();
  void ResumeReading();  // after a pause, from a handler of its own
  void Handle(std::string_view bytes);
  void HandleHello(atelier::v1::Hello hello);
  // Answers a command over the connection's rate: CommandRejected OVERLOADED.
  void RejectOverloaded(const std::string& command_id, std::chrono::milliseconds retry_after);

  // Writing.
  // Sends a frame of the session's own (an answer or an error that does not close).
  void SendOwn(const atelier::v1::ServerMessage& message);
  void SendError(std::string code, std::string message, uint16_t close_code,
                 std::chrono::milliseconds retry_after = {});
  // A pong (answering the latest ping only: a client pinging without reading holds one pong,
  // RFC 6455 5.5.3) or our ping, at the next write.
  void SendPong(std::string_view payload);
  void SendPing();
  // single_thread: DoWrite once the running handler is over, with every other session given
  // frames meanwhile (one posted handler for them all: websocket_session.cc).
  void Cork();
  void WriteCorked();
  void Drain();                     // on the strand: moves the inbox into the queue
  void Enqueue(room::Frame frame);  // queues (or closes as too slow); DoWrite sends
  void DoWrite();
  void WaitWritable();
  void OnWritable(boost::beast::error_code ec);
  void WriteDone();

  // Closing.
  // From now on no message is taken and no frame queued; the close frame goes once what is in
  // flight is written. `drop_queue`: what waits is not sent (too slow, a protocol error).
  void RequestClose(uint16_t code, std::string_view reason, bool drop_queue);
  void Finish();  // the socket closed, the room left

  // The deadline on the server's wheel: the earliest of the Hello and message deadlines, the
  // idle ping or drop, and the close's deadline.
  void ScheduleBy(Clock::time_point at);
  void Reschedule();
  std::shared_ptr<void> Expire() override;  // the wheel's: posts OnTimer
  void OnTimer();

  // The session's executor (its strand, or the io_context with one I/O thread): a copy that is
  // never assigned, so other threads may post to it (socket_ is moved in at the upgrade).
  const boost::asio::any_io_executor executor_;
  boost::asio::ip::tcp::socket socket_;
  std::unique_ptr<Handshake> handshake_;  // during the upgrade only
  WebSocketReader reader_;
  const ServerContext& context_;                    // the server's: it outlives every session
  std::shared_ptr<ConnectionRegistry::Slot> slot_;  // idle until Hello is said
  HelloGate hello_gate_;
  TokenBucket commands_;  // context_.limits.commands
  TokenBucket hints_;     // context_.limits.hints
  // Set for a connection refused at a limit: what to say after the upgrade (kept apart: most
  // connections are never refused, and ten thousand of them each pay for every member).
  struct Refusal {
    std::unique_ptr<ConnectionRegistry::RefusalTicket> ticket;
    std::string message;
    std::chrono::milliseconds retry_after{0};
  };
  std::unique_ptr<Refusal> refusal_;
  bool hello_said_ = false;
  std::shared_ptr<room::Port> room_;  // the workshop's room, or its edge (cluster)
  // Commands handed to the room whose answers are not queued yet; at context_.limits.max_unanswered
  // the session stops reading (read_paused_) until an answer brings it below.
  uint32_t unanswered_ = 0;
  bool read_paused_ = false;
  bool resume_posted_ = false;
  bool read_waiting_ = false;  // an async_wait for bytes is pending
  HandlerMemory read_memory_;  // where that wait lives

  Clock::time_point timer_at_ = Clock::time_point::max();  // on the wheel for then
  Clock::time_point hello_deadline_{};
  Clock::time_point message_deadline_ = Clock::time_point::max();  // a message begun
  Clock::time_point close_deadline_{};
  Clock::time_point last_read_{};
  bool ping_sent_ = false;  // since last_read_

  std::mutex inbox_mu_;
  std::vector<room::Frame> inbox_;     // guarded by inbox_mu_
  bool drain_posted_ = false;          // guarded by inbox_mu_
  std::vector<room::Frame> draining_;  // the strand's copy of the inbox, reused

  FrameQueue queue_;
  size_t queued_bytes_ = 0;
  std::string pong_;  // the pong due, if any
  bool ping_due_ = false;
  std::string control_;  // what of them the next write takes
  // For the write metrics: when the oldest frame waiting was queued, when the write began.
  Clock::time_point queued_since_{};
  Clock::time_point write_started_{};
  bool writing_ = false;       // a write waits for the socket to drain
  bool write_posted_ = false;  // single_thread: corked, a DoWrite is due for the round's frames
  WebSocketWriter writer_;     // what is being written
  size_t frames_in_flight_ = 0;
  bool timed_write_ = false;  // the write holds frames of the queue (the write metrics)

  bool closing_ = false;     // a close is under way (see RequestClose)
  std::string close_frame_;  // ours, to write after what is in flight
  bool close_sent_ = false;  // written, and our side shut down
  bool finished_ = false;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_WEBSOCKET_SESSION_H_
