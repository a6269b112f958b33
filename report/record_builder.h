// RecordBuilder: folds a workshop's events, in seq order from 1, into a WorkshopRecord. Each
// event goes through workshop::Apply (which checks that it is the next one of the workshop)
// and its PhaseChanged, if any, closes one PhaseSpan and opens the next.
//
// It does not check the hash chain: its callers do (the server's log reader with
// storage::ChainVerifier, `atelier synthesis` with archive::CheckArchive) before they trust
// what it builds.
//
// Use: Add() each event, then Finish() once. After an error the builder keeps refusing.
// Memory: one workshop's state. Pure; thread-compatible.
#ifndef ATELIER_REPORT_RECORD_BUILDER_H_
#define ATELIER_REPORT_RECORD_BUILDER_H_

#include <expected>
#include <string>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/log.pb.h"
#include "report/workshop_record.h"

namespace atelier::report {

class RecordBuilder {
 public:
  // The error names the event (its seq) and why it does not apply.
  [[nodiscard]] std::expected<void, std::string> Add(const atelier::v1::Event& event);
  // The event as the log stores it: decoded, its hash set from `logged`, then Add.
  [[nodiscard]] std::expected<void, std::string> AddLogged(const atelier::v1::LoggedEvent& logged);

  // The record, with its results computed; an error if no event was added or one failed.
  [[nodiscard]] std::expected<WorkshopRecord, std::string> Finish() &&;

 private:
  WorkshopRecord record_;
  std::string error_;
};

}  // namespace atelier::report

#endif  // ATELIER_REPORT_RECORD_BUILDER_H_
