// The metrics as Prometheus reads them: the text is parsed back and checked against the format's
// rules; concurrent updates add up.
#include "server/metrics/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "server/metrics/edge_metrics.h"
#include "server/metrics/edge_metrics.h"
#include "server/metrics/rejection_code.h"

namespace atelier::metrics {
namespace {

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  std::string value;
};

struct Exposition {
  std::map<std::string, std::string> help;
  std::map<std::string, std::string> type;
  std::vector<Sample> samples;

  // The samples of `name` whose labels include `label`=`value` (any when label is empty).
  std::vector<Sample> Find(std::string_view name, std::string_view label = {},
                           std::string_view value = {}) const {
    std::vector<Sample> found;
    for (const Sample& s : samples) {
      if (s.name != name) continue;
      if (!label.empty()) {
        auto it = s.labels.find(std::string(label));
        if (it == s.labels.end() || it->second != value) continue;
      }
      found.push_back(s);
    }
    return found;
  }
  std::string Value(std::string_view name, std::string_view label = {},
                    std::string_view value = {}) const {
    const std::vector<Sample> found = Find(name, label, value);
    return found.size() == 1 ? found[0].value : "<" + std::to_string(found.size()) + " samples>";
  }
};

bool ValidName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != ':') return false;
  }
  return true;
}

// The family a sample belongs to: histograms' samples carry a suffix.
std::string FamilyOf(const std::string& name, const std::map<std::string, std::string>& types) {
  for (std::string_view suffix : {"_bucket", "_sum", "_count"}) {
    if (!name.ends_with(suffix)) continue;
    const std::string base = name.substr(0, name.size() - suffix.size());
    auto it = types.find(base);
    if (it != types.end() && it->second == "histogram") return base;
  }
  return name;
}

// Parses the text exposition format, failing the test on any line that breaks it: HELP then
// TYPE once per family, before its samples; label values quoted with valid escapes.
Exposition Parse(const std::string& text) {
  Exposition out;
  EXPECT_TRUE(text.ends_with('\n'));
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    SCOPED_TRACE(line);
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
      const std::string rest = line.substr(7);
      const size_t space = rest.find(' ');
      EXPECT_NE(space, std::string::npos);
      const std::string name = rest.substr(0, space);
      EXPECT_TRUE(ValidName(name));
      if (line[2] == 'H') {
        EXPECT_FALSE(out.help.contains(name)) << "HELP twice";
        EXPECT_FALSE(out.type.contains(name)) << "HELP after TYPE";
        out.help[name] = rest.substr(space + 1);
      } else {
        EXPECT_FALSE(out.type.contains(name)) << "TYPE twice";
        out.type[name] = rest.substr(space + 1);
      }
      continue;
    }
    EXPECT_FALSE(line.starts_with('#'));
    Sample sample;
    size_t at = line.find_first_of("{ ");
    EXPECT_NE(at, std::string::npos);
    sample.name = line.substr(0, at);
    EXPECT_TRUE(ValidName(sample.name));
    if (line[at] == '{') {
      ++at;
      while (line[at] != '}') {
        const size_t eq = line.find("=\"", at);
        EXPECT_NE(eq, std::string::npos);
        if (eq == std::string::npos) return out;
        const std::string label = line.substr(at, eq - at);
        EXPECT_TRUE(ValidName(label)) << label;
        std::string value;
        for (at = eq + 2; at < line.size() && line[at] != '"'; ++at) {
          if (line[at] == '\\') {
            ++at;
            EXPECT_TRUE(line[at] == '\\' || line[at] == '"' || line[at] == 'n');
            value.push_back(line[at] == 'n' ? '\n' : line[at]);
          } else {
            value.push_back(line[at]);
          }
        }
        EXPECT_LT(at, line.size()) << "unterminated label value";
        if (at >= line.size()) return out;
        sample.labels[label] = value;
        ++at;
        if (line[at] == ',') ++at;
      }
      ++at;
    }
    EXPECT_EQ(line[at], ' ');
    sample.value = line.substr(at + 1);
    const std::string family = FamilyOf(sample.name, out.type);
    EXPECT_TRUE(out.help.contains(family)) << "no HELP before " << family;
    EXPECT_TRUE(out.type.contains(family)) << "no TYPE before " << family;
    if (sample.value != "+Inf" && sample.value != "-Inf" && sample.value != "NaN") {
      char* end = nullptr;
      std::strtod(sample.value.c_str(), &end);
      EXPECT_EQ(*end, '\0') << "not a number: " << sample.value;
    }
    out.samples.push_back(std::move(sample));
  }
  return out;
}

