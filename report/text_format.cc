#include "report/text_format.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace atelier::report {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::milliseconds;
using std::chrono::sys_days;
using std::chrono::sys_time;

// 01:00 UTC on the last Sunday of `month` of `year`.
sys_time<milliseconds> LastSundayAt1Utc(std::chrono::year year, std::chrono::month month) {
  const sys_days day{year / month / std::chrono::Sunday[std::chrono::last]};
  return sys_time<milliseconds>(day) + std::chrono::hours(1);
}

struct Civil {
  std::chrono::year_month_day date;
  std::chrono::weekday weekday;
  int64_t minute_of_day;
};

Civil ParisCivil(int64_t ms) {
  const sys_time<milliseconds> local{milliseconds(ms + int64_t{ParisOffsetMinutes(ms)} * 60'000)};
  const sys_days day = floor<days>(local);
  const int64_t minutes =
      std::chrono::duration_cast<std::chrono::minutes>(local - sys_time<milliseconds>(day)).count();
  return {std::chrono::year_month_day(day), std::chrono::weekday(day), minutes};
}

std::string TwoDigits(int64_t n) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d", static_cast<int>(n));
  return text;
}

}  // namespace

std::string HexDigits(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 15]);
  }
  return hex;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string FormatDecimal(double value, Language language, int decimals) {
  if (!std::isfinite(value)) return "—";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string out = text;
  if (const size_t dot = out.find('.'); dot != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
    else if (language == Language::kFrench) out[dot] = ',';
  }
  if (out == "-0") out = "0";
  return out;
}

std::string IsoUtc(int64_t ms) {
  const sys_time<milliseconds> t{milliseconds(ms)};
  const sys_days day = floor<days>(t);
  const std::chrono::year_month_day date(day);
  const int64_t seconds =
      std::chrono::duration_cast<std::chrono::seconds>(t - sys_time<milliseconds>(day)).count();
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60),
                static_cast<int>(seconds % 60));
  return text;
}

int ParisOffsetMinutes(int64_t ms) {
  const sys_time<milliseconds> t{milliseconds(ms)};
  const std::chrono::year year = std::chrono::year_month_day(floor<days>(t)).year();
  const bool summer = t >= LastSundayAt1Utc(year, std::chrono::March) &&
                      t < LastSundayAt1Utc(year, std::chrono::October);
  return summer ? 120 : 60;
}

std::string FormatDate(int64_t ms, Language language) {
  static constexpr const char* kDaysFr[] = {"dimanche", "lundi", "mardi", "mercredi",
                                            "jeudi", "vendredi", "samedi"};
  static constexpr const char* kDaysEn[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                            "Thursday", "Friday", "Saturday"};
  static constexpr const char* kMonthsFr[] = {"janvier", "février", "mars", "avril",
                                              "mai", "juin", "juillet", "août",
                                              "septembre", "octobre", "novembre", "décembre"};
  static constexpr const char* kMonthsEn[] = {"January", "February", "March", "April",
                                              "May", "June", "July", "August",
                                              "September", "October", "November", "December"};
  const Civil civil = ParisCivil(ms);
  const unsigned weekday = civil.weekday.c_encoding();
  const unsigned month = static_cast<unsigned>(civil.date.month()) - 1;
  const unsigned day = static_cast<unsigned>(civil.date.day());
  const std::string year = std::to_string(static_cast<int>(civil.date.year()));
  if (language == Language::kFrench) {
    return std::string(kDaysFr[weekday]) + " " + (day == 1 ? "1er" : std::to_string(day)) + " " +
           kMonthsFr[month] + " " + year;
  }
  return std::string(kDaysEn[weekday]) + " " + std::to_string(day) + " " + kMonthsEn[month] +
         " " + year;
}

std::string FormatTime(int64_t ms) {
  const Civil civil = ParisCivil(ms);
  return TwoDigits(civil.minute_of_day / 60) + ":" + TwoDigits(civil.minute_of_day % 60);
}

std::string FormatDuration(int64_t ms) {
  const int64_t seconds = std::max<int64_t>(ms, 0) / 1000;
  if (seconds < 60) return std::to_string(seconds) + " s";
  const int64_t minutes = seconds / 60;
  if (minutes < 60) return std::to_string(minutes) + " min";
  return std::to_string(minutes / 60) + " h " + TwoDigits(minutes % 60);
}

}  // namespace atelier::report
