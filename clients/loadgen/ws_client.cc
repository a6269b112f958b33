#include "clients/loadgen/ws_client.h"

#include <google/protobuf/arena.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <cstring>
#include <string_view>
#include <utility>

namespace atelier::loadgen {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr size_t kFirstBuffer = 4 << 10;  // grows while reads fill it, up to kLargestRead
constexpr size_t kLargestRead = 256 << 10;
constexpr size_t kArenaBlock = 256 << 10;

enum Opcode : uint8_t { kContinuation = 0x0, kText = 0x1, kBinary = 0x2, kClose = 0x8, kPing = 0x9, kPong = 0xA };

// One arena per thread for the message being handled, reset after each: a parse allocates
// nothing once the arena's first block holds a message.
google::protobuf::Arena& ParseArena() {
  thread_local std::unique_ptr<char[]> block(new char[kArenaBlock]);
  thread_local google::protobuf::Arena arena([] {
    google::protobuf::ArenaOptions options;
    options.initial_block = block.get();
    options.initial_block_size = kArenaBlock;
    return options;
  }());
  return arena;
}

uint64_t BigEndian(const char* p, int bytes) {
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = (value << 8) | static_cast<uint8_t>(p[i]);
  return value;
}

}  // namespace

WsClient::WsClient(asio::io_context& ioc, asio::ip::tcp::endpoint endpoint)
    : ioc_(ioc), receiver_(boost::asio::use_service<Receiver>(ioc)), endpoint_(endpoint) {}

WsClient::~WsClient() { StopReceiving(); }

