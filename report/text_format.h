// Text for people and for machines: HTML escaping, numbers in French or English, dates and
// times of the server's clock (UTC milliseconds) in ISO 8601 and in the time of mainland France.
//
// Times for people are in the legal time of mainland France (Europe/Paris: UTC+1, UTC+2 from the
// last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, the EU rule since
// 1996), computed here rather than from the machine's time zone, so that the same log gives
// the same synthesis on the server and on anyone's computer.
//
// Pure functions; thread-safe.
#ifndef ATELIER_REPORT_TEXT_FORMAT_H_
#define ATELIER_REPORT_TEXT_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace atelier::report {

enum class Language { kFrench, kEnglish };

// The lowercase hex digits of any bytes, two each (a 32-byte hash: 64 digits).
std::string HexDigits(std::string_view bytes);

// & < > " ' as entities: safe in element content and in quoted attribute values.
std::string EscapeHtml(std::string_view text);

// At most `decimals` digits after the separator, trailing zeros dropped: "6,7" / "6.7", "7".
std::string FormatDecimal(double value, Language language, int decimals = 1);

// "2026-03-14T09:30:05Z" (seconds; UTC).
std::string IsoUtc(int64_t ms);

// Mainland France's UTC offset, in minutes, at that instant (60 or 120).
int ParisOffsetMinutes(int64_t ms);

// In Paris time: "samedi 14 mars 2026" / "Saturday 14 March 2026", and "10:30".
std::string FormatDate(int64_t ms, Language language);
std::string FormatTime(int64_t ms);

// A duration for people: "45 s", "12 min", "1 h 05" (minutes rounded down past the hour).
std::string FormatDuration(int64_t ms);

}  // namespace atelier::report

#endif  // ATELIER_REPORT_TEXT_FORMAT_H_
