// The flood run: one table of the first workshop sends as fast as its socket takes, keeping
// --flood-window commands in flight and sending again on every answer, accepted or refused (it
// ignores retry_after_ms, as a broken or hostile client would); every other table posts ideas
// at human pace (one every --human-gap seconds on average, and only once its last one is
// answered, as people do).
//
// Three periods of --duration seconds are measured: before the flood, during it, and after it
// (once the flooder's last commands are answered). For each: the latency from a human table's
// send to the delivery at every other human table, by when the idea was sent, and the server's
// peak resident memory (read every 100 ms). Exit 0 when no human table was disconnected and
// every client got every idea exactly once; the latency figures are for the reader to judge
// (issue 10 asks for the p99 during the flood within 2x of the p99 before it).
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <random>

#include "clients/loadgen/every.h"
#include "clients/loadgen/report.h"
#include "clients/loadgen/runs.h"

namespace atelier::loadgen {

namespace asio = boost::asio;
using std::chrono::duration;
using std::chrono::milliseconds;

namespace {

struct Period {
  const char* name;
  int64_t start_ns = 0;  // ideas sent in [start_ns, end_ns) are this period's
  int64_t end_ns = 0;
  LatencySamples latencies = {};
  uint64_t human_ideas = 0;     // sent by human tables
  uint64_t flood_accepted = 0;  // the flooder's answers
  uint64_t flood_rejected = 0;
  uint64_t peak_rss = 0;        // the server's, sampled during the period
};

class Flood {
 public:
  Flood(asio::io_context& ioc, Fleet& fleet, const RunOptions& options)
      : ioc_(ioc), fleet_(fleet), options_(options), random_(7) {}

  // The first table of the first workshop floods (members are added tables first).
  size_t flooder() const { return 0; }
  std::array<Period, 3>& periods() { return periods_; }
  bool flooding() const { return flooding_; }

  void Start() {
    fleet_.on_delivery = [this](size_t sender, int64_t sent_ns, size_t receiver, int64_t now_ns) {
      if (sender == flooder() || receiver == flooder()) return;
      for (Period& p : periods_) {
        if (sent_ns >= p.start_ns && sent_ns < p.end_ns) p.latencies.Add((now_ns - sent_ns) / 1000);
      }
    };
    fleet_.on_answer = [this](size_t m) {
      if (m == flooder()) Fill();
    };
    for (size_t m = 0; m < fleet_.members().size(); ++m) {
      if (m != flooder() && !fleet_.members()[m].observer) Human(m);
    }
    Every(ioc_, milliseconds(100), [this] {
      if (current_ < periods_.size() && options_.server_pid) {
        if (auto sample = SampleProcess(options_.server_pid)) {
          periods_[current_].peak_rss = std::max(periods_[current_].peak_rss, sample->rss_bytes);
        }
      }
      return humans_;
    });
  }

  // Period p starts now (the previous one, if any, ends now).
  void Begin(size_t p) {
    const int64_t now = NowNs();
    if (current_ < periods_.size()) Close(now);
    current_ = p;
    Period& period = periods_[p];
    period.start_ns = now;
    period.end_ns = INT64_MAX;
    flood_accepted_at_start_ = fleet_.members()[flooder()].accepted;
    flood_rejected_at_start_ = fleet_.members()[flooder()].rejected;
  }
  void End() { Close(NowNs()); current_ = periods_.size(); }

  void StartFlood() {
    flooding_ = true;
    Fill();
  }
  void StopFlood() { flooding_ = false; }
  void StopHumans() { humans_ = false; }

 private:
  void Close(int64_t now) {
    Period& period = periods_[current_];
    period.end_ns = now;
    period.flood_accepted = fleet_.members()[flooder()].accepted - flood_accepted_at_start_;
    period.flood_rejected = fleet_.members()[flooder()].rejected - flood_rejected_at_start_;
  }

  void Fill() {
    const Member& member = fleet_.members()[flooder()];
    while (flooding_ && member.welcomed && member.in_flight < options_.flood_window) {
      fleet_.SendIdea(flooder(), options_.text_bytes);
    }
  }

  void Human(size_t m) {
    const double gap = std::exponential_distribution<double>(1.0 / options_.human_gap_s)(random_);
    auto timer = std::make_shared<asio::steady_timer>(
        ioc_, std::chrono::microseconds(static_cast<int64_t>(gap * 1e6)));
    timer->async_wait([this, m, timer](boost::system::error_code ec) {
      if (ec || !humans_) return;
      const Member& member = fleet_.members()[m];
      if (member.welcomed && member.in_flight == 0) {
        fleet_.SendIdea(m, options_.text_bytes);
        if (current_ < periods_.size()) ++periods_[current_].human_ideas;
      }
      Human(m);
    });
  }

