// Every(): a periodic callback on an io_context, for the load generator's runs.
#ifndef ATELIER_CLIENTS_LOADGEN_EVERY_H_
#define ATELIER_CLIENTS_LOADGEN_EVERY_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>

namespace atelier::loadgen {

// Calls fn every `period` until fn returns false (or the io_context stops).
inline void Every(boost::asio::io_context& ioc, std::chrono::milliseconds period, std::function<bool()> fn) {
  struct Ticker : std::enable_shared_from_this<Ticker> {
    Ticker(boost::asio::io_context& ioc, std::chrono::milliseconds period, std::function<bool()> fn)
        : timer(ioc), period(period), fn(std::move(fn)) {}
    void Tick() {
      if (!fn()) return;
      timer.expires_after(period);
      timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec) self->Tick();
      });
    }
    boost::asio::steady_timer timer;
    std::chrono::milliseconds period;
    std::function<bool()> fn;
  };
  auto ticker = std::make_shared<Ticker>(ioc, period, std::move(fn));
  boost::asio::post(ioc, [ticker] { ticker->Tick(); });
}

}  // namespace atelier::loadgen

#endif  // ATELIER_CLIENTS_LOADGEN_EVERY_H_
