#include "server/net/websocket_session.h"

#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <utility>

#include "atelier/v1/wire.pb.h"
#include "server/net/websocket_frames.h"

namespace atelier::net {

namespace beast = boost::beast;
namespace asio = boost::asio;
namespace ws = websocket;
namespace v1 = atelier::v1;

namespace {

// How long a close may take (ours or the client's) before the socket is closed anyway; Beast's
// upgrade gets as long.
constexpr std::chrono::seconds kCloseTimeout{10};

// Bytes are read into one buffer per I/O thread and taken apart there; only what is left of an
// unfinished frame is copied into the session (WebSocketReader).
constexpr size_t kReadBufferBytes = 64 << 10;
char* ReadBuffer() {
  thread_local std::unique_ptr<char[]> buffer(new char[kReadBufferBytes]);
  return buffer.get();
}

// With one I/O thread: the sessions a room gave frames to in the handler running now, written
// together by one handler posted after it (not a post per session: a round for 300 tables was
// 300 posts). The posted handler owns the list, so that an io_context stopped before running it
// releases the sessions with its other handlers; the thread keeps only a pointer to it, for the
// io_context it belongs to.
struct CorkedWrites {
  const void* context = nullptr;
  std::vector<std::shared_ptr<WebSocketSession>> sessions;
  ~CorkedWrites();
};

thread_local CorkedWrites* corked = nullptr;

CorkedWrites::~CorkedWrites() {
  if (corked == this) corked = nullptr;
}

}  // namespace

void WebSocketSession::Cork() {
  write_posted_ = true;
  const void* context = &asio::query(socket_.get_executor(), asio::execution::context);
  if (corked == nullptr || corked->context != context) {
    auto writes = std::make_shared<CorkedWrites>();
    writes->context = context;
    corked = writes.get();
    asio::post(executor_, [writes] {
      if (corked == writes.get()) corked = nullptr;  // frames given from now on: another post
      for (const auto& session : writes->sessions) session->WriteCorked();
    });
  }
  corked->sessions.push_back(shared_from_this());
}

void WebSocketSession::WriteCorked() {
  write_posted_ = false;
  DoWrite();
}

WebSocketSession::WebSocketSession(asio::ip::tcp::socket&& socket, const ServerContext& context,
                                   std::shared_ptr<ConnectionRegistry::Slot> slot,
                                   AddressKey client)
    : executor_(socket.get_executor()),
      socket_(executor_),
      handshake_(std::make_unique<Handshake>(std::move(socket))),
      reader_(context.limits.max_message_bytes),
      context_(context),
      slot_(std::move(slot)),
      hello_gate_(context.limiter, context.edge_metrics, client) {
  context_.metrics.connections.Increment();
  context_.metrics.connections_total.Increment();
}

WebSocketSession::~WebSocketSession() {
  context_.deadlines.Cancel(*this);
  context_.metrics.connections.Decrement();
}

void WebSocketSession::Run(beast::http::request<beast::http::string_body> request,
                           std::string early) {
  if (slot_) {
    slot_->SetEvictor([weak = weak_from_this()] {
      if (auto self = weak.lock()) asio::post(self->executor_, [self] { self->Evict(); });
    });
    slot_->SetIdle(true);  // until it says Hello
  }
  if (!early.empty()) {
    // Taken with the first read after the upgrade (ReadNow), before the socket's bytes; copied
    // by Keep, as a frame left unfinished would be.
    reader_.Feed(early.data(), early.size());
    reader_.Keep();
  }
  Accept(std::move(request));
}

void WebSocketSession::RunRefused(beast::http::request<beast::http::string_body> request,
                                  std::string message, std::chrono::milliseconds retry_after,
                                  std::unique_ptr<ConnectionRegistry::RefusalTicket> ticket) {
  refusal_ = std::make_unique<Refusal>(Refusal{std::move(ticket), std::move(message), retry_after});
  Accept(std::move(request));
}

void WebSocketSession::Evict() {
  if (handshake_) {
    beast::error_code ec;
    handshake_->next_layer().close(ec);  // the upgrade fails: OnAccept finishes
    return;
  }
  Finish();
}

void WebSocketSession::Accept(beast::http::request<beast::http::string_body> request) {
  beast::websocket::stream_base::timeout timeouts;
  timeouts.handshake_timeout = kCloseTimeout;  // the upgrade's answer
  timeouts.idle_timeout = beast::websocket::stream_base::none();
  timeouts.keep_alive_pings = false;
  handshake_->set_option(timeouts);
  handshake_->set_option(
      beast::websocket::stream_base::decorator([](beast::websocket::response_type& res) {
        res.set(beast::http::field::server, "atelier-server");
      }));
  handshake_->async_accept(
      request, beast::bind_front_handler(&WebSocketSession::OnAccept, shared_from_this()));
}

void WebSocketSession::OnAccept(beast::error_code ec) {
  // From now on the bare socket: Beast's stream (and its buffers) go.
  socket_ = std::move(handshake_->next_layer());
  handshake_.reset();
  if (ec) return Finish();
  last_read_ = Clock::now();
  if (refusal_) {
    return SendError("overloaded", refusal_->message, 1013, refusal_->retry_after);
  }
  hello_deadline_ = last_read_ + context_.limits.hello_timeout;
  Reschedule();
  if (closing_) DoWrite();  // closed by its room during the upgrade
  ReadNow();
}

// ---- Reading ----

void WebSocketSession::WaitRead() {
  if (read_waiting_ || finished_) return;
  read_waiting_ = true;
  socket_.async_wait(asio::socket_base::wait_read,
                     asio::bind_allocator(HandlerAllocator<void>(read_memory_),
                                          [self = shared_from_this()](beast::error_code ec) {
                                            self->read_waiting_ = false;
                                            self->OnReadable(ec);
                                          }));
}

void WebSocketSession::OnReadable(beast::error_code ec) {
  if (ec || finished_) return Finish();
  ReadNow();
}

void WebSocketSession::ReadNow() {
  if (!TakeMessages()) return;  // what an earlier read left
  // A few reads at most, then back to the queue of handlers: one client sending without pause
  // does not keep the thread from the others.
  for (int reads = 0; reads < 4; ++reads) {
    char* buffer = ReadBuffer();
    const ssize_t n = ::recv(socket_.native_handle(), buffer, kReadBufferBytes, MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return WaitRead();
      return Finish();
    }
    if (n == 0) return Finish();  // the client is gone (or ends its side of our close)
    last_read_ = Clock::now();
    ping_sent_ = false;
    if (close_sent_) continue;  // the close is ours: what comes now is discarded
    reader_.Feed(buffer, static_cast<size_t>(n));
    if (!TakeMessages()) {
      if (!finished_) reader_.Keep();  // the buffer is the thread's
      return;
    }
    if (static_cast<size_t>(n) < kReadBufferBytes) return WaitRead();
  }
  WaitRead();
}

bool WebSocketSession::TakeMessages() {
  while (!finished_ && !read_paused_) {
    const WebSocketReader::Item item = reader_.Next();
    switch (item.kind) {
      case WebSocketReader::Item::Kind::kNeedMore:
        // A message begun must arrive whole in time (Beast's idle timer alone would be reset
        // by each byte of a trickled one).
        if (!reader_.InMessage()) {
          message_deadline_ = Clock::time_point::max();
        } else if (message_deadline_ == Clock::time_point::max()) {
          message_deadline_ = Clock::now() + context_.limits.message_timeout;
          ScheduleBy(message_deadline_);
        }
        return true;
      case WebSocketReader::Item::Kind::kMessage:
        if (closing_) break;
        Handle(item.payload);
        if (!closing_ && unanswered_ >= context_.limits.max_unanswered) {
          // Back-pressure: read again when an answer is queued (Enqueue).
          read_paused_ = true;
          context_.edge_metrics.read_pauses_total.Increment();
        }
        break;
      case WebSocketReader::Item::Kind::kPing:
        if (!closing_) SendPong(item.payload);
        break;
      case WebSocketReader::Item::Kind::kPong:
        break;
      case WebSocketReader::Item::Kind::kClose:
        // The client closes: answer with its code (none when it gave none), drop what waits.
        if (!closing_) {
          RequestClose(item.code, "", /*drop_queue=*/true);
          if (item.code == 0) close_frame_ = ws::ControlFrame(ws::kClose, "");
        }
        DoWrite();
        return false;
      case WebSocketReader::Item::Kind::kError:
        RequestClose(item.code, item.why, /*drop_queue=*/true);
        DoWrite();
        return false;
    }
  }
  return false;
}

void WebSocketSession::ResumeReading() {
  if (resume_posted_) return;
  resume_posted_ = true;
  asio::post(executor_, [self = shared_from_this()] {
    self->resume_posted_ = false;
    if (self->finished_ || self->read_paused_ || self->read_waiting_) return;
    self->ReadNow();
  });
}

void WebSocketSession::Handle(std::string_view bytes) {
  v1::ClientMessage message;
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return SendError("bad_message", "the frame is not an atelier.v1.ClientMessage", 1007);
  }
  switch (message.kind_case()) {
    case v1::ClientMessage::kHello:
      return HandleHello(std::move(*message.mutable_hello()));
    case v1::ClientMessage::kCommand: {
      if (!room_) return SendError("bad_message", "send Hello first", 1008);
      const auto now = Clock::now();
      if (!commands_.TryTake(context_.limits.commands, now)) {
        return RejectOverloaded(message.command().command_id(),
                                commands_.RetryAfter(context_.limits.commands, now));
      }
      ++unanswered_;
      room_->Submit(shared_from_this(), std::move(*message.mutable_command()));
      return;
    }
    case v1::ClientMessage::kDraftHints: {
      if (!room_) return SendError("bad_message", "send Hello first", 1008);
      const auto now = Clock::now();
      if (!hints_.TryTake(context_.limits.hints, now)) {
        context_.edge_metrics.CountRefusal(metrics::Limit::kHints);
        const auto retry_after = hints_.RetryAfter(context_.limits.hints, now);
        v1::ServerMessage refusal;
        refusal.mutable_error()->set_code("overloaded");
        refusal.mutable_error()->set_message(RefusalMessage(metrics::Limit::kHints, retry_after));
        refusal.mutable_error()->set_retry_after_ms(static_cast<uint32_t>(retry_after.count()));
        return SendOwn(refusal);
      }
      room_->DraftHints(shared_from_this(), std::move(*message.mutable_draft_hints()));
      return;
    }
    case v1::ClientMessage::KIND_NOT_SET:
      break;
  }
  SendError("bad_message", "empty message", 1008);
}

