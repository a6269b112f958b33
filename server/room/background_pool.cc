#include "server/room/background_pool.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cerrno>

namespace atelier::room {

void SetUpPoolThread(boost::asio::thread_pool& pool, const char* name, int nice) {
  boost::asio::post(pool, [name, nice] {
    pthread_setname_np(pthread_self(), name);
    if (nice != 0) {
      const id_t thread = static_cast<id_t>(gettid());
      errno = 0;
      const int now = getpriority(PRIO_PROCESS, thread);
      if (errno == 0) setpriority(PRIO_PROCESS, thread, now + nice);
    }
  });
}

}  // namespace atelier::room
