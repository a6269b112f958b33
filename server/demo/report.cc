// PrintResults: the text report of scenario.h.
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "server/demo/scenario.h"
#include "server/workshop/results.h"

namespace atelier::demo {
namespace {

std::string Bar(uint32_t n, const char* glyph = "█") {
  std::string bar;
  for (uint32_t i = 0; i < n; ++i) bar += glyph;
  return bar;
}

std::string Fixed(double x, int digits = 1) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << x;
  return s.str();
}

// One character per value of the range, its height the share of scores with that value.
std::string Sparkline(const v1::CriterionResult& c) {
  static const char* kLevels[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  uint32_t top = 0;
  for (uint32_t n : c.histogram()) top = std::max(top, n);
  std::string line;
  for (uint32_t n : c.histogram()) {
    line += kLevels[top == 0 ? 0 : (n * 8 + top - 1) / top];
  }
  return line;
}

std::string Hex(const std::string& bytes, size_t n) {
  std::string out;
  char buf[3];
  for (size_t i = 0; i < std::min(n, bytes.size()); ++i) {
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(bytes[i]));
    out += buf;
  }
  return out;
}

}  // namespace

void PrintResults(const workshop::WorkshopState& state, std::ostream& out) {
  const v1::Results results = workshop::ComputeResults(state);
  out << "\n=== " << state.config.question() << " ===\n";
  const v1::Participation& p = results.participation();
  if (state.config.criteria().empty()) {
    out << "Points par idée ou regroupement (" << p.tables_voted() << " tables sur "
        << p.tables_joined() << " ont voté, " << p.points_spent() << " points) :\n";
    for (const v1::TargetResult& t : results.points()) {
      if (t.points() == 0) continue;
      std::string label = t.text().size() > 58 ? t.text().substr(0, 55) + "..." : t.text();
      out << "  " << std::setw(3) << t.points() << " " << Bar(t.points()) << "  " << label
          << (t.is_cluster() ? "  [" + std::to_string(t.idea_ids_size()) + " idées]" : "") << "\n";
    }
  } else {
    out << "Classement (" << p.seats_scored() << " participants sur " << p.seats_joined()
        << " ont noté) :\n";
    for (const v1::IdeaEvaluation& e : results.evaluations()) {
      out << "  " << e.rank() << ". " << e.text() << "  — global " << Fixed(e.overall())
          << "/10, dispersion " << Fixed(e.spread()) << "\n";
      for (const v1::CriterionResult& c : e.criteria()) {
        std::string name;
        for (const auto& k : state.config.criteria()) {
          if (k.id() == c.criterion_id()) name = k.name();
        }
        out << "       " << std::left << std::setw(14) << name << std::right << " 0["
            << Sparkline(c) << "]10  moyenne " << Fixed(c.mean()) << "  médiane "
            << Fixed(c.median()) << "  écart-type " << Fixed(c.stddev()) << "  (" << c.count()
            << " notes)\n";
      }
    }
  }
  out << "Journal : " << state.seq << " événements, dernière empreinte " << Hex(state.last_hash, 8)
      << "…\n";
}

}  // namespace atelier::demo
