// What can be wrong with an archive, as `atelier verify` reports it (each kind its exit code).
#ifndef ATELIER_ARCHIVE_ARCHIVE_ERROR_H_
#define ATELIER_ARCHIVE_ARCHIVE_ERROR_H_

#include <string>

namespace atelier::archive {

struct ArchiveError {
  enum class Kind {
    kUnreadable,  // not an archive, an unknown format version, or a manifest that cannot be read
    kTruncated,   // the file stops early: fewer events than the manifest says, or a cut mid-field
    kTampered,    // bytes changed: an event, the chain, the head, the checksum, or extra bytes
  };
  Kind kind;
  std::string message;  // names the first bad event (its seq) and why, when it is about one
};

}  // namespace atelier::archive

#endif  // ATELIER_ARCHIVE_ARCHIVE_ERROR_H_
