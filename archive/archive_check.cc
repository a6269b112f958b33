#include "archive/archive_check.h"

#include <google/protobuf/stubs/logging.h>

#include "archive/archive_reader.h"
#include "server/workshop/apply.h"
#include "server/workshop/results.h"
#include "server/workshop/state.h"
#include "storage/hash_chain.h"

namespace atelier::archive {

std::string HexHash(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 15]);
  }
  return hex;
}

std::expected<ArchiveReport, ArchiveError> CheckArchive(
    std::istream& in, const std::function<void(const atelier::v1::Event&)>& on_event) {
  using Kind = ArchiveError::Kind;
  // A damaged archive is reported by the error returned; protobuf's own complaints while parsing
  // it (e.g. "String field contains invalid UTF-8") would only add noise on stderr.
  google::protobuf::LogSilencer quiet;
  ArchiveReader reader(in);
  auto manifest = reader.ReadManifest();
  if (!manifest) return std::unexpected(manifest.error());
  storage::ChainVerifier chain(manifest->workshop_id());
  workshop::WorkshopState state;
  atelier::v1::Event event;
  for (;;) {
    auto next = reader.Next();
    if (!next) return std::unexpected(next.error());
    if (!*next) break;
    const atelier::v1::LoggedEvent& logged = **next;
    const std::string seq = std::to_string(reader.events_read());
    if (auto fed = chain.Feed(logged); !fed) {
      return std::unexpected(ArchiveError{Kind::kTampered, fed.error().message});
    }
    if (!event.ParseFromString(logged.event())) {
      return std::unexpected(ArchiveError{Kind::kTampered, "event " + seq + " cannot be decoded"});
    }
    event.set_hash(logged.hash());
    if (auto applied = workshop::Apply(state, event); !applied) {
      return std::unexpected(
          ArchiveError{Kind::kTampered, "event " + seq + " does not apply: " + applied.error()});
    }
    if (on_event) on_event(event);
  }
  if (chain.last_hash() != manifest->head_hash()) {
    return std::unexpected(ArchiveError{
        Kind::kTampered, "event " + std::to_string(chain.last_seq()) + " has hash " +
                             HexHash(chain.last_hash()) + ", the manifest's head hash is " +
                             HexHash(manifest->head_hash())});
  }
  ArchiveReport report;
  report.manifest = *std::move(manifest);
  report.results = workshop::ComputeResults(state);
  report.question = state.config.question();
  report.config = state.config;
  for (const auto& criterion : state.config.criteria()) {
    report.criteria[criterion.id()] = criterion.name();
  }
  return report;
}

}  // namespace atelier::archive
