#include "clients/client/connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "clients/client/command_ids.h"

namespace atelier::client {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Connection::Impl {
  net::io_context ioc;  // declared first: destroyed after the stream that uses it
  std::unique_ptr<websocket::stream<beast::tcp_stream>> ws;
  beast::flat_buffer buffer;
};

namespace {

constexpr size_t kMaxFrameBytes = 64 << 20;  // a snapshot of a big room fits
constexpr std::chrono::seconds kCloseWait{1};

std::string Ms(std::chrono::milliseconds ms) { return std::to_string(ms.count()) + " ms"; }

}  // namespace

Connection::Connection() : impl_(std::make_unique<Impl>()) {}

Connection::~Connection() { Abort(); }

bool Connection::RunUntil(const std::function<bool()>& done, Clock::time_point deadline) {
  net::io_context& ioc = impl_->ioc;
  for (;;) {
    if (done()) return true;
    ioc.restart();
    if (ioc.poll_one() > 0) continue;
    if (ioc.stopped()) return done();  // no work left: nothing more can complete
    if (Clock::now() >= deadline) return false;
    ioc.run_one_until(deadline);
  }
}

void Connection::Abort() {
  if (impl_->ws) {
    beast::get_lowest_layer(*impl_->ws).close();
    // Pending handlers refer to this object (and some to a caller's locals): let them finish,
    // with operation_aborted, before anything goes away.
    impl_->ioc.restart();
    impl_->ioc.run_for(std::chrono::seconds(2));
    impl_->ws.reset();
  }
  impl_->buffer.clear();
  open_ = false;
  read_pending_ = false;
  if (read_result_ && !read_result_->has_value()) read_result_.reset();
}

std::expected<void, std::string> Connection::Connect(const std::string& host, uint16_t port,
                                                     std::chrono::milliseconds timeout) {
  Abort();
  if (read_result_) {  // a message read just before the old connection went away
    inbox_.push_back(std::move(**read_result_));
    read_result_.reset();
  }
  closing_ = false;
  close_code_ = 0;
  close_reason_.clear();
  host_ = host;
  port_ = port;
  const auto deadline = Clock::now() + timeout;
  const std::string where = host + ":" + std::to_string(port);

  beast::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (ec) return std::unexpected("cannot resolve " + host + ": " + ec.message());

  impl_->ws = std::make_unique<websocket::stream<beast::tcp_stream>>(impl_->ioc);
  auto& ws = *impl_->ws;
  bool done = false;
  beast::get_lowest_layer(ws).expires_after(timeout);
  beast::get_lowest_layer(ws).async_connect(endpoints, [&](beast::error_code e, const auto&) {
    ec = e;
    done = true;
  });
  RunUntil([&] { return done; }, deadline + std::chrono::seconds(1));
  if (!done || ec) {
    Abort();
    return std::unexpected("cannot connect to " + where + ": " +
                           (done ? ec.message() : "timed out after " + Ms(timeout)));
  }

  ws.set_option(websocket::stream_base::decorator([](websocket::request_type& req) {
    req.set(beast::http::field::user_agent, "atelier-client");
  }));
  done = false;
  ws.async_handshake(where, "/ws", [&](beast::error_code e) {
    ec = e;
    done = true;
  });
  RunUntil([&] { return done; }, deadline + std::chrono::seconds(1));
  if (!done || ec) {
    Abort();
    return std::unexpected("WebSocket handshake with " + where + "/ws failed: " +
                           (done ? ec.message() : "timed out after " + Ms(timeout)));
  }
  // From here on, timeouts are the callers': a read may wait as long as they like.
  beast::get_lowest_layer(ws).expires_never();
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  ws.binary(true);
  ws.read_message_max(kMaxFrameBytes);
  open_ = true;
  return {};
}

std::expected<void, std::string> Connection::Send(const v1::ClientMessage& message,
                                                  std::chrono::milliseconds timeout) {
  if (!open_)
    return std::unexpected(close_code_ ? "the server closed the connection" : "not connected");
  const std::string bytes = message.SerializeAsString();
  bool done = false;
  beast::error_code ec;
  impl_->ws->async_write(net::buffer(bytes), [&](beast::error_code e, size_t) {
    ec = e;
    done = true;
  });
  if (!RunUntil([&] { return done; }, Clock::now() + timeout)) {
    Abort();  // the write is stuck: the server does not read; this connection is done
    return std::unexpected("send timed out after " + Ms(timeout) + "; connection closed");
  }
  if (ec) {
    std::string error = "send failed: " + ec.message();
    Abort();
    return std::unexpected(error);
  }
  return {};
}

void Connection::StartRead() {
  read_pending_ = true;
  impl_->ws->async_read(impl_->buffer, [this](beast::error_code ec, size_t) {
    read_pending_ = false;
    if (ec) {
      open_ = false;
      // The server's close frame may have come in even if the read then failed, e.g. when
      // answering it found the server gone already: its code still says why.
      const websocket::close_reason& reason = impl_->ws->reason();
      if (!closing_ && (ec == websocket::error::closed || reason.code != 0)) {
        close_code_ = reason.code;
        close_reason_ = std::string(reason.reason.data(), reason.reason.size());
        read_result_ = std::unexpected(
            "the server closed the connection (code " + std::to_string(close_code_) +
            (close_reason_.empty() ? "" : " \"" + close_reason_ + "\"") + ")");
      } else {
        read_result_ = std::unexpected(closing_ ? std::string("connection closed")
                                                : "connection lost: " + ec.message());
      }
      return;
    }
    auto data = impl_->buffer.cdata();
    v1::ServerMessage message;
    const bool ok = message.ParseFromArray(data.data(), static_cast<int>(data.size()));
    const size_t size = data.size();
    impl_->buffer.consume(size);
    if (!ok) {
      read_result_ = std::unexpected("the server sent a frame that is not a ServerMessage (" +
                                     std::to_string(size) + " bytes)");
      return;
    }
    Track(message);
    read_result_ = std::move(message);
  });
}

void Connection::Track(const v1::ServerMessage& message) {
  if (message.has_events()) {
    through_seq_ = std::max(through_seq_, message.events().through_seq());
  } else if (message.has_welcome() && message.welcome().has_snapshot()) {
    through_seq_ = std::max(through_seq_, message.welcome().snapshot().seq());
  }
}

std::expected<v1::ServerMessage, std::string> Connection::TakeRead() {
  auto result = std::move(*read_result_);
  read_result_.reset();
  if (!result || !result->has_answers()) return result;
  // Answers: handed out one by one, as if each had come in its own frame.
  for (v1::CommandAccepted& accepted : *result->mutable_answers()->mutable_accepted()) {
    *split_.emplace_back().mutable_accepted() = std::move(accepted);
  }
  for (v1::CommandRejected& rejected : *result->mutable_answers()->mutable_rejected()) {
    *split_.emplace_back().mutable_rejected() = std::move(rejected);
  }
  if (split_.empty()) return v1::ServerMessage();  // an empty Answers: nothing to hand out
  v1::ServerMessage first = std::move(split_.front());
  split_.pop_front();
  return first;
}

std::expected<v1::ServerMessage, std::string> Connection::Receive(
    std::chrono::milliseconds timeout) {
  if (!split_.empty()) {
    v1::ServerMessage message = std::move(split_.front());
    split_.pop_front();
    return message;
  }
  if (read_result_) return TakeRead();
  if (!open_) {
    return std::unexpected(close_code_ ? "the server closed the connection (code " +
                                             std::to_string(close_code_) + ")"
                                       : std::string("not connected"));
  }
  if (!read_pending_) StartRead();
  if (!RunUntil([&] { return read_result_.has_value(); }, Clock::now() + timeout)) {
    return std::unexpected("no message within " + Ms(timeout));
  }
  return TakeRead();
}

std::expected<v1::ServerMessage, std::string> Connection::Next(std::chrono::milliseconds timeout) {
  if (!inbox_.empty()) {
    v1::ServerMessage message = std::move(inbox_.front());
    inbox_.pop_front();
    return message;
  }
  return Receive(timeout);
}

std::expected<v1::Welcome, std::string> Connection::Hello(const v1::Hello& hello,
                                                          std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  hello_ = hello;
  through_seq_ = hello.last_seq();
  v1::ClientMessage message;
  *message.mutable_hello() = hello;
  if (auto sent = Send(message, timeout); !sent) return std::unexpected(sent.error());
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto received = Receive(std::max(left, std::chrono::milliseconds(0)));
    if (!received) return std::unexpected("no Welcome: " + received.error());
    if (received->has_welcome()) {
      welcome_ = received->welcome();
      return welcome_;
    }
    if (received->has_error()) {
      return std::unexpected(received->error().code() + ": " + received->error().message());
    }
    inbox_.push_back(std::move(*received));
  }
}

