#include "server/net/websocket_reader.h"

#include <cstring>

namespace atelier::net {

namespace ws = websocket;

namespace {

// XORs `size` bytes at `data` with the 4-byte mask key, eight bytes at a time.
void Unmask(char* data, size_t size, const char key[4]) {
  uint64_t wide;
  char eight[8];
  for (int i = 0; i < 8; ++i) eight[i] = key[i % 4];
  std::memcpy(&wide, eight, 8);
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);
    word ^= wide;
    std::memcpy(data + i, &word, 8);
  }
  for (; i < size; ++i) data[i] ^= key[i % 4];
}

// A string that gave its bytes away keeps no heap memory past a small buffer.
void Release(std::string& s) {
  if (s.capacity() > 256) {
    std::string().swap(s);
  } else {
    s.clear();
  }
}

using Item = WebSocketReader::Item;

Item Made(Item::Kind kind, std::string_view payload = {}, bool text = false, uint16_t code = 0) {
  Item item;
  item.kind = kind;
  item.payload = payload;
  item.text = text;
  item.code = code;
  return item;
}

}  // namespace

char* WebSocketReader::Data() {
  return held_offset_ < held_.size() ? held_.data() + held_offset_ : fed_ + fed_offset_;
}

size_t WebSocketReader::Size() const {
  return held_offset_ < held_.size() ? held_.size() - held_offset_ : fed_size_ - fed_offset_;
}

void WebSocketReader::Consume(size_t n) {
  if (held_offset_ < held_.size()) {
    held_offset_ += n;
  } else {
    fed_offset_ += n;
  }
}

void WebSocketReader::Feed(char* data, size_t size) {
  if (failed_ || size == 0) return;
  if (held_offset_ < held_.size()) {
    // An unfinished frame is held: the new bytes go after it.
    held_.append(data, size);
    return;
  }
  fed_ = data;
  fed_size_ = size;
  fed_offset_ = 0;
}

void WebSocketReader::Keep() {
  if (held_offset_ < held_.size() || fed_offset_ == fed_size_) return;
  held_.assign(fed_ + fed_offset_, fed_size_ - fed_offset_);
  held_offset_ = 0;
  fed_ = nullptr;
  fed_size_ = fed_offset_ = 0;
}

WebSocketReader::Item WebSocketReader::Fail(uint16_t code, std::string_view why) {
  failed_ = true;
  fed_ = nullptr;
  fed_size_ = fed_offset_ = 0;
  Release(held_);
  held_offset_ = 0;
  Release(message_);
  Item item = Made(Item::Kind::kError, {}, false, code);
  item.why = why;
  return item;
}

WebSocketReader::Item WebSocketReader::Next() {
  if (release_message_) {
    release_message_ = false;
    Release(message_);
  }
  if (failed_) return Item{};
  for (;;) {
    const size_t size = Size();
    char* const data = Data();
    const auto need_more = [&] {
      // Keep what is left of an unfinished frame; the caller reuses its buffer.
      if (held_offset_ < held_.size()) {
        held_.erase(0, held_offset_);
      } else if (size > 0) {
        held_.assign(data, size);
      } else {
        Release(held_);
      }
      held_offset_ = 0;
      fed_ = nullptr;
      fed_size_ = fed_offset_ = 0;
      return Item{};
    };
    if (size < 2) return need_more();
    const auto b0 = static_cast<uint8_t>(data[0]);
    const auto b1 = static_cast<uint8_t>(data[1]);
    const bool fin = (b0 & 0x80) != 0;
    const uint8_t opcode = b0 & 0x0F;
    if ((b0 & 0x70) != 0) return Fail(ws::kCloseProtocolError, "reserved bits set");
    if ((b1 & 0x80) == 0) return Fail(ws::kCloseProtocolError, "a client frame must be masked");
    const bool control = (opcode & 0x8) != 0;
    switch (opcode) {
      case ws::kContinuation:
        if (!fragmented_) return Fail(ws::kCloseProtocolError, "continuation of no message");
        break;
      case ws::kText:
      case ws::kBinary:
        if (fragmented_) {
          return Fail(ws::kCloseProtocolError, "a new message before the last one ended");
        }
        break;
      case ws::kClose:
      case ws::kPing:
      case ws::kPong:
        break;
      default:
        return Fail(ws::kCloseProtocolError, "unknown opcode");
    }
    const uint8_t length7 = b1 & 0x7F;
    if (control && !fin) return Fail(ws::kCloseProtocolError, "a fragmented control frame");
    if (control && length7 > 125) {
      return Fail(ws::kCloseProtocolError, "a control frame over 125 bytes");
    }
    const size_t length_bytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    const size_t header = 2 + length_bytes + 4;
    if (size < header) return need_more();
    uint64_t length = length7;
    if (length_bytes > 0) {
      length = 0;
      for (size_t i = 0; i < length_bytes; ++i) {
        length = (length << 8) | static_cast<uint8_t>(data[2 + i]);
      }
      if ((length >> 63) != 0)
        return Fail(ws::kCloseProtocolError, "a length with its top bit set");
    }
    if (!control) {
      const uint64_t so_far = fragmented_ ? message_.size() : 0;
      if (length > max_message_bytes_ - so_far) {
        return Fail(ws::kCloseTooBig, "a message over the size limit");
      }
    }
    if (size - header < length) return need_more();
    char* payload = data + header;
    Unmask(payload, length, data + header - 4);
    Consume(header + length);
    const std::string_view bytes(payload, length);

    if (control) {
      if (opcode == ws::kPing) return Made(Item::Kind::kPing, bytes);
      if (opcode == ws::kPong) return Made(Item::Kind::kPong, bytes);
      if (length == 0) return Made(Item::Kind::kClose);
      if (length == 1) return Fail(ws::kCloseProtocolError, "a close frame of one byte");
      const auto code = static_cast<uint16_t>((static_cast<uint8_t>(payload[0]) << 8) |
                                              static_cast<uint8_t>(payload[1]));
      if (!ws::IsValidCloseCode(code))
        return Fail(ws::kCloseProtocolError, "an invalid close code");
      const std::string_view reason = bytes.substr(2);
      if (!ws::IsValidUtf8(reason)) {
        return Fail(ws::kCloseInvalidPayload, "a close reason that is not UTF-8");
      }
      return Made(Item::Kind::kClose, reason, false, code);
    }
    if (fin && !fragmented_) {
      const bool text = opcode == ws::kText;
      if (text && !ws::IsValidUtf8(bytes)) {
        return Fail(ws::kCloseInvalidPayload, "a text message that is not UTF-8");
      }
      return Made(Item::Kind::kMessage, bytes, text);
    }
    if (!fragmented_) {
      fragmented_ = true;
      fragmented_text_ = opcode == ws::kText;
    }
    message_.append(bytes);
    if (!fin) continue;  // the next fragment
    fragmented_ = false;
    release_message_ = true;
    if (fragmented_text_ && !ws::IsValidUtf8(message_)) {
      return Fail(ws::kCloseInvalidPayload, "a text message that is not UTF-8");
    }
    return Made(Item::Kind::kMessage, message_, fragmented_text_);
  }
}

}  // namespace atelier::net
