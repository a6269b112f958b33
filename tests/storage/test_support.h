// Helpers shared by the storage tests: a temporary directory, sealed event chains, and a
// blocking append.
#ifndef ATELIER_TESTS_STORAGE_TEST_SUPPORT_H_
#define ATELIER_TESTS_STORAGE_TEST_SUPPORT_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/log.pb.h"
#include "storage/event_log.h"

namespace atelier::storage::test {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// An IdeaPosted event of `workshop_id` at `seq` with the given text.
atelier::v1::Event MakeEvent(const std::string& workshop_id, uint64_t seq, const std::string& text);

// Builds a valid chain for one workshop: each Next() seals the following event.
class ChainBuilder {
 public:
  explicit ChainBuilder(std::string workshop_id) : workshop_id_(std::move(workshop_id)) {}
  SealedEvent Next(const std::string& text = "an idea");
  std::vector<atelier::v1::LoggedEvent> Take(int count);
  uint64_t seq() const { return seq_; }
  const std::string& hash() const { return hash_; }

 private:
  std::string workshop_id_;
  uint64_t seq_ = 0;
  std::string hash_;
};

// Appends and waits for the callback; returns its outcome.
Result<void> AppendAndWait(EventLog& log, SealedEvent event);

}  // namespace atelier::storage::test

#endif  // ATELIER_TESTS_STORAGE_TEST_SUPPORT_H_
