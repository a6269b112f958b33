// ArchiveReader: reads an archive (proto/atelier/v1/archive.proto) from a stream, one event at a
// time, checking its layout: the magic, the manifest and its version, the fields in their
// order, the end's count and checksum, and nothing after it. It does not check the events
// themselves (ArchiveCheck does: the chain, then the fold).
//
// Use: ReadManifest() once, then Next() until it returns nullopt (the end was read and checked).
// After an error every call returns the same error. Reads no more than one field at a time;
// refuses a field longer than 64 MiB (no event is near that) as tampered.
//
// Not synchronized: one thread drives a reader.
#ifndef ATELIER_ARCHIVE_ARCHIVE_READER_H_
#define ATELIER_ARCHIVE_ARCHIVE_READER_H_

#include <cstdint>
#include <expected>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include "archive/archive_error.h"
#include "atelier/v1/archive.pb.h"
#include "atelier/v1/log.pb.h"

namespace atelier::archive {

class ArchiveReader {
 public:
  explicit ArchiveReader(std::istream& in);
  ~ArchiveReader();

  std::expected<atelier::v1::ArchiveManifest, ArchiveError> ReadManifest();
  // The next event (its position, from 1, is events_read()), or nullopt once the end is read.
  std::expected<std::optional<atelier::v1::LoggedEvent>, ArchiveError> Next();

  uint64_t events_read() const { return events_; }

 private:
  struct Field {
    uint32_t number;
    std::string payload;
  };
  // A field, or nullopt at a clean end of file (before its first byte).
  std::expected<std::optional<Field>, ArchiveError> ReadField();
  std::expected<std::optional<uint64_t>, ArchiveError> ReadVarint(bool end_allowed);
  bool ReadBytes(char* data, size_t size);  // also feeds the checksum
  std::unexpected<ArchiveError> Failed(ArchiveError::Kind kind, std::string message);

  std::istream& in_;
  struct Hasher;
  std::unique_ptr<Hasher> hasher_;
  std::string checksum_before_field_;  // SHA-256 of the bytes before the field being read
  std::optional<ArchiveError> error_;
  uint64_t head_seq_ = 0;
  uint64_t events_ = 0;
  bool manifest_read_ = false;
  bool done_ = false;
};

}  // namespace atelier::archive

#endif  // ATELIER_ARCHIVE_ARCHIVE_READER_H_
