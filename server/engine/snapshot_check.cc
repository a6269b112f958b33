#include "server/engine/snapshot_check.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/message_differencer.h>

#include "server/workshop/apply.h"
#include "server/workshop/state_codec.h"

namespace atelier::engine {
namespace {

std::string Deterministic(const google::protobuf::Message& message) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

// The first difference between the snapshot's state and the log's, in one short line.
std::string FirstDifference(const v1::WorkshopState& snapshot, const v1::WorkshopState& log) {
  std::string report;
  {
    google::protobuf::util::MessageDifferencer differ;
    google::protobuf::io::StringOutputStream stream(&report);
    google::protobuf::util::MessageDifferencer::StreamReporter reporter(&stream);
    differ.ReportDifferencesTo(&reporter);
    differ.Compare(log, snapshot);
  }
  if (auto end = report.find('\n'); end != std::string::npos) report.resize(end);
  constexpr size_t kMax = 160;
  if (report.size() > kMax) report = report.substr(0, kMax) + "...";
  return report.empty() ? "its state differs from the log's" : "differs from the log: " + report;
}

// The state of the workshop after its events 1..seq.
std::expected<workshop::WorkshopState, std::string> Fold(storage::EventLog& log,
                                                         std::string_view workshop_id,
                                                         uint64_t seq) {
  workshop::WorkshopState state;
  std::string error;
  v1::Event event;
  auto folded = log.ForEach(workshop_id, 1, [&](uint64_t at, const v1::LoggedEvent& logged) {
    if (at > seq) return false;
    if (!event.ParseFromString(logged.event())) {
      error = "event " + std::to_string(at) + " cannot be decoded";
      return false;
    }
    event.set_hash(logged.hash());
    if (auto applied = workshop::Apply(state, event); !applied) {
      error = applied.error();
      return false;
    }
    return true;
  });
  if (!folded) return std::unexpected(folded.error().message);
  if (!error.empty()) return std::unexpected("workshop " + std::string(workshop_id) + ": " + error);
  if (state.seq != seq) {
    return std::unexpected("workshop " + std::string(workshop_id) + ": the log ends before event " +
                           std::to_string(seq));
  }
  return state;
}

}  // namespace

std::expected<std::optional<std::string>, std::string> TrustProblem(
    storage::EventLog& log, std::string_view workshop_id, const storage::Snapshot& snapshot,
    workshop::WorkshopState* state) {
  v1::WorkshopState proto;
  if (!proto.ParseFromString(snapshot.bytes)) return "it cannot be decoded";
  auto parsed = workshop::FromProto(proto);
  if (!parsed) return "it is not a valid state: " + parsed.error();
  if (parsed->workshop_id != workshop_id) {
    return "it is the state of workshop " + parsed->workshop_id;
  }
  if (parsed->seq != snapshot.seq) {
    return "it is the state as of event " + std::to_string(parsed->seq) + ", stored as of event " +
           std::to_string(snapshot.seq);
  }
  auto at = log.Read(workshop_id, snapshot.seq, 1);
  if (!at) return std::unexpected(at.error().message);
  if (at->size() != 1 || (*at)[0].hash() != parsed->last_hash) {
    return "its last hash is not the hash of event " + std::to_string(snapshot.seq);
  }
  *state = *std::move(parsed);
  return std::nullopt;
}

std::expected<int, std::string> CheckSnapshots(
    storage::EventLog& log, std::string_view workshop_id,
    const std::function<void(const DiscardedSnapshot&)>& discarded) {
  int count = 0;
  for (;;) {
    auto snapshot = log.LatestSnapshot(workshop_id);
    if (!snapshot) return std::unexpected(snapshot.error().message);
    if (!*snapshot) return count;
    const uint64_t seq = (*snapshot)->seq;
    workshop::WorkshopState state;
    auto trusted = TrustProblem(log, workshop_id, **snapshot, &state);
    if (!trusted) return std::unexpected(trusted.error());
    std::optional<std::string> problem = *std::move(trusted);
    if (!problem) {
      auto folded = Fold(log, workshop_id, seq);
      if (!folded) return std::unexpected(folded.error());
      const v1::WorkshopState theirs = workshop::ToProto(state);
      const v1::WorkshopState ours = workshop::ToProto(*folded);
      if (Deterministic(theirs) == Deterministic(ours)) return count;
      problem = FirstDifference(theirs, ours);
    }
    if (auto deleted = log.DeleteSnapshot(workshop_id, seq); !deleted) {
      return std::unexpected(deleted.error().message);
    }
    ++count;
    if (discarded) discarded(DiscardedSnapshot{seq, *std::move(problem)});
  }
}

}  // namespace atelier::engine
