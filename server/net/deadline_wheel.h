// DeadlineWheel: the deadlines of every WebSocket session of a server (Hello, a message begun,
// the idle ping and drop, a close), on one Asio timer instead of one each.
//
// Why: a steady_timer and its pending wait cost a session 330 B, a sixth of what an idle
// connection held, for deadlines counted in seconds. On the wheel a session holds four words.
//
// A hashed timing wheel: kSlots lists of entries, one per tick of kTick; an entry due at `at` is
// put in the slot of the first tick at or after it, and fires at that tick (so at most one tick
// late, never early), or as many rounds of the wheel later as its deadline is far. The timer
// ticks only while some entry waits.
//
// Lifetime: the wheel outlives its entries (each entry's owner cancels it before it goes);
// Start(io) .. Stop() bound the ticking, and Stop() must come before `io` is destroyed (entries
// may be cancelled after: sessions go with the io_context). Thread safety: every call may come
// from any thread; one mutex.
#ifndef ATELIER_SERVER_NET_DEADLINE_WHEEL_H_
#define ATELIER_SERVER_NET_DEADLINE_WHEEL_H_

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace atelier::net {

class DeadlineWheel {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr Clock::duration kTick = std::chrono::milliseconds(100);
  static constexpr int64_t kSlots = 1024;  // a round: 102.4 s

  // What an owner (a session) holds to be on the wheel: its place and how to call it.
  class Entry {
   public:
    Entry() = default;
    Entry(const Entry&) = delete;
    Entry& operator=(const Entry&) = delete;

   protected:
    ~Entry() = default;  // the owner cancels first

   private:
    friend class DeadlineWheel;
    // The deadline came. Called on an I/O thread with the wheel's lock held: it must not call
    // the wheel (it posts its work to its owner's executor instead), and it returns what keeps
    // its owner alive (null if it is going), released only once the lock is, since the owner's
    // destruction cancels the entry.
    virtual std::shared_ptr<void> Expire() = 0;

    Entry* prev_ = nullptr;
    Entry* next_ = nullptr;
    int64_t tick_ = -1;  // the tick it fires at; -1: not on the wheel
  };

  DeadlineWheel() = default;
  DeadlineWheel(const DeadlineWheel&) = delete;
  DeadlineWheel& operator=(const DeadlineWheel&) = delete;

  // Ticks with a timer of `io` from now on, until Stop().
  void Start(boost::asio::io_context& io);
  void Stop();

  // Sets the entry's one deadline to `at`, replacing the one it had.
  void Schedule(Entry& entry, Clock::time_point at);
  // Takes the entry off the wheel, if it is on it. Once this returns, the wheel no longer
  // touches the entry.
  void Cancel(Entry& entry);

  size_t size() const;

 private:
  static int64_t FloorTick(Clock::time_point at);
  static int64_t CeilTick(Clock::time_point at);
  void Link(Entry& entry, int64_t tick);  // with mu_ held
  void Unlink(Entry& entry);              // with mu_ held
  void Arm();                             // with mu_ held
  void OnTick();

  mutable std::mutex mu_;
  std::unique_ptr<boost::asio::steady_timer> timer_;  // between Start and Stop
  bool ticking_ = false;                              // a wait of timer_ is pending
  std::array<Entry*, kSlots> slots_{};                // each a list, by next_
  size_t entries_ = 0;
  int64_t next_tick_ = 0;  // the first tick whose slot is still to go through
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_DEADLINE_WHEEL_H_
