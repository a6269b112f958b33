// Which ideas a vote or scoring step takes (Step.source in workshop.proto).
//
// A step without a source takes, as before sources, every idea and cluster: for a vote, those
// posted before the step (an idea posted during the vote, like a longue-vue's new subject, or in
// a later step the animateur went back from, is not on its ballot). A step with a source takes
// only what the server selected when the workshop first entered it (SelectIdeas, recorded in
// that PhaseChanged and kept in WorkshopState.selections): the ideas of the named steps with the
// named facets, or the top of an earlier vote, each cluster as its ideas. A cluster is taken
// when one of its ideas is, so that merging a selected idea keeps it on the ballot. A step with
// a source that the workshop never entered takes nothing yet.
//
// Pure functions of the state; thread-compatible.
#ifndef ATELIER_SERVER_WORKSHOP_SOURCES_H_
#define ATELIER_SERVER_WORKSHOP_SOURCES_H_

#include <cstdint>
#include <vector>

#include "atelier/v1/workshop.pb.h"
#include "server/workshop/state.h"

namespace atelier::workshop {

// The ideas `step` takes from the state as it is now, in id order (a step without a source: none;
// callers record a selection only for steps with one).
std::vector<TargetId> SelectIdeas(const WorkshopState& state, const v1::Step& step);

// What one step takes, built once for loops over every idea and cluster.
class StepTakes {
 public:
  // step_id 0 (a log from before agendas, or no vote in the agenda): every idea.
  StepTakes(const WorkshopState& state, uint32_t step_id);

  // Whether the step takes the idea (as a target of its own when top-level, or in a cluster).
  bool TakesIdea(TargetId id, const Idea& idea) const;
  // Whether the step takes the cluster: one of its ideas is taken.
  bool TakesCluster(const Cluster& cluster) const;
  // Only the selection (not the time rule): whether a scoring step takes the idea.
  bool Selected(TargetId id) const;
  // Whether the idea came too late for the step: posted during it or in a step after it.
  bool Late(const Idea& idea) const;

 private:
  const WorkshopState& state_;
  std::vector<uint32_t> too_late_;              // the step and the agenda's steps after it
  bool has_source_ = false;
  const std::vector<TargetId>* selected_ = nullptr;  // null: not selected yet, or no source
};

}  // namespace atelier::workshop

#endif  // ATELIER_SERVER_WORKSHOP_SOURCES_H_
