// How the fuzz targets report a broken property: each target is a function from input bytes to
// a failure message (empty when every property held). Under libFuzzer the message is printed and
// the process aborts, so that libFuzzer saves the input and prints its path; the replay test
// (corpus_replay_test.cc) reports it as a test failure naming the input file.
#ifndef ATELIER_TESTS_FUZZ_FUZZ_CHECK_H_
#define ATELIER_TESTS_FUZZ_FUZZ_CHECK_H_

#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace atelier::fuzz {

using FuzzCheck = std::string (*)(std::string_view input);

// Runs the check on libFuzzer's input; aborts with the message when a property broke.
inline int RunOrAbort(FuzzCheck check, const uint8_t* data, size_t size) {
  // Protobuf logs every string field with invalid UTF-8 it refuses: noise at a million inputs.
  [[maybe_unused]] static const bool quiet = [] {
    google::protobuf::SetLogHandler(nullptr);
    return true;
  }();
  const std::string failure = check(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!failure.empty()) {
    std::fprintf(stderr, "property broken: %s\n", failure.c_str());
    std::abort();
  }
  return 0;
}

// For code that cannot go on (a prepared workshop that did not build): prints and aborts.
[[noreturn]] inline void Die(const std::string& message) {
  std::fprintf(stderr, "fuzz setup failed: %s\n", message.c_str());
  std::abort();
}

}  // namespace atelier::fuzz

#endif  // ATELIER_TESTS_FUZZ_FUZZ_CHECK_H_
