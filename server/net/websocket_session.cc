#include "server/net/websocket_session.h"

#include <google/protobuf/io/coded_stream.h>

#include <boost/asio/post.hpp>

#include "atelier/v1/wire.pb.h"

namespace atelier::net {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;
namespace v1 = atelier::v1;

namespace {

using google::protobuf::io::CodedOutputStream;

// A close frame's reason is at most 123 bytes (RFC 6455 5.5): longer, Beast throws. Cut on a
// UTF-8 character boundary.
websocket::close_reason CloseReason(uint16_t code, std::string_view reason) {
  constexpr size_t kMax = 123;
  if (reason.size() > kMax) {
    size_t end = kMax;
    while (end > 0 && (static_cast<unsigned char>(reason[end]) & 0xC0) == 0x80) --end;
    reason = reason.substr(0, end);
  }
  return websocket::close_reason(static_cast<websocket::close_code>(code), reason);
}

// Writes v as a protobuf varint at out (room for 10 bytes); returns how many bytes it took.
size_t PutVarint(char* out, uint64_t v) {
  auto* begin = reinterpret_cast<uint8_t*>(out);
  return static_cast<size_t>(CodedOutputStream::WriteVarint64ToArray(v, begin) - begin);
}

}  // namespace

namespace {

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
  const void* context = &asio::query(ws_.get_executor(), asio::execution::context);
  if (corked == nullptr || corked->context != context) {
    auto writes = std::make_shared<CorkedWrites>();
    writes->context = context;
    corked = writes.get();
    asio::post(ws_.get_executor(), [writes] {
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
    : ws_(std::move(socket)),
      hub_(context.hub),
      cluster_(context.cluster),
      metrics_(context.metrics),
      edge_metrics_(context.edge_metrics),
      limits_(context.limits),
      single_thread_(context.single_thread),
      slot_(std::move(slot)),
      hello_gate_(context.limiter, context.edge_metrics, client),
      deadline_(ws_.get_executor()) {
  metrics_.connections.Increment();
  metrics_.connections_total.Increment();
}

WebSocketSession::~WebSocketSession() { metrics_.connections.Decrement(); }

void WebSocketSession::Run(beast::http::request<beast::http::string_body> request) {
  if (slot_) {
    slot_->SetEvictor([weak = weak_from_this(), executor = ws_.get_executor()] {
      asio::post(executor, [weak] {
        if (auto self = weak.lock()) self->Evict();
      });
    });
    slot_->SetIdle(true);  // until it says Hello
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
  beast::error_code ec;
  ws_.next_layer().close(ec);
}

void WebSocketSession::Accept(beast::http::request<beast::http::string_body> request) {
  websocket::stream_base::timeout timeouts;
  timeouts.handshake_timeout = std::chrono::seconds(10);  // the upgrade's answer, and a close
  timeouts.idle_timeout = limits_.idle_timeout;
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
    res.set(beast::http::field::server, "atelier-server");
  }));
  ws_.read_message_max(limits_.max_message_bytes);
  ws_.binary(true);
  ws_.async_accept(request,
                   beast::bind_front_handler(&WebSocketSession::OnAccept, shared_from_this()));
}

void WebSocketSession::OnAccept(beast::error_code ec) {
  if (ec) return Finish();
  if (refusal_) {
    return SendError("overloaded", refusal_->message, 1013, refusal_->retry_after);
  }
  ArmDeadline(Deadline::kHello, limits_.hello_timeout);
  DoRead();
}

void WebSocketSession::DoRead() {
  // A part of a message at a time, so that a message that does not arrive whole in time is
  // seen (ArmDeadline): Beast's idle timer alone is reset by each byte.
  ws_.async_read_some(buffer_, 0,
                      beast::bind_front_handler(&WebSocketSession::OnRead, shared_from_this()));
}

void WebSocketSession::OnRead(beast::error_code ec, size_t) {
  if (ec) return Finish();
  if (closing_) return;
  if (!ws_.is_message_done()) {
    // Before Hello the Hello deadline covers the message too.
    if (deadline_kind_ == Deadline::kNone) {
      ArmDeadline(Deadline::kMessage, limits_.message_timeout);
    }
    return DoRead();
  }
  if (deadline_kind_ == Deadline::kMessage) CancelDeadline();
  std::string bytes = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  buffer_.shrink_to_fit();  // an idle connection holds no read buffer (one allocation a message)
  Handle(bytes);
  if (closing_) return;
  if (unanswered_ >= limits_.max_unanswered) {
    // Back-pressure: read again when an answer is queued (Enqueue).
    read_paused_ = true;
    edge_metrics_.read_pauses_total.Increment();
    return;
  }
  DoRead();
}

void WebSocketSession::Handle(const std::string& bytes) {
  v1::ClientMessage message;
  if (!message.ParseFromString(bytes)) {
    return SendError("bad_message", "the frame is not an atelier.v1.ClientMessage", 1007);
  }
  switch (message.kind_case()) {
    case v1::ClientMessage::kHello:
      return HandleHello(std::move(*message.mutable_hello()));
    case v1::ClientMessage::kCommand: {
      if (!room_) return SendError("bad_message", "send Hello first", 1008);
      const auto now = Clock::now();
      if (!commands_.TryTake(limits_.commands, now)) {
        return RejectOverloaded(message.command().command_id(),
                                commands_.RetryAfter(limits_.commands, now));
      }
      ++unanswered_;
      room_->Submit(shared_from_this(), std::move(*message.mutable_command()));
      return;
    }
    case v1::ClientMessage::kDraftHints: {
      if (!room_) return SendError("bad_message", "send Hello first", 1008);
      const auto now = Clock::now();
      if (!hints_.TryTake(limits_.hints, now)) {
        edge_metrics_.CountRefusal(metrics::Limit::kHints);
        const auto retry_after = hints_.RetryAfter(limits_.hints, now);
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
  if (deadline_kind_ == Deadline::kHello) CancelDeadline();
  if (slot_) slot_->SetIdle(false);
  if (auto refusal = hello_gate_.Admit(hello)) {
    return SendError("overloaded", refusal->message, 1013, refusal->retry_after);
  }
  // In a cluster a workshop is served by the node that holds its lease (the node routes).
  room_ = cluster_ != nullptr ? cluster_->Route(hello) : hub_.FindForHello(hello);
  if (!room_) {
    hello_gate_.Unknown();
    return SendError("unknown_workshop", "no workshop matches this Hello", 1008);
  }
  room_->Hello(shared_from_this(), std::move(hello));
}

void WebSocketSession::RejectOverloaded(const std::string& command_id,
                                        std::chrono::milliseconds retry_after) {
  edge_metrics_.CountRefusal(metrics::Limit::kCommands);
  metrics_.commands_total.Increment();
  metrics_.CountRejection(v1::REJECTION_REASON_OVERLOADED);
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

void WebSocketSession::SendError(std::string code, std::string text, uint16_t close_code,
                                 std::chrono::milliseconds retry_after) {
  v1::ServerMessage message;
  message.mutable_error()->set_code(std::move(code));
  message.mutable_error()->set_message(text);
  message.mutable_error()->set_retry_after_ms(static_cast<uint32_t>(retry_after.count()));
  Enqueue(room::Frame{room::Frame::Kind::kMessage,
                      std::make_shared<const std::string>(message.SerializeAsString()), 0});
  close_requested_ = true;
  close_reason_ = CloseReason(close_code, text);
  closing_ = true;
  DoWrite();
}

void WebSocketSession::Deliver(room::Frame frame) {
  if (single_thread_) {
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
  asio::post(ws_.get_executor(), [self = shared_from_this()] { self->Drain(); });
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
  asio::post(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)] {
    if (self->close_requested_ || self->finished_) return;
    self->close_requested_ = true;
    self->closing_ = true;
    self->close_reason_ = CloseReason(code, reason);
    self->room_.reset();
    if (!self->writing_) self->DoWrite();
  });
}

void WebSocketSession::Enqueue(room::Frame frame) {
  if (close_requested_ || finished_) return;
  if (hello_gate_.awaiting() && frame.kind == room::Frame::Kind::kMessage) {
    hello_gate_.Outcome(*frame.bytes);
  }
  const uint32_t answers = frame.answers;
  if (queue_.empty()) queued_since_ = std::chrono::steady_clock::now();
  queued_bytes_ += frame.bytes->size();
  queue_.push_back(std::move(frame));
  // One frame alone never counts as a backlog (a large welcome snapshot); two or more past the
  // bound do.
  if (queue_.size() > 1 &&
      (queued_bytes_ > limits_.max_queued_bytes || queue_.size() > limits_.max_queued_frames)) {
    // Too far behind: drop what waits and let the client resume from its last seq.
    metrics_.queue_drops_total.Increment();
    queue_.clear();
    queued_bytes_ = 0;
    if (room_) room_->Leave(shared_from_this());
    room_.reset();
    close_requested_ = true;
    closing_ = true;
    close_reason_ = websocket::close_reason(static_cast<websocket::close_code>(room::kCloseTooSlow),
                                            "too slow: reconnect with your last seq");
    return;
  }
  if (answers > 0) {
    unanswered_ -= std::min(unanswered_, answers);
    if (read_paused_ && !closing_ && unanswered_ < limits_.max_unanswered) {
      read_paused_ = false;
      DoRead();
    }
  }
}

void WebSocketSession::DoWrite() {
  if (writing_) return;
  if (queue_.empty()) {
    if (close_requested_) DoClose();
    return;
  }
  writing_ = true;
  write_started_ = std::chrono::steady_clock::now();
  metrics_.ObserveWriteWait(write_started_ - queued_since_);
  if (queue_.front().kind == room::Frame::Kind::kMessage) {
    queued_bytes_ -= queue_.front().bytes->size();
    in_flight_.push_back(std::move(queue_.front()));
    queue_.pop_front();
    ws_.async_write(asio::buffer(*in_flight_.front().bytes),
                    beast::bind_front_handler(&WebSocketSession::OnWrite, shared_from_this()));
    return;
  }
  // Every event waiting goes in one EventBatch: field 1 pieces, then through_seq (field 2).
  size_t events = 0;
  size_t inner_size = 0;
  for (; events < queue_.size() && queue_[events].kind == room::Frame::Kind::kEvent; ++events) {
    inner_size += queue_[events].bytes->size();
    through_seq_ = std::max(through_seq_, queue_[events].seq);
  }
  inner_size += 1 + CodedOutputStream::VarintSize64(through_seq_);
  gather_.clear();
  batch_head_[0] = '\x12';  // ServerMessage.events, length-delimited
  gather_.emplace_back(batch_head_.data(), 1 + PutVarint(batch_head_.data() + 1, inner_size));
  for (size_t i = 0; i < events; ++i) {
    queued_bytes_ -= queue_.front().bytes->size();
    gather_.emplace_back(queue_.front().bytes->data(), queue_.front().bytes->size());
    in_flight_.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  batch_tail_[0] = '\x10';
  gather_.emplace_back(batch_tail_.data(), 1 + PutVarint(batch_tail_.data() + 1, through_seq_));
  ws_.async_write(BufferRange(gather_.data(), gather_.data() + gather_.size()),
                  beast::bind_front_handler(&WebSocketSession::OnWrite, shared_from_this()));
}

void WebSocketSession::OnWrite(beast::error_code ec, size_t) {
  writing_ = false;
  metrics_.ObserveWrite(std::chrono::steady_clock::now() - write_started_);
  in_flight_.clear();
  // A connection keeps no memory for what it is not writing (most are idle most of the time):
  // past a few frames, the next write allocates again.
  if (in_flight_.capacity() > 8) std::vector<room::Frame>().swap(in_flight_);
  if (gather_.capacity() > 10) std::vector<asio::const_buffer>().swap(gather_);
  if (ec) return Finish();
  metrics_.frames_sent_total.Increment();
  DoWrite();
}

void WebSocketSession::ArmDeadline(Deadline kind, std::chrono::seconds after) {
  deadline_kind_ = kind;
  const uint64_t generation = ++deadline_generation_;
  deadline_.expires_after(after);
  deadline_.async_wait([self = shared_from_this(), generation](beast::error_code ec) {
    self->OnDeadline(generation, ec);
  });
}

void WebSocketSession::CancelDeadline() {
  deadline_kind_ = Deadline::kNone;
  ++deadline_generation_;  // a handler already queued does nothing
  deadline_.cancel();
}

void WebSocketSession::OnDeadline(uint64_t generation, beast::error_code ec) {
  if (ec || generation != deadline_generation_ || closing_ || finished_) return;
  const Deadline kind = std::exchange(deadline_kind_, Deadline::kNone);
  if (kind == Deadline::kHello) {
    edge_metrics_.CountRefusal(metrics::Limit::kHelloTimeout);
    return SendError(
        "timeout", "no Hello within " + std::to_string(limits_.hello_timeout.count()) + " s", 1008);
  }
  if (kind == Deadline::kMessage) {
    edge_metrics_.CountRefusal(metrics::Limit::kMessageTimeout);
    return SendError("timeout",
                     "a message did not arrive whole within " +
                         std::to_string(limits_.message_timeout.count()) + " s",
                     1008);
  }
}

void WebSocketSession::DoClose() {
  writing_ = true;  // no write may start after the close
  ws_.async_close(close_reason_,
                  [self = shared_from_this()](beast::error_code) { self->Finish(); });
}

void WebSocketSession::Finish() {
  if (finished_) return;
  finished_ = true;
  CancelDeadline();
  queue_.clear();
  if (room_) room_->Leave(shared_from_this());
  room_.reset();
}

}  // namespace atelier::net
