#include "clients/loadgen/usage.h"

#include <sys/resource.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "clients/client/http_client.h"

namespace atelier::loadgen {

namespace {

double Seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

std::vector<std::pair<uint64_t, uint64_t>> ReadCores() {
  std::vector<std::pair<uint64_t, uint64_t>> cores;
  std::ifstream stat("/proc/stat");
  std::string line;
  while (std::getline(stat, line)) {
    // "cpuN user nice system idle iowait irq softirq steal ..." (the first line, "cpu ", is the sum)
    if (line.size() < 4 || line.compare(0, 3, "cpu") != 0 || line[3] == ' ') continue;
    std::istringstream fields(line);
    std::string name;
    fields >> name;
    uint64_t value = 0, total = 0, idle = 0;
    for (int i = 0; i < 8 && fields >> value; ++i) {
      total += value;
      if (i == 3 || i == 4) idle += value;
    }
    cores.emplace_back(total - idle, total);
  }
  return cores;
}

}  // namespace

UseSample SampleUse(int server_pid, const ServerTarget* metrics_from) {
  UseSample sample;
  sample.at = std::chrono::steady_clock::now();
  if (server_pid) sample.server = SampleProcess(server_pid);
  rusage self{};
  if (getrusage(RUSAGE_SELF, &self) == 0) {
    sample.self_cpu_seconds = Seconds(self.ru_utime) + Seconds(self.ru_stime);
  }
  sample.cores = ReadCores();
  if (metrics_from != nullptr && metrics_from->atelier) {
    client::HttpClient http(metrics_from->host, metrics_from->port, std::chrono::seconds(5));
    if (auto response = http.Get("/metrics"); response && response->status == 200) {
      sample.histograms = ParseHistograms(response->body);
    }
  }
  return sample;
}

std::map<std::string, Histogram> ParseHistograms(const std::string& text) {
  std::map<std::string, Histogram> histograms;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.rfind(' ');
    if (space == std::string::npos) continue;
    const std::string series = line.substr(0, space);
    const double value = std::strtod(line.c_str() + space + 1, nullptr);
    if (const size_t at = series.find("_seconds_bucket{le=\""); at != std::string::npos) {
      const std::string name = series.substr(0, at + 8);
      const std::string le = series.substr(at + 20, series.size() - at - 22);
      histograms[name].buckets.emplace_back(le == "+Inf" ? HUGE_VAL : std::strtod(le.c_str(), nullptr),
                                            value);
    } else if (series.ends_with("_seconds_sum")) {
      histograms[series.substr(0, series.size() - 4)].sum = value;
    }
  }
  return histograms;
}

Histogram Difference(const Histogram& end, const Histogram& start) {
  Histogram d = end;
  d.sum -= start.sum;
  for (size_t i = 0; i < d.buckets.size() && i < start.buckets.size(); ++i) {
    d.buckets[i].second -= start.buckets[i].second;
  }
  return d;
}

double Quantile(const Histogram& h, double q) {
  const double count = h.count();
  if (count <= 0) return 0;
  const double rank = q * count;
  double lower = 0, below = 0;
  for (const auto& [le, cumulative] : h.buckets) {
    if (cumulative >= rank) {
      if (std::isinf(le)) return lower;
      const double in_bucket = cumulative - below;
      return in_bucket <= 0 ? le : lower + (le - lower) * (rank - below) / in_bucket;
    }
    lower = le;
    below = cumulative;
  }
  return lower;
}

}  // namespace atelier::loadgen
