#include "server/net/websocket_writer.h"

#include <google/protobuf/io/coded_stream.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <climits>

#include "server/net/websocket_frames.h"

namespace atelier::net {

namespace ws = websocket;

namespace {

using google::protobuf::io::CodedOutputStream;

// Writes v as a protobuf varint at out (room for 10 bytes); returns how many bytes it took.
size_t PutVarint(char* out, uint64_t v) {
  auto* begin = reinterpret_cast<uint8_t*>(out);
  return static_cast<size_t>(CodedOutputStream::WriteVarint64ToArray(v, begin) - begin);
}

iovec Piece(const void* data, size_t size) { return iovec{const_cast<void*>(data), size}; }

// The most a run of frames adds to heads_: a frame header, and an EventBatch's tag and length
// and its through_seq (tag and varint each).
constexpr size_t kHeadsPerRun = ws::kMaxHeaderBytes + 11 + 11;

}  // namespace

size_t WebSocketWriter::Prepare(FrameQueue& queue, std::string& control, const std::string* close) {
  gather_.clear();
  next_ = 0;
  heads_.clear();
  size_t frames = 0;
  if (!control.empty()) {
    control_.swap(control);
    gather_.push_back(Piece(control_.data(), control_.size()));
    // Whole control frames of ours (unmasked, at most 125 bytes): a pong and a ping are two.
    for (size_t at = 0; at + 1 < control_.size();
         at += 2 + (static_cast<unsigned char>(control_[at + 1]) & 0x7f)) {
      ++frames;
    }
  }
  // Room for every head first: heads_ must not move once pointed into.
  size_t runs = 0;
  for (size_t i = 0; i < queue.size(); ++i) {
    if (queue[i].kind == room::Frame::Kind::kMessage || i == 0 ||
        queue[i - 1].kind == room::Frame::Kind::kMessage) {
      ++runs;
    }
  }
  heads_.reserve(runs * kHeadsPerRun);
  // Appends the header of a binary frame of `size` bytes to heads_; returns where it starts.
  const auto frame_head = [&](size_t size) {
    char* head = heads_.data() + heads_.size();
    heads_.resize(heads_.size() + ws::kMaxHeaderBytes);
    const size_t head_size = ws::PutHeader(head, ws::kBinary, size);
    heads_.resize(heads_.size() - ws::kMaxHeaderBytes + head_size);
    return head;
  };
  while (!queue.empty()) {
    room::Frame& first = queue.front();
    if (first.kind == room::Frame::Kind::kMessage) {
      const char* head = frame_head(first.bytes->size());
      gather_.push_back(Piece(head, heads_.data() + heads_.size() - head));
      gather_.push_back(Piece(first.bytes->data(), first.bytes->size()));
      frames_.push_back(std::move(first));
      queue.pop_front();
      ++frames;
      continue;
    }
    // The events waiting in a row: one EventBatch, field 1 pieces, then through_seq (field 2).
    size_t events = 0;
    size_t inner_size = 0;
    for (; events < queue.size() && queue[events].kind == room::Frame::Kind::kEvent; ++events) {
      inner_size += queue[events].bytes->size();
      through_seq_ = std::max(through_seq_, queue[events].seq);
    }
    char tail[11];
    tail[0] = '\x10';
    const size_t tail_size = 1 + PutVarint(tail + 1, through_seq_);
    inner_size += tail_size;
    char batch_head[11];
    batch_head[0] = '\x12';  // ServerMessage.events, length-delimited
    const size_t batch_head_size = 1 + PutVarint(batch_head + 1, inner_size);
    const char* head = frame_head(batch_head_size + inner_size);
    heads_.append(batch_head, batch_head_size);
    gather_.push_back(Piece(head, heads_.data() + heads_.size() - head));
    for (size_t i = 0; i < events; ++i) {
      room::Frame& event = queue.front();
      gather_.push_back(Piece(event.bytes->data(), event.bytes->size()));
      frames_.push_back(std::move(event));
      queue.pop_front();
    }
    const char* tail_at = heads_.data() + heads_.size();
    heads_.append(tail, tail_size);
    gather_.push_back(Piece(tail_at, tail_size));
    ++frames;
  }
  if (close != nullptr) {
    holds_close_ = true;
    gather_.push_back(Piece(close->data(), close->size()));
    ++frames;
  }
  return frames;
}

WebSocketWriter::Flushed WebSocketWriter::Flush(int fd) {
  while (next_ < gather_.size()) {
    msghdr message{};
    message.msg_iov = &gather_[next_];
    message.msg_iovlen = std::min<size_t>(gather_.size() - next_, IOV_MAX);
    const ssize_t n = ::sendmsg(fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return Flushed::kBlocked;
      return Flushed::kFailed;
    }
    auto left = static_cast<size_t>(n);
    while (next_ < gather_.size() && left >= gather_[next_].iov_len) {
      left -= gather_[next_].iov_len;
      ++next_;
    }
    if (left > 0) {
      iovec& partial = gather_[next_];
      partial.iov_base = static_cast<char*>(partial.iov_base) + left;
      partial.iov_len -= left;
    }
  }
  return Flushed::kAll;
}

void WebSocketWriter::Done() {
  frames_.clear();
  control_.clear();
  gather_.clear();
  next_ = 0;
  holds_close_ = false;
  // Past a few frames, the next write allocates again.
  if (frames_.capacity() > 8) std::vector<room::Frame>().swap(frames_);
  if (gather_.capacity() > 16) std::vector<iovec>().swap(gather_);
  if (heads_.capacity() > 64) std::string().swap(heads_);
  if (control_.capacity() > 64) std::string().swap(control_);
}

}  // namespace atelier::net
