// Log lines for the server's operators: one line per thing worth knowing, to stderr, where
// systemd's journal (or a terminal, or a test's file) takes it.
//
//   2026-11-30T08:15:02.123Z warning workshop=3f2a9c1b the snapshot at event 10000 was not saved
//
// A line is: the time in UTC to the millisecond, the level (info, warning, error), the workshop
// it concerns when there is one, and the text. Control characters in the text or the workshop id
// (a newline from a client's string, say) are escaped (\n, \xHH), so that one call is always one
// line and nobody can forge a line; a text past kMaxText bytes is cut, with "..." at the end.
//
// When stderr is the journal (systemd sets JOURNAL_STREAM to its device and inode), each line
// starts with the syslog priority, "<3>" error, "<4>" warning, "<6>" info: journald reads it
// and strips it, so that `journalctl -p warning` finds our warnings (without it every line
// would have the unit's default priority). On a terminal or in a file there is no prefix. The
// timestamp is always written: a file or a pipe has no other.
//
// Thread-safe: each line is written whole with one write(2) (lines stay below PIPE_BUF, so
// lines of concurrent threads never mix). Never throws; a failed write is dropped.
#ifndef ATELIER_SERVER_LOG_LOG_H_
#define ATELIER_SERVER_LOG_LOG_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace atelier::log {

enum class Level { kInfo, kWarning, kError };

// The text of a line is cut past this many bytes (a line then stays below PIPE_BUF).
inline constexpr size_t kMaxText = 3'000;

void Info(std::string_view text, std::string_view workshop_id = {});
void Warning(std::string_view text, std::string_view workshop_id = {});
void Error(std::string_view text, std::string_view workshop_id = {});
void Write(Level level, std::string_view text, std::string_view workshop_id = {});

// The line as written, with its newline; `journald` adds the priority prefix.
std::string FormatLine(std::chrono::system_clock::time_point time, Level level,
                       std::string_view text, std::string_view workshop_id, bool journald);

// "info", "warning", "error".
std::string_view LevelName(Level level);

// Whether JOURNAL_STREAM's value ("DEVICE:INODE") names this stream's device and inode.
bool IsJournalStream(std::string_view journal_stream, unsigned long long device,
                     unsigned long long inode);

}  // namespace atelier::log

#endif  // ATELIER_SERVER_LOG_LOG_H_
