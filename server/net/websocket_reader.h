// WebSocketReader: turns the bytes a client sends into its messages and control frames (RFC
// 6455, server side, no extension negotiated), and finds what breaks the protocol.
//
// Bytes are handed over as they are read (Feed) and taken apart in place: a frame that arrived
// whole is unmasked where it lies and its message handed out as a view, with no copy. Only what
// is left of a frame not yet whole, and a message sent in several fragments, are kept by the
// reader (so an idle connection's reader holds nothing on the heap).
//
// Checked, each answered by Next() with kError and the close code to send: an unmasked frame,
// reserved bits set, an unknown opcode, a control frame fragmented or over 125 bytes, a
// continuation with no message begun or a new message before the last one ended, a length
// with its top bit set, a close frame of one byte or with a code no one may send (all 1002);
// a message over max_message_bytes, seen from the frame header before its payload arrives
// (1009); text, or a close reason, that is not UTF-8 (1007). After an error the reader takes
// nothing more.
//
// Not thread-safe; owned by one session.
#ifndef ATELIER_SERVER_NET_WEBSOCKET_READER_H_
#define ATELIER_SERVER_NET_WEBSOCKET_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/net/websocket_frames.h"

namespace atelier::net {

class WebSocketReader {
 public:
  struct Item {
    enum class Kind {
      kNeedMore,  // every byte fed is taken: feed more
      kMessage,   // a whole data message: payload (text tells a text message from binary)
      kPing,      // payload: to send back in a pong
      kPong,
      kClose,  // code (0 when the frame had none) and reason in payload
      kError,  // code: the close code to send; why: what was wrong
    };
    Kind kind = Kind::kNeedMore;
    std::string_view payload;
    bool text = false;
    uint16_t code = 0;
    std::string_view why;
  };

  explicit WebSocketReader(size_t max_message_bytes) : max_message_bytes_(max_message_bytes) {}

  // Hands over `size` bytes read from the client. They are unmasked in place: the caller keeps
  // them as they are until Next() returns kNeedMore (or calls Keep()), then may reuse them.
  void Feed(char* data, size_t size);
  // The next thing the bytes fed so far make. A view it returns stays valid until the next call
  // to Next, Feed or Keep. On kNeedMore, what is left of an unfinished frame has been copied.
  Item Next();
  // Copies the bytes fed and not taken yet, so that the caller may reuse its buffer and call
  // Next later (a session that stops reading between two messages).
  void Keep();

  // Whether a frame or a fragmented message is begun and not finished.
  bool InMessage() const { return held_.size() > held_offset_ || fragmented_; }
  // Whether bytes fed are not taken yet (the caller stopped before kNeedMore).
  bool HasUnread() const { return Size() > 0; }
  bool failed() const { return failed_; }

 private:
  Item Fail(uint16_t code, std::string_view why);
  // The bytes not taken yet: those held, else those fed.
  char* Data();
  size_t Size() const;
  void Consume(size_t n);

  size_t max_message_bytes_;
  char* fed_ = nullptr;  // the caller's bytes, taken in place
  size_t fed_size_ = 0;
  size_t fed_offset_ = 0;
  std::string held_;  // an unfinished frame's bytes, copied; taken from held_offset_
  size_t held_offset_ = 0;
  std::string message_;  // the fragments of a message so far
  bool fragmented_ = false;
  bool fragmented_text_ = false;
  bool release_message_ = false;  // message_ was handed out: clear it on the next call
  bool failed_ = false;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_WEBSOCKET_READER_H_
