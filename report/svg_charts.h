// The synthesis's charts as inline SVG: no script, no external resource, readable in black and
// white (dark grey bars with black outlines and the value written beside each bar).
//
// Every text given (labels, titles) is escaped here: a participant's "<script>" is drawn as
// text. Labels longer than the room beside a bar are shortened with "…"; the full text goes in
// the bar's <title> (and the synthesis's tables).
//
// Pure; thread-safe.
#ifndef ATELIER_REPORT_SVG_CHARTS_H_
#define ATELIER_REPORT_SVG_CHARTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::report {

struct Bar {
  std::string label;  // drawn left of the bar, shortened if needed
  uint64_t value = 0;
};

// Horizontal bars, one per entry, in the order given, scaled to the largest value.
std::string BarChart(const std::vector<Bar>& bars, std::string_view aria_label);

// Columns: counts[i] people gave min_value + i; each column's count above it, values below.
std::string Histogram(const std::vector<uint32_t>& counts, int32_t min_value,
                      std::string_view aria_label);

// The first `max_chars` code points of UTF-8 `text`, with "…" when something was cut.
std::string Shorten(std::string_view text, size_t max_chars);

}  // namespace atelier::report

#endif  // ATELIER_REPORT_SVG_CHARTS_H_
