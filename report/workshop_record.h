// WorkshopRecord: what the synthesis and the raw data are made from. A workshop's state as
// folded from events 1..seq by the domain's own Apply (the same code as the server and
// `atelier verify`), with what the state forgets: when each phase began and ended.
//
// Plain data, built by RecordBuilder (record_builder.h); read-only afterwards.
#ifndef ATELIER_REPORT_WORKSHOP_RECORD_H_
#define ATELIER_REPORT_WORKSHOP_RECORD_H_

#include <cstdint>
#include <vector>

#include "atelier/v1/state.pb.h"
#include "atelier/v1/workshop.pb.h"
#include "server/workshop/state.h"

namespace atelier::report {

// One stay in a phase. A workshop may go back to a phase: each stay is its own span.
struct PhaseSpan {
  atelier::v1::Phase phase = atelier::v1::PHASE_UNSPECIFIED;
  uint32_t step_id = 0;  // the agenda step (Step.id) this span is a visit of
  int64_t began_ms = 0;  // server time of the event that entered it (creation for SETUP)
  int64_t ended_ms = 0;  // server time of the event that left it; 0 while it is the current one
};

struct WorkshopRecord {
  workshop::WorkshopState state;        // after the last event folded (state.seq, last_hash)
  std::vector<PhaseSpan> phases;        // in order; the last one has ended_ms 0
  int64_t created_ms = 0;               // the first event's time
  atelier::v1::Results results;         // workshop::ComputeResults(state)
};

}  // namespace atelier::report

#endif  // ATELIER_REPORT_WORKSHOP_RECORD_H_