// Buckets in order of increasing bound, cumulative, ending with +Inf equal to the count.
void ExpectValidHistogram(const Exposition& e, const std::string& name) {
  const std::vector<Sample> buckets = e.Find(name + "_bucket");
  ASSERT_FALSE(buckets.empty());
  double previous_bound = -1;
  uint64_t previous_count = 0;
  for (const Sample& bucket : buckets) {
    const std::string& le = bucket.labels.at("le");
    const double bound = le == "+Inf" ? HUGE_VAL : std::stod(le);
    EXPECT_GT(bound, previous_bound) << le;
    const uint64_t count = std::stoull(bucket.value);
    EXPECT_GE(count, previous_count) << "buckets are cumulative, at le=" << le;
    previous_bound = bound;
    previous_count = count;
  }
  EXPECT_EQ(buckets.back().labels.at("le"), "+Inf");
  EXPECT_EQ(buckets.back().value, e.Value(name + "_count"));
  EXPECT_EQ(e.Find(name + "_sum").size(), 1u);
}

TEST(Metrics, EveryMetricHasHelpAndType) {
  Metrics metrics;
  const Exposition e = Parse(metrics.Render());
  const std::map<std::string, std::string> expected = {
      {"atelier_connections", "gauge"},
      {"atelier_connections_total", "counter"},
      {"atelier_workshops", "gauge"},
      {"atelier_events_appended_total", "counter"},
      {"atelier_deliveries_total", "counter"},
      {"atelier_frames_sent_total", "counter"},
      {"atelier_commands_total", "counter"},
      {"atelier_rejections_total", "counter"},
      {"atelier_queue_drops_total", "counter"},
      {"atelier_chains_verified_total", "counter"},
      {"atelier_chain_verify_failures_total", "counter"},
      {"atelier_http_requests_total", "counter"},
      {"atelier_append_latency_seconds", "histogram"},
      {"atelier_rooms_loaded", "gauge"},
      {"atelier_rooms_loaded_total", "counter"},
      {"atelier_rooms_unloaded_total", "counter"},
      {"atelier_rounds_total", "counter"},
      {"atelier_round_operations_total", "counter"},
      {"atelier_round_events_total", "counter"},
      {"atelier_append_busy_total", "counter"},
      {"atelier_snapshots_discarded_total", "counter"},
      {"atelier_workshops_deleted_total", "counter"},
      {"atelier_retention_deletions_total", "counter"},
      {"atelier_storage_failures_total", "counter"},
      {"atelier_log_queue_depth", "gauge"},
      {"atelier_log_busy_refusals_total", "counter"},
      {"atelier_round_queued_seconds", "histogram"},
      {"atelier_round_decided_seconds", "histogram"},
      {"atelier_round_waiting_seconds", "histogram"},
      {"atelier_round_durable_seconds", "histogram"},
      {"atelier_round_resumed_seconds", "histogram"},
      {"atelier_round_handed_seconds", "histogram"},
      {"atelier_write_wait_seconds", "histogram"},
      {"atelier_write_seconds", "histogram"},
  };
  EXPECT_EQ(e.type, expected);
  for (const auto& [name, help] : e.help) EXPECT_FALSE(help.empty()) << name;
  EXPECT_EQ(e.help.size(), expected.size());
  for (const Sample& s : e.samples) {
    if (!s.name.ends_with("_seconds_sum")) {
      EXPECT_EQ(s.value, "0") << s.name;
    }
  }
  for (const auto& [name, type] : expected) {
    if (type == "histogram") ExpectValidHistogram(e, name);
  }
}

