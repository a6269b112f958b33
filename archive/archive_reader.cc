#include "archive/archive_reader.h"

#include <openssl/evp.h>

#include <string_view>

#include "archive/archive_writer.h"  // kMagic, kFormatVersion

namespace atelier::archive {
namespace {

constexpr uint64_t kMaxFieldBytes = 64u << 20;
constexpr size_t kSha256Size = 32;
using Kind = ArchiveError::Kind;

}  // namespace

struct ArchiveReader::Hasher {
  Hasher() : context(EVP_MD_CTX_new()) { EVP_DigestInit_ex(context, EVP_sha256(), nullptr); }
  ~Hasher() { EVP_MD_CTX_free(context); }
  void Update(std::string_view bytes) { EVP_DigestUpdate(context, bytes.data(), bytes.size()); }
  std::string Final() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(context, digest, &size);
    return std::string(reinterpret_cast<const char*>(digest), size);
  }
  EVP_MD_CTX* context;
};

ArchiveReader::ArchiveReader(std::istream& in) : in_(in), hasher_(new Hasher) {}
ArchiveReader::~ArchiveReader() = default;

std::unexpected<ArchiveError> ArchiveReader::Failed(Kind kind, std::string message) {
  error_ = ArchiveError{kind, std::move(message)};
  return std::unexpected(*error_);
}

bool ArchiveReader::ReadBytes(char* data, size_t size) {
  in_.read(data, static_cast<std::streamsize>(size));
  return static_cast<size_t>(in_.gcount()) == size;
}

std::expected<std::optional<uint64_t>, ArchiveError> ArchiveReader::ReadVarint(bool end_allowed) {
  uint64_t value = 0;
  for (int i = 0; i < 10; ++i) {
    char byte;
    if (!ReadBytes(&byte, 1)) {
      if (i == 0 && end_allowed) return std::nullopt;
      return Failed(Kind::kTruncated, "the file is cut in the middle of a field");
    }
    value |= uint64_t{static_cast<unsigned char>(byte) & 0x7fu} << (7 * i);
    if ((static_cast<unsigned char>(byte) & 0x80u) == 0) return value;
  }
  return Failed(Kind::kTampered, "a field length that is not a valid varint");
}

std::expected<std::optional<ArchiveReader::Field>, ArchiveError> ArchiveReader::ReadField() {
  auto tag = ReadVarint(/*end_allowed=*/true);
  if (!tag) return std::unexpected(tag.error());
  if (!*tag) return std::nullopt;
  if ((**tag & 7) != 2 || (**tag >> 3) == 0 || (**tag >> 3) > 3) {
    return Failed(Kind::kTampered, "a field that an archive does not have (tag " +
                                       std::to_string(**tag) + ")");
  }
  auto size = ReadVarint(/*end_allowed=*/false);
  if (!size) return std::unexpected(size.error());
  if (**size > kMaxFieldBytes) {
    return Failed(Kind::kTampered, "a field of " + std::to_string(**size) + " bytes");
  }
  Field field{static_cast<uint32_t>(**tag >> 3), std::string(**size, '\0')};
  if (!ReadBytes(field.payload.data(), field.payload.size())) {
    return Failed(Kind::kTruncated, "the file is cut in the middle of " +
                                        (field.number == 2
                                             ? "event " + std::to_string(events_ + 1)
                                             : std::string("a field")));
  }
  // The end's checksum covers the bytes before it: it is taken before the end is hashed.
  if (field.number == atelier::v1::Archive::kEndFieldNumber) {
    checksum_before_field_ = hasher_->Final();
  } else {
    std::string header;
    for (uint64_t v : {**tag, **size}) {
      while (v >= 0x80) {
        header.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
      }
      header.push_back(static_cast<char>(v));
    }
    hasher_->Update(header);
    hasher_->Update(field.payload);
  }
  return field;
}

