#include "report/agreement.h"

namespace atelier::report {

Agreement AgreementOf(double stddev, uint32_t count, int32_t min, int32_t max) {
  if (count < 2) return Agreement::kFew;
  const double span = double(max) - double(min);
  const double scaled = span > 0 ? stddev * 10 / span : 0;
  if (scaled < kStrongBelow) return Agreement::kStrong;
  if (scaled < kSharedBelow) return Agreement::kShared;
  return Agreement::kDivided;
}

}  // namespace atelier::report
