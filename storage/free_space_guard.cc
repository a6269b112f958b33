#include "storage/free_space_guard.h"

#include <system_error>
#include <utility>

#include "storage/str_cat.h"

namespace atelier::storage {

FreeSpaceGuard::FreeSpaceGuard(uint64_t min_free_bytes, std::string what, Measure measure,
                               Clock clock, std::chrono::milliseconds refresh)
    : min_free_bytes_(min_free_bytes),
      what_(std::move(what)),
      measure_(std::move(measure)),
      clock_(std::move(clock)),
      refresh_(refresh) {}

Result<void> FreeSpaceGuard::Check(uint64_t bytes) {
  std::lock_guard lock(mu_);
  const auto now = clock_();
  if (!measured_at_ || now - *measured_at_ >= refresh_) {
    if (Result<uint64_t> free = measure_()) {
      measured_ = *free;
      written_since_ = 0;
    }
    measured_at_ = now;  // a failed measure is not retried before the next refresh either
  }
  if (!measured_) return {};  // never measured: nothing known, nothing refused
  const uint64_t free = *measured_ > written_since_ ? *measured_ - written_since_ : 0;
  refusing_ = min_free_bytes_ > 0 && (free < bytes || free - bytes < min_free_bytes_);
  if (!refusing_) return {};
  return Fail(Error::Code::kNoSpace, StrCat(what_, " has ", FormatBytes(free), " free, below the ",
                                            FormatBytes(min_free_bytes_),
                                            " it keeps in reserve; nothing written; retry later"));
}

void FreeSpaceGuard::Wrote(uint64_t bytes) {
  std::lock_guard lock(mu_);
  written_since_ += bytes;
}

uint64_t FreeSpaceGuard::free_bytes() const {
  std::lock_guard lock(mu_);
  const uint64_t measured = measured_.value_or(0);
  return measured > written_since_ ? measured - written_since_ : 0;
}

bool FreeSpaceGuard::refusing() const {
  std::lock_guard lock(mu_);
  return refusing_;
}

Result<uint64_t> FreeBytesAt(const std::filesystem::path& path) {
  std::error_code error;
  const std::filesystem::space_info space = std::filesystem::space(path, error);
  if (error) {
    return Fail(Error::Code::kIo,
                StrCat("cannot measure the free space at ", path.string(), ": ", error.message()));
  }
  return static_cast<uint64_t>(space.available);
}

std::string FormatBytes(uint64_t bytes) {
  constexpr uint64_t kKiB = 1024;
  constexpr uint64_t kMiB = kKiB * 1024;
  if (bytes >= kMiB) return StrCat(bytes / kMiB, " MiB");
  if (bytes >= kKiB) return StrCat(bytes / kKiB, " KiB");
  return StrCat(bytes, bytes == 1 ? " byte" : " bytes");
}

}  // namespace atelier::storage
