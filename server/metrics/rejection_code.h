// The short, stable name of a rejection reason used outside the protobuf wire: the API's error
// code and the metrics' label. REJECTION_REASON_BUDGET_EXCEEDED -> "budget_exceeded".
//
// Pure; thread-safe.
#ifndef ATELIER_SERVER_METRICS_REJECTION_CODE_H_
#define ATELIER_SERVER_METRICS_REJECTION_CODE_H_

#include <string>

#include "atelier/v1/rejection.pb.h"

namespace atelier::metrics {

// The enum value's name in lower case without the REJECTION_REASON_ prefix; a value this build
// does not know (from a newer schema) is "unspecified".
std::string RejectionCode(v1::RejectionReason reason);

}  // namespace atelier::metrics

#endif  // ATELIER_SERVER_METRICS_REJECTION_CODE_H_
