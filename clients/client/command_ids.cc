#include "clients/client/command_ids.h"

#include <cstdio>
#include <random>

namespace atelier::client {

CommandIds::CommandIds() {
  std::random_device device;
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(device()));
  prefix_ = std::string("cli-") + hex + "-";
}

CommandIds::CommandIds(std::string prefix) : prefix_(std::move(prefix)) {}

std::string CommandIds::Next() {
  return prefix_ + std::to_string(counter_.fetch_add(1, std::memory_order_relaxed) + 1);
}

std::string NewCommandId() {
  static CommandIds ids;
  return ids.Next();
}

}  // namespace atelier::client
