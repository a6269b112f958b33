#include "clients/loadgen/runs.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

#include "clients/loadgen/every.h"
#include "clients/loadgen/report.h"

namespace atelier::loadgen {

namespace asio = boost::asio;
using std::chrono::duration;
using std::chrono::milliseconds;

namespace {

std::chrono::nanoseconds Seconds(double s) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(duration<double>(s));
}

std::vector<size_t> SendersOf(Fleet& fleet, size_t per_workshop) {
  std::vector<size_t> senders;
  std::vector<size_t> taken(fleet.workshops().size(), 0);
  for (size_t m = 0; m < fleet.members().size(); ++m) {
    const Member& member = fleet.members()[m];
    if (member.observer || taken[member.workshop] >= per_workshop) continue;
    ++taken[member.workshop];
    senders.push_back(m);
  }
  return senders;
}

// Sends ideas from `senders`: at `rate` per second in all, or (rate 0) each sender keeps
// `window` commands in flight. Stops when *sending becomes false.
class Sender {
 public:
  Sender(asio::io_context& ioc, Fleet& fleet, std::vector<size_t> senders, const RunOptions& o)
      : ioc_(ioc), fleet_(fleet), senders_(std::move(senders)), options_(o) {
    is_sender_.assign(fleet.members().size(), false);
    for (size_t m : senders_) is_sender_[m] = true;
  }

  void Start() {
    sending_ = true;
    started_ = Clock::now();
    if (options_.rate <= 0) {
      fleet_.on_answer = [this](size_t m) {
        if (sending_ && is_sender_[m] && fleet_.members()[m].welcomed) Send(m);
      };
      for (size_t m : senders_) {
        for (int i = 0; i < options_.window; ++i) Send(m);
      }
      // Senders dropped and resumed (storm) start again on their Welcome: checked here.
      Every(ioc_, milliseconds(5), [this] {
        for (size_t m : senders_) {
          const Member& member = fleet_.members()[m];
          while (sending_ && member.welcomed && member.in_flight < options_.window) Send(m);
        }
        return sending_;
      });
      return;
    }
    Every(ioc_, milliseconds(1), [this] {
      const double elapsed = duration<double>(Clock::now() - started_).count();
      auto due = static_cast<int64_t>(elapsed * options_.rate) - static_cast<int64_t>(sent_);
      for (size_t tried = 0; due > 0 && tried < senders_.size(); ++tried) {
        const size_t m = senders_[next_++ % senders_.size()];
        const Member& member = fleet_.members()[m];
        if (!member.welcomed || member.in_flight >= options_.window) continue;
        Send(m);
        --due;
        tried = 0;
      }
      if (due > 0) behind_ += static_cast<uint64_t>(due), sent_ += static_cast<uint64_t>(due);
      return sending_;
    });
  }

  void Stop() { sending_ = false; }
  uint64_t sent() const { return sent_ - behind_; }
  uint64_t behind() const { return behind_; }  // sends the rate asked for but no sender was free

 private:
  void Send(size_t m) {
    fleet_.SendIdea(m, options_.text_bytes);
    ++sent_;
  }

  asio::io_context& ioc_;
  Fleet& fleet_;
  std::vector<size_t> senders_;
  std::vector<bool> is_sender_;
  const RunOptions& options_;
  bool sending_ = false;
  Clock::time_point started_;
  uint64_t sent_ = 0;
  uint64_t behind_ = 0;
  size_t next_ = 0;
};

}  // namespace

void DrainThenStop(asio::io_context& ioc, Fleet& fleet) {
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  Every(ioc, milliseconds(20), [&ioc, &fleet, deadline] {
    if (Clock::now() > deadline || CheckDelivery(fleet).complete) {
      ioc.stop();
      return false;
    }
    return true;
  });
}

bool Prepare(Fleet& fleet, const RunOptions& options) {
  if (auto ready = fleet.PrepareWorkshops(options.workshops, static_cast<uint32_t>(options.tables + 10),
                                           options.ideas_per_table, options.live_results);
      !ready) {
    std::fprintf(stderr, "atelier-loadgen: %s\n", ready.error().c_str());
    return false;
  }
  fleet.AddMembers(options.tables, options.observers);
  return true;
}

