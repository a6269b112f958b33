#include "tests/integration/small_filesystem.h"

#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace atelier::testing {
namespace {

// Why mounts are not possible; "not entered" until EnterPrivateMountNamespace succeeds.
std::string& MountProblem() {
  static std::string problem =
      "the test binary did not enter a private mount namespace (EnterPrivateMountNamespace)";
  return problem;
}

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

bool WriteProcFile(const char* path, const std::string& text) {
  std::ofstream file(path);
  file << text;
  file.flush();
  return static_cast<bool>(file);
}

}  // namespace

std::string EnterPrivateMountNamespace() {
  std::string& problem = MountProblem();
  if (unshare(CLONE_NEWNS) != 0) {
    const std::string as_root = Errno("unshare(CLONE_NEWNS)");
    // Not root: a user namespace where this process is root may mount a tmpfs.
    const uid_t uid = getuid();
    const gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
      problem = "no private mount namespace: " + as_root + "; " +
                Errno("unshare(CLONE_NEWUSER | CLONE_NEWNS)");
      return problem;
    }
    if (!WriteProcFile("/proc/self/setgroups", "deny") ||
        !WriteProcFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
        !WriteProcFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
      problem = "no private mount namespace: cannot map this user in a user namespace";
      return problem;
    }
  }
  // Nothing mounted here propagates to the rest of the machine.
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    problem = Errno("making the mounts private");
    return problem;
  }
  problem.clear();
  return problem;
}

std::expected<std::unique_ptr<SmallFilesystem>, std::string> SmallFilesystem::Mount(
    uint64_t bytes) {
  if (!MountProblem().empty()) return std::unexpected(MountProblem());
  std::string pattern = (std::filesystem::temp_directory_path() / "atelier-small-fs-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) return std::unexpected(Errno("mkdtemp"));
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
  if (mount("tmpfs", pattern.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
    const std::string why = Errno("mount -t tmpfs -o " + options + " " + pattern);
    rmdir(pattern.c_str());
    return std::unexpected(why);
  }
  return std::unique_ptr<SmallFilesystem>(new SmallFilesystem(pattern));
}

SmallFilesystem::~SmallFilesystem() {
  if (umount2(path_.c_str(), 0) != 0) umount2(path_.c_str(), MNT_DETACH);
  rmdir(path_.c_str());
}

std::expected<uint64_t, std::string> SmallFilesystem::Fill(const std::string& name,
                                                           uint64_t leave_free) {
  const std::filesystem::path file = path_ / name;
  const int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(Errno("open " + file.string()));
  const std::vector<char> chunk(1 << 20, 'x');
  uint64_t written = 0;
  for (size_t size = chunk.size(); size >= 512;) {
    const uint64_t free = FreeBytes();
    if (leave_free > 0 && free <= leave_free) break;
    size_t n = size;
    if (leave_free > 0 && free - leave_free < n) n = free - leave_free;
    const ssize_t done = write(fd, chunk.data(), n);
    if (done > 0) {
      written += static_cast<uint64_t>(done);
    } else if (done < 0 && errno == ENOSPC) {
      size /= 2;  // the last pages: smaller writes until not even one fits
    } else if (done < 0 && errno != EINTR) {
      const std::string why = Errno("write " + file.string());
      close(fd);
      return std::unexpected(why);
    }
  }
  close(fd);
  return written;
}

void SmallFilesystem::Remove(const std::string& name) {
  std::error_code ignored;
  std::filesystem::remove(path_ / name, ignored);
}

uint64_t SmallFilesystem::FreeBytes() const {
  std::error_code error;
  const std::filesystem::space_info space = std::filesystem::space(path_, error);
  return error ? 0 : static_cast<uint64_t>(space.available);
}

}  // namespace atelier::testing
