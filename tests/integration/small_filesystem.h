// SmallFilesystem: a small tmpfs mounted on a fresh directory, for tests that fill a disk up.
//
// Mounting needs a mount namespace of the test process's own, entered by
// EnterPrivateMountNamespace() first thing in main (private_mounts_main.cc does it), before any
// thread exists: every thread and child process (a server the test starts) then sees the
// mount, and it vanishes with the process however the test ends. As root that is a plain mount
// namespace; otherwise a user namespace where the test is root (as `unshare -rm` does). Where
// neither is allowed, Mount() says why and the test skips.
//
// Ownership: the object owns the mount and its directory; the destructor unmounts (lazily, if
// something still uses it) and removes the directory. Thread-compatible.
#ifndef ATELIER_TESTS_INTEGRATION_SMALL_FILESYSTEM_H_
#define ATELIER_TESTS_INTEGRATION_SMALL_FILESYSTEM_H_

#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>

namespace atelier::testing {

// Moves the process into a private mount namespace. Call before any thread is started. Returns
// "" on success, else why mounts are not possible (also what Mount() reports afterwards).
std::string EnterPrivateMountNamespace();

class SmallFilesystem {
 public:
  // A tmpfs of `bytes` mounted on a new directory under the system's temp dir, or why not.
  static std::expected<std::unique_ptr<SmallFilesystem>, std::string> Mount(uint64_t bytes);

  ~SmallFilesystem();
  SmallFilesystem(const SmallFilesystem&) = delete;
  SmallFilesystem& operator=(const SmallFilesystem&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes the file `name` (in the filesystem's root) until at most `leave_free` bytes are
  // free, or until the disk refuses (ENOSPC) when leave_free is 0. Returns the bytes written.
  std::expected<uint64_t, std::string> Fill(const std::string& name, uint64_t leave_free = 0);
  // Removes a file written by Fill.
  void Remove(const std::string& name);
  // Free bytes now (statvfs).
  uint64_t FreeBytes() const;

 private:
  explicit SmallFilesystem(std::filesystem::path path) : path_(std::move(path)) {}

  std::filesystem::path path_;
};

}  // namespace atelier::testing

#endif  // ATELIER_TESTS_INTEGRATION_SMALL_FILESYSTEM_H_
