// The raw data (raw_data.h) as CSV: one CSV per kind of row, chosen by RawTable.
//
// Why one CSV per kind and not one long "tidy" file with a kind column: the four kinds have
// different columns (a score has a seat and a criterion, a phase has times), so one file would
// be mostly empty cells and each use would start by filtering it; a spreadsheet user opens the
// table they want and pivots it as it is. The JSON (RawDataJson) holds all four at once.
//
// The format is the console's own CSV (clients/web/src/console/results_csv.ts; keep the rules
// the same): RFC 4180 (comma-separated, CRLF line ends; a field quoted when it holds a comma, a
// quote, a line break or begins or ends with a space, quotes doubled), UTF-8 with a byte order
// mark so that Excel reads accents right, and spreadsheet formula injection guarded: a text
// field that begins with = + - @ a tab or a carriage return gets a leading apostrophe, so that a
// spreadsheet shows it and never runs it. Numbers are never prefixed. Column names are stable
// snake_case, the JSON's field names, in every language (for scripts).
//
// Pure; thread-safe.
#ifndef ATELIER_REPORT_RAW_CSV_H_
#define ATELIER_REPORT_RAW_CSV_H_

#include <optional>
#include <string>
#include <string_view>

#include "atelier/v1/report.pb.h"

namespace atelier::report {

enum class RawTable { kPoints, kScores, kIdeas, kPhases };

// "points", "scores", "ideas", "phases"; nullopt for anything else.
std::optional<RawTable> ParseRawTable(std::string_view name);
std::string_view RawTableName(RawTable table);

std::string RawCsv(const atelier::v1::RawData& data, RawTable table);

// One field as written: a text field neutralized and quoted as needed.
std::string CsvText(std::string_view text);

}  // namespace atelier::report

#endif  // ATELIER_REPORT_RAW_CSV_H_
