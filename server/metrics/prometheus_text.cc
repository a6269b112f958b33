#include "server/metrics/prometheus_text.h"

#include <charconv>
#include <cmath>

namespace atelier::metrics {
namespace {

std::string Escape(std::string_view text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

template <typename Number>
std::string_view Format(char (&buffer)[32], Number value) {
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string_view(buffer, result.ptr - buffer);
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) { return Escape(value, true); }
std::string EscapeHelp(std::string_view help) { return Escape(help, false); }

void PrometheusText::Family(std::string_view name, std::string_view type, std::string_view help) {
  text_.append("# HELP ").append(name).append(" ").append(EscapeHelp(help)).append("\n");
  text_.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void PrometheusText::Sample(std::string_view name, std::initializer_list<Label> labels,
                            uint64_t value) {
  char buffer[32];
  Start(name, labels);
  Finish(Format(buffer, value));
}

void PrometheusText::Sample(std::string_view name, std::initializer_list<Label> labels,
                            int64_t value) {
  char buffer[32];
  Start(name, labels);
  Finish(Format(buffer, value));
}

void PrometheusText::Sample(std::string_view name, std::initializer_list<Label> labels,
                            double value) {
  char buffer[32];
  Start(name, labels);
  if (std::isnan(value)) {
    Finish("NaN");
  } else if (std::isinf(value)) {
    Finish(value > 0 ? "+Inf" : "-Inf");
  } else {
    // Shortest round-trip digits, in fixed notation when it fits (0.0005, not 5e-04).
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    if (result.ec != std::errc()) result = std::to_chars(buffer, buffer + sizeof buffer, value);
    Finish(std::string_view(buffer, result.ptr - buffer));
  }
}

void PrometheusText::Start(std::string_view name, std::initializer_list<Label> labels) {
  text_.append(name);
  if (labels.size() == 0) return;
  text_.push_back('{');
  bool first = true;
  for (const Label& label : labels) {
    if (!first) text_.push_back(',');
    first = false;
    text_.append(label.name).append("=\"").append(EscapeLabelValue(label.value)).append("\"");
  }
  text_.push_back('}');
}

void PrometheusText::Finish(std::string_view number) {
  text_.append(" ").append(number).append("\n");
}

}  // namespace atelier::metrics
