// Runs a program to completion for tests, its stdout and stderr captured: the `atelier` binary
// as a user runs it. No shell: the arguments reach the program as given.
#ifndef ATELIER_TESTS_CLIENTS_RUN_PROCESS_H_
#define ATELIER_TESTS_CLIENTS_RUN_PROCESS_H_

#include <chrono>
#include <string>
#include <vector>

namespace atelier::testing {

struct ProcessResult {
  int exit_code = -1;  // -1: killed (timeout) or died of a signal
  std::string out;
  std::string err;
};

// Runs `binary` with `args` and `input` on its stdin; kills it after `timeout`.
ProcessResult RunProcess(const std::string& binary, const std::vector<std::string>& args,
                         std::chrono::milliseconds timeout = std::chrono::seconds(120),
                         const std::string& input = "");

}  // namespace atelier::testing

#endif  // ATELIER_TESTS_CLIENTS_RUN_PROCESS_H_
