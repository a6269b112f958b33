// The command line of atelier-server: every flag, its value, its default and what it is for,
// in one table that both the parser and --help read, so that the help always lists every flag
// with the default the server really uses.
//
// A configuration file (--config FILE, e.g. /etc/atelier/atelier.conf) sets the same flags,
// one "name = value" per line, the name without its dashes (`listen = 0.0.0.0:8080`); blank
// lines and lines starting with # are skipped; a repeatable flag (allow-origin, trusted-proxy)
// may have several lines. The command line wins: a flag given there replaces every line of the
// file that sets it.
//
// Pure: no I/O (the caller reads the file). A bad value is an error naming the flag and what it
// takes; in the file, an unknown name or a bad value is an error naming the file and the line.
#ifndef ATELIER_SERVER_NET_SERVER_FLAGS_H_
#define ATELIER_SERVER_NET_SERVER_FLAGS_H_

#include <expected>
#include <span>
#include <string>
#include <string_view>

#include "server/net/server.h"

namespace atelier::net {

struct ServerFlags {
  ServerOptions options;
  bool help = false;  // --help or -h was given: print ServerUsage() and exit 0
};

// The FILE of the last `--config FILE` (or --config=FILE) in `args`, or empty.
std::string ConfigFileOf(std::span<const std::string> args);

// `args` without the program name; `config_text` the configuration file's contents (empty if
// none), named `config_name` in errors.
std::expected<ServerFlags, std::string> ParseServerFlags(std::span<const std::string> args,
                                                         std::string_view config_text = {},
                                                         std::string_view config_name = {});

// The --help text: usage, then each flag with its default.
std::string ServerUsage();

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_SERVER_FLAGS_H_
