// Receiver: tells the load generator's connections when their sockets have bytes to read, one
// readiness per call of the connection, for all of an io_context's connections at once.
//
// Why not asio's async_read_some: after each completed read asio tries the next one at once,
// which on a socket just emptied fails with EAGAIN; that was half the receive system calls of a
// run, and system calls are most of what a delivery costs the load generator on this VM. Here
// the sockets sit in an epoll set of the Receiver's own, level-triggered: a connection reads once
// per readiness (whatever the socket holds), and the set's own descriptor waits in the
// io_context like any other, one wait for every socket that became readable together.
//
// An asio service of the io_context: one per io_context, used from its thread only (the load
// generator runs one thread). A connection registers its socket once it is open (Add) and
// removes it before closing it (Remove); the connection must stay alive while registered.
#ifndef ATELIER_CLIENTS_LOADGEN_RECEIVER_H_
#define ATELIER_CLIENTS_LOADGEN_RECEIVER_H_

#include <boost/asio/execution_context.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <memory>

namespace atelier::loadgen {

class Receiver : public boost::asio::execution_context::service {
 public:
  // Called when the socket has bytes (or an end) to read.
  class Readable {
   public:
    virtual ~Readable() = default;
    virtual void OnReadable() = 0;
  };

  static inline boost::asio::execution_context::id id;

  explicit Receiver(boost::asio::execution_context& context);
  ~Receiver() override;

  // Watches `fd` for `who`; false (errno set) when epoll refuses it.
  bool Add(int fd, Readable* who);
  // Stops watching `fd` (before it is closed). A readiness already collected for it may still
  // be told to `who`, which ignores it when it has no socket registered any more.
  void Remove(int fd);

 private:
  void shutdown() override;
  void Wait();
  void Dispatch();

  boost::asio::io_context& ioc_;
  int epoll_fd_ = -1;
  std::unique_ptr<boost::asio::posix::stream_descriptor> descriptor_;
  size_t watched_ = 0;
  bool waiting_ = false;
};

}  // namespace atelier::loadgen

#endif  // ATELIER_CLIENTS_LOADGEN_RECEIVER_H_