TEST(Metrics, EachStageOfARoundAndOfAWriteHasItsOwnHistogram) {
  using namespace std::chrono_literals;
  Metrics metrics;
  metrics.ObserveRoundStage(RoundStage::kQueued, 40us);
  metrics.ObserveRoundStage(RoundStage::kDurable, 3ms);
  metrics.ObserveRoundStage(RoundStage::kDurable, 4ms);
  metrics.ObserveRoundStage(RoundStage::kHanded, 200us);
  metrics.ObserveWriteWait(80us);
  metrics.ObserveWrite(2s);
  const Exposition e = Parse(metrics.Render());
  EXPECT_EQ(e.Value("atelier_round_queued_seconds_bucket", "le", "0.00005"), "1");
  EXPECT_EQ(e.Value("atelier_round_durable_seconds_bucket", "le", "0.002"), "0");
  EXPECT_EQ(e.Value("atelier_round_durable_seconds_bucket", "le", "0.005"), "2");
  EXPECT_DOUBLE_EQ(std::stod(e.Value("atelier_round_durable_seconds_sum")), 0.007);
  EXPECT_EQ(e.Value("atelier_round_handed_seconds_bucket", "le", "0.0001"), "0");
  EXPECT_EQ(e.Value("atelier_round_handed_seconds_bucket", "le", "0.00025"), "1");
  EXPECT_EQ(e.Value("atelier_round_decided_seconds_count"), "0");
  EXPECT_EQ(e.Value("atelier_write_wait_seconds_bucket", "le", "0.0001"), "1");
  EXPECT_EQ(e.Value("atelier_write_seconds_bucket", "le", "1"), "0");
  EXPECT_EQ(e.Value("atelier_write_seconds_count"), "1");
  for (const char* name : {"atelier_round_queued_seconds", "atelier_round_durable_seconds",
                           "atelier_round_handed_seconds", "atelier_write_wait_seconds",
                           "atelier_write_seconds"}) {
    ExpectValidHistogram(e, name);
  }
}

TEST(Metrics, CountersAndGaugesRenderTheirValues) {
  Metrics metrics;
  metrics.connections.Increment(3);
  metrics.connections.Decrement();
  metrics.connections_total.Increment(3);
  metrics.workshops.Set(7);
  metrics.events_appended_total.Increment(100);
  metrics.deliveries_total.Increment(2500);
  metrics.frames_sent_total.Increment(40);
  metrics.commands_total.Increment(101);
  metrics.queue_drops_total.Increment();
  metrics.chains_verified_total.Increment(4);
  metrics.chain_verify_failures_total.Increment();
  const Exposition e = Parse(metrics.Render());
  EXPECT_EQ(e.Value("atelier_connections"), "2");
  EXPECT_EQ(e.Value("atelier_connections_total"), "3");
  EXPECT_EQ(e.Value("atelier_workshops"), "7");
  EXPECT_EQ(e.Value("atelier_events_appended_total"), "100");
  EXPECT_EQ(e.Value("atelier_deliveries_total"), "2500");
  EXPECT_EQ(e.Value("atelier_frames_sent_total"), "40");
  EXPECT_EQ(e.Value("atelier_commands_total"), "101");
  EXPECT_EQ(e.Value("atelier_queue_drops_total"), "1");
  EXPECT_EQ(e.Value("atelier_chains_verified_total"), "4");
  EXPECT_EQ(e.Value("atelier_chain_verify_failures_total"), "1");
}

