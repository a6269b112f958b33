#include "clients/cli/results_printer.h"

#include <algorithm>
#include <iomanip>
#include <map>
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

const v1::Step* StepOf(const v1::WorkshopConfig& config, uint32_t step_id) {
  for (const v1::Step& step : config.agenda()) {
    if (step.id() == step_id) return &step;
  }
  return nullptr;
}

std::string Suffix(const v1::TargetResult& t) {
  return t.is_cluster() ? "  [" + std::to_string(t.idea_ids_size()) + " idées]" : "";
}

// One line per target with a count: the count, a bar as long, the text.
bool Bars(const google::protobuf::RepeatedPtrField<v1::TargetResult>& targets, std::ostream& out) {
  bool any = false;
  for (const v1::TargetResult& t : targets) {
    if (t.points() == 0) continue;
    any = true;
    out << "  " << std::setw(3) << t.points() << " " << Repeat("█", std::min(t.points(), 60u)) << "  "
        << Shorten(t.text()) << Suffix(t) << "\n";
  }
  return any;
}

std::string Ordinal(size_t place) { return std::to_string(place) + (place == 1 ? "re" : "e"); }

// One vote as its ballot counts it. `voters`: ballots cast; `participation` (the vote Results
// shows): the tables and points beside a budget's count.
void PrintVote(const google::protobuf::RepeatedPtrField<v1::TargetResult>& targets,
               const v1::Step* step, uint32_t voters, const v1::Participation* participation,
               std::ostream& out) {
  const v1::BallotKind kind = step != nullptr && step->ballot().kind() != v1::BALLOT_KIND_UNSPECIFIED
                                  ? step->ballot().kind()
                                  : v1::BALLOT_KIND_BUDGET;
  const std::string title = step != nullptr && !step->title().empty() ? step->title() + " : " : "";
  bool any = false;
  switch (kind) {
    case v1::BALLOT_KIND_DOTS:
      out << title << "Gommettes par idée (" << voters << " participants ont voté) :\n";
      any = Bars(targets, out);
      break;
    case v1::BALLOT_KIND_PICK:
      out << title << "Idées choisies (" << voters << " votants ; chaque choix compte) :\n";
      any = Bars(targets, out);
      break;
    case v1::BALLOT_KIND_RANKING:
      out << title << "Classement par la méthode de Borda (" << voters << " votants) :\n";
      for (const v1::TargetResult& t : targets) {
        if (t.points() == 0) continue;
        any = true;
        out << "  " << std::setw(3) << t.points() << " pts  " << Shorten(t.text()) << Suffix(t);
        std::string places;
        for (int i = 0; i < t.ranks_size(); ++i) {
          if (t.ranks(i) == 0) continue;
          places += (places.empty() ? "" : ", ") + Ordinal(i + 1) + " : " + std::to_string(t.ranks(i));
        }
        if (!places.empty()) out << "  (" << places << ")";
        out << "\n";
      }
      break;
    case v1::BALLOT_KIND_BUCKETS:
      out << title << "Tri en quatre cases (" << voters << " votants) :\n";
      for (const v1::TargetResult& t : targets) {
        uint32_t sorted = 0;
        for (uint32_t n : t.buckets()) sorted += n;
        if (sorted == 0) continue;
        any = true;
        auto at = [&](int i) { return i < t.buckets_size() ? t.buckets(i) : 0u; };
        out << "  " << Shorten(t.text()) << Suffix(t) << " : coffre-fort " << at(2)
            << ", machine à laver " << at(1) << ", poubelle " << at(0) << "\n";
      }
      break;
    default:
      out << title << "Points par idée ou regroupement (";
      if (participation != nullptr && participation->tables_voted() <= participation->tables_joined()) {
        out << participation->tables_voted() << " tables sur " << participation->tables_joined()
            << " ont voté, " << participation->points_spent() << " points) :\n";
      } else if (participation != nullptr) {  // each participant voted: more ballots than tables
        out << participation->tables_voted() << " participants ont voté, "
            << participation->points_spent() << " points) :\n";
      } else {
        out << voters << " votants) :\n";
      }
      any = Bars(targets, out);
      break;
  }
  if (!any) {
    out << (kind == v1::BALLOT_KIND_BUDGET ? "  (aucun point pour l'instant)\n"
                                           : "  (aucun vote pour l'instant)\n");
  }
}

void PrintEvaluations(const v1::Results& results, const ResultsLabels& labels, std::ostream& out) {
  const v1::Participation& p = results.participation();
  out << "Classement (" << p.seats_scored() << " participants sur " << p.seats_joined()
      << " ont noté) :\n";
  std::map<uint32_t, const v1::Criterion*> criteria;
  for (const v1::Criterion& c : labels.config.criteria()) criteria[c.id()] = &c;
  for (const v1::IdeaEvaluation& e : results.evaluations()) {
    out << "  " << e.rank() << ". " << e.text() << "  — global " << Fixed(e.overall())
        << "/10, dispersion " << Fixed(e.spread()) << "\n";
    for (const v1::CriterionResult& c : e.criteria()) {
      auto name = labels.criteria.find(c.criterion_id());
      std::string label = name != labels.criteria.end()
                              ? name->second
                              : "critère " + std::to_string(c.criterion_id());
      // The histogram covers the criterion's range: 0-10, or a smiley scale's 1-5.
      auto known = criteria.find(c.criterion_id());
      const int32_t low = known != criteria.end() ? known->second->min_value() : 0;
      const int32_t high = known != criteria.end()
                               ? known->second->max_value()
                               : low + std::max(c.histogram_size() - 1, 0);
      out << "       " << std::left << std::setw(14) << label << std::right << " " << low << "["
          << Sparkline(c) << "]" << high << "  moyenne " << Fixed(c.mean()) << "  médiane "
          << Fixed(c.median()) << "  écart-type " << Fixed(c.stddev()) << "  (" << c.count()
          << " notes)\n";
    }
  }
}

}  // namespace

void PrintResults(const v1::Results& results, const ResultsLabels& labels, std::ostream& out) {
  out << "=== " << (labels.question.empty() ? "atelier " + results.workshop_id() : labels.question)
      << " ===\n";
  // Scores first when ideas were scored; each vote after them (a journey map has both).
  const bool scored = !results.evaluations().empty();
  if (scored) PrintEvaluations(results, labels, out);
  if (!scored || !results.points().empty()) {
    if (scored) out << "\n";
    PrintVote(results.points(), StepOf(labels.config, results.vote_step_id()),
              results.participation().tables_voted(), &results.participation(), out);
  }
  for (const v1::VoteResults& vote : results.other_votes()) {
    out << "\n";
    PrintVote(vote.targets(), StepOf(labels.config, vote.step_id()), vote.voters(), nullptr, out);
  }
  const uint32_t ideas = results.participation().ideas();
  out << "(" << ideas << (ideas == 1 ? " idée" : " idées") << " ; résultats au seq "
      << results.seq() << ")\n";
}

}  // namespace atelier::cli
