// Workshops for the report's tests: a harness's log sealed as the log seals it and folded into a
// record, and the two reference workshops played through a real engine (RocksDB in a temporary
// directory) and read back from its log.
#ifndef ATELIER_TESTS_REPORT_REPORT_SUPPORT_H_
#define ATELIER_TESTS_REPORT_REPORT_SUPPORT_H_

#include <string>
#include <vector>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/log.pb.h"
#include "report/workshop_record.h"

namespace atelier::report::testing {

// Seals `log` (prev hashes, hashes) as the server does.
std::vector<atelier::v1::LoggedEvent> SealLog(const std::vector<atelier::v1::Event>& log);
// Seals and folds `log`; fails the test on an error.
WorkshopRecord RecordOf(const std::vector<atelier::v1::Event>& log);

struct ReferenceLogs {
  std::vector<atelier::v1::LoggedEvent> ideation;
  std::vector<atelier::v1::LoggedEvent> evaluation;
};
// The reference workshops (server/demo/scenario.h), seed 7 and five tables, as their log holds
// them. Played once per test binary.
const ReferenceLogs& Reference();
WorkshopRecord RecordOf(const std::vector<atelier::v1::LoggedEvent>& logged);

// Whether `text` holds `part`; how many times.
bool Has(const std::string& text, const std::string& part);
size_t CountOf(const std::string& text, const std::string& part);

}  // namespace atelier::report::testing

#endif  // ATELIER_TESTS_REPORT_REPORT_SUPPORT_H_
