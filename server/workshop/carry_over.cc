#include "server/workshop/carry_over.h"

#include "server/workshop/results.h"

namespace atelier::workshop {

std::vector<v1::IdeaSeed> TopIdeas(const WorkshopState& source, size_t count) {
  std::vector<v1::IdeaSeed> seeds;
  const v1::Results results = ComputeResults(source);
  for (const v1::TargetResult& target : results.points()) {
    if (seeds.size() == count || target.points() == 0) break;
    v1::IdeaSeed& seed = seeds.emplace_back();
    seed.set_text(target.text());
    seed.mutable_origin()->set_workshop_id(source.workshop_id);
    seed.mutable_origin()->set_target_id(target.target_id());
    seed.mutable_origin()->set_points(target.points());
  }
  return seeds;
}

}  // namespace atelier::workshop
