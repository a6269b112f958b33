#include "server/net/organizer_keys.h"

#include <openssl/crypto.h>
#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "server/engine/secrets.h"
#include "server/log/log.h"

namespace atelier::net {
namespace {

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
      return false;
    }
  }
  return true;
}

bool ValidKey(std::string_view key) {
  if (key.size() < 16 || key.size() > 256) return false;
  for (char c : key) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::expected<std::vector<OrganizerKey>, std::string> ParseOrganizerKeys(std::string_view text) {
  std::vector<OrganizerKey> keys;
  std::set<std::string> names;
  std::set<std::string> hashes;
  size_t number = 0;
  while (!text.empty()) {
    ++number;
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (const size_t hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    std::vector<std::string_view> words;
    for (size_t at = 0; at < line.size();) {
      while (at < line.size() && std::isspace(static_cast<unsigned char>(line[at]))) ++at;
      size_t stop = at;
      while (stop < line.size() && !std::isspace(static_cast<unsigned char>(line[stop]))) ++stop;
      if (stop > at) words.push_back(line.substr(at, stop - at));
      at = stop;
    }
    if (words.empty()) continue;
    const std::string where = "line " + std::to_string(number) + ": ";
    if (words.size() != 2) return std::unexpected(where + "expected a name and a key");
    if (!ValidName(words[0])) {
      return std::unexpected(where + "a name is 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (!ValidKey(words[1])) {
      return std::unexpected(where + "a key is 16 to 256 characters without spaces");
    }
    OrganizerKey key{std::string(words[0]), engine::TokenHash(words[1])};
    if (!names.insert(key.name).second) {
      return std::unexpected(where + "the name " + key.name + " is used twice");
    }
    if (!hashes.insert(key.key_sha256).second) {
      return std::unexpected(where + "this key is " + key.name + "'s and another's");
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

std::expected<std::unique_ptr<OrganizerKeys>, std::string> OrganizerKeys::Load(
    std::filesystem::path file) {
  std::unique_ptr<OrganizerKeys> keys(new OrganizerKeys(std::move(file)));
  auto stamp = keys->StampOf();
  if (!stamp) return std::unexpected(stamp.error());
  auto read = keys->Read();
  if (!read) return std::unexpected(keys->file_.string() + ": " + read.error());
  keys->keys_ = *std::move(read);
  keys->stamp_ = *stamp;
  keys->valid_ = true;
  keys->checked_ = std::chrono::steady_clock::now();
  return keys;
}

std::expected<OrganizerKeys::Stamp, std::string> OrganizerKeys::StampOf() const {
  struct stat st {};
  if (stat(file_.c_str(), &st) != 0) {
    return std::unexpected(file_.string() + ": " + std::strerror(errno));
  }
  Stamp stamp;
  stamp.modified_ns = int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
  stamp.size = static_cast<uintmax_t>(st.st_size);
  stamp.inode = static_cast<uint64_t>(st.st_ino);
  return stamp;
}

std::expected<std::vector<OrganizerKey>, std::string> OrganizerKeys::Read() const {
  std::ifstream in(file_, std::ios::binary);
  if (!in) return std::unexpected("cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  std::string contents = text.str();
  auto keys = ParseOrganizerKeys(contents);
  OPENSSL_cleanse(contents.data(), contents.size());  // the keys in clear, gone from memory
  return keys;
}

void OrganizerKeys::Refresh(std::chrono::steady_clock::time_point now) {
  if (now - checked_ < std::chrono::seconds(1)) return;
  checked_ = now;
  auto stamp = StampOf();
  if (!stamp) {
    if (valid_)
      log::Error("organizer keys: " + stamp.error() + "; no key is valid until it is back");
    valid_ = false;
    keys_.clear();
    stamp_ = {};
    return;
  }
  if (*stamp == stamp_) return;
  stamp_ = *stamp;
  auto read = Read();
  if (!read) {
    log::Error("organizer keys: " + file_.string() + ": " + read.error() +
               "; no key is valid until the file is fixed");
    valid_ = false;
    keys_.clear();
    return;
  }
  keys_ = *std::move(read);
  valid_ = true;
  log::Info("organizer keys: " + file_.string() + " read again, " + std::to_string(keys_.size()) +
            " key(s)");
}

std::expected<std::string, OrganizerKeys::Problem> OrganizerKeys::Find(std::string_view key) {
  return Find(key, std::chrono::steady_clock::now());
}

std::expected<std::string, OrganizerKeys::Problem> OrganizerKeys::Find(
    std::string_view key, std::chrono::steady_clock::time_point now) {
  const std::string hash = engine::TokenHash(key);
  std::lock_guard lock(mu_);
  Refresh(now);
  if (!valid_) return std::unexpected(Problem::kUnavailable);
  const OrganizerKey* found = nullptr;
  for (const OrganizerKey& candidate : keys_) {  // every one, whatever matches: constant time
    if (CRYPTO_memcmp(hash.data(), candidate.key_sha256.data(), hash.size()) == 0) {
      found = &candidate;
    }
  }
  if (found == nullptr) return std::unexpected(Problem::kNoMatch);
  return found->name;
}

size_t OrganizerKeys::size() {
  std::lock_guard lock(mu_);
  return keys_.size();
}

}  // namespace atelier::net
