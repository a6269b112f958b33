#include "server/room/archive_exporter.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "archive/archive_writer.h"
#include "storage/hash_chain.h"

#ifndef ATELIER_VERSION
#define ATELIER_VERSION "unknown"
#endif

namespace atelier::room {
namespace {

// Buffered writes to a descriptor; the first failure is kept and later writes are dropped.
class FdSink {
 public:
  explicit FdSink(int fd) : fd_(fd) {}
  void Append(std::string_view bytes) {
    buffer_.append(bytes);
    if (buffer_.size() >= kFlushBytes) Flush();
  }
  void Flush() {
    size_t done = 0;
    while (error_ == 0 && done < buffer_.size()) {
      const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error_ = errno;
      else done += static_cast<size_t>(n);
    }
    written_ += done;
    buffer_.clear();
  }
  int error() const { return error_; }
  uint64_t written() const { return written_; }

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  int fd_;
  std::string buffer_;
  int error_ = 0;
  uint64_t written_ = 0;
};

}  // namespace

ArchiveExporter::ArchiveExporter(storage::EventLog& log, std::string temp_dir)
    : log_(log), temp_dir_(std::move(temp_dir)) {}

ArchiveExporter::~ArchiveExporter() { Stop(); }

void ArchiveExporter::Stop() { exports_.join(); }

void ArchiveExporter::Export(std::string workshop_id, Done done) {
  boost::asio::post(exports_, [this, workshop_id = std::move(workshop_id),
                               done = std::move(done)] { done(Write(workshop_id)); });
}

std::expected<ArchiveFile, std::string> ArchiveExporter::Write(const std::string& workshop_id) {
  auto head = log_.Head(workshop_id);
  if (!head) return std::unexpected(head.error().message);
  if (head->seq == 0) return std::unexpected("no such workshop");

  std::string path = temp_dir_ + "/atelier-archive-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return std::unexpected("cannot make a temporary file: " + std::string(strerror(errno)));
  ::unlink(path.c_str());
  auto fail = [fd](std::string message) {
    ::close(fd);
    return std::unexpected(std::move(message));
  };

  FdSink sink(fd);
  archive::ArchiveWriter writer([&sink](std::string_view bytes) { sink.Append(bytes); });
  v1::ArchiveManifest manifest;
  manifest.set_workshop_id(workshop_id);
  manifest.set_head_seq(head->seq);
  manifest.set_head_hash(head->hash);
  manifest.set_server_version(ATELIER_VERSION);
  manifest.set_exported_at_ms(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count());
  if (!writer.Begin(manifest)) return fail("cannot write the manifest");

  storage::ChainVerifier chain(workshop_id);
  std::string error;
  auto read = log_.ForEach(workshop_id, 1, [&](uint64_t seq, const v1::LoggedEvent& logged) {
    if (auto fed = chain.Feed(logged); !fed) {
      error = fed.error().message;
      return false;
    }
    if (!writer.AddEvent(logged)) {
      error = "event " + std::to_string(seq) + " cannot be written";
      return false;
    }
    return seq < head->seq && sink.error() == 0;
  });
  if (!read) return fail(read.error().message);
  if (!error.empty()) return fail(error);
  if (sink.error() != 0) return fail("cannot write the archive: " + std::string(strerror(sink.error())));
  if (chain.last_seq() != head->seq || chain.last_hash() != head->hash) {
    return fail("the log's events do not lead to its head");
  }
  if (!writer.Finish()) return fail("cannot write the end of the archive");
  sink.Flush();
  if (sink.error() != 0) return fail("cannot write the archive: " + std::string(strerror(sink.error())));
  if (::lseek(fd, 0, SEEK_SET) != 0) return fail("cannot rewind the archive");
  return ArchiveFile{fd, sink.written(), head->seq};
}

}  // namespace atelier::room
