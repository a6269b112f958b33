#include "tests/server/raw_websocket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>

namespace atelier::server_test {
namespace {

using Clock = std::chrono::steady_clock;

int MillisLeft(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<int64_t>(0, left.count()));
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The status and headers of a response head (up to, without, the blank line).
std::expected<RawResponse, std::string> ParseHead(const std::string& head) {
  RawResponse response;
  size_t line_end = head.find("\r\n");
  const std::string status_line = head.substr(0, line_end);
  if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.")) {
    return std::unexpected("bad status line: " + status_line);
  }
  response.status = std::atoi(status_line.substr(9, 3).c_str());
  while (line_end != std::string::npos) {
    const size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string line = head.substr(start, line_end - start);
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    response.headers.emplace_back(Lower(line.substr(0, colon)), value);
  }
  return response;
}

}  // namespace

std::expected<RawSocket, std::string> RawSocket::Connect(const std::string& host, uint16_t port,
                                                         const std::string& local_address) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::unexpected("socket: " + std::string(strerror(errno)));
  RawSocket out(fd);
  if (!local_address.empty()) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    if (inet_pton(AF_INET, local_address.c_str(), &local.sin_addr) != 1) {
      return std::unexpected("bad local address " + local_address);
    }
    if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      return std::unexpected("bind " + local_address + ": " + strerror(errno));
    }
  }
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(port);
  if (inet_pton(AF_INET, host.c_str(), &remote.sin_addr) != 1) {
    return std::unexpected("bad host " + host);
  }
  if (connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
    return std::unexpected("connect: " + std::string(strerror(errno)));
  }
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return out;
}

RawSocket::RawSocket(RawSocket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

RawSocket& RawSocket::operator=(RawSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

RawSocket::~RawSocket() {
  if (fd_ >= 0) close(fd_);
}

bool RawSocket::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::expected<std::string, std::string> RawSocket::Receive(size_t max,
                                                           std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  int ready = 0;
  do ready = poll(&p, 1, static_cast<int>(timeout.count()));
  while (ready < 0 && errno == EINTR);
  if (ready == 0) return std::string();
  std::string out(max, '\0');
  ssize_t n = 0;
  do n = recv(fd_, out.data(), max, 0);
  while (n < 0 && errno == EINTR);
  if (n == 0) return std::unexpected("closed");
  if (n < 0) return std::unexpected(std::string(strerror(errno)));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool RawSocket::ClosedWithin(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    auto bytes = Receive(1 << 16, std::chrono::milliseconds(MillisLeft(deadline)));
    if (!bytes) return true;
  }
  return false;
}

std::string RawResponse::Header(std::string_view name) const {
  const std::string wanted = Lower(std::string(name));
  for (const auto& [key, value] : headers) {
    if (key == wanted) return value;
  }
  return "";
}

std::expected<RawResponse, std::string> RawHttp(RawSocket& socket, std::string_view request,
                                                std::chrono::milliseconds timeout) {
  if (!request.empty() && !socket.Send(request)) return std::unexpected("send failed");
  const auto deadline = Clock::now() + timeout;
  std::string data;
  size_t head_end = std::string::npos;
  RawResponse response;
  size_t content_length = 0;
  for (;;) {
    if (head_end == std::string::npos) {
      head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        auto parsed = ParseHead(data.substr(0, head_end));
        if (!parsed) return std::unexpected(parsed.error());
        response = *std::move(parsed);
        const std::string length = response.Header("content-length");
        content_length = length.empty() || response.status == 101
                             ? 0
                             : std::strtoul(length.c_str(), nullptr, 10);
      }
    }
    if (head_end != std::string::npos && data.size() >= head_end + 4 + content_length) {
      response.body = data.substr(head_end + 4, content_length);
      return response;
    }
    if (Clock::now() >= deadline) return std::unexpected("timeout; got: " + data);
    auto bytes = socket.Receive(1 << 16, std::chrono::milliseconds(MillisLeft(deadline)));
    if (!bytes) return std::unexpected(bytes.error() + "; got: " + data);
    data += *bytes;
  }
}

std::expected<RawWebSocket, std::string> RawWebSocket::Open(const std::string& host, uint16_t port,
                                                            const std::vector<std::string>& headers,
                                                            const std::string& local_address,
                                                            std::string_view then) {
  auto socket = RawSocket::Connect(host, port, local_address);
  if (!socket) return std::unexpected(socket.error());
  std::string request = "GET /ws HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
                        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        "Sec-WebSocket-Version: 13\r\n";
  for (const std::string& header : headers) request += header + "\r\n";
  request += "\r\n";
  request += then;
  RawWebSocket out;
  out.socket_ = *std::move(socket);
  // Read the head byte by byte: frames may follow it at once.
  if (!out.socket_.Send(request)) return std::unexpected("send failed");
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  std::string head;
  while (!head.ends_with("\r\n\r\n")) {
    if (Clock::now() >= deadline) return std::unexpected("no upgrade response; got: " + head);
    auto byte = out.socket_.Receive(1, std::chrono::milliseconds(MillisLeft(deadline)));
    if (!byte) return std::unexpected("closed during the upgrade; got: " + head);
    head += *byte;
  }
  auto parsed = ParseHead(head.substr(0, head.size() - 4));
  if (!parsed) return std::unexpected(parsed.error());
  out.response_ = *std::move(parsed);
  RawResponse& response = out.response_;
  if (response.status != 101) {
    const std::string length = response.Header("content-length");
    size_t left = length.empty() ? 0 : std::strtoul(length.c_str(), nullptr, 10);
    while (left > 0 && Clock::now() < deadline) {
      auto bytes = out.socket_.Receive(left, std::chrono::milliseconds(MillisLeft(deadline)));
      if (!bytes) break;
      response.body += *bytes;
      left -= bytes->size();
    }
  }
  return out;
}

std::string RawWebSocket::Frame(int opcode, std::string_view payload, bool fin) {
  static std::mt19937 random(42);
  std::string frame;
  frame.push_back(static_cast<char>((fin ? 0x80 : 0) | (opcode & 0x0f)));
  if (payload.size() < 126) {
    frame.push_back(static_cast<char>(0x80 | payload.size()));
  } else if (payload.size() <= 0xffff) {
    frame.push_back(static_cast<char>(0x80 | 126));
    frame.push_back(static_cast<char>(payload.size() >> 8));
    frame.push_back(static_cast<char>(payload.size() & 0xff));
  } else {
    frame.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) {
      frame.push_back(static_cast<char>((payload.size() >> shift) & 0xff));
    }
  }
  char mask[4];
  for (char& m : mask) m = static_cast<char>(random() & 0xff);
  frame.append(mask, 4);
  for (size_t i = 0; i < payload.size(); ++i) frame.push_back(payload[i] ^ mask[i % 4]);
  return frame;
}

