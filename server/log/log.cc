#include "server/log/log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <ctime>

namespace atelier::log {
namespace {

// Appends `in` with control characters escaped; stops at `max` bytes of input.
void AppendEscaped(std::string& out, std::string_view in, size_t max) {
  static constexpr char kHex[] = "0123456789abcdef";
  const bool cut = in.size() > max;
  if (cut) in = in.substr(0, max);
  for (const char c : in) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7f) {
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += "\\x";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xf]);
    }
  }
  if (cut) out += "...";
}

char Priority(Level level) {
  switch (level) {
    case Level::kError:
      return '3';
    case Level::kWarning:
      return '4';
    case Level::kInfo:
      break;
  }
  return '6';
}

bool StderrIsJournal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return false;
  struct stat st {};
  if (fstat(STDERR_FILENO, &st) != 0) return false;
  return IsJournalStream(stream, static_cast<unsigned long long>(st.st_dev),
                         static_cast<unsigned long long>(st.st_ino));
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarning:
      return "warning";
    case Level::kInfo:
      break;
  }
  return "info";
}

bool IsJournalStream(std::string_view journal_stream, unsigned long long device,
                     unsigned long long inode) {
  const size_t colon = journal_stream.find(':');
  if (colon == std::string_view::npos) return false;
  unsigned long long dev = 0;
  unsigned long long ino = 0;
  const char* first = journal_stream.data();
  const char* middle = first + colon;
  const char* last = first + journal_stream.size();
  auto [dev_end, dev_error] = std::from_chars(first, middle, dev);
  auto [ino_end, ino_error] = std::from_chars(middle + 1, last, ino);
  return dev_error == std::errc() && dev_end == middle && ino_error == std::errc() &&
         ino_end == last && colon > 0 && dev == device && ino == inode;
}

std::string FormatLine(std::chrono::system_clock::time_point time, Level level,
                       std::string_view text, std::string_view workshop_id, bool journald) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const auto since_epoch = duration_cast<milliseconds>(time.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(since_epoch / 1000);
  const int millis = static_cast<int>(since_epoch % 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[40];
  const size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string line;
  line.reserve(64 + text.size());
  if (journald) {
    line += '<';
    line += Priority(level);
    line += '>';
  }
  line.append(stamp, n);
  char ms[8];
  ms[0] = '.';
  ms[1] = static_cast<char>('0' + millis / 100);
  ms[2] = static_cast<char>('0' + millis / 10 % 10);
  ms[3] = static_cast<char>('0' + millis % 10);
  line.append(ms, 4);
  line += "Z ";
  line += LevelName(level);
  if (!workshop_id.empty()) {
    line += " workshop=";
    AppendEscaped(line, workshop_id, 64);
  }
  line += ' ';
  AppendEscaped(line, text, kMaxText);
  line += '\n';
  return line;
}

void Write(Level level, std::string_view text, std::string_view workshop_id) {
  static const bool journald = StderrIsJournal();
  const std::string line =
      FormatLine(std::chrono::system_clock::now(), level, text, workshop_id, journald);
  const char* data = line.data();
  size_t left = line.size();
  while (left > 0) {
    const ssize_t written = ::write(STDERR_FILENO, data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    data += written;
    left -= static_cast<size_t>(written);
  }
}

void Info(std::string_view text, std::string_view workshop_id) {
  Write(Level::kInfo, text, workshop_id);
}

void Warning(std::string_view text, std::string_view workshop_id) {
  Write(Level::kWarning, text, workshop_id);
}

void Error(std::string_view text, std::string_view workshop_id) {
  Write(Level::kError, text, workshop_id);
}

}  // namespace atelier::log
