// A Subscriber that records what a room sends it, for tests of rooms in process: whole messages
// decoded, events decoded from their EventBatch pieces, and the close.
#ifndef ATELIER_TESTS_ROOM_RECORDING_SUBSCRIBER_H_
#define ATELIER_TESTS_ROOM_RECORDING_SUBSCRIBER_H_

#include <google/protobuf/io/coded_stream.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "atelier/v1/wire.pb.h"
#include "server/room/subscriber.h"

namespace atelier::room::testing {

class RecordingSubscriber : public Subscriber {
 public:
  // What arrived: a message, or one event of an EventBatch.
  struct Received {
    std::optional<atelier::v1::ServerMessage> message;
    std::optional<atelier::v1::Event> event;
    uint32_t answers = 0;
  };

  void Deliver(Frame frame) override {
    Received received;
    received.answers = frame.answers;
    if (frame.kind == Frame::Kind::kMessage) {
      received.message.emplace();
      received.message->ParseFromString(*frame.bytes);
    } else {
      google::protobuf::io::CodedInputStream in(
          reinterpret_cast<const uint8_t*>(frame.bytes->data()),
          static_cast<int>(frame.bytes->size()));
      uint32_t tag = in.ReadTag();
      uint32_t size = 0;
      received.event.emplace();
      if (tag != 0x0a || !in.ReadVarint32(&size)) return;
      auto limit = in.PushLimit(static_cast<int>(size));
      received.event->ParseFromCodedStream(&in);
      in.PopLimit(limit);
    }
    std::lock_guard lock(mu_);
    received_.push_back(std::move(received));
    changed_.notify_all();
  }

  void Disconnect(uint16_t code, std::string reason) override {
    std::lock_guard lock(mu_);
    if (close_code_ == 0) {
      close_code_ = code;
      close_reason_ = std::move(reason);
    }
    changed_.notify_all();
  }

  // Waits (up to 10 s) for something received that satisfies `match`, looking from the first
  // not yet taken; returns it and takes everything up to it.
  std::optional<Received> WaitFor(const std::function<bool(const Received&)>& match,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mu_);
    std::optional<Received> found;
    changed_.wait_for(lock, timeout, [&] {
      for (; taken_ < received_.size(); ++taken_) {
        if (match(received_[taken_])) {
          found = received_[taken_++];
          return true;
        }
      }
      return false;
    });
    return found;
  }

  std::optional<atelier::v1::ServerMessage> WaitForMessage(
      const std::function<bool(const atelier::v1::ServerMessage&)>& match,
      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto found =
        WaitFor([&](const Received& r) { return r.message && match(*r.message); }, timeout);
    if (!found) return std::nullopt;
    return found->message;
  }

  // The close code once closed (0 after the timeout).
  uint16_t WaitForClose(std::string* reason = nullptr,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mu_);
    changed_.wait_for(lock, timeout, [this] { return close_code_ != 0; });
    if (reason) *reason = close_reason_;
    return close_code_;
  }

  uint16_t close_code() {
    std::lock_guard lock(mu_);
    return close_code_;
  }
  size_t count() {
    std::lock_guard lock(mu_);
    return received_.size();
  }
  std::vector<Received> all() {
    std::lock_guard lock(mu_);
    return received_;
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<Received> received_;
  size_t taken_ = 0;
  uint16_t close_code_ = 0;
  std::string close_reason_;
};

}  // namespace atelier::room::testing

#endif  // ATELIER_TESTS_ROOM_RECORDING_SUBSCRIBER_H_
