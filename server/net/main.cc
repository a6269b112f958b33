// atelier-server: the workshop server. Flags: see --help (server_flags.cc).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "server/net/server.h"
#include "server/net/server_flags.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::string config_text;
  const std::string config_file = atelier::net::ConfigFileOf(args);
  if (!config_file.empty()) {
    std::ifstream in(config_file);
    std::stringstream text;
    text << in.rdbuf();
    if (!in || in.bad()) {
      std::cerr << "atelier-server: cannot read the configuration file " << config_file << "\n";
      return 2;
    }
    config_text = text.str();
  }
  auto flags = atelier::net::ParseServerFlags(args, config_text, config_file);
  if (!flags) {
    std::cerr << "atelier-server: " << flags.error() << "\n"
              << "Try 'atelier-server --help'.\n";
    return 2;
  }
  if (flags->help) {
    std::cout << atelier::net::ServerUsage();
    return 0;
  }
  if (const char* token = std::getenv("ATELIER_METRICS_TOKEN");
      token != nullptr && flags->options.metrics_token.empty()) {
    if (std::string(token).size() < 16) {
      std::cerr << "atelier-server: ATELIER_METRICS_TOKEN takes at least 16 characters\n";
      return 2;
    }
    flags->options.metrics_token = token;
  }
  if (flags->options.static_dir.empty()) {
    // Installed (the Debian package: /usr/bin and /usr/share/atelier/web), the web app is found
    // beside the binary, wherever the tree was unpacked.
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::filesystem::path web = exe.parent_path() / ".." / "share" / "atelier" / "web";
    if (!ec && std::filesystem::is_regular_file(web / "index.html", ec)) {
      flags->options.static_dir = web.lexically_normal();
    }
  }
  return atelier::net::RunServer(flags->options);
}
