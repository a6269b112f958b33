#include "server/engine/workshop_loader.h"

#include "server/workshop/apply.h"
#include "server/workshop/state_codec.h"

namespace atelier::engine {
namespace {

std::unexpected<std::string> Fail(std::string_view workshop_id, const std::string& what) {
  return std::unexpected("workshop " + std::string(workshop_id) + ": " + what);
}

// The newest snapshot that passes the cheap checks, or a fresh state when there is none. Each
// one that fails them is deleted and listed in *discarded.
workshop::WorkshopState StartingState(storage::EventLog& log, std::string_view workshop_id,
                                      std::vector<DiscardedSnapshot>* discarded) {
  for (;;) {
    auto snapshot = log.LatestSnapshot(workshop_id);
    if (!snapshot || !*snapshot) return {};
    workshop::WorkshopState state;
    auto problem = TrustProblem(log, workshop_id, **snapshot, &state);
    if (!problem) return {};  // the log cannot be read now: fold it all (the load will say)
    if (!*problem) return state;
    const uint64_t seq = (*snapshot)->seq;
    if (!log.DeleteSnapshot(workshop_id, seq)) return {};  // still never used
    discarded->push_back(DiscardedSnapshot{seq, **std::move(problem)});
  }
}

}  // namespace

std::expected<workshop::WorkshopState, std::string> LoadWorkshop(storage::EventLog& log,
                                                                 std::string_view workshop_id,
                                                                 const LoadOptions& options,
                                                                 LoadStats* stats) {
  using Verify = LoadOptions::Verify;
  const bool whole_first = options.verify == Verify::kWhole || !options.use_snapshots;
  storage::Result<storage::LogHead> head;
  if (whole_first) {
    head = log.VerifyChain(workshop_id);
    if (!head) return std::unexpected(head.error().message);
    if (head->seq == 0) return Fail(workshop_id, "no such workshop");
  }

  workshop::WorkshopState state;
  std::vector<DiscardedSnapshot> discarded;
  if (options.use_snapshots) state = StartingState(log, workshop_id, &discarded);
  if (!whole_first) {
    // The snapshot's last hash is the stored hash of event state.seq (StartingState checked it):
    // the chain is verified from there on. Without a snapshot, from event 1.
    head = log.VerifyChain(workshop_id, storage::LogHead{state.seq, state.last_hash});
    if (!head) return std::unexpected(head.error().message);
    if (head->seq == 0) return Fail(workshop_id, "no such workshop");
  }
  if (stats) {
    *stats = LoadStats{.snapshot_seq = state.seq,
                       .verified_from_seq = whole_first ? 0 : state.seq,
                       .discarded = std::move(discarded)};
  }

  std::string error;
  v1::Event event;
  auto folded =
      log.ForEach(workshop_id, state.seq + 1, [&](uint64_t seq, const v1::LoggedEvent& logged) {
        if (!event.ParseFromString(logged.event())) {
          error = "event " + std::to_string(seq) + " cannot be decoded";
          return false;
        }
        event.set_hash(logged.hash());
        if (auto applied = workshop::Apply(state, event); !applied) {
          error = applied.error();
          return false;
        }
        if (stats) ++stats->events_folded;
        return true;
      });
  if (!folded) return std::unexpected(folded.error().message);
  if (!error.empty()) return Fail(workshop_id, error);
  if (state.seq != head->seq || state.last_hash != head->hash) {
    return Fail(workshop_id, "the log changed while it was being loaded");
  }
  return state;
}

std::expected<void, std::string> SaveSnapshot(storage::EventLog& log,
                                              const workshop::WorkshopState& state) {
  std::string bytes;
  if (!workshop::ToProto(state).SerializeToString(&bytes)) {
    return std::unexpected("workshop " + state.workshop_id + ": snapshot cannot be serialized");
  }
  auto put = log.PutSnapshot(state.workshop_id, state.seq, bytes);
  if (!put) return std::unexpected(put.error().message);
  return {};
}

}  // namespace atelier::engine