int RunBroadcast(const RunOptions& options) {
  asio::io_context ioc;
  Fleet fleet(ioc, options.target);
  if (!Prepare(fleet, options)) return 1;
  Report report("broadcast", options);
  Sender sender(ioc, fleet, SendersOf(fleet, options.senders), options);
  std::optional<UseSample> use_start;
  const auto connect_start = Clock::now();
  fleet.ConnectAll(options.connect_parallel, [&] {
    if (!report.Connected(fleet, duration<double>(Clock::now() - connect_start).count())) return ioc.stop();
    sender.Start();
    auto measure = std::make_shared<asio::steady_timer>(ioc, Seconds(options.warmup_s));
    measure->async_wait([&, measure](boost::system::error_code) {
      fleet.SetMeasuring(true);
      const uint64_t sent_before = sender.sent();
      use_start = SampleUse(options.server_pid, &options.target);
      const auto start = Clock::now();
      measure->expires_after(Seconds(options.duration_s));
      measure->async_wait([&, measure, sent_before, start](boost::system::error_code) {
        fleet.SetMeasuring(false);
        const double seconds = duration<double>(Clock::now() - start).count();
        report.Measured(fleet, seconds, sender.sent() - sent_before, sender.behind(), use_start);
        sender.Stop();
        DrainThenStop(ioc, fleet);
      });
    });
  });
  ioc.run();
  return report.Finish(fleet);
}

int RunStorm(const RunOptions& options) {
  asio::io_context ioc;
  Fleet fleet(ioc, options.target);
  if (!Prepare(fleet, options)) return 1;
  Report report("storm", options);
  Sender sender(ioc, fleet, SendersOf(fleet, options.senders), options);
  const auto connect_start = Clock::now();
  fleet.ConnectAll(options.connect_parallel, [&] {
    if (!report.Connected(fleet, duration<double>(Clock::now() - connect_start).count())) return ioc.stop();
    sender.Start();
    auto timer = std::make_shared<asio::steady_timer>(ioc, Seconds(options.warmup_s));
    timer->async_wait([&, timer](boost::system::error_code) {
      // What each room had delivered when the drop happened: "current" means at least this.
      std::vector<uint64_t> target(fleet.workshops().size(), 0);
      for (const Member& m : fleet.members()) target[m.workshop] = std::max(target[m.workshop], m.through_seq);
      std::vector<size_t> everyone(fleet.members().size());
      for (size_t m = 0; m < everyone.size(); ++m) everyone[m] = m;
      const auto dropped = Clock::now();
      auto welcomed_s = std::make_shared<double>(0);
      fleet.DropAndResume(everyone, everyone.size(), [&, dropped, welcomed_s] {
        *welcomed_s = duration<double>(Clock::now() - dropped).count();
      });
      Every(ioc, milliseconds(1), [&, dropped, target, welcomed_s] {
        for (const Member& m : fleet.members()) {
          if (!m.welcomed || m.through_seq < target[m.workshop]) return true;
        }
        report.Storm(fleet.members().size(), *welcomed_s, duration<double>(Clock::now() - dropped).count());
        auto rest = std::make_shared<asio::steady_timer>(ioc, std::chrono::seconds(1));
        rest->async_wait([&, rest](boost::system::error_code) {
          sender.Stop();
          DrainThenStop(ioc, fleet);
        });
        return false;
      });
    });
  });
  ioc.run();
  return report.Finish(fleet);
}

int RunConnections(const RunOptions& options) {
  asio::io_context ioc;
  Fleet fleet(ioc, options.target);
  if (!Prepare(fleet, options)) return 1;
  Report report("connections", options);
  std::optional<ProcessSample> before;
  if (options.server_pid) before = SampleProcess(options.server_pid);
  const auto connect_start = Clock::now();
  fleet.ConnectAll(options.connect_parallel, [&] {
    if (!report.Connected(fleet, duration<double>(Clock::now() - connect_start).count())) return ioc.stop();
    // Let the server settle (queues drained, Welcomes freed), then read its memory and check
    // that every connection is live: one idea per workshop reaches everyone.
    auto timer = std::make_shared<asio::steady_timer>(ioc, std::chrono::seconds(2));
    timer->async_wait([&, timer](boost::system::error_code) {
      if (options.server_pid) {
        report.Memory(fleet.members().size(), before, SampleProcess(options.server_pid));
      }
      for (size_t m : SendersOf(fleet, 1)) fleet.SendIdea(m, options.text_bytes);
      DrainThenStop(ioc, fleet);
    });
  });
  ioc.run();
  return report.Finish(fleet);
}

}  // namespace atelier::loadgen
