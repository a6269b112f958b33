// A writer for the Prometheus text exposition format, version 0.0.4: families announced by
// "# HELP" and "# TYPE" lines, then their samples, "name{label="value"} number".
//
// Escapes what the format requires: in label values backslash, double quote and line feed; in
// help text backslash and line feed. Names are the caller's to get right
// ([a-zA-Z_:][a-zA-Z0-9_:]*). One writer builds one text; not thread-safe.
#ifndef ATELIER_SERVER_METRICS_PROMETHEUS_TEXT_H_
#define ATELIER_SERVER_METRICS_PROMETHEUS_TEXT_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace atelier::metrics {

struct Label {
  std::string_view name;
  std::string_view value;
};

std::string EscapeLabelValue(std::string_view value);
std::string EscapeHelp(std::string_view help);

class PrometheusText {
 public:
  // Announces a family; `type` is "counter", "gauge" or "histogram". Its samples follow.
  void Family(std::string_view name, std::string_view type, std::string_view help);

  void Sample(std::string_view name, std::initializer_list<Label> labels, uint64_t value);
  void Sample(std::string_view name, std::initializer_list<Label> labels, int64_t value);
  // Infinities and NaN print as +Inf, -Inf and NaN.
  void Sample(std::string_view name, std::initializer_list<Label> labels, double value);

  const std::string& text() const { return text_; }

 private:
  void Start(std::string_view name, std::initializer_list<Label> labels);
  void Finish(std::string_view number);

  std::string text_;
};

}  // namespace atelier::metrics

#endif  // ATELIER_SERVER_METRICS_PROMETHEUS_TEXT_H_
