// OrganizerKeys: who may create workshops. The server's administrator gives each service or
// animateur a key and lists it in a file (--organizer-keys FILE), one a line:
//
//   # name   key
//   jeunesse      8c1d0e3f1b7a4e52a9d6c07e2f3b5a18
//   culture-mairie  Zq2-uV9rT4kLx8wN3pH6
//
// A name is 1 to 64 of [A-Za-z0-9._-], a key 16 to 256 printable characters without spaces;
// '#' starts a comment; names and keys are unique. Only the keys' SHA-256 is kept in memory;
// a key presented is hashed and compared with every one in constant time.
//
// Revocable by editing the file: it is read again when it changes (its modification time,
// size or inode), checked at most once a second, on use. A file that cannot be read or does
// not parse leaves no key valid (fail closed: a typo while revoking must not keep a key
// alive) and says why in the log, until it is fixed.
//
// Thread-safe.
#ifndef ATELIER_SERVER_NET_ORGANIZER_KEYS_H_
#define ATELIER_SERVER_NET_ORGANIZER_KEYS_H_

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::net {

struct OrganizerKey {
  std::string name;
  std::string key_sha256;  // raw 32 bytes
};

// The keys of a file's text; the error names the line and what is wrong with it.
std::expected<std::vector<OrganizerKey>, std::string> ParseOrganizerKeys(std::string_view text);

class OrganizerKeys {
 public:
  enum class Problem { kNoMatch, kUnavailable };

  // Reads the file; the error says why it cannot be used (a server refuses to start then).
  static std::expected<std::unique_ptr<OrganizerKeys>, std::string> Load(
      std::filesystem::path file);

  // The name of the key, or why there is none: it matches no key (kNoMatch), or the file is
  // unreadable or invalid now (kUnavailable). Reads the file again first if it changed.
  std::expected<std::string, Problem> Find(std::string_view key);
  // The same at a given time (tests: the file is checked at most once a second).
  std::expected<std::string, Problem> Find(std::string_view key,
                                           std::chrono::steady_clock::time_point now);

  size_t size();

 private:
  struct Stamp {
    int64_t modified_ns = 0;
    uintmax_t size = 0;
    uint64_t inode = 0;
    bool operator==(const Stamp&) const = default;
  };

  explicit OrganizerKeys(std::filesystem::path file) : file_(std::move(file)) {}
  // With mu_ held: reads the file if it changed since; logs what happened.
  void Refresh(std::chrono::steady_clock::time_point now);
  std::expected<Stamp, std::string> StampOf() const;
  std::expected<std::vector<OrganizerKey>, std::string> Read() const;

  const std::filesystem::path file_;
  std::mutex mu_;
  std::vector<OrganizerKey> keys_;                   // guarded by mu_
  bool valid_ = false;                               // guarded by mu_: false after a failed read
  Stamp stamp_;                                      // guarded by mu_
  std::chrono::steady_clock::time_point checked_{};  // guarded by mu_
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_ORGANIZER_KEYS_H_