void WebSocketSession::HandleHello(v1::Hello hello) {
  if (hello_said_) return SendError("bad_message", "Hello was already said", 1008);
  hello_said_ = true;
  if (slot_) slot_->SetIdle(false);
  if (auto refusal = hello_gate_.Admit(hello)) {
    return SendError("overloaded", refusal->message, 1013, refusal->retry_after);
  }
  // In a cluster a workshop is served by the node that holds its lease (the node routes).
  room_ = context_.cluster != nullptr ? context_.cluster->Route(hello)
                                      : context_.hub.FindForHello(hello);
  if (!room_) {
    hello_gate_.Unknown();
    return SendError("unknown_workshop", "no workshop matches this Hello", 1008);
  }
  room_->Hello(shared_from_this(), std::move(hello));
}

void WebSocketSession::RejectOverloaded(const std::string& command_id,
                                        std::chrono::milliseconds retry_after) {
  context_.edge_metrics.CountRefusal(metrics::Limit::kCommands);
  context_.metrics.commands_total.Increment();
  context_.metrics.CountRejection(v1::REJECTION_REASON_OVERLOADED);
  v1::ServerMessage answer;
  answer.mutable_rejected()->set_command_id(command_id);
  v1::Rejection& rejection = *answer.mutable_rejected()->mutable_rejection();
  rejection.set_reason(v1::REJECTION_REASON_OVERLOADED);
  rejection.set_message(RefusalMessage(metrics::Limit::kCommands, retry_after));
  rejection.set_retry_after_ms(static_cast<uint32_t>(std::max<int64_t>(1, retry_after.count())));
  SendOwn(answer);
}

