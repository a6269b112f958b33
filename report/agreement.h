// How much the people who scored an idea agree, named as the web app names it
// (clients/web/src/ui/consensus.ts: keep the two the same), from the population standard
// deviation of their scores brought to a 0-10 scale:
//   - fewer than 2 scores: kFew (nothing to compare);
//   - below 1.5: kStrong ("consensus fort": most scores within about 1.5 points of the mean);
//   - below 2.5: kShared ("avis partagés": views differ, without two camps);
//   - from 2.5: kDivided ("avis divisés": as spread as random scores, or split into camps).
// For an idea over all criteria (the ranking), the idea's spread (already on 0-10) and the
// smallest count over its criteria, as the ranking table of the web app does.
//
// Pure; thread-safe.
#ifndef ATELIER_REPORT_AGREEMENT_H_
#define ATELIER_REPORT_AGREEMENT_H_

#include <cstdint>

namespace atelier::report {

enum class Agreement { kFew, kStrong, kShared, kDivided };

inline constexpr double kStrongBelow = 1.5;
inline constexpr double kSharedBelow = 2.5;

Agreement AgreementOf(double stddev, uint32_t count, int32_t min = 0, int32_t max = 10);

}  // namespace atelier::report

#endif  // ATELIER_REPORT_AGREEMENT_H_
