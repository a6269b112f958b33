#include "clients/cli/args.h"

#include <algorithm>
#include <charconv>

namespace atelier::cli {

std::expected<Args, std::string> Args::Parse(const ArgSpec& spec,
                                             std::span<const std::string> argv) {
  Args args;
  bool options_ended = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (options_ended || arg.size() < 2 || arg[0] != '-' || arg == "-") {
      args.positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    std::string name = arg;
    std::vector<std::string> values;
    bool inline_value = false;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
      name = arg.substr(0, eq);
      values.push_back(arg.substr(eq + 1));
      inline_value = true;
    }
    auto option = std::find_if(spec.options.begin(), spec.options.end(),
                               [&](const OptionSpec& o) { return o.name == name; });
    if (option == spec.options.end()) return std::unexpected("unknown option " + name);
    if (args.options_.contains(name)) return std::unexpected(name + " is given twice");
    if (inline_value && option->values != 1) {
      return std::unexpected(name + " takes " + std::to_string(option->values) + " values");
    }
    while (static_cast<int>(values.size()) < option->values) {
      if (++i >= argv.size()) {
        return std::unexpected(name + " needs " +
                               (option->values == 1 ? std::string("a value")
                                                    : std::to_string(option->values) + " values"));
      }
      values.push_back(argv[i]);
    }
    args.options_[name] = std::move(values);
  }
  if (args.positional_.size() < spec.min_positional) {
    return std::unexpected(spec.min_positional == 1 ? "missing argument" : "missing arguments");
  }
  if (args.positional_.size() > spec.max_positional) {
    return std::unexpected("unexpected argument '" + args.positional_[spec.max_positional] + "'");
  }
  return args;
}

std::string Args::Value(std::string_view name, std::string fallback) const {
  auto it = options_.find(std::string(name));
  if (it == options_.end() || it->second.empty()) return fallback;
  return it->second.front();
}

std::vector<std::string> Args::Values(std::string_view name) const {
  auto it = options_.find(std::string(name));
  return it == options_.end() ? std::vector<std::string>{} : it->second;
}

std::expected<uint64_t, std::string> Args::Number(std::string_view name, uint64_t fallback,
                                                  uint64_t min, uint64_t max) const {
  if (!Has(name)) return fallback;
  return ParseNumber(Value(name), name, min, max);
}

std::expected<uint64_t, std::string> ParseNumber(std::string_view text, std::string_view what,
                                                 uint64_t min, uint64_t max) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return std::unexpected(std::string(what) + " must be a whole number, not '" +
                           std::string(text) + "'");
  }
  if (value < min || value > max) {
    return std::unexpected(std::string(what) + " must be between " + std::to_string(min) + " and " +
                           std::to_string(max));
  }
  return value;
}

std::expected<ServerAddress, std::string> ParseServerAddress(std::string_view text) {
  const std::string_view original = text;
  if (text.starts_with("http://")) text.remove_prefix(7);
  if (text.starts_with("ws://")) text.remove_prefix(5);
  while (text.ends_with('/')) text.remove_suffix(1);
  ServerAddress address;
  size_t colon = text.rfind(':');
  if (text.starts_with('[')) {
    size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 != colon) colon = std::string_view::npos;
    if (colon != std::string_view::npos) address.host = std::string(text.substr(1, close - 1));
  } else if (colon != std::string_view::npos) {
    address.host = std::string(text.substr(0, colon));
  }
  if (colon == std::string_view::npos || address.host.empty()) {
    return std::unexpected("--server must be host:port, not '" + std::string(original) + "'");
  }
  auto port = ParseNumber(text.substr(colon + 1), "the --server port", 1, 65535);
  if (!port) return std::unexpected(port.error());
  address.port = static_cast<uint16_t>(*port);
  return address;
}

}  // namespace atelier::cli