TEST(Metrics, OneRejectionSeriesPerReason) {
  Metrics metrics;
  metrics.CountRejection(v1::REJECTION_REASON_BUDGET_EXCEEDED);
  metrics.CountRejection(v1::REJECTION_REASON_BUDGET_EXCEEDED);
  metrics.CountRejection(v1::REJECTION_REASON_WRONG_PHASE);
  metrics.CountRejection(static_cast<v1::RejectionReason>(999));
  const Exposition e = Parse(metrics.Render());
  size_t reasons = 0;
  for (int value = 0; value < v1::RejectionReason_ARRAYSIZE; ++value) {
    if (!v1::RejectionReason_IsValid(value)) continue;
    ++reasons;
    const std::string code = RejectionCode(static_cast<v1::RejectionReason>(value));
    EXPECT_EQ(e.Find("atelier_rejections_total", "reason", code).size(), 1u) << code;
  }
  EXPECT_EQ(e.Find("atelier_rejections_total").size(), reasons);
  EXPECT_EQ(e.Value("atelier_rejections_total", "reason", "budget_exceeded"), "2");
  EXPECT_EQ(e.Value("atelier_rejections_total", "reason", "wrong_phase"), "1");
  EXPECT_EQ(e.Value("atelier_rejections_total", "reason", "unspecified"), "1");
  EXPECT_EQ(e.Value("atelier_rejections_total", "reason", "own_idea"), "0");
}

TEST(Metrics, HttpResponsesByStatusClass) {
  Metrics metrics;
  for (int status : {101, 200, 201, 204, 304, 400, 404, 405, 413, 500, 503, 42, 600}) {
    metrics.CountHttpResponse(status);
  }
  const Exposition e = Parse(metrics.Render());
  EXPECT_EQ(e.Value("atelier_http_requests_total", "status", "1xx"), "1");
  EXPECT_EQ(e.Value("atelier_http_requests_total", "status", "2xx"), "3");
  EXPECT_EQ(e.Value("atelier_http_requests_total", "status", "3xx"), "1");
  EXPECT_EQ(e.Value("atelier_http_requests_total", "status", "4xx"), "4");
  EXPECT_EQ(e.Value("atelier_http_requests_total", "status", "5xx"), "4") << "42 and 600 too";
}

TEST(Metrics, AppendLatencyHistogram) {
  using namespace std::chrono_literals;
  Metrics metrics;
  metrics.ObserveAppendLatency(500us);     // on the first bound: le is inclusive
  metrics.ObserveAppendLatency(500001ns);  // just above: the next bucket
  metrics.ObserveAppendLatency(3ms);
  metrics.ObserveAppendLatency(1s);
  metrics.ObserveAppendLatency(2s);    // only +Inf
  metrics.ObserveAppendLatency(-5ns);  // a clock step back counts as zero
  const Exposition e = Parse(metrics.Render());
  ExpectValidHistogram(e, "atelier_append_latency_seconds");
  const std::string bucket = "atelier_append_latency_seconds_bucket";
  EXPECT_EQ(e.Value(bucket, "le", "0.0005"), "2");
  EXPECT_EQ(e.Value(bucket, "le", "0.001"), "3");
  EXPECT_EQ(e.Value(bucket, "le", "0.002"), "3");
  EXPECT_EQ(e.Value(bucket, "le", "0.005"), "4");
  EXPECT_EQ(e.Value(bucket, "le", "0.25"), "4");
  EXPECT_EQ(e.Value(bucket, "le", "1"), "5");
  EXPECT_EQ(e.Value(bucket, "le", "+Inf"), "6");
  EXPECT_EQ(e.Value("atelier_append_latency_seconds_count"), "6");
  EXPECT_DOUBLE_EQ(std::stod(e.Value("atelier_append_latency_seconds_sum")), 3.004000001);
  std::vector<std::string> bounds;
  for (const Sample& s : e.Find(bucket)) bounds.push_back(s.labels.at("le"));
  EXPECT_EQ(bounds,
            (std::vector<std::string>{"0.00005", "0.0001", "0.00025", "0.0005", "0.001", "0.002",
                                      "0.005", "0.01", "0.02", "0.05", "0.1", "0.25", "1",
                                      "+Inf"}));
}

