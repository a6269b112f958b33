// Runs every committed input of the fuzz targets through the same checks as the fuzzers, in the
// normal (release and ASan) builds: the corpora under tests/fuzz/corpus/<target>/ and the inputs
// that once broke something under tests/fuzz/crashes/<target>/ (each also has a named test where
// its bug was fixed). A failure names the file.
#include <google/protobuf/stubs/logging.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_targets.h"

namespace atelier::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> Inputs(const std::string& kind, const std::string& target) {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(ATELIER_FUZZ_DIR) / kind / target;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Returns how many inputs ran.
size_t Replay(const std::string& kind, const std::string& target, FuzzCheck check) {
  google::protobuf::SetLogHandler(nullptr);  // protobuf logs each invalid UTF-8 string it refuses
  const std::vector<fs::path> files = Inputs(kind, target);
  for (const fs::path& file : files) {
    const std::string failure = check(Read(file));
    EXPECT_EQ(failure, "") << file;
  }
  return files.size();
}

TEST(FuzzCorpus, ClientMessagesKeepTheRules) {
  EXPECT_GT(Replay("corpus", "client_message_fuzzer", CheckClientMessages), 10u);
  Replay("crashes", "client_message_fuzzer", CheckClientMessages);
}

TEST(FuzzCorpus, CreateRequestsParseAndNormalize) {
  EXPECT_GT(Replay("corpus", "create_request_fuzzer", CheckCreateRequest), 5u);
  Replay("crashes", "create_request_fuzzer", CheckCreateRequest);
}

TEST(FuzzCorpus, StoredEventsDecodeAndVerify) {
  EXPECT_GT(Replay("corpus", "stored_event_fuzzer", CheckStoredEvent), 10u);
  Replay("crashes", "stored_event_fuzzer", CheckStoredEvent);
}

TEST(FuzzCorpus, WebSocketFramesReadTheSameHoweverCut) {
  EXPECT_GT(Replay("corpus", "websocket_reader_fuzzer", CheckWebSocketFrames), 10u);
  Replay("crashes", "websocket_reader_fuzzer", CheckWebSocketFrames);
}

}  // namespace
}  // namespace atelier::fuzz
