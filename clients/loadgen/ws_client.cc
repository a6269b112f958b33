#include "clients/loadgen/ws_client.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/websocket/error.hpp>
#include <utility>

namespace atelier::loadgen {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

WsClient::WsClient(asio::io_context& ioc, asio::ip::tcp::endpoint endpoint)
    : ioc_(ioc), endpoint_(endpoint) {}

void WsClient::Connect(Handlers handlers) {
  handlers_ = std::move(handlers);
  const uint64_t generation = ++generation_;
  ws_ = std::make_unique<Stream>(ioc_);
  queue_.clear();
  writing_ = false;
  open_ = false;
  buffer_.clear();
  beast::get_lowest_layer(*ws_).async_connect(endpoint_, [this, generation](beast::error_code ec) {
    if (generation != generation_) return;
    if (ec) return Closed("connect: " + ec.message());
    beast::get_lowest_layer(*ws_).socket().set_option(asio::ip::tcp::no_delay(true));
    ws_->binary(true);
    ws_->auto_fragment(false);
    ws_->read_message_max(64 * 1024 * 1024);
    const std::string host = endpoint_.address().to_string() + ":" + std::to_string(endpoint_.port());
    ws_->async_handshake(host, "/ws", [this, generation](beast::error_code ec) {
      if (generation != generation_) return;
      if (ec) return Closed("handshake: " + ec.message());
      open_ = true;
      if (handlers_.on_open) handlers_.on_open();
      DoRead();
      if (!queue_.empty() && !writing_) DoWrite();
    });
  });
}

void WsClient::DoRead() {
  const uint64_t generation = generation_;
  ws_->async_read(buffer_, [this, generation](beast::error_code ec, size_t) {
    if (generation != generation_) return;
    if (ec) return Closed(ec.message());
    const auto data = buffer_.cdata();
    const bool parsed = message_.ParseFromArray(data.data(), static_cast<int>(data.size()));
    buffer_.consume(buffer_.size());
    if (!parsed) return Closed("a frame that is not a ServerMessage");
    if (handlers_.on_message) handlers_.on_message(message_);
    if (generation == generation_) DoRead();  // the handler may have aborted or reconnected
  });
}

void WsClient::Send(const v1::ClientMessage& message) {
  SendBytes(std::make_shared<const std::string>(message.SerializeAsString()));
}

void WsClient::SendBytes(std::shared_ptr<const std::string> frame) {
  if (!ws_) return;
  queue_.push_back(std::move(frame));
  if (open_ && !writing_) DoWrite();
}

void WsClient::DoWrite() {
  writing_ = true;
  const uint64_t generation = generation_;
  ws_->async_write(asio::buffer(*queue_.front()), [this, generation](beast::error_code ec, size_t) {
    if (generation != generation_) return;
    if (ec) return Closed("write: " + ec.message());
    queue_.pop_front();
    writing_ = false;
    if (!queue_.empty()) DoWrite();
  });
}

void WsClient::Abort() {
  if (!ws_) return;
  ++generation_;
  beast::error_code ignored;
  beast::get_lowest_layer(*ws_).socket().close(ignored);
  open_ = false;
  writing_ = false;
  queue_.clear();
}

void WsClient::Closed(const std::string& why) {
  const int code = ws_ && ws_->reason().code != websocket::close_code::none
                       ? static_cast<int>(ws_->reason().code)
                       : 0;
  ++generation_;
  open_ = false;
  writing_ = false;
  beast::error_code ignored;
  if (ws_) beast::get_lowest_layer(*ws_).socket().close(ignored);
  if (handlers_.on_closed) handlers_.on_closed(why, code);
}

}  // namespace atelier::loadgen
