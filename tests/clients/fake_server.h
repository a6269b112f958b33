// A scripted server for client tests: listens on 127.0.0.1 port 0, accepts `connections`
// connections one after the other on its own thread, and hands each socket to the test's
// script, which plays the server's side synchronously (Beast's sync WebSocket or HTTP calls).
//
// An exception escaping the script is recorded in error() (a closed connection, an assertion of
// the script) and ends that connection. The destructor waits for the scripts to end; if a
// client never connects, accepting gives up after 10 s.
#ifndef ATELIER_TESTS_CLIENTS_FAKE_SERVER_H_
#define ATELIER_TESTS_CLIENTS_FAKE_SERVER_H_

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "atelier/v1/wire.pb.h"

namespace atelier::testing {

using Socket = boost::asio::ip::tcp::socket;
using WsStream = boost::beast::websocket::stream<Socket>;

class FakeServer {
 public:
  using Script = std::function<void(Socket socket, int index)>;

  FakeServer(int connections, Script script);
  ~FakeServer();
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  uint16_t port() const { return port_; }
  std::string error() const;

 private:
  void Run(int connections, const Script& script);

  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  std::thread thread_;
  mutable std::mutex mu_;
  std::string error_;
};

// The WebSocket side of a script: the handshake, and one protobuf message per binary frame.
void AcceptWebSocket(WsStream& ws);
v1::ClientMessage ReadClientMessage(WsStream& ws);
void SendServerMessage(WsStream& ws, const v1::ServerMessage& message);

// A port nothing listens on (bound, then released).
uint16_t UnusedPort();

}  // namespace atelier::testing

#endif  // ATELIER_TESTS_CLIENTS_FAKE_SERVER_H_