std::expected<atelier::v1::ArchiveManifest, ArchiveError> ArchiveReader::ReadManifest() {
  if (error_) return std::unexpected(*error_);
  if (manifest_read_) return Failed(Kind::kUnreadable, "the manifest was already read");
  manifest_read_ = true;
  std::string magic(kMagic.size(), '\0');
  if (!ReadBytes(magic.data(), magic.size()) || magic != kMagic) {
    return Failed(Kind::kUnreadable,
                  "not an Atelier archive (it does not start with \"ATELIER-ARCHIVE\")");
  }
  hasher_->Update(magic);
  auto field = ReadField();
  if (!field) {
    return Failed(field.error().kind == Kind::kTruncated ? Kind::kTruncated : Kind::kUnreadable,
                  "the manifest cannot be read: " + field.error().message);
  }
  if (!*field) return Failed(Kind::kTruncated, "the file ends before its manifest");
  if ((*field)->number != atelier::v1::Archive::kManifestFieldNumber) {
    return Failed(Kind::kUnreadable, "the manifest is not where it should be");
  }
  atelier::v1::ArchiveManifest manifest;
  if (!manifest.ParseFromString((*field)->payload)) {
    return Failed(Kind::kUnreadable, "the manifest cannot be decoded");
  }
  if (manifest.format_version() != kFormatVersion) {
    return Failed(Kind::kUnreadable,
                  "unknown archive format version " + std::to_string(manifest.format_version()) +
                      " (this atelier reads version " + std::to_string(kFormatVersion) + ")");
  }
  if (manifest.workshop_id().empty() || manifest.head_seq() == 0 ||
      manifest.head_hash().size() != kSha256Size) {
    return Failed(Kind::kUnreadable,
                  "the manifest lacks the workshop id, the head seq or a 32-byte head hash");
  }
  head_seq_ = manifest.head_seq();
  return manifest;
}

std::expected<std::optional<atelier::v1::LoggedEvent>, ArchiveError> ArchiveReader::Next() {
  if (error_) return std::unexpected(*error_);
  if (!manifest_read_) return Failed(Kind::kUnreadable, "the manifest was not read first");
  if (done_) return std::nullopt;
  auto field = ReadField();
  if (!field) return std::unexpected(field.error());
  const std::string claimed = "the manifest says " + std::to_string(head_seq_) + " events";
  if (!*field) {
    return Failed(Kind::kTruncated, "the file ends after " + std::to_string(events_) +
                                        " events, without its end; " + claimed);
  }
  switch ((*field)->number) {
    case atelier::v1::Archive::kManifestFieldNumber:
      return Failed(Kind::kTampered, "a second manifest after event " + std::to_string(events_));
    case atelier::v1::Archive::kEventsFieldNumber: {
      if (events_ == head_seq_) {
        return Failed(Kind::kTampered, "more events than the manifest says (" +
                                           std::to_string(head_seq_) + ")");
      }
      atelier::v1::LoggedEvent logged;
      if (!logged.ParseFromString((*field)->payload)) {
        return Failed(Kind::kTampered,
                      "event " + std::to_string(events_ + 1) + ": cannot be decoded");
      }
      ++events_;
      return logged;
    }
    default:
      break;
  }
  atelier::v1::ArchiveEnd end;
  if (!end.ParseFromString((*field)->payload)) {
    return Failed(Kind::kTampered, "the end of the archive cannot be decoded");
  }
  if (events_ < head_seq_) {
    return Failed(Kind::kTruncated,
                  "the archive holds " + std::to_string(events_) + " events; " + claimed);
  }
  if (end.event_count() != events_) {
    return Failed(Kind::kTampered, "the end counts " + std::to_string(end.event_count()) +
                                       " events, the file holds " + std::to_string(events_));
  }
  if (end.sha256() != checksum_before_field_) {
    return Failed(Kind::kTampered,
                  "the file's checksum does not match: bytes were changed (the manifest, an "
                  "event or the checksum itself)");
  }
  char extra;
  if (ReadBytes(&extra, 1)) return Failed(Kind::kTampered, "bytes after the end of the archive");
  done_ = true;
  return std::nullopt;
}

}  // namespace atelier::archive
