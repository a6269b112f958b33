#include "bench/raw_fanout/websocket_session.h"

#include "atelier/v1/wire.pb.h"

namespace atelier::bench {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;

WebSocketSession::WebSocketSession(asio::ip::tcp::socket&& socket, Rooms& rooms, Options options)
    : ws_(std::move(socket)), rooms_(rooms), options_(options) {}

void WebSocketSession::Run(beast::http::request<beast::http::string_body> request) {
  // Timeouts on the handshakes only (a close to a stalled reader ends after 30 s); the
  // websocket's own timer, not touched by reads and writes while idle_timeout is none.
  websocket::stream_base::timeout timeout{};
  timeout.handshake_timeout = std::chrono::seconds(30);
  timeout.idle_timeout = websocket::stream_base::none();
  timeout.keep_alive_pings = false;
  ws_.set_option(timeout);
  ws_.read_message_max(64 << 10);
  ws_.binary(true);
  ws_.async_accept(request,
                   beast::bind_front_handler(&WebSocketSession::OnAccept, shared_from_this()));
}

void WebSocketSession::OnAccept(beast::error_code ec) {
  if (ec) return Finish();
  DoRead();
}

void WebSocketSession::DoRead() {
  ws_.async_read(buffer_, beast::bind_front_handler(&WebSocketSession::OnRead, shared_from_this()));
}

void WebSocketSession::OnRead(beast::error_code ec, size_t) {
  if (ec) return Finish();
  Handle();
  buffer_.consume(buffer_.size());
  if (!closing_) DoRead();
}

void WebSocketSession::Handle() {
  if (closing_) return;  // marked too slow while this frame was read: ignore it
  v1::ClientMessage message;
  const auto data = buffer_.cdata();
  if (!ws_.got_binary() || !message.ParseFromArray(data.data(), static_cast<int>(data.size()))) {
    return Fail("bad_message", "the frame is not an atelier.v1.ClientMessage", 1007);
  }
  switch (message.kind_case()) {
    case v1::ClientMessage::kHello:
      if (room_) return Fail("bad_message", "Hello was already said", 1008);
      room_ = rooms_.ForHello(message.hello());
      if (!room_) return Fail("bad_hello", "not a Hello of the minimal protocol", 1008);
      return room_->Hello(*this, message.hello());
    case v1::ClientMessage::kCommand:
      if (!room_) return Fail("bad_message", "send Hello first", 1008);
      return room_->Submit(*this, message.command());
    default:
      return Fail("bad_message", "not in the minimal protocol", 1008);
  }
}

void WebSocketSession::Fail(std::string code, std::string text, uint16_t close_code) {
  v1::ServerMessage message;
  message.mutable_error()->set_code(std::move(code));
  message.mutable_error()->set_message(text);
  Send(std::make_shared<const Outgoing>(Outgoing{message.SerializeAsString(), {}, 0}));
  CloseAfterQueue(close_code, std::move(text));
}

void WebSocketSession::Send(std::shared_ptr<const Outgoing> frame) {
  if (closing_) return;
  queued_bytes_ += frame->frame.size();
  queue_.push_back(std::move(frame));
  if (queue_.size() > in_flight_ + 1 && queued_bytes_ > options_.max_queued_bytes) {
    // Too far behind: keep only what is in flight; the client resumes from its last seq.
    for (size_t i = in_flight_; i < queue_.size(); ++i) queued_bytes_ -= queue_[i]->frame.size();
    queue_.resize(in_flight_);
    return CloseAfterQueue(kCloseTooSlow, "too slow: reconnect with your last seq");
  }
  DoWrite();
}

void WebSocketSession::CloseAfterQueue(uint16_t code, std::string reason) {
  if (closing_) return;
  closing_ = true;
  close_reason_ = websocket::close_reason(static_cast<websocket::close_code>(code), reason);
  DoWrite();
}

void WebSocketSession::DoWrite() {
  if (writing_ || finished_) return;
  if (queue_.empty()) {
    if (!closing_) return;
    writing_ = true;  // no write may start after the close
    ws_.async_close(close_reason_,
                    [self = shared_from_this()](beast::error_code) { self->Finish(); });
    return;
  }
  writing_ = true;
  size_t events = 0;
  if (options_.coalesce) {
    while (events < queue_.size() && queue_[events]->seq != 0) ++events;
  }
  if (events < 2) {
    // The shared bytes as they are: no copy.
    in_flight_ = 1;
    ws_.async_write(asio::buffer(queue_.front()->frame),
                    beast::bind_front_handler(&WebSocketSession::OnWrite, shared_from_this()));
    return;
  }
  // ServerMessage{events: EventBatch{events: the waiting events, through_seq: the last one's}}.
  std::string tail(1, '\x10');  // EventBatch.through_seq = 2, varint
  AppendVarint(tail, queue_[events - 1]->seq);
  size_t size = tail.size();
  for (size_t i = 0; i < events; ++i) size += queue_[i]->event_field.size();
  batch_.clear();
  batch_.push_back('\x12');  // ServerMessage.events = 2, length-delimited
  AppendVarint(batch_, size);
  for (size_t i = 0; i < events; ++i) batch_ += queue_[i]->event_field;
  batch_ += tail;
  in_flight_ = events;
  ws_.async_write(asio::buffer(batch_),
                  beast::bind_front_handler(&WebSocketSession::OnWrite, shared_from_this()));
}

void WebSocketSession::OnWrite(beast::error_code ec, size_t) {
  writing_ = false;
  if (finished_) return;  // Finish emptied the queue
  for (; in_flight_ > 0; --in_flight_) {
    queued_bytes_ -= queue_.front()->frame.size();
    queue_.pop_front();
  }
  if (ec) return Finish();
  DoWrite();
}

void WebSocketSession::Finish() {
  if (finished_) return;
  finished_ = true;
  closing_ = true;
  queue_.clear();
  queued_bytes_ = 0;
  in_flight_ = 0;
  if (room_) room_->Leave(*this);
  room_ = nullptr;
}

}  // namespace atelier::bench
