// The lines the storage layer writes for an operator: RocksDB's own warnings and errors, and the
// event log's failed writes and recoveries. One line each on stderr (journald under systemd),
// never a file on the data volume, so that reporting a full disk cannot fail on that disk.
// OperatorLog is the one function to switch when the server gets a logging module.
//
// Thread safety: any thread; each line is written with one call, whole.
#ifndef ATELIER_STORAGE_OPERATOR_LOG_H_
#define ATELIER_STORAGE_OPERATOR_LOG_H_

#include <functional>
#include <string>
#include <string_view>

namespace atelier::storage {

enum class LogLevel { kInfo, kWarning, kError };

// "<source> <LEVEL>: <message>" on one line: line breaks in the message become spaces, trailing
// ones are dropped. E.g. "rocksdb WARN: [db/error_handler.cc:397] Background IO error ...".
std::string FormatOperatorLine(std::string_view source, LogLevel level, std::string_view message);

// Writes FormatOperatorLine(...) and a newline to stderr, or hands the line to the sink set by
// SetOperatorLogSink.
void OperatorLog(std::string_view source, LogLevel level, std::string_view message);

// Where the lines go instead of stderr: the server's own log lines (server/log), so that every
// line an operator reads has one format. Set once at start-up, before the log is opened; the
// sink must be thread-safe. An empty function restores stderr.
using OperatorLogSink = std::function<void(LogLevel level, std::string_view line)>;
void SetOperatorLogSink(OperatorLogSink sink);

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_OPERATOR_LOG_H_
