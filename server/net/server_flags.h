// The command line of atelier-server: every flag, its value, its default and what it is for,
// in one table that both the parser and --help read, so that the help always lists every flag
// with the default the server really uses.
//
// Pure: no I/O. A bad value is an error naming the flag and what it takes.
#ifndef ATELIER_SERVER_NET_SERVER_FLAGS_H_
#define ATELIER_SERVER_NET_SERVER_FLAGS_H_

#include <expected>
#include <span>
#include <string>

#include "server/net/server.h"

namespace atelier::net {

struct ServerFlags {
  ServerOptions options;
  bool help = false;  // --help or -h was given: print ServerUsage() and exit 0
};

// `args` without the program name.
std::expected<ServerFlags, std::string> ParseServerFlags(std::span<const std::string> args);

// The --help text: usage, then each flag with its default.
std::string ServerUsage();

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_SERVER_FLAGS_H_