void WebSocketSession::SendOwn(const v1::ServerMessage& message) {
  Enqueue(room::Frame{room::Frame::Kind::kMessage,
                      std::make_shared<const std::string>(message.SerializeAsString()), 0});
  DoWrite();
}

// ---- Writing ----

void WebSocketSession::SendError(std::string code, std::string text, uint16_t close_code,
                                 std::chrono::milliseconds retry_after) {
  v1::ServerMessage message;
  message.mutable_error()->set_code(std::move(code));
  message.mutable_error()->set_message(text);
  message.mutable_error()->set_retry_after_ms(static_cast<uint32_t>(retry_after.count()));
  Enqueue(room::Frame{room::Frame::Kind::kMessage,
                      std::make_shared<const std::string>(message.SerializeAsString()), 0});
  RequestClose(close_code, text, /*drop_queue=*/false);
  DoWrite();
}

void WebSocketSession::SendPong(std::string_view payload) {
  pong_ = ws::ControlFrame(ws::kPong, payload);
  DoWrite();
}

void WebSocketSession::SendPing() {
  ping_due_ = true;
  DoWrite();
}

void WebSocketSession::Deliver(room::Frame frame) {
  if (context_.single_thread) {
    // A room delivers a round's frames one after another on this very thread: queue them and
    // write once the round is over, so that they leave together in one frame, not the first
    // alone and the rest behind it.
    Enqueue(std::move(frame));
    if (!writing_ && !write_posted_) Cork();
    return;
  }
  {
    std::lock_guard lock(inbox_mu_);
    inbox_.push_back(std::move(frame));
    if (drain_posted_) return;
    drain_posted_ = true;
  }
  asio::post(executor_, [self = shared_from_this()] { self->Drain(); });
}

