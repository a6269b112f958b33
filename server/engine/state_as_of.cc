#include "server/engine/state_as_of.h"

#include <algorithm>

#include "server/workshop/apply.h"
#include "server/workshop/results.h"
#include "server/workshop/views.h"
#include "storage/hash_chain.h"

namespace atelier::engine {
namespace {

std::unexpected<std::string> FailedAt(std::string_view workshop_id, const std::string& what) {
  return std::unexpected("workshop " + std::string(workshop_id) + ": " + what);
}

// The newest snapshot at or below `seq` that passes the cheap checks, or a fresh state. Those
// that fail them are listed in *passed_over and left in the store.
workshop::WorkshopState StartingPoint(storage::EventLog& log, std::string_view workshop_id,
                                      uint64_t seq, std::vector<DiscardedSnapshot>* passed_over) {
  for (uint64_t bound = seq; bound > 0;) {
    auto snapshot = log.SnapshotAtOrBelow(workshop_id, bound);
    if (!snapshot || !*snapshot) return {};
    workshop::WorkshopState state;
    auto problem = TrustProblem(log, workshop_id, **snapshot, &state);
    if (!problem) return {};  // the log cannot be read now: from event 1 (the fold will say)
    if (!*problem) return state;
    passed_over->push_back(DiscardedSnapshot{(*snapshot)->seq, **std::move(problem)});
    bound = (*snapshot)->seq - 1;
  }
  return {};
}

}  // namespace

std::expected<workshop::WorkshopState, std::string> StateAsOf(storage::EventLog& log,
                                                            std::string_view workshop_id,
                                                            uint64_t seq, StateAsOfStats* stats) {
  if (seq == 0) return FailedAt(workshop_id, "there is no event 0: seqs start at 1");
  StateAsOfStats local;
  if (stats == nullptr) stats = &local;
  *stats = {};
  workshop::WorkshopState state = StartingPoint(log, workshop_id, seq, &stats->passed_over);
  stats->snapshot_seq = state.seq;

  // From a snapshot, the chain goes on from its last hash (TrustProblem checked it is the stored
  // hash of its event); from scratch, from event 1.
  storage::ChainVerifier chain = state.seq == 0
                                     ? storage::ChainVerifier(std::string(workshop_id))
                                     : storage::ChainVerifier(std::string(workshop_id), state.seq,
                                                              state.last_hash);
  std::string error;
  v1::Event event;
  auto folded =
      log.ForEach(workshop_id, state.seq + 1, [&](uint64_t at, const v1::LoggedEvent& logged) {
        if (at > seq) return false;
        if (auto linked = chain.Feed(logged); !linked) {
          error = linked.error().message;
          return false;
        }
        if (!event.ParseFromString(logged.event())) {
          error = "event " + std::to_string(at) + " cannot be decoded";
          return false;
        }
        event.set_hash(logged.hash());
        if (auto applied = workshop::Apply(state, event); !applied) {
          error = applied.error();
          return false;
        }
        ++stats->events_folded;
        return at < seq;
      });
  if (!folded) return std::unexpected(folded.error().message);
  if (!error.empty()) return FailedAt(workshop_id, error);
  if (state.seq != seq) {
    return FailedAt(workshop_id, "the log ends before event " + std::to_string(seq));
  }
  return state;
}

std::expected<v1::TimelineMoment, std::string> MomentAt(storage::EventLog& log,
                                                        std::string_view workshop_id,
                                                        uint64_t seq) {
  if (seq == 0) return FailedAt(workshop_id, "there is no event 0: seqs start at 1");
  auto head = log.Head(workshop_id);
  if (!head) return std::unexpected(head.error().message);
  if (head->seq == 0) return FailedAt(workshop_id, "no such workshop");
  auto state = StateAsOf(log, workshop_id, std::min(seq, head->seq));
  if (!state) return std::unexpected(state.error());

  v1::Actor animateur;
  animateur.set_kind(v1::ACTOR_KIND_ANIMATEUR);
  v1::TimelineMoment moment;
  moment.set_workshop_id(std::string(workshop_id));
  moment.set_seq(state->seq);
  moment.set_time_ms(state->last_time_ms);
  moment.set_head_seq(head->seq);
  *moment.mutable_state() = workshop::ViewState(*state, animateur);
  *moment.mutable_results() = workshop::ComputeResults(*state);
  return moment;
}

}  // namespace atelier::engine