void WsClient::Connect(Handlers handlers) {
  handlers_ = std::move(handlers);
  const uint64_t generation = ++generation_;
  StopReceiving();
  socket_ = std::make_unique<asio::ip::tcp::socket>(ioc_);
  queue_.clear();
  writing_ = false;
  open_ = false;
  in_size_ = 0;
  fragments_.clear();
  socket_->async_connect(endpoint_, [this, generation](error_code ec) {
    if (generation != generation_) return;
    if (ec) return Closed("connect: " + ec.message());
    socket_->set_option(asio::ip::tcp::no_delay(true), ec);
    const std::string host = endpoint_.address().to_string() + ":" + std::to_string(endpoint_.port());
    handshake_ = std::make_shared<std::string>(
        "GET /ws HTTP/1.1\r\nHost: " + host +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    asio::async_write(*socket_, asio::buffer(*handshake_), [this, generation](error_code ec, size_t) {
      if (generation != generation_) return;
      if (ec) return Closed("handshake: " + ec.message());
      ReadHandshake();
    });
  });
}

void WsClient::ReadHandshake() {
  const uint64_t generation = generation_;
  if (in_.size() < kFirstBuffer) in_.resize(kFirstBuffer);
  if (in_size_ == in_.size()) return Closed("handshake: the answer is too long");
  socket_->async_read_some(
      asio::buffer(in_.data() + in_size_, in_.size() - in_size_), [this, generation](error_code ec, size_t n) {
        if (generation != generation_) return;
        if (ec) return Closed("handshake: " + ec.message());
        in_size_ += n;
        const std::string_view got(in_.data(), in_size_);
        const size_t end = got.find("\r\n\r\n");
        if (end == std::string_view::npos) return ReadHandshake();
        if (!got.starts_with("HTTP/1.1 101")) {
          return Closed("handshake: " + std::string(got.substr(0, got.find('\r'))));
        }
        // What follows the answer's head is already frames.
        std::memmove(in_.data(), in_.data() + end + 4, in_size_ - end - 4);
        in_size_ -= end + 4;
        handshake_.reset();
        open_ = true;
        if (handlers_.on_open) handlers_.on_open();
        if (generation != generation_) return;
        if (!ParseFrames()) return;
        error_code ignored;
        socket_->non_blocking(true, ignored);
        if (!receiver_.Add(socket_->native_handle(), this)) return Closed("epoll refused the socket");
        receiving_fd_ = socket_->native_handle();
        if (!queue_.empty() && !writing_) DoWrite();
      });
}

void WsClient::OnReadable() {
  if (receiving_fd_ < 0) return;  // closed since the readiness was collected
  if (in_size_ == in_.size()) in_.resize(std::max(in_.size() * 2, kFirstBuffer));
  error_code ec;
  const size_t n = socket_->read_some(asio::buffer(in_.data() + in_size_, in_.size() - in_size_), ec);
  if (ec == asio::error::would_block || ec == asio::error::try_again) return;
  if (ec) return Closed(ec.message());
  const bool filled = in_size_ + n == in_.size();
  in_size_ += n;
  if (!ParseFrames()) return;
  // A read that filled the buffer: the socket holds more, take it in larger reads.
  if (filled && in_.size() < kLargestRead) in_.resize(in_.size() * 2);
}

void WsClient::StopReceiving() {
  if (receiving_fd_ < 0) return;
  receiver_.Remove(receiving_fd_);
  receiving_fd_ = -1;
}

bool WsClient::ParseFrames() {
  const uint64_t generation = generation_;
  size_t pos = 0;
  while (in_size_ - pos >= 2) {
    const char* frame = in_.data() + pos;
    const auto b0 = static_cast<uint8_t>(frame[0]);
    const auto b1 = static_cast<uint8_t>(frame[1]);
    if (b1 & 0x80) return Closed("a masked frame from the server"), false;
    uint64_t length = b1 & 0x7f;
    size_t head = 2;
    if (length == 126) {
      head = 4;
    } else if (length == 127) {
      head = 10;
    }
    if (in_size_ - pos < head) break;
    if (head > 2) length = BigEndian(frame + 2, static_cast<int>(head - 2));
    if (length > kMaxMessage) return Closed("a frame larger than the client takes"), false;
    if (in_size_ - pos < head + length) {
      if (head + length > in_.size()) in_.resize(head + length);  // parsed from the front below
      break;
    }
    const char* payload = frame + head;
    pos += head + length;
    const bool fin = (b0 & 0x80) != 0;
    switch (b0 & 0x0f) {
      case kContinuation:
        fragments_.append(payload, length);
        if (fragments_.size() > kMaxMessage) return Closed("a message larger than the client takes"), false;
        if (fin) {
          const std::string whole = std::exchange(fragments_, {});
          if (!OnMessage(whole.data(), whole.size())) return false;
        }
        break;
      case kText:
      case kBinary:
        if (!fin) {
          fragments_.assign(payload, length);
          break;
        }
        if (!OnMessage(payload, length)) return false;
        break;
      case kClose:
        Closed("closed by the server", length >= 2 ? static_cast<int>(BigEndian(payload, 2)) : 0);
        return false;
      case kPing:
        Queue(kPong, std::make_shared<const std::string>(payload, length));
        break;
      case kPong:
        break;
      default:
        Closed("a frame of an unknown kind");
        return false;
    }
    if (generation != generation_) return false;  // a handler aborted or reconnected
  }
  std::memmove(in_.data(), in_.data() + pos, in_size_ - pos);
  in_size_ -= pos;
  return true;
}

bool WsClient::OnMessage(const char* data, size_t size) {
  google::protobuf::Arena& arena = ParseArena();
  auto* message = google::protobuf::Arena::CreateMessage<v1::ServerMessage>(&arena);
  if (!message->ParseFromArray(data, static_cast<int>(size))) {
    arena.Reset();
    Closed("a frame that is not a ServerMessage");
    return false;
  }
  if (handlers_.on_message) handlers_.on_message(*message);
  arena.Reset();
  return true;
}

void WsClient::Send(const v1::ClientMessage& message) {
  SendBytes(std::make_shared<const std::string>(message.SerializeAsString()));
}

void WsClient::SendBytes(std::shared_ptr<const std::string> frame) { Queue(kBinary, std::move(frame)); }

void WsClient::Queue(uint8_t opcode, std::shared_ptr<const std::string> payload) {
  if (!socket_) return;
  queue_.push_back({opcode, std::move(payload)});
  if (open_ && !writing_) DoWrite();
}

void WsClient::DoWrite() {
  writing_ = true;
  const Outgoing& out = queue_.front();
  const size_t length = out.payload->size();
  size_t head = 0;
  header_[head++] = static_cast<char>(0x80 | out.opcode);
  if (length < 126) {
    header_[head++] = static_cast<char>(0x80 | length);
  } else if (length <= 0xffff) {
    header_[head++] = static_cast<char>(0x80 | 126);
    for (int shift = 8; shift >= 0; shift -= 8) header_[head++] = static_cast<char>(length >> shift);
  } else {
    header_[head++] = static_cast<char>(0x80 | 127);
    for (int shift = 56; shift >= 0; shift -= 8) header_[head++] = static_cast<char>(length >> shift);
  }
  // A zero masking key: the payload goes as it is.
  for (int i = 0; i < 4; ++i) header_[head++] = 0;
  const std::array<asio::const_buffer, 2> buffers = {asio::buffer(header_.data(), head),
                                                     asio::buffer(*out.payload)};
  const uint64_t generation = generation_;
  asio::async_write(*socket_, buffers, [this, generation](error_code ec, size_t) {
    if (generation != generation_) return;
    if (ec) return Closed("write: " + ec.message());
    queue_.pop_front();
    writing_ = false;
    if (!queue_.empty()) DoWrite();
  });
}

void WsClient::Abort() {
  if (!socket_) return;
  ++generation_;
  StopReceiving();
  error_code ignored;
  socket_->close(ignored);
  open_ = false;
  writing_ = false;
  queue_.clear();
}

void WsClient::Closed(const std::string& why, int close_code) {
  ++generation_;
  StopReceiving();
  open_ = false;
  writing_ = false;
  error_code ignored;
  if (socket_) socket_->close(ignored);
  if (handlers_.on_closed) handlers_.on_closed(why, close_code);
}

}  // namespace atelier::loadgen