  asio::io_context& ioc_;
  Fleet& fleet_;
  const RunOptions& options_;
  std::mt19937 random_;
  std::array<Period, 3> periods_{Period{"before the flood"}, Period{"during the flood"},
                                 Period{"after the flood"}};
  size_t current_ = periods_.size();  // none yet
  uint64_t flood_accepted_at_start_ = 0;
  uint64_t flood_rejected_at_start_ = 0;
  bool flooding_ = false;
  bool humans_ = true;
};

}  // namespace

int RunFlood(const RunOptions& options) {
  asio::io_context ioc;
  Fleet fleet(ioc, options.target);
  if (!Prepare(fleet, options)) return 1;
  Report report("flood", options);
  std::printf("  table 0 floods with %d commands in flight; the other %zu tables post an idea every %.1f s "
              "on average; workshops allow %u ideas per table\n",
              options.flood_window, fleet.members().size() - 1, options.human_gap_s, options.ideas_per_table);
  report.Field("flood_window", options.flood_window);
  report.Field("human_gap_s", options.human_gap_s);
  report.Field("ideas_per_table", options.ideas_per_table);
  Flood flood(ioc, fleet, options);
  const auto connect_start = Clock::now();
  const auto period = std::chrono::duration_cast<std::chrono::nanoseconds>(duration<double>(options.duration_s));
  const auto warmup = std::chrono::duration_cast<std::chrono::nanoseconds>(duration<double>(options.warmup_s));
  auto timer = std::make_shared<asio::steady_timer>(ioc);
  fleet.ConnectAll(options.connect_parallel, [&] {
    if (!report.Connected(fleet, duration<double>(Clock::now() - connect_start).count())) return ioc.stop();
    fleet.SetMeasuring(true);
    flood.Start();
    timer->expires_after(warmup);
    timer->async_wait([&](boost::system::error_code) {
      flood.Begin(0);
      timer->expires_after(period);
      timer->async_wait([&](boost::system::error_code) {
        flood.Begin(1);
        flood.StartFlood();
        timer->expires_after(period);
        timer->async_wait([&](boost::system::error_code) {
          flood.StopFlood();
          flood.End();
          // The flooder's last commands are answered before the last period starts.
          const auto deadline = Clock::now() + std::chrono::seconds(30);
          Every(ioc, milliseconds(10), [&, deadline] {
            if (fleet.members()[flood.flooder()].in_flight > 0 && Clock::now() < deadline) return true;
            flood.Begin(2);
            timer->expires_after(period);
            timer->async_wait([&](boost::system::error_code) {
              flood.End();
              flood.StopHumans();
              DrainThenStop(ioc, fleet);
            });
            return false;
          });
        });
      });
    });
  });
  ioc.run();

  uint64_t human_closes = 0;
  for (size_t m = 0; m < fleet.members().size(); ++m) {
    if (m != flood.flooder()) human_closes += fleet.members()[m].closes;
  }
  const Member& flooder = fleet.members()[flood.flooder()];
  const char* keys[] = {"before", "during", "after"};
  for (size_t p = 0; p < flood.periods().size(); ++p) {
    Period& period = flood.periods()[p];
    const double seconds = static_cast<double>(period.end_ns - period.start_ns) / 1e9;
    LatencySamples& l = period.latencies;
    std::printf("%s (%.1f s): %llu human ideas, delivered %zu times: p50 %s, p99 %s, max %s; flooder %.0f accepted/s, "
                "%.0f refused/s; server peak %.1f MB\n",
                period.name, seconds, static_cast<unsigned long long>(period.human_ideas), l.count(),
                FormatMicros(l.Percentile(0.5)).c_str(), FormatMicros(l.Percentile(0.99)).c_str(),
                FormatMicros(l.Percentile(1.0)).c_str(), static_cast<double>(period.flood_accepted) / seconds,
                static_cast<double>(period.flood_rejected) / seconds, static_cast<double>(period.peak_rss) / 1e6);
    const std::string key = keys[p];
    report.Field(key + "_human_ideas", static_cast<double>(period.human_ideas));
    report.Field(key + "_deliveries", static_cast<double>(l.count()));
    report.Field(key + "_p50_us", l.Percentile(0.5));
    report.Field(key + "_p99_us", l.Percentile(0.99));
    report.Field(key + "_max_us", l.Percentile(1.0));
    report.Field(key + "_flood_accepted_per_s", static_cast<double>(period.flood_accepted) / seconds);
    report.Field(key + "_flood_refused_per_s", static_cast<double>(period.flood_rejected) / seconds);
    report.Field(key + "_peak_rss_mb", static_cast<double>(period.peak_rss) / 1e6);
  }
  const double before = flood.periods()[0].latencies.Percentile(0.99);
  const double during = flood.periods()[1].latencies.Percentile(0.99);
  std::printf("p99 during the flood / before it: %.2f; human tables disconnected: %llu; the flooder's connection "
              "closed %llu times\n",
              before > 0 ? during / before : 0, static_cast<unsigned long long>(human_closes),
              static_cast<unsigned long long>(flooder.closes));
  std::printf("rejected commands:");
  for (const auto& [reason, count] : fleet.rejections()) {
    std::printf(" %s=%llu", reason.c_str(), static_cast<unsigned long long>(count));
  }
  std::printf("\n");
  report.Field("p99_ratio", before > 0 ? during / before : 0);
  report.Field("human_closes", static_cast<double>(human_closes));
  report.Field("flooder_closes", static_cast<double>(flooder.closes));
  const int status = report.Finish(fleet);
  return human_closes == 0 ? status : 1;
}

}  // namespace atelier::loadgen
