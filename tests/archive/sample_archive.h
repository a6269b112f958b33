// A real workshop's events, sealed as the log seals them, and its archive as the server writes
// it: shared by the archive's tests and `atelier verify`'s.
#ifndef ATELIER_TESTS_ARCHIVE_SAMPLE_ARCHIVE_H_
#define ATELIER_TESTS_ARCHIVE_SAMPLE_ARCHIVE_H_

#include <string>
#include <vector>

#include "atelier/v1/archive.pb.h"
#include "atelier/v1/state.pb.h"
#include "storage/sealed_event.h"

namespace atelier::archive {

struct Sealed {
  std::vector<storage::SealedEvent> events;
  v1::Results results;  // what the server computes from the same events
};

// A small ideation: two tables, three ideas, a vote.
Sealed SmallWorkshop();
v1::ArchiveManifest ManifestOf(const std::vector<storage::SealedEvent>& events);
// The archive of `events` under `manifest`, as the server writes it.
std::string Write(const std::vector<storage::SealedEvent>& events,
                  const v1::ArchiveManifest& manifest);

}  // namespace atelier::archive

#endif  // ATELIER_TESTS_ARCHIVE_SAMPLE_ARCHIVE_H_