TEST(Metrics, ConcurrentUpdatesAddUp) {
  using namespace std::chrono_literals;
  constexpr int kThreads = 4;
  constexpr int kIterations = 50'000;
  Metrics metrics;
  std::atomic<bool> done{false};
  // A scraper renders while the others update: every text it sees must be valid.
  std::thread scraper([&] {
    while (!done.load()) {
      const Exposition e = Parse(metrics.Render());
      ExpectValidHistogram(e, "atelier_append_latency_seconds");
      if (::testing::Test::HasFailure()) return;
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&metrics, t] {
      for (int i = 0; i < kIterations; ++i) {
        metrics.connections.Increment();
        metrics.connections_total.Increment();
        metrics.deliveries_total.Increment(3);
        metrics.CountRejection(v1::REJECTION_REASON_OWN_IDEA);
        metrics.CountHttpResponse(200);
        metrics.ObserveAppendLatency(t % 2 == 0 ? 1ms : 100ms);
        metrics.connections.Decrement();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  done.store(true);
  scraper.join();
  const Exposition e = Parse(metrics.Render());
  const std::string total = std::to_string(kThreads * kIterations);
  EXPECT_EQ(e.Value("atelier_connections"), "0");
  EXPECT_EQ(e.Value("atelier_connections_total"), total);
  EXPECT_EQ(e.Value("atelier_deliveries_total"), std::to_string(3 * kThreads * kIterations));
  EXPECT_EQ(e.Value("atelier_rejections_total", "reason", "own_idea"), total);
  EXPECT_EQ(e.Value("atelier_http_requests_total", "status", "2xx"), total);
  EXPECT_EQ(e.Value("atelier_append_latency_seconds_count"), total);
  EXPECT_EQ(e.Value("atelier_append_latency_seconds_bucket", "le", "0.001"),
            std::to_string(kThreads / 2 * kIterations));
  EXPECT_DOUBLE_EQ(std::stod(e.Value("atelier_append_latency_seconds_sum")),
                   kThreads / 2 * kIterations * (0.001 + 0.1));
}

TEST(EdgeMetrics, RefusalsAndAuthFailuresByLabel) {
  EdgeMetrics edge;
  edge.CountRefusal(Limit::kHellos);
  edge.CountRefusal(Limit::kHellos);
  edge.CountRefusal(Limit::kOrigin);
  edge.CountAuthFailure(AuthKind::kJoinCode);
  edge.hello_attempts_total.Increment(7);
  edge.read_pauses_total.Increment();
  const Exposition e = Parse(edge.Render());
  EXPECT_EQ(e.type.at("atelier_refusals_total"), "counter");
  EXPECT_EQ(e.Find("atelier_refusals_total").size(), kLimitCount) << "one series per limit";
  EXPECT_EQ(e.Value("atelier_refusals_total", "limit", "hellos"), "2");
  EXPECT_EQ(e.Value("atelier_refusals_total", "limit", "origin"), "1");
  EXPECT_EQ(e.Value("atelier_refusals_total", "limit", "commands"), "0");
  EXPECT_EQ(e.Find("atelier_auth_failures_total").size(), kAuthKindCount);
  EXPECT_EQ(e.Value("atelier_auth_failures_total", "kind", "join_code"), "1");
  EXPECT_EQ(e.Value("atelier_auth_failures_total", "kind", "token"), "0");
  EXPECT_EQ(e.Value("atelier_hello_attempts_total"), "7");
  EXPECT_EQ(e.Value("atelier_read_pauses_total"), "1");
  EXPECT_EQ(e.Value("atelier_idle_connections_evicted_total"), "0");
  std::set<std::string> labels;
  for (size_t i = 0; i < kLimitCount; ++i)
    labels.insert(std::string(LimitLabel(static_cast<Limit>(i))));
  EXPECT_EQ(labels.size(), kLimitCount) << "labels are distinct";
  EXPECT_FALSE(labels.contains("unknown"));
}

TEST(EdgeMetrics, TheProcessMemoryAndDescriptors) {
  const Exposition e = Parse(EdgeMetrics().Render());
  EXPECT_EQ(e.type.at("process_resident_memory_bytes"), "gauge");
  EXPECT_GT(std::stoull(e.Value("process_resident_memory_bytes")), 1u << 20);
  const uint64_t open = std::stoull(e.Value("process_open_fds"));
  EXPECT_GE(open, 3u) << "at least stdin, stdout and stderr";
  EXPECT_GE(std::stoull(e.Value("process_max_fds")), open);
}

}  // namespace
}  // namespace atelier::metrics
