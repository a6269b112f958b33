#include "server/workshop/facets.h"

#include <optional>
#include <set>
#include <string_view>

#include "server/workshop/config.h"

namespace atelier::workshop {
namespace {

std::unexpected<v1::Rejection> InvalidFacets(const v1::Step& step, std::string message) {
  v1::Rejection rejection;
  rejection.set_reason(v1::REJECTION_REASON_INVALID_CONFIG);
  rejection.set_message("agenda: step " + std::to_string(step.id()) + ": " + std::move(message));
  return std::unexpected(std::move(rejection));
}

google::protobuf::RepeatedPtrField<v1::Facet>& MutableFacetsOf(v1::Step& step, v1::FacetKind kind) {
  switch (kind) {
    case v1::FACET_KIND_STAGE:
      return *step.mutable_stages();
    case v1::FACET_KIND_LANE:
      return *step.mutable_lanes();
    default:
      return *step.mutable_categories();
  }
}

// "#rrggbb" in lowercase, or nothing when `colour` is not of that form.
std::optional<std::string> ValidColour(std::string_view colour) {
  if (colour.size() != 7 || colour[0] != '#') return std::nullopt;
  std::string out = "#";
  for (char c : colour.substr(1)) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
    out += c;
  }
  return out;
}

std::string FoldAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::expected<void, v1::Rejection> NormalizeList(v1::Step& step, v1::FacetKind kind) {
  auto& list = MutableFacetsOf(step, kind);
  const std::string what = FacetListName(kind);
  if (list.empty()) return {};
  if (step.kind() != v1::PHASE_DIVERGENCE) {
    return InvalidFacets(step, what + " belong to a DIVERGENCE step (ideas are posted there)");
  }
  if (list.size() > static_cast<int>(kMaxFacets)) {
    return InvalidFacets(step, "at most " + std::to_string(kMaxFacets) + " " + what);
  }
  std::set<uint32_t> ids;
  for (const v1::Facet& f : list) {
    if (f.id() != 0 && !ids.insert(f.id()).second) {
      return InvalidFacets(step, what + ": id " + std::to_string(f.id()) + " appears twice");
    }
  }
  std::set<std::string> names;
  uint32_t next_id = 1;
  for (v1::Facet& f : list) {
    f.set_name(std::string(Trim(f.name())));
    if (f.name().empty()) return InvalidFacets(step, what + ": every one needs a name");
    if (CountCharacters(f.name()) > kMaxFacetNameLength) {
      return InvalidFacets(step, what + ": a name is at most " +
                                     std::to_string(kMaxFacetNameLength) + " characters");
    }
    if (!names.insert(FoldAscii(f.name())).second) {
      return InvalidFacets(step, what + ": '" + f.name() + "' appears twice");
    }
    const std::string_view colour = Trim(f.colour());
    if (!colour.empty()) {
      std::optional<std::string> valid = ValidColour(colour);
      if (!valid) {
        return InvalidFacets(step, what + " '" + f.name() + "': a colour is written #rrggbb");
      }
      f.set_colour(*std::move(valid));
    } else {
      f.clear_colour();
    }
    if (f.id() == 0) {
      while (ids.contains(next_id)) ++next_id;
      f.set_id(next_id);
      ids.insert(next_id);
    }
  }
  return {};
}

}  // namespace

std::string FacetListName(v1::FacetKind kind) {
  switch (kind) {
    case v1::FACET_KIND_STAGE:
      return "stages";
    case v1::FACET_KIND_LANE:
      return "lanes";
    default:
      return "categories";
  }
}

const google::protobuf::RepeatedPtrField<v1::Facet>& FacetsOf(const v1::Step& step,
                                                              v1::FacetKind kind) {
  switch (kind) {
    case v1::FACET_KIND_STAGE:
      return step.stages();
    case v1::FACET_KIND_LANE:
      return step.lanes();
    default:
      return step.categories();
  }
}

const v1::Facet* FindFacet(const v1::Step& step, v1::FacetKind kind, uint32_t id) {
  if (id == 0) return nullptr;
  for (const v1::Facet& f : FacetsOf(step, kind)) {
    if (f.id() == id) return &f;
  }
  return nullptr;
}

std::expected<void, v1::Rejection> NormalizeFacets(v1::Step& step) {
  for (v1::FacetKind kind : kFacetKinds) {
    if (auto ok = NormalizeList(step, kind); !ok) return ok;
  }
  return {};
}

uint32_t IdeaFacets::Of(v1::FacetKind kind) const {
  switch (kind) {
    case v1::FACET_KIND_STAGE:
      return stage_id;
    case v1::FACET_KIND_LANE:
      return lane_id;
    default:
      return category_id;
  }
}

std::expected<void, v1::Rejection> CheckIdeaFacets(const v1::Step* step, uint32_t step_id,
                                                   const IdeaFacets& facets) {
  for (v1::FacetKind kind : kFacetKinds) {
    const uint32_t id = facets.Of(kind);
    const bool listed = step != nullptr && !FacetsOf(*step, kind).empty();
    if (listed && FindFacet(*step, kind, id) != nullptr) continue;
    if (!listed && id == 0) continue;
    v1::Rejection rejection;
    rejection.set_facet(kind);
    rejection.set_step_id(step_id);
    const std::string what = FacetListName(kind);
    if (listed && id == 0) {
      rejection.set_reason(v1::REJECTION_REASON_FACET_REQUIRED);
      rejection.set_message("this step sorts its ideas by " + what + ": name one of its " +
                            std::to_string(FacetsOf(*step, kind).size()) + " " + what);
    } else {
      rejection.set_reason(v1::REJECTION_REASON_UNKNOWN_FACET);
      rejection.set_facet_id(id);
      rejection.set_message(listed ? std::to_string(id) + " is not one of this step's " + what
                                   : "this step has no " + what + ": give none");
    }
    return std::unexpected(std::move(rejection));
  }
  return {};
}

bool FacetsExistIn(const v1::Step* step, const IdeaFacets& facets) {
  for (v1::FacetKind kind : kFacetKinds) {
    const uint32_t id = facets.Of(kind);
    if (id != 0 && (step == nullptr || FindFacet(*step, kind, id) == nullptr)) return false;
  }
  return true;
}

IdeaFacets FacetsOfIdea(const Idea& idea) {
  return {.category_id = idea.category_id, .stage_id = idea.stage_id, .lane_id = idea.lane_id};
}

std::expected<void, v1::Rejection> KeepsFacetsInUse(const WorkshopState& state,
                                                    const v1::WorkshopConfig& config) {
  for (const auto& [id, idea] : state.ideas) {
    if (FacetsExistIn(FindStep(config, idea.step_id), FacetsOfIdea(idea))) continue;
    v1::Rejection rejection;
    rejection.set_reason(v1::REJECTION_REASON_INVALID_CONFIG);
    rejection.set_message("agenda: idea " + std::to_string(id) + " was posted in step " +
                          std::to_string(idea.step_id) +
                          " with facets this configuration no longer has: keep them");
    return std::unexpected(std::move(rejection));
  }
  return {};
}

}  // namespace atelier::workshop
