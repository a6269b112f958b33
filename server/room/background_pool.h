// The threads of the server's one-thread pools, named (as `top -H` and /proc show them) and, for
// work that no client waits for, at a lower priority: snapshots, their checks, the whole-chain
// check at start-up. Such work then takes a core when the I/O threads and the log's writer leave
// it. Raising a thread's nice value needs no privilege.
#ifndef ATELIER_SERVER_ROOM_BACKGROUND_POOL_H_
#define ATELIER_SERVER_ROOM_BACKGROUND_POOL_H_

#include <boost/asio/thread_pool.hpp>

namespace atelier::room {

// The nice value added to the process's for background work.
inline constexpr int kBackgroundNice = 10;

// Names the pool's thread (15 characters at most: a longer name is not set) and adds `nice` to
// its nice value, from a first task posted to it. For a pool of one thread.
void SetUpPoolThread(boost::asio::thread_pool& pool, const char* name, int nice);

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_BACKGROUND_POOL_H_
