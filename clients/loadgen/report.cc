#include "clients/loadgen/report.h"

#include <algorithm>
#include <cstdio>

namespace atelier::loadgen {

DeliveryCheck CheckDelivery(Fleet& fleet) {
  std::vector<uint64_t> expected(fleet.workshops().size(), 0);
  for (size_t w = 0; w < expected.size(); ++w) expected[w] = fleet.workshops()[w].ideas_accepted;
  for (const Member& m : fleet.members()) expected[m.workshop] = std::max(expected[m.workshop], m.ideas_seen);
  DeliveryCheck check;
  check.complete = true;
  for (const Member& m : fleet.members()) {
    if (m.ideas_seen < expected[m.workshop]) check.misses += expected[m.workshop] - m.ideas_seen;
    check.repeats += m.repeats;
    check.closes += m.closes;
    if (!m.welcomed || m.in_flight > 0) check.complete = false;
  }
  if (check.misses > 0) check.complete = false;
  return check;
}

Report::Report(std::string mode, const RunOptions& options) : mode_(std::move(mode)), options_(options) {
  const ServerTarget& t = options.target;
  std::printf("atelier-loadgen %s against %s %s:%u: %zu workshop(s) x %zu tables + %zu observers\n",
              mode_.c_str(), t.atelier ? "atelier" : "minimal", t.host.c_str(), t.port, options.workshops,
              options.tables, options.observers);
  if (mode_ == "broadcast" || mode_ == "storm") {
    std::printf("  senders %zu per workshop, %d in flight each, rate %s, ideas of %zu bytes\n", options.senders,
                options.window, options.rate > 0 ? (std::to_string(static_cast<long>(options.rate)) + "/s").c_str() : "max",
                options.text_bytes);
  }
  Field("mode", mode_);
  Field("target", t.atelier ? "atelier" : "minimal");
  Field("workshops", static_cast<double>(options.workshops));
  Field("tables", static_cast<double>(options.tables));
  Field("observers", static_cast<double>(options.observers));
  Field("senders", static_cast<double>(options.senders));
  Field("window", options.window);
  Field("rate", options.rate);
  Field("text_bytes", static_cast<double>(options.text_bytes));
}

bool Report::Connected(Fleet& fleet, double seconds) {
  std::printf("connected %zu clients in %.2f s (%llu failed%s%s)\n", fleet.members().size(), seconds,
              static_cast<unsigned long long>(fleet.failures()), fleet.failures() ? ": " : "",
              fleet.last_failure().c_str());
  std::fflush(stdout);
  Field("clients", static_cast<double>(fleet.members().size()));
  Field("connect_s", seconds);
  Field("connect_failures", static_cast<double>(fleet.failures()));
  return fleet.failures() == 0;
}

void Report::Measured(Fleet& fleet, double seconds, uint64_t sent, uint64_t behind,
                      const std::optional<UseSample>& start) {
  LatencySamples& l = fleet.latencies();
  const double deliveries = static_cast<double>(fleet.deliveries()) / seconds;
  std::printf("measured %.1f s: %.0f ideas/s sent, %.0f deliveries/s (%.0f frames/s), %llu rejected%s\n", seconds,
              static_cast<double>(sent) / seconds, deliveries, static_cast<double>(fleet.frames()) / seconds,
              static_cast<unsigned long long>(fleet.rejected()),
              behind ? (", " + std::to_string(behind) + " sends behind the rate").c_str() : "");
  std::printf("latency send -> delivery (n=%zu): p50 %s, p99 %s, p99.9 %s, max %s\n", l.count(),
              FormatMicros(l.Percentile(0.5)).c_str(), FormatMicros(l.Percentile(0.99)).c_str(),
              FormatMicros(l.Percentile(0.999)).c_str(), FormatMicros(l.Percentile(1.0)).c_str());
  Field("seconds", seconds);
  Field("ideas_per_s", static_cast<double>(sent) / seconds);
  Field("deliveries_per_s", deliveries);
  Field("frames_per_s", static_cast<double>(fleet.frames()) / seconds);
  Field("rejected", static_cast<double>(fleet.rejected()));
  Field("behind", static_cast<double>(behind));
  Field("p50_us", l.Percentile(0.5));
  Field("p99_us", l.Percentile(0.99));
  Field("p999_us", l.Percentile(0.999));
  Field("max_us", l.Percentile(1.0));
  Use(static_cast<double>(fleet.deliveries()), start);
}

void Report::Storm(size_t clients, double welcomed_s, double current_s) {
  std::printf("storm: %zu clients dropped at once; all welcomed again in %.3f s, all current in %.3f s\n", clients,
              welcomed_s, current_s);
  Field("storm_clients", static_cast<double>(clients));
  Field("storm_welcomed_s", welcomed_s);
  Field("storm_current_s", current_s);
}

void Report::Memory(size_t connections, const std::optional<ProcessSample>& before,
                    const std::optional<ProcessSample>& after) {
  if (!before || !after || connections == 0) return;
  const double n = static_cast<double>(connections);
  const double delta = static_cast<double>(after->rss_bytes) - static_cast<double>(before->rss_bytes);
  std::printf("server memory: %.1f MB before, %.1f MB with %zu connections: %.1f KB per connection, %.0f bytes (peak %.1f MB)\n",
              static_cast<double>(before->rss_bytes) / 1e6, static_cast<double>(after->rss_bytes) / 1e6,
              connections, delta / n / 1e3, delta / n, static_cast<double>(after->hwm_bytes) / 1e6);
  Field("rss_before_mb", static_cast<double>(before->rss_bytes) / 1e6);
  Field("rss_after_mb", static_cast<double>(after->rss_bytes) / 1e6);
  Field("kb_per_connection", delta / n / 1e3);
  Field("bytes_per_connection", delta / n);
}

void Report::Totals(Fleet& fleet, double seconds, const std::optional<UseSample>& start) {
  LatencySamples& l = fleet.latencies();
  std::printf("ideas delivered %llu times in %.1f s; latency send -> delivery: p50 %s, p99 %s, p99.9 %s, max %s\n",
              static_cast<unsigned long long>(fleet.deliveries()), seconds, FormatMicros(l.Percentile(0.5)).c_str(),
              FormatMicros(l.Percentile(0.99)).c_str(), FormatMicros(l.Percentile(0.999)).c_str(),
              FormatMicros(l.Percentile(1.0)).c_str());
  std::printf("rejected commands: %llu", static_cast<unsigned long long>(fleet.rejected()));
  for (const auto& [reason, count] : fleet.rejections()) {
    std::printf(" %s=%llu", reason.c_str(), static_cast<unsigned long long>(count));
  }
  std::printf("\n");
  Field("seconds", seconds);
  Field("deliveries", static_cast<double>(fleet.deliveries()));
  Field("rejected", static_cast<double>(fleet.rejected()));
  Field("p50_us", l.Percentile(0.5));
  Field("p99_us", l.Percentile(0.99));
  Field("p999_us", l.Percentile(0.999));
  Field("max_us", l.Percentile(1.0));
  Use(static_cast<double>(fleet.deliveries()), start);
}

void Report::Use(double deliveries, const std::optional<UseSample>& start, const char* unit) {
  if (!start) return;
  const UseSample end = SampleUse(options_.server_pid, &options_.target);
  const double seconds = std::chrono::duration<double>(end.at - start->at).count();
  // Nanoseconds of CPU per delivery (or per `unit`) for a share of a core over the window.
  auto ns_each = [&](double share) { return deliveries > 0 ? share * seconds * 1e9 / deliveries : 0; };
  if (start->server && end.server) {
    const double cpu = (end.server->cpu_seconds - start->server->cpu_seconds) / seconds;
    std::printf("server: %.0f%% of a core, %.0f ns of CPU per %s, %.1f MB resident (peak %.1f MB)\n",
                cpu * 100, ns_each(cpu), unit, static_cast<double>(end.server->rss_bytes) / 1e6,
                static_cast<double>(end.server->hwm_bytes) / 1e6);
    Field("server_cpu", cpu);
    Field("server_ns_per_delivery", ns_each(cpu));
    Field("server_rss_mb", static_cast<double>(end.server->rss_bytes) / 1e6);
  }
  const double self = (end.self_cpu_seconds - start->self_cpu_seconds) / seconds;
  std::printf("load generator: %.0f%% of a core, %.0f ns of CPU per %s (one core of it would take %.0fk a second)\n",
              self * 100, ns_each(self), unit,
              self > 0 ? deliveries / seconds / self / 1e3 : 0.0);
  Field("loadgen_cpu", self);
  Field("loadgen_ns_per_delivery", ns_each(self));
  if (end.cores.size() == start->cores.size() && !end.cores.empty()) {
    std::printf("cores busy (/proc/stat):");
    for (size_t c = 0; c < end.cores.size(); ++c) {
      const double busy = static_cast<double>(end.cores[c].first - start->cores[c].first);
      const double total = static_cast<double>(end.cores[c].second - start->cores[c].second);
      const double share = total > 0 ? busy / total : 0;
      std::printf(" cpu%zu %.0f%%", c, share * 100);
      Field("core" + std::to_string(c) + "_busy", share);
    }
    std::printf("\n");
  }
  bool any = false;
  for (const auto& [name, histogram] : end.histograms) {
    const auto before = start->histograms.find(name);
    if (before == start->histograms.end()) continue;
    const Histogram d = Difference(histogram, before->second);
    if (d.count() <= 0) continue;
    if (!any) std::printf("server stages (from its /metrics; p50 and p99 within their buckets):\n");
    any = true;
    std::string stage = name;
    if (stage.starts_with("atelier_")) stage = stage.substr(8);
    if (stage.ends_with("_seconds")) stage.resize(stage.size() - 8);
    const double mean_us = d.sum / d.count() * 1e6;
    std::printf("  %-16s n=%-8.0f mean %s, p50 %s, p99 %s\n", stage.c_str(), d.count(), FormatMicros(mean_us).c_str(),
                FormatMicros(Quantile(d, 0.5) * 1e6).c_str(), FormatMicros(Quantile(d, 0.99) * 1e6).c_str());
    Field(stage + "_mean_us", mean_us);
    Field(stage + "_p50_us", Quantile(d, 0.5) * 1e6);
    Field(stage + "_p99_us", Quantile(d, 0.99) * 1e6);
  }
  std::fflush(stdout);
}

int Report::Finish(Fleet& fleet) {
  const DeliveryCheck check = CheckDelivery(fleet);
  const bool ok = check.complete && check.repeats == 0 && fleet.failures() == 0;
  std::printf("check: every client got every idea exactly once: %s (misses %llu, repeats %llu, unexpected closes %llu)\n",
              ok ? "yes" : "NO", static_cast<unsigned long long>(check.misses),
              static_cast<unsigned long long>(check.repeats), static_cast<unsigned long long>(check.closes));
  Field("misses", static_cast<double>(check.misses));
  Field("repeats", static_cast<double>(check.repeats));
  Field("closes", static_cast<double>(check.closes));
  return Result(ok);
}

int Report::Result(bool ok) {
  Field("ok", ok ? "yes" : "no");
  std::printf("RESULT {%s}\n", json_.c_str());
  std::fflush(stdout);
  return ok ? 0 : 1;
}

void Report::Field(const std::string& name, double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", value);
  if (!json_.empty()) json_ += ", ";
  json_ += "\"" + name + "\": " + text;
}

void Report::Field(const std::string& name, const std::string& value) {
  if (!json_.empty()) json_ += ", ";
  json_ += "\"" + name + "\": \"" + value + "\"";
}

}  // namespace atelier::loadgen