std::expected<v1::Welcome, std::string> Connection::Resume(std::chrono::milliseconds timeout) {
  if (host_.empty() || welcome_.workshop_id().empty()) {
    return std::unexpected("cannot resume: no Welcome yet");
  }
  v1::Hello hello = hello_;
  if (!welcome_.token().empty()) {
    const v1::ActorKind kind = welcome_.role().kind();
    if (kind == v1::ACTOR_KIND_TABLE || kind == v1::ACTOR_KIND_SEAT) {
      hello.Clear();
      hello.set_workshop_id(welcome_.workshop_id());
      if (kind == v1::ACTOR_KIND_TABLE) {
        hello.set_table_token(welcome_.token());
      } else {
        hello.set_seat_token(welcome_.token());
      }
    }
  }
  hello.set_last_seq(through_seq_);
  if (auto ok = Connect(host_, port_, timeout); !ok) return std::unexpected(ok.error());
  return Hello(hello, timeout);
}

std::expected<v1::Welcome, std::string> Connection::Resume(const std::string& host,
                                                           uint16_t port,
                                                           std::chrono::milliseconds timeout) {
  if (welcome_.workshop_id().empty()) return std::unexpected("cannot resume: no Welcome yet");
  host_ = host;
  port_ = port;
  return Resume(timeout);
}

std::expected<v1::ServerMessage, std::string> Connection::Execute(
    v1::Command command, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  if (command.command_id().empty()) command.set_command_id(NewCommandId());
  const std::string id = command.command_id();
  v1::ClientMessage message;
  *message.mutable_command() = std::move(command);
  if (auto sent = Send(message, timeout); !sent) return std::unexpected(sent.error());
  for (;;) {
    if (inbox_.size() >= kMaxInbox) {
      return std::unexpected("inbox full (" + std::to_string(inbox_.size()) +
                             " messages): read them with Next() before executing");
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto received = Receive(std::max(left, std::chrono::milliseconds(0)));
    if (!received) return std::unexpected("no answer to command " + id + ": " + received.error());
    if ((received->has_accepted() && received->accepted().command_id() == id) ||
        (received->has_rejected() && received->rejected().command_id() == id)) {
      return received;
    }
    inbox_.push_back(std::move(*received));
  }
}

void Connection::Close() {
  if (!impl_->ws) return;
  if (open_) {
    closing_ = true;
    bool done = false;
    impl_->ws->async_close(websocket::close_code::normal, [&](beast::error_code) { done = true; });
    RunUntil([&] { return done; }, Clock::now() + kCloseWait);
  }
  Abort();
  closing_ = false;
}

}  // namespace atelier::client