void WebSocketSession::Drain() {
  {
    std::lock_guard lock(inbox_mu_);
    draining_.swap(inbox_);
    drain_posted_ = false;
  }
  for (room::Frame& frame : draining_) Enqueue(std::move(frame));
  draining_.clear();
  DoWrite();
}

void WebSocketSession::Disconnect(uint16_t code, std::string reason) {
  asio::post(executor_, [self = shared_from_this(), code, reason = std::move(reason)] {
    if (self->closing_ || self->finished_) return;
    self->room_.reset();  // the room let go of it
    self->RequestClose(code, reason, /*drop_queue=*/false);
    self->DoWrite();
  });
}

void WebSocketSession::Enqueue(room::Frame frame) {
  if (closing_ || finished_) return;
  if (hello_gate_.awaiting() && frame.kind == room::Frame::Kind::kMessage) {
    hello_gate_.Outcome(*frame.bytes);
  }
  const uint32_t answers = frame.answers;
  if (queue_.empty()) queued_since_ = Clock::now();
  queued_bytes_ += frame.bytes->size();
  queue_.push_back(std::move(frame));
  // One frame alone never counts as a backlog (a large welcome snapshot); two or more past the
  // bound do.
  if (queue_.size() > 1 && (queued_bytes_ > context_.limits.max_queued_bytes ||
                            queue_.size() > context_.limits.max_queued_frames)) {
    // Too far behind: drop what waits and let the client resume from its last seq.
    context_.metrics.queue_drops_total.Increment();
    if (room_) room_->Leave(shared_from_this());
    room_.reset();
    RequestClose(room::kCloseTooSlow, "too slow: reconnect with your last seq",
                 /*drop_queue=*/true);
    return;
  }
  if (answers > 0) {
    unanswered_ -= std::min(unanswered_, answers);
    if (read_paused_ && unanswered_ < context_.limits.max_unanswered) {
      read_paused_ = false;
      ResumeReading();
    }
  }
}

void WebSocketSession::DoWrite() {
  while (!writing_ && !finished_ && !close_sent_ && !handshake_) {
    timed_write_ = !queue_.empty();  // the metrics are the room's frames', not pongs'
    if (timed_write_) {
      write_started_ = Clock::now();
      context_.metrics.ObserveWriteWait(write_started_ - queued_since_);
    }
    const bool close = closing_ && queue_.empty();
    if (!pong_.empty() || ping_due_) {
      control_.swap(pong_);
      pong_.clear();
      if (std::exchange(ping_due_, false)) control_ += ws::ControlFrame(ws::kPing, "");
    }
    frames_in_flight_ = writer_.Prepare(queue_, control_, close ? &close_frame_ : nullptr);
    queued_bytes_ = 0;
    if (frames_in_flight_ == 0) return;
    switch (writer_.Flush(socket_.native_handle())) {
      case WebSocketWriter::Flushed::kAll:
        WriteDone();
        break;
      case WebSocketWriter::Flushed::kBlocked:
        return WaitWritable();
      case WebSocketWriter::Flushed::kFailed:
        return Finish();
    }
  }
}

