// Command ids for the commands a client sends.
//
// The server applies a command once per (actor, command id): a retry with the same id is
// answered with the first outcome. Ids must therefore never repeat for one actor, also across
// processes (a script run twice as the same table). An id is "cli-" + 8 random hex digits drawn
// once per generator + "-" + a counter, e.g. "cli-3fa2b9c1-17".
//
// Thread-safe.
#ifndef ATELIER_CLIENTS_CLIENT_COMMAND_IDS_H_
#define ATELIER_CLIENTS_CLIENT_COMMAND_IDS_H_

#include <atomic>
#include <cstdint>
#include <string>

namespace atelier::client {

class CommandIds {
 public:
  // Draws the random part from std::random_device.
  CommandIds();
  // A fixed random part, for tests.
  explicit CommandIds(std::string prefix);

  std::string Next();

  const std::string& prefix() const { return prefix_; }

 private:
  std::string prefix_;  // "cli-3fa2b9c1-"
  std::atomic<uint64_t> counter_{0};
};

// A fresh id from one process-wide generator.
std::string NewCommandId();

}  // namespace atelier::client

#endif  // ATELIER_CLIENTS_CLIENT_COMMAND_IDS_H_
