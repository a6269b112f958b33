// HandlerMemory: room inside a connection for the one asynchronous operation of a kind it keeps
// pending (a WebSocket session's wait for bytes), given to Asio through HandlerAllocator.
//
// Why: Asio allocates each pending operation from a per-thread cache that hands back whatever
// block was freed last, however large. An idle connection's waits thus each held a block left by
// its upgrade (the HTTP read, 600 B; Beast's answer, 800 B), for an operation of about 200 B:
// 1.1 KB of the 3.0 KB an idle connection cost (its wait for bytes and its timer's; the timer
// has since gone to the server's DeadlineWheel). Here the operation lives in the connection.
//
// One operation at a time uses the room; another one asked meanwhile (a wait started again while
// the cancelled one's completion is still queued) gets memory of its own from operator new. Thread
// safety: Allocate and Deallocate may run on different threads (Asio frees an operation's memory
// on the thread that completes it); the room is taken and given back atomically.
#ifndef ATELIER_SERVER_NET_HANDLER_MEMORY_H_
#define ATELIER_SERVER_NET_HANDLER_MEMORY_H_

#include <atomic>
#include <cstddef>
#include <new>

namespace atelier::net {

class HandlerMemory {
 public:
  // A wait on a socket or a timer whose handler holds a shared_ptr (and a word): 200-208 B with
  // Boost 1.81 (handler_memory_test checks that a session's fit). A larger one still works,
  // from the heap.
  static constexpr size_t kBytes = 208;

  HandlerMemory() = default;
  HandlerMemory(const HandlerMemory&) = delete;
  HandlerMemory& operator=(const HandlerMemory&) = delete;

  void* Allocate(size_t size) {
    if (size <= kBytes && !in_use_.exchange(true, std::memory_order_acquire)) return storage_;
    return ::operator new(size);
  }
  void Deallocate(void* pointer) {
    if (pointer == storage_) {
      in_use_.store(false, std::memory_order_release);
    } else {
      ::operator delete(pointer);
    }
  }

 private:
  alignas(std::max_align_t) unsigned char storage_[kBytes];
  std::atomic<bool> in_use_{false};
};

// The allocator Asio uses for a handler bound to a HandlerMemory (boost::asio::bind_allocator).
// The memory must outlive the operation: it is a member of the object the handler keeps alive.
template <typename T>
class HandlerAllocator {
 public:
  using value_type = T;

  explicit HandlerAllocator(HandlerMemory& memory) : memory_(&memory) {}
  template <typename U>
  HandlerAllocator(const HandlerAllocator<U>& other) noexcept : memory_(other.memory_) {}

  T* allocate(size_t n) { return static_cast<T*>(memory_->Allocate(sizeof(T) * n)); }
  void deallocate(T* pointer, size_t) { memory_->Deallocate(pointer); }

  template <typename U>
  bool operator==(const HandlerAllocator<U>& other) const noexcept {
    return memory_ == other.memory_;
  }

 private:
  template <typename>
  friend class HandlerAllocator;
  HandlerMemory* memory_;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_HANDLER_MEMORY_H_
