#include "storage/operator_log.h"

#include <cstdio>

namespace atelier::storage {

std::string FormatOperatorLine(std::string_view source, LogLevel level, std::string_view message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
    message.remove_suffix(1);
  }
  std::string line(source);
  line += level == LogLevel::kError     ? " ERROR: "
          : level == LogLevel::kWarning ? " WARN: "
                                        : " INFO: ";
  for (char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;
  return line;
}

namespace {
OperatorLogSink& Sink() {
  static OperatorLogSink sink;
  return sink;
}
}  // namespace

void SetOperatorLogSink(OperatorLogSink sink) { Sink() = std::move(sink); }

void OperatorLog(std::string_view source, LogLevel level, std::string_view message) {
  if (const OperatorLogSink& sink = Sink()) {
    sink(level, FormatOperatorLine(source, level, message));
    return;
  }
  const std::string line = FormatOperatorLine(source, level, message) + '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace atelier::storage
