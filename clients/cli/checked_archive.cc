#include "clients/cli/checked_archive.h"

#include <fstream>

#include "report/record_builder.h"

namespace atelier::cli {

int ArchiveExitCode(archive::ArchiveError::Kind kind) {
  switch (kind) {
    case archive::ArchiveError::Kind::kTampered:
      return kExitArchiveTampered;
    case archive::ArchiveError::Kind::kTruncated:
      return kExitArchiveTruncated;
    case archive::ArchiveError::Kind::kUnreadable:
      break;
  }
  return kExitArchiveUnreadable;
}

const char* ArchiveVerdict(archive::ArchiveError::Kind kind) {
  switch (kind) {
    case archive::ArchiveError::Kind::kTampered:
      return "TAMPERED";
    case archive::ArchiveError::Kind::kTruncated:
      return "TRUNCATED";
    case archive::ArchiveError::Kind::kUnreadable:
      break;
  }
  return "UNREADABLE";
}

std::expected<CheckedArchive, int> ReadCheckedArchive(const Invocation& in, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    in.err << "atelier " << in.name << ": UNREADABLE: cannot open " << path << "\n";
    return std::unexpected(kExitArchiveUnreadable);
  }
  report::RecordBuilder builder;
  std::string fold_error;
  auto checked = archive::CheckArchive(file, [&](const v1::Event& event) {
    if (!fold_error.empty()) return;
    if (auto added = builder.Add(event); !added) fold_error = added.error();
  });
  if (!checked) {
    in.err << "atelier " << in.name << ": " << ArchiveVerdict(checked.error().kind) << ": " << path
           << ": " << checked.error().message << "\n";
    return std::unexpected(ArchiveExitCode(checked.error().kind));
  }
  // CheckArchive folded the same events with the same Apply: the builder cannot disagree.
  auto record = std::move(builder).Finish();
  if (!record) {
    in.err << "atelier " << in.name << ": " << path << ": " << record.error() << "\n";
    return std::unexpected(kExitFailure);
  }
  return CheckedArchive{*std::move(checked), *std::move(record)};
}

}  // namespace atelier::cli
