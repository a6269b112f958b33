// MergeHints: a room's duplicate-idea index (workshop/similarity.h) and the hints it gives: merge
// suggestions to the animateur for each new idea, and "déjà proposé ?" answers to a table typing
// a draft.
//
// The index is built lazily: ideas posted, edited or loaded wait in a list and are indexed only
// when someone asks (a burst of ideas with no animateur connected costs nothing), since on a long
// idea wall Similar is the biggest cost of a round.
//
// Not thread-safe: used on the room's strand.
#ifndef ATELIER_SERVER_ROOM_MERGE_HINTS_H_
#define ATELIER_SERVER_ROOM_MERGE_HINTS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/wire.pb.h"
#include "server/workshop/similarity.h"
#include "server/workshop/state.h"

namespace atelier::room {

struct HintOptions {
  size_t per_idea = 3;      // merge suggestions sent to the animateur per new idea
  size_t per_draft = 5;     // answers to a draft
  double threshold = 0.35;  // the similarity they need
  size_t max_draft_bytes = 4096;  // a longer draft is cut (what a table types is short)
};

class MergeHints {
 public:
  explicit MergeHints(HintOptions options = {}) : options_(options) {}

  // Forgets everything and indexes the state's ideas lazily (after a load or a restore).
  void Reset(const workshop::WorkshopState& state);

  // Keeps the index in step with an event folded into `state`. For a new idea, when `suggest`
  // (an animateur is connected), returns the suggestions to send to the animateur, if any.
  std::optional<atelier::v1::ServerMessage> OnEvent(const workshop::WorkshopState& state,
                                                    const atelier::v1::Event& event, bool suggest);

  // The ideas most like a draft, as vote targets (an idea in a cluster is its cluster).
  atelier::v1::ServerMessage Draft(const workshop::WorkshopState& state,
                                   const atelier::v1::DraftHintsRequest& request);

 private:
  void IndexPending(const workshop::WorkshopState& state);

  HintOptions options_;
  workshop::DuplicateIndex index_;
  std::vector<uint32_t> pending_;  // ideas posted, edited or loaded since the last IndexPending
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_MERGE_HINTS_H_
