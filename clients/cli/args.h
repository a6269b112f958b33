// Command-line arguments of one `atelier` subcommand: options declared up front with how many
// values each takes, the rest positional.
//
// Accepted forms: "--name value", "--name=value" (one value), "--name v1 v2" (two values), and
// "--" to end options. An undeclared option, a missing value or an option given twice is an
// error: the caller reports it as a usage error (exit code 2).
//
// Values; thread-compatible.
#ifndef ATELIER_CLIENTS_CLI_ARGS_H_
#define ATELIER_CLIENTS_CLI_ARGS_H_

#include <cstdint>
#include <expected>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::cli {

struct OptionSpec {
  std::string name;  // with its dashes: "--code"
  int values = 1;    // 0 for a switch
};

struct ArgSpec {
  std::vector<OptionSpec> options;
  size_t min_positional = 0;
  size_t max_positional = 0;
};

class Args {
 public:
  static std::expected<Args, std::string> Parse(const ArgSpec& spec,
                                                std::span<const std::string> argv);

  bool Has(std::string_view name) const { return options_.contains(std::string(name)); }
  // The option's first value, or `fallback` when absent.
  std::string Value(std::string_view name, std::string fallback = "") const;
  // All the option's values (empty when absent).
  std::vector<std::string> Values(std::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // The option as an unsigned number in [min, max]; `fallback` when absent.
  std::expected<uint64_t, std::string> Number(std::string_view name, uint64_t fallback,
                                              uint64_t min = 0, uint64_t max = UINT64_MAX) const;

 private:
  std::map<std::string, std::vector<std::string>> options_;
  std::vector<std::string> positional_;
};

// "host:port", "[v6]:port" or "http://host:port/".
struct ServerAddress {
  std::string host;
  uint16_t port = 0;
};
std::expected<ServerAddress, std::string> ParseServerAddress(std::string_view text);

// A whole decimal number in [min, max], or an error naming `what`.
std::expected<uint64_t, std::string> ParseNumber(std::string_view text, std::string_view what,
                                                 uint64_t min = 0, uint64_t max = UINT64_MAX);

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_ARGS_H_
