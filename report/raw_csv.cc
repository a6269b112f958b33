#include "report/raw_csv.h"

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <variant>

namespace atelier::report {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

using Cell = std::variant<std::string_view, int64_t>;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

class CsvOut {
 public:
  CsvOut() : text_(kBom) {}
  void Row(std::initializer_list<Cell> cells) {
    bool first = true;
    for (const Cell& cell : cells) {
      if (!first) text_ += ',';
      first = false;
      if (const auto* number = std::get_if<int64_t>(&cell)) {
        text_ += std::to_string(*number);
      } else {
        text_ += CsvText(std::get<std::string_view>(cell));
      }
    }
    text_ += "\r\n";
  }
  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
};

std::string_view PhaseId(v1::Phase phase) {
  const std::string& name = v1::Phase_Name(phase);
  return name;
}

}  // namespace

std::string CsvText(std::string_view text) {
  std::string field;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    field = "'";
  }
  field.append(text);
  const bool quote = field.find_first_of(",\"\r\n") != std::string::npos ||
                     (!field.empty() && (IsSpace(field.front()) || IsSpace(field.back())));
  if (!quote) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::optional<RawTable> ParseRawTable(std::string_view name) {
  for (RawTable table : {RawTable::kPoints, RawTable::kScores, RawTable::kIdeas, RawTable::kPhases}) {
    if (name == RawTableName(table)) return table;
  }
  return std::nullopt;
}

std::string_view RawTableName(RawTable table) {
  switch (table) {
    case RawTable::kPoints: return "points";
    case RawTable::kScores: return "scores";
    case RawTable::kIdeas: return "ideas";
    case RawTable::kPhases: break;
  }
  return "phases";
}

namespace {

// A bucket as the CSV names it; empty for none.
std::string_view BucketName(v1::Bucket bucket) {
  switch (bucket) {
    case v1::BUCKET_POUBELLE:
      return "poubelle";
    case v1::BUCKET_MACHINE_A_LAVER:
      return "machine_a_laver";
    case v1::BUCKET_COFFRE_FORT:
      return "coffre_fort";
    default:
      return "";
  }
}

}  // namespace

std::string RawCsv(const v1::RawData& data, RawTable table) {
  CsvOut out;
  switch (table) {
    case RawTable::kPoints:
      out.Row({"table", "table_name", "target_id", "target_kind", "target_text", "points", "step",
               "step_title", "seat", "rank", "bucket", "profile"});
      for (const v1::RawPoints& p : data.points()) {
        out.Row({int64_t{p.table()}, p.table_name(), int64_t{p.target_id()},
                 p.target_is_cluster() ? "cluster" : "idea", p.target_text(), int64_t{p.points()},
                 int64_t{p.step()}, p.step_title(), int64_t{p.seat()}, int64_t{p.rank()},
                 BucketName(p.bucket()), p.profile()});
      }
      break;
    case RawTable::kScores:
      out.Row({"table", "seat", "idea_id", "idea_text", "criterion_id", "criterion_name", "value",
               "profile"});
      for (const v1::RawScore& s : data.scores()) {
        out.Row({int64_t{s.table()}, int64_t{s.seat()}, int64_t{s.idea_id()}, s.idea_text(),
                 int64_t{s.criterion_id()}, s.criterion_name(), int64_t{s.value()}, s.profile()});
      }
      break;
    case RawTable::kIdeas:
      out.Row({"idea_id", "text", "author_table", "author_table_name", "cluster_id",
               "cluster_title", "origin_workshop_id", "origin_target_id", "origin_points", "step",
               "step_title", "author_profile", "category", "stage", "lane"});
      for (const v1::RawIdea& i : data.ideas()) {
        out.Row({int64_t{i.idea_id()}, i.text(), int64_t{i.author_table()}, i.author_table_name(),
                 int64_t{i.cluster_id()}, i.cluster_title(), i.origin().workshop_id(),
                 int64_t{i.origin().target_id()}, int64_t{i.origin().points()},
                 int64_t{i.step()}, i.step_title(), i.author_profile(), i.category(), i.stage(),
                 i.lane()});
      }
      break;
    case RawTable::kPhases:
      out.Row({"phase", "began", "ended", "duration_seconds", "began_ms", "ended_ms", "step",
               "title", "planned_seconds"});
      for (const v1::RawPhase& p : data.phases()) {
        out.Row({PhaseId(p.phase()), p.began(), p.ended(), p.duration_seconds(), p.began_ms(),
                 p.ended_ms(), int64_t{p.step_id()}, p.title(), p.planned_seconds()});
      }
      break;
  }
  return out.Take();
}

}  // namespace atelier::report
