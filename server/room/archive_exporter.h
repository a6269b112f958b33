// ArchiveExporter: writes a workshop's archive (proto/atelier/v1/archive.proto) from the log into
// an anonymous temporary file, on a thread of its own: no I/O thread reads the log, and the
// file, however large the workshop, is never held in memory. The HTTP session then sends the
// file from its descriptor.
//
// The archive holds events 1..head, head being the log's durable head when the export starts
// (appends may continue meanwhile: they are not in this archive). Each event is checked against
// the chain as it is written (storage::ChainVerifier): a log that fails it is not exported.
//
// Thread safety: Export may be called from any thread; `done` runs on the exporter's thread.
// Stop() (or the destructor) waits for the exports queued; call it before closing the log.
#ifndef ATELIER_SERVER_ROOM_ARCHIVE_EXPORTER_H_
#define ATELIER_SERVER_ROOM_ARCHIVE_EXPORTER_H_

#include <boost/asio/thread_pool.hpp>
#include <expected>
#include <functional>
#include <string>

#include "storage/event_log.h"

namespace atelier::room {

// An open, unlinked temporary file holding the archive, positioned at its start. Owned: close it.
struct ArchiveFile {
  int fd = -1;
  uint64_t size = 0;
  uint64_t head_seq = 0;
};

class ArchiveExporter {
 public:
  // `temp_dir`: where the temporary files are made (unlinked at once).
  ArchiveExporter(storage::EventLog& log, std::string temp_dir);
  ~ArchiveExporter();

  using Done = std::function<void(std::expected<ArchiveFile, std::string>)>;
  // The error names what failed ("no such workshop", the chain's fault, the disk's).
  void Export(std::string workshop_id, Done done);

  void Stop();

 private:
  std::expected<ArchiveFile, std::string> Write(const std::string& workshop_id);

  storage::EventLog& log_;
  const std::string temp_dir_;
  boost::asio::thread_pool exports_{1};
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_ARCHIVE_EXPORTER_H_
