// Carrying the best ideas of an ideation workshop into a new evaluation workshop.
#ifndef ATELIER_SERVER_WORKSHOP_CARRY_OVER_H_
#define ATELIER_SERVER_WORKSHOP_CARRY_OVER_H_

#include <cstddef>
#include <vector>

#include "atelier/v1/workshop.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

// The `count` vote targets with the most points (the order of ComputeResults), as seeds for
// CreateWorkshop: the text is the cluster's title or the idea's text, and the origin names the
// source workshop, the target and its points, so the evaluation can show where an idea came
// from. Targets with no points are not carried. Pure.
std::vector<v1::IdeaSeed> TopIdeas(const WorkshopState& source, size_t count);

// Criteria for an evaluation taken from the top ideas of a workshop held to define them (000:1697),
// in order: each named by its seed's text (cut after a word, with "…", when longer than a
// criterion's name may be), with a criterion's defaults (0-10, higher is better) and the seed's
// origin. Pure.
std::vector<v1::Criterion> CriteriaFrom(const std::vector<v1::IdeaSeed>& seeds);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_CARRY_OVER_H_
