#include "clients/loadgen/receiver.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <array>
#include <stdexcept>

namespace atelier::loadgen {

namespace asio = boost::asio;

Receiver::Receiver(asio::execution_context& context)
    : asio::execution_context::service(context), ioc_(static_cast<asio::io_context&>(context)) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) throw std::runtime_error("atelier-loadgen: epoll_create1 failed");
  descriptor_ = std::make_unique<asio::posix::stream_descriptor>(ioc_, epoll_fd_);
}

Receiver::~Receiver() { shutdown(); }

void Receiver::shutdown() {
  if (!descriptor_) return;
  boost::system::error_code ignored;
  descriptor_->close(ignored);  // closes epoll_fd_ too
  descriptor_.reset();
  epoll_fd_ = -1;
}

bool Receiver::Add(int fd, Readable* who) {
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP;  // level-triggered: what is not read is told again
  event.data.ptr = who;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event) != 0) return false;
  ++watched_;
  Wait();
  return true;
}

void Receiver::Remove(int fd) {
  if (epoll_fd_ < 0) return;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr) == 0 && watched_ > 0) --watched_;
}

void Receiver::Wait() {
  if (waiting_ || watched_ == 0 || !descriptor_) return;
  waiting_ = true;
  descriptor_->async_wait(asio::posix::stream_descriptor::wait_read, [this](boost::system::error_code ec) {
    waiting_ = false;
    if (ec) return;
    Dispatch();
    Wait();
  });
}

void Receiver::Dispatch() {
  std::array<epoll_event, 512> events;
  const int n = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), 0);
  for (int i = 0; i < n; ++i) static_cast<Readable*>(events[i].data.ptr)->OnReadable();
}

}  // namespace atelier::loadgen
