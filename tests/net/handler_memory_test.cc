#include "server/net/handler_memory.h"

#include <gtest/gtest.h>

#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/connect_pair.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <memory>

namespace atelier::net {
namespace {

bool Inside(const void* pointer, const HandlerMemory& memory) {
  const auto* p = static_cast<const unsigned char*>(pointer);
  const auto* begin = reinterpret_cast<const unsigned char*>(&memory);
  return p >= begin && p < begin + sizeof(memory);
}

TEST(HandlerMemory, OneOperationAtATimeLivesInsideTheOthersOnTheHeap) {
  HandlerMemory memory;
  void* first = memory.Allocate(100);
  EXPECT_TRUE(Inside(first, memory));
  void* second = memory.Allocate(100);  // the room is taken: a block of its own
  EXPECT_FALSE(Inside(second, memory));
  memory.Deallocate(first);
  void* third = memory.Allocate(HandlerMemory::kBytes);  // the room is free again
  EXPECT_EQ(third, first);
  memory.Deallocate(second);
  memory.Deallocate(third);
}

TEST(HandlerMemory, AnOperationTooBigForTheRoomGetsTheHeap) {
  HandlerMemory memory;
  void* big = memory.Allocate(HandlerMemory::kBytes + 1);
  EXPECT_FALSE(Inside(big, memory));
  void* small = memory.Allocate(8);  // the room was not taken by the big one
  EXPECT_TRUE(Inside(small, memory));
  memory.Deallocate(big);
  memory.Deallocate(small);
}

// The way a session uses it: a timer's wait, re-armed while the cancelled wait's completion is
// still queued. Both complete, and the room is free afterwards.
TEST(HandlerMemory, AsioOperationsBoundToItCompleteAndGiveTheRoomBack) {
  boost::asio::io_context io;
  boost::asio::steady_timer timer(io);
  HandlerMemory memory;
  void* probe = memory.Allocate(1);  // where the room is
  memory.Deallocate(probe);

  int cancelled = 0;
  int expired = 0;
  auto wait = [&] {
    timer.async_wait(boost::asio::bind_allocator(
        HandlerAllocator<void>(memory),
        [&](boost::system::error_code ec) { (ec ? cancelled : expired) += 1; }));
  };
  timer.expires_after(std::chrono::hours(1));
  wait();
  void* meanwhile = memory.Allocate(1);
  EXPECT_FALSE(Inside(meanwhile, memory)) << "a timer's wait does not fit in the room";
  memory.Deallocate(meanwhile);
  timer.expires_after(std::chrono::milliseconds(1));  // cancels the first wait
  wait();
  io.run();
  EXPECT_EQ(cancelled, 1);
  EXPECT_EQ(expired, 1);
  void* after = memory.Allocate(1);
  EXPECT_EQ(after, probe);
  memory.Deallocate(after);
}

// A session's other wait: for bytes on its socket.
TEST(HandlerMemory, ASocketsWaitForBytesFitsInTheRoom) {
  boost::asio::io_context io;
  boost::asio::local::stream_protocol::socket reader(io);
  boost::asio::local::stream_protocol::socket writer(io);
  boost::asio::local::connect_pair(reader, writer);
  HandlerMemory memory;
  // As a session's: the handler holds a shared_ptr.
  auto readable = std::make_shared<bool>(false);
  reader.async_wait(
      boost::asio::socket_base::wait_read,
      boost::asio::bind_allocator(HandlerAllocator<void>(memory),
                                  [readable](boost::system::error_code ec) { *readable = !ec; }));
  void* meanwhile = memory.Allocate(1);
  EXPECT_FALSE(Inside(meanwhile, memory)) << "a socket's wait does not fit in the room";
  memory.Deallocate(meanwhile);
  boost::asio::write(writer, boost::asio::buffer("x", 1));
  io.run();
  EXPECT_TRUE(*readable);
}

}  // namespace
}  // namespace atelier::net
