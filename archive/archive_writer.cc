#include "archive/archive_writer.h"

#include <openssl/evp.h>

#include <string>

namespace atelier::archive {
namespace {

void AppendVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

}  // namespace

struct ArchiveWriter::Hasher {
  Hasher() : context(EVP_MD_CTX_new()) { EVP_DigestInit_ex(context, EVP_sha256(), nullptr); }
  ~Hasher() { EVP_MD_CTX_free(context); }
  EVP_MD_CTX* context;
};

ArchiveWriter::ArchiveWriter(Sink sink) : sink_(std::move(sink)), hasher_(new Hasher) {}
ArchiveWriter::~ArchiveWriter() = default;

void ArchiveWriter::Write(std::string_view bytes) {
  EVP_DigestUpdate(hasher_->context, bytes.data(), bytes.size());
  sink_(bytes);
}

void ArchiveWriter::WriteField(uint32_t field, std::string_view payload) {
  std::string header;
  AppendVarint(header, (uint64_t{field} << 3) | 2);  // wire type 2: length-delimited
  AppendVarint(header, payload.size());
  Write(header);
  Write(payload);
}

bool ArchiveWriter::Begin(atelier::v1::ArchiveManifest manifest) {
  if (stage_ != Stage::kStart) return false;
  manifest.set_format_version(kFormatVersion);
  head_seq_ = manifest.head_seq();
  std::string bytes;
  if (!manifest.SerializeToString(&bytes)) return false;
  Write(kMagic);
  WriteField(atelier::v1::Archive::kManifestFieldNumber, bytes);
  stage_ = Stage::kEvents;
  return true;
}

bool ArchiveWriter::AddStoredEvent(std::string_view stored) {
  if (stage_ != Stage::kEvents || events_ == head_seq_) return false;
  WriteField(atelier::v1::Archive::kEventsFieldNumber, stored);
  ++events_;
  return true;
}

bool ArchiveWriter::AddEvent(const atelier::v1::LoggedEvent& logged) {
  std::string stored;
  if (!logged.SerializeToString(&stored)) return false;
  return AddStoredEvent(stored);
}

bool ArchiveWriter::Finish() {
  if (stage_ != Stage::kEvents || events_ != head_seq_) return false;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(hasher_->context, digest, &size);
  atelier::v1::ArchiveEnd end;
  end.set_event_count(events_);
  end.set_sha256(reinterpret_cast<const char*>(digest), size);
  std::string bytes;
  if (!end.SerializeToString(&bytes)) return false;
  WriteField(atelier::v1::Archive::kEndFieldNumber, bytes);
  stage_ = Stage::kDone;
  return true;
}

}  // namespace atelier::archive
