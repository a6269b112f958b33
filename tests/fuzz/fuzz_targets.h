// The fuzz targets as functions from input bytes to a failure message (empty when every
// property held): the libFuzzer entry points call them (fuzz_check.h), and so does the replay of
// the committed corpora and crash inputs in the GoogleTest suite (corpus_replay_test.cc).
// What each checks is in the header comment of its file.
#ifndef ATELIER_TESTS_FUZZ_FUZZ_TARGETS_H_
#define ATELIER_TESTS_FUZZ_FUZZ_TARGETS_H_

#include <string>
#include <string_view>

namespace atelier::fuzz {

std::string CheckClientMessages(std::string_view input);  // client_message_fuzzer.cc
std::string CheckCreateRequest(std::string_view input);   // create_request_fuzzer.cc
std::string CheckStoredEvent(std::string_view input);     // stored_event_fuzzer.cc
std::string CheckWebSocketFrames(std::string_view input);  // websocket_reader_fuzzer.cc

}  // namespace atelier::fuzz

#endif  // ATELIER_TESTS_FUZZ_FUZZ_TARGETS_H_
