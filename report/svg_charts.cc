#include "report/svg_charts.h"

#include <algorithm>

#include "report/text_format.h"

namespace atelier::report {
namespace {

constexpr const char* kBarFill = "#555";

std::string Num(int64_t n) { return std::to_string(n); }

}  // namespace

std::string Shorten(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max_chars) return std::string(text.substr(0, i)) + "…";
    ++chars;
  }
  return std::string(text);
}

std::string BarChart(const std::vector<Bar>& bars, std::string_view aria_label) {
  constexpr int kWidth = 680, kLabelWidth = 300, kRow = 24, kBar = 16, kValueRoom = 44;
  constexpr size_t kLabelChars = 44;
  uint64_t max = 1;
  for (const Bar& bar : bars) max = std::max(max, bar.value);
  const int height = static_cast<int>(bars.size()) * kRow + 4;
  const int span = kWidth - kLabelWidth - kValueRoom;
  std::string svg = "<svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    Num(kWidth) + " " + Num(height) + "\" width=\"" + Num(kWidth) + "\" height=\"" +
                    Num(height) + "\" role=\"img\" aria-label=\"" + EscapeHtml(aria_label) + "\">";
  for (size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * kRow + 2;
    const int length = static_cast<int>(static_cast<double>(bars[i].value) * span / max);
    svg += "<g><title>" + EscapeHtml(bars[i].label) + "</title>";
    svg += "<text x=\"" + Num(kLabelWidth - 8) + "\" y=\"" + Num(y + kBar - 3) +
           "\" text-anchor=\"end\">" + EscapeHtml(Shorten(bars[i].label, kLabelChars)) + "</text>";
    svg += "<rect x=\"" + Num(kLabelWidth) + "\" y=\"" + Num(y) + "\" width=\"" +
           Num(std::max(length, 1)) + "\" height=\"" + Num(kBar) + "\" fill=\"" + kBarFill +
           "\" stroke=\"#000\" stroke-width=\"0.5\"/>";
    svg += "<text x=\"" + Num(kLabelWidth + length + 6) + "\" y=\"" + Num(y + kBar - 3) +
           "\" class=\"value\">" + Num(static_cast<int64_t>(bars[i].value)) + "</text></g>";
  }
  return svg + "</svg>";
}

std::string Histogram(const std::vector<uint32_t>& counts, int32_t min_value,
                      std::string_view aria_label) {
  constexpr int kHeight = 120, kTop = 16, kAxis = 18, kWidth = 300;
  const int bins = std::max<int>(static_cast<int>(counts.size()), 1);
  const double column = static_cast<double>(kWidth) / bins;
  const int label_every = bins <= 11 ? 1 : (bins + 10) / 11;
  uint32_t max = 1;
  for (uint32_t count : counts) max = std::max(max, count);
  const int plot = kHeight - kTop - kAxis;
  std::string svg = "<svg class=\"chart histogram\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    Num(kWidth) + " " + Num(kHeight) + "\" width=\"" + Num(kWidth) +
                    "\" height=\"" + Num(kHeight) + "\" role=\"img\" aria-label=\"" +
                    EscapeHtml(aria_label) + "\">";
  svg += "<line x1=\"0\" y1=\"" + Num(kTop + plot) + "\" x2=\"" + Num(kWidth) + "\" y2=\"" +
         Num(kTop + plot) + "\" stroke=\"#000\" stroke-width=\"1\"/>";
  for (size_t i = 0; i < counts.size(); ++i) {
    const int x = static_cast<int>(static_cast<double>(i) * column);
    const int w = std::max(static_cast<int>(column) - 2, 1);
    const int h = static_cast<int>(static_cast<double>(counts[i]) * plot / max);
    const int center = x + static_cast<int>(column / 2);
    if (counts[i] > 0) {
      svg += "<rect x=\"" + Num(x + 1) + "\" y=\"" + Num(kTop + plot - h) + "\" width=\"" + Num(w) +
             "\" height=\"" + Num(h) + "\" fill=\"" + kBarFill +
             "\" stroke=\"#000\" stroke-width=\"0.5\"/>";
      svg += "<text x=\"" + Num(center) + "\" y=\"" + Num(kTop + plot - h - 3) +
             "\" text-anchor=\"middle\" class=\"value\">" + Num(counts[i]) + "</text>";
    }
    if (static_cast<int>(i) % label_every == 0) {
      svg += "<text x=\"" + Num(center) + "\" y=\"" + Num(kHeight - 4) +
             "\" text-anchor=\"middle\" class=\"axis\">" + Num(min_value + static_cast<int64_t>(i)) +
             "</text>";
    }
  }
  return svg + "</svg>";
}

}  // namespace atelier::report
