#include "clients/cli/results_printer.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace atelier::cli {
namespace {

constexpr size_t kLabelBytes = 58;

std::string Repeat(const char* glyph, uint32_t n) {
  std::string out;
  for (uint32_t i = 0; i < n; ++i) out += glyph;
  return out;
}

std::string Fixed(double x) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << x;
  return s.str();
}

// Cuts at a UTF-8 character boundary so that French accents are never split.
std::string Shorten(const std::string& text) {
  if (text.size() <= kLabelBytes) return text;
  size_t cut = kLabelBytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

// One character per value of the range, its height the share of scores with that value.
std::string Sparkline(const v1::CriterionResult& c) {
  static const char* kLevels[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  uint32_t top = 0;
  for (uint32_t n : c.histogram()) top = std::max(top, n);
  std::string line;
  for (uint32_t n : c.histogram()) line += kLevels[top == 0 ? 0 : (n * 8 + top - 1) / top];
  return line;
}

void PrintPoints(const v1::Results& results, std::ostream& out) {
  const v1::Participation& p = results.participation();
  out << "Points par idée ou regroupement (";
  if (p.tables_voted() <= p.tables_joined()) {
    out << p.tables_voted() << " tables sur " << p.tables_joined() << " ont voté, ";
  } else {  // each participant voted: more ballots than tables
    out << p.tables_voted() << " participants ont voté, ";
  }
  out << p.points_spent() << " points) :\n";
  bool any = false;
  for (const v1::TargetResult& t : results.points()) {
    if (t.points() == 0) continue;
    any = true;
    out << "  " << std::setw(3) << t.points() << " " << Repeat("█", t.points()) << "  "
        << Shorten(t.text())
        << (t.is_cluster() ? "  [" + std::to_string(t.idea_ids_size()) + " idées]" : "") << "\n";
  }
  if (!any) out << "  (aucun point pour l'instant)\n";
}

void PrintEvaluations(const v1::Results& results, const ResultsLabels& labels, std::ostream& out) {
  const v1::Participation& p = results.participation();
  out << "Classement (" << p.seats_scored() << " participants sur " << p.seats_joined()
      << " ont noté) :\n";
  for (const v1::IdeaEvaluation& e : results.evaluations()) {
    out << "  " << e.rank() << ". " << e.text() << "  — global " << Fixed(e.overall())
        << "/10, dispersion " << Fixed(e.spread()) << "\n";
    for (const v1::CriterionResult& c : e.criteria()) {
      auto name = labels.criteria.find(c.criterion_id());
      std::string label = name != labels.criteria.end()
                              ? name->second
                              : "critère " + std::to_string(c.criterion_id());
      out << "       " << std::left << std::setw(14) << label << std::right << " 0[" << Sparkline(c)
          << "]10  moyenne " << Fixed(c.mean()) << "  médiane " << Fixed(c.median())
          << "  écart-type " << Fixed(c.stddev()) << "  (" << c.count() << " notes)\n";
    }
  }
}

}  // namespace

void PrintResults(const v1::Results& results, const ResultsLabels& labels, std::ostream& out) {
  out << "=== " << (labels.question.empty() ? "atelier " + results.workshop_id() : labels.question)
      << " ===\n";
  if (!results.evaluations().empty()) {
    PrintEvaluations(results, labels, out);
  } else {
    PrintPoints(results, out);
  }
  const uint32_t ideas = results.participation().ideas();
  out << "(" << ideas << (ideas == 1 ? " idée" : " idées") << " ; résultats au seq "
      << results.seq() << ")\n";
}

}  // namespace atelier::cli
