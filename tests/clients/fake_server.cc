#include "tests/clients/fake_server.h"

#include <chrono>
#include <exception>
#include <optional>
#include <stdexcept>

namespace atelier::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

FakeServer::FakeServer(int connections, Script script)
    : acceptor_(ioc_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
  port_ = acceptor_.local_endpoint().port();
  thread_ =
      std::thread([this, connections, script = std::move(script)] { Run(connections, script); });
}

FakeServer::~FakeServer() { thread_.join(); }

void FakeServer::Run(int connections, const Script& script) {
  for (int i = 0; i < connections; ++i) {
    std::optional<Socket> socket;
    acceptor_.async_accept([&](beast::error_code ec, Socket s) {
      if (!ec) socket.emplace(std::move(s));
    });
    ioc_.restart();
    ioc_.run_for(std::chrono::seconds(10));
    if (!socket) {
      std::lock_guard lock(mu_);
      error_ += "connection " + std::to_string(i) + " never came; ";
      return;
    }
    try {
      script(std::move(*socket), i);
    } catch (const std::exception& e) {
      std::lock_guard lock(mu_);
      error_ += "connection " + std::to_string(i) + ": " + e.what() + "; ";
    }
  }
}

std::string FakeServer::error() const {
  std::lock_guard lock(mu_);
  return error_;
}

void AcceptWebSocket(WsStream& ws) {
  ws.accept();
  ws.binary(true);
}

v1::ClientMessage ReadClientMessage(WsStream& ws) {
  beast::flat_buffer buffer;
  ws.read(buffer);
  v1::ClientMessage message;
  auto data = buffer.cdata();
  if (!message.ParseFromArray(data.data(), static_cast<int>(data.size()))) {
    throw std::runtime_error("the client sent a frame that is not a ClientMessage");
  }
  return message;
}

void SendServerMessage(WsStream& ws, const v1::ServerMessage& message) {
  const std::string bytes = message.SerializeAsString();
  ws.write(net::buffer(bytes));
}

uint16_t UnusedPort() {
  net::io_context ioc;
  tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

}  // namespace atelier::testing
