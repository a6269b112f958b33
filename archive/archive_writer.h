// ArchiveWriter: writes a workshop's archive (proto/atelier/v1/archive.proto) as a stream, one
// event at a time, so that a workshop of a million events is never held in memory.
//
// Use: Begin(manifest), then AddEvent() for seq 1 to manifest.head_seq in order, then Finish().
// Each call hands the bytes it produces to the sink at once. The writer checks the order of the
// calls (not the chain: the events come from the log, which checked it); a call out of order
// returns false and writes nothing.
//
// Not synchronized: one thread drives a writer.
#ifndef ATELIER_ARCHIVE_ARCHIVE_WRITER_H_
#define ATELIER_ARCHIVE_ARCHIVE_WRITER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "atelier/v1/archive.pb.h"
#include "atelier/v1/log.pb.h"

namespace atelier::archive {

inline constexpr std::string_view kMagic = "ATELIER-ARCHIVE\n";
inline constexpr uint32_t kFormatVersion = 1;

class ArchiveWriter {
 public:
  using Sink = std::function<void(std::string_view bytes)>;
  explicit ArchiveWriter(Sink sink);
  ~ArchiveWriter();

  // Writes the magic and the manifest (format_version is set to kFormatVersion).
  [[nodiscard]] bool Begin(atelier::v1::ArchiveManifest manifest);
  // The next event, as the log stores it.
  [[nodiscard]] bool AddEvent(const atelier::v1::LoggedEvent& logged);
  // The same, from the serialized LoggedEvent (SealedEvent::stored()).
  [[nodiscard]] bool AddStoredEvent(std::string_view stored);
  // Writes the end (count and checksum). False when fewer events than head_seq were added.
  [[nodiscard]] bool Finish();

  uint64_t events_written() const { return events_; }

 private:
  void Write(std::string_view bytes);  // to the sink and the checksum
  void WriteField(uint32_t field, std::string_view payload);

  Sink sink_;
  struct Hasher;
  std::unique_ptr<Hasher> hasher_;
  uint64_t head_seq_ = 0;
  uint64_t events_ = 0;
  enum class Stage { kStart, kEvents, kDone } stage_ = Stage::kStart;
};

}  // namespace atelier::archive

#endif  // ATELIER_ARCHIVE_ARCHIVE_WRITER_H_
