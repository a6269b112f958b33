#include "server/engine/workshop_loader.h"

#include "server/workshop/apply.h"
#include "server/workshop/state_codec.h"

namespace atelier::engine {
namespace {

std::unexpected<std::string> Fail(std::string_view workshop_id, const std::string& what) {
  return std::unexpected("workshop " + std::string(workshop_id) + ": " + what);
}

// The snapshot to start from, or a fresh state when there is none or it cannot be trusted.
workshop::WorkshopState StartingState(storage::EventLog& log, std::string_view workshop_id) {
  auto snapshot = log.LatestSnapshot(workshop_id);
  if (!snapshot || !*snapshot) return {};
  v1::WorkshopState proto;
  if (!proto.ParseFromString((*snapshot)->bytes)) return {};
  auto state = workshop::FromProto(proto);
  if (!state || state->seq != (*snapshot)->seq || state->workshop_id != workshop_id) return {};
  // The snapshot must describe the log as it is: its last hash is the hash of that event.
  auto at = log.Read(workshop_id, state->seq, 1);
  if (!at || at->size() != 1 || (*at)[0].hash() != state->last_hash) return {};
  return *std::move(state);
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
  if (options.use_snapshots) state = StartingState(log, workshop_id);
  if (!whole_first) {
    // The snapshot's last hash is the stored hash of event state.seq (StartingState checked it):
    // the chain is verified from there on. Without a snapshot, from event 1.
    head = log.VerifyChain(workshop_id, storage::LogHead{state.seq, state.last_hash});
    if (!head) return std::unexpected(head.error().message);
    if (head->seq == 0) return Fail(workshop_id, "no such workshop");
  }
  if (stats) {
    *stats = LoadStats{.snapshot_seq = state.seq, .verified_from_seq = whole_first ? 0 : state.seq};
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