void WebSocketSession::WaitWritable() {
  // The socket is full: the rest when it drains.
  writing_ = true;
  socket_.async_wait(asio::socket_base::wait_write,
                     beast::bind_front_handler(&WebSocketSession::OnWritable, shared_from_this()));
}

void WebSocketSession::OnWritable(beast::error_code ec) {
  writing_ = false;
  if (ec || finished_) return Finish();
  switch (writer_.Flush(socket_.native_handle())) {
    case WebSocketWriter::Flushed::kAll:
      WriteDone();
      return DoWrite();
    case WebSocketWriter::Flushed::kBlocked:
      return WaitWritable();
    case WebSocketWriter::Flushed::kFailed:
      return Finish();
  }
}

void WebSocketSession::WriteDone() {
  if (timed_write_) context_.metrics.ObserveWrite(Clock::now() - write_started_);
  context_.metrics.frames_sent_total.Increment(frames_in_flight_);
  const bool close_written = writer_.holds_close();
  writer_.Done();
  if (close_written) {
    // Our close is out: nothing more is written; read (discarding) until the client closes.
    close_sent_ = true;
    std::string().swap(close_frame_);
    beast::error_code ec;
    socket_.shutdown(asio::socket_base::shutdown_send, ec);
    WaitRead();  // not at once: a read in progress may be what led here
  }
}

// ---- Closing and timers ----

void WebSocketSession::RequestClose(uint16_t code, std::string_view reason, bool drop_queue) {
  if (closing_ || finished_) return;
  closing_ = true;
  close_frame_ = ws::CloseFrame(code, reason);
  if (drop_queue) {
    queue_.clear();
    queued_bytes_ = 0;
  }
  close_deadline_ = Clock::now() + kCloseTimeout;
  ScheduleBy(close_deadline_);
  if (read_paused_) {
    read_paused_ = false;  // reading goes on, to see the client's close
    ResumeReading();
  }
}

void WebSocketSession::Finish() {
  if (finished_) return;
  finished_ = true;
  beast::error_code ec;
  if (handshake_) {
    handshake_->next_layer().close(ec);
  } else {
    socket_.close(ec);  // what waits on it ends (operation_aborted)
  }
  context_.deadlines.Cancel(*this);
  timer_at_ = Clock::time_point::max();
  queue_.clear();
  if (room_) room_->Leave(shared_from_this());
  room_.reset();
}

void WebSocketSession::ScheduleBy(Clock::time_point at) {
  if (finished_ || at >= timer_at_) return;
  timer_at_ = at;
  context_.deadlines.Schedule(*this, at);
}

std::shared_ptr<void> WebSocketSession::Expire() {
  auto self = weak_from_this().lock();  // null: the session is going
  if (self) asio::post(executor_, [self] { self->OnTimer(); });
  return self;
}

void WebSocketSession::Reschedule() {
  if (closing_) return ScheduleBy(close_deadline_);
  const std::chrono::milliseconds idle = context_.limits.idle_timeout;
  Clock::time_point next = last_read_ + (ping_sent_ ? idle : idle / 2);
  if (!hello_said_) next = std::min(next, hello_deadline_);
  next = std::min(next, message_deadline_);
  ScheduleBy(next);
}

void WebSocketSession::OnTimer() {
  // Also after a deadline moved since it was posted: every deadline is checked against now.
  if (finished_) return;
  timer_at_ = Clock::time_point::max();
  const auto now = Clock::now();
  if (closing_) {
    if (now >= close_deadline_) return Finish();  // the client did not close in time
    return Reschedule();
  }
  if (!hello_said_ && now >= hello_deadline_) {
    context_.edge_metrics.CountRefusal(metrics::Limit::kHelloTimeout);
    return SendError(
        "timeout",
        "no Hello within " + std::to_string(context_.limits.hello_timeout.count()) + " s", 1008);
  }
  if (now >= message_deadline_) {
    context_.edge_metrics.CountRefusal(metrics::Limit::kMessageTimeout);
    return SendError("timeout",
                     "a message did not arrive whole within " +
                         std::to_string(context_.limits.message_timeout.count()) + " s",
                     1008);
  }
  const std::chrono::milliseconds idle = context_.limits.idle_timeout;
  if (now >= last_read_ + idle) return Finish();  // silent: no pong came
  if (!ping_sent_ && now >= last_read_ + idle / 2) {
    ping_sent_ = true;
    SendPing();
  }
  Reschedule();
}

}  // namespace atelier::net