bool RawWebSocket::SendMessage(const v1::ClientMessage& message) {
  return socket_.Send(Frame(2, message.SerializeAsString()));
}

bool RawWebSocket::TakeFrame(int& opcode, bool& fin, std::string& payload) {
  if (buffer_.size() < 2) return false;
  const auto* b = reinterpret_cast<const unsigned char*>(buffer_.data());
  fin = (b[0] & 0x80) != 0;
  opcode = b[0] & 0x0f;
  const bool masked = (b[1] & 0x80) != 0;
  uint64_t length = b[1] & 0x7f;
  size_t at = 2;
  if (length == 126) {
    if (buffer_.size() < 4) return false;
    length = (uint64_t{b[2]} << 8) | b[3];
    at = 4;
  } else if (length == 127) {
    if (buffer_.size() < 10) return false;
    length = 0;
    for (int i = 0; i < 8; ++i) length = (length << 8) | b[2 + i];
    at = 10;
  }
  const size_t mask_at = at;
  if (masked) at += 4;
  if (buffer_.size() < at + length) return false;
  payload = buffer_.substr(at, length);
  if (masked) {
    for (size_t i = 0; i < payload.size(); ++i) payload[i] ^= buffer_[mask_at + i % 4];
  }
  buffer_.erase(0, at + length);
  return true;
}

std::expected<RawWebSocket::Message, std::string> RawWebSocket::Read(
    std::chrono::milliseconds timeout, bool answer_pings) {
  const auto deadline = Clock::now() + timeout;
  Message message;
  bool started = false;
  for (;;) {
    int opcode = 0;
    bool fin = false;
    std::string payload;
    while (TakeFrame(opcode, fin, payload)) {
      if (opcode == 9) {  // ping
        if (answer_pings) socket_.Send(Frame(10, payload));
        continue;
      }
      if (opcode == 10) continue;  // pong
      if (opcode == 8) {
        message.opcode = 8;
        message.payload = payload;
        return message;
      }
      if (!started) message.opcode = opcode;
      started = true;
      message.payload += payload;
      if (fin) return message;
    }
    if (Clock::now() >= deadline) return std::unexpected("timeout");
    auto bytes = socket_.Receive(1 << 16, std::chrono::milliseconds(MillisLeft(deadline)));
    if (!bytes) return std::unexpected("connection ended without a close frame: " + bytes.error());
    buffer_ += *bytes;
  }
}

uint16_t RawWebSocket::Message::CloseCode() const {
  if (opcode != 8 || payload.size() < 2) return 0;
  return static_cast<uint16_t>((static_cast<unsigned char>(payload[0]) << 8) |
                               static_cast<unsigned char>(payload[1]));
}

std::expected<v1::ServerMessage, std::string> RawWebSocket::ReadServerMessage(
    std::chrono::milliseconds timeout) {
  auto message = Read(timeout);
  if (!message) return std::unexpected(message.error());
  if (message->opcode == 8) {
    return std::unexpected("closed with " + std::to_string(message->CloseCode()) + " " +
                           message->payload.substr(std::min<size_t>(2, message->payload.size())));
  }
  v1::ServerMessage parsed;
  if (!parsed.ParseFromString(message->payload)) return std::unexpected("not a ServerMessage");
  return parsed;
}

}  // namespace atelier::server_test
