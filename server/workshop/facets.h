// Idea facets: the categories (a post-it's colour: benefits in pink, needs in yellow, 000:1091),
// the stages (a journey map's columns) and the lanes (its rows, 000:1469-1510) that a step of
// ideas sorts its ideas by. A step lists the values of each facet it uses; every idea posted in
// it names one value of each such list, and none of the others.
//
// Pure functions; thread-compatible.
#ifndef ATELIER_SERVER_WORKSHOP_FACETS_H_
#define ATELIER_SERVER_WORKSHOP_FACETS_H_

#include <cstdint>
#include <expected>
#include <string>

#include "atelier/v1/rejection.pb.h"
#include "atelier/v1/workshop.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

inline constexpr uint32_t kMaxFacets = 12;           // values per list
inline constexpr uint32_t kMaxFacetNameLength = 80;  // characters

inline constexpr v1::FacetKind kFacetKinds[] = {v1::FACET_KIND_CATEGORY, v1::FACET_KIND_STAGE,
                                                v1::FACET_KIND_LANE};

// "categories", "stages", "lanes": the Step field, for messages.
std::string FacetListName(v1::FacetKind kind);

// A step's list of values of `kind`.
const google::protobuf::RepeatedPtrField<v1::Facet>& FacetsOf(const v1::Step& step,
                                                              v1::FacetKind kind);

// The value with this id in the step's list of `kind`, or nullptr (always for id 0).
const v1::Facet* FindFacet(const v1::Step& step, v1::FacetKind kind, uint32_t id);

// Checks a step's lists and fills their defaults: only a DIVERGENCE step has any; each list at
// most kMaxFacets values; names trimmed, required, at most kMaxFacetNameLength characters and
// unique within the list (ignoring ASCII case); ids unique within the list, those missing given
// the next free ones from 1; a colour empty or #rrggbb (kept in lowercase). On failure:
// INVALID_CONFIG with a message naming the step and the rule.
std::expected<void, v1::Rejection> NormalizeFacets(v1::Step& step);

// An idea's facets, as PostIdea and PostedIdea carry them.
struct IdeaFacets {
  uint32_t category_id = 0;
  uint32_t stage_id = 0;
  uint32_t lane_id = 0;
  uint32_t Of(v1::FacetKind kind) const;
};

// Whether an idea posted now, in `step` (nullptr: none), may carry `facets`: for each list the
// step has, a value of it (FACET_REQUIRED naming the facet, UNKNOWN_FACET naming the facet and
// facet_id); for each list it has not, 0 (UNKNOWN_FACET). The rejection names the step.
std::expected<void, v1::Rejection> CheckIdeaFacets(const v1::Step* step, uint32_t step_id,
                                                   const IdeaFacets& facets);

// Whether every non-zero facet of `facets` is a value of the step's list (the step may have
// gained a list since the idea was posted: 0 stays allowed). For stored ideas (snapshots,
// configurations replacing one).
bool FacetsExistIn(const v1::Step* step, const IdeaFacets& facets);

IdeaFacets FacetsOfIdea(const Idea& idea);

// Whether `config` may replace the state's configuration as far as facets go: every idea with a
// facet keeps its step, and the step the value it names (by id; a name or colour may change).
// INVALID_CONFIG otherwise.
std::expected<void, v1::Rejection> KeepsFacetsInUse(const WorkshopState& state,
                                                    const v1::WorkshopConfig& config);

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_FACETS_H_
