#include "server/net/server_flags.h"

#include <boost/asio/ip/address.hpp>
#include <algorithm>
#include <charconv>
#include <functional>
#include <optional>
#include <type_traits>
#include <vector>

#include "server/http/origin_policy.h"

namespace atelier::net {
namespace {

// What a flag's setter returns: nothing when the value is good, else what the flag takes.
using Problem = std::optional<std::string>;

struct Flag {
  std::string name;   // "--listen"
  std::string value;  // "ADDRESS:PORT"; empty for a switch
  std::string help;   // what it is for, and its default
  std::function<Problem(const std::string& value, ServerOptions& options)> set;
};

std::optional<uint64_t> Unsigned(const std::string& text, uint64_t min, uint64_t max) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return {};
  if (value < min || value > max) return {};
  return value;
}

using Setter = std::function<Problem(const std::string& value, ServerOptions& options)>;

// A setter for a whole number in [min, max], stored where `field` says.
template <class Field>
Setter Number(Field field, uint64_t min, uint64_t max, std::string takes) {
  return [=](const std::string& value, ServerOptions& options) -> Problem {
    const std::optional<uint64_t> n = Unsigned(value, min, max);
    if (!n) return takes;
    auto& target = field(options);
    target = static_cast<std::remove_reference_t<decltype(target)>>(*n);
    return {};
  };
}

// A setter for a number of seconds in [min, max].
template <class Field>
Setter Seconds(Field field, uint64_t min, uint64_t max) {
  return [=](const std::string& value, ServerOptions& options) -> Problem {
    const std::optional<uint64_t> n = Unsigned(value, min, max);
    if (!n) return std::to_string(min) + " to " + std::to_string(max) + " seconds";
    field(options) = std::chrono::seconds(*n);
    return {};
  };
}

// A setter for a rate limit ("RATE/UNIT,BURST" or "off").
template <class Field>
Setter Rate(Field field) {
  return [=](const std::string& value, ServerOptions& options) -> Problem {
    auto limit = ParseRateLimit(value);
    if (!limit) return limit.error();
    field(options) = *limit;
    return {};
  };
}

std::string Default(const RateLimit& limit) { return " (default " + FormatRateLimit(limit) + ")"; }

// The accessor of an option, for Number, Seconds and Rate.
#define FIELD(path) [](ServerOptions& o) -> auto& { return o.path; }

bool ParseListen(const std::string& value, std::string& address, uint16_t& port) {
  const size_t colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  const std::optional<uint64_t> number = Unsigned(value.substr(colon + 1), 0, 65535);
  if (!number) return false;
  address = value.substr(0, colon);
  if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  port = static_cast<uint16_t>(*number);
  return true;
}

bool IsAddress(const std::string& text) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(text, ec);
  return !ec;
}

const std::vector<Flag>& Flags() {
  static const std::vector<Flag> flags = {
      {"--listen", "ADDRESS:PORT",
       "where to accept HTTP and WebSocket connections (default 127.0.0.1:8080; port 0 picks a "
       "free port, printed on the first line of output)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         if (!ParseListen(v, o.address, o.port)) return "ADDRESS:PORT, e.g. 127.0.0.1:8080";
         return {};
       }},
      {"--config", "FILE",
       "read flags from this file first: one \"name = value\" per line, the name without its "
       "dashes (listen = 0.0.0.0:8080), # for comments; the command line wins (default: none; "
       "the Debian package's service reads /etc/atelier/atelier.conf)",
       [](const std::string& v, ServerOptions&) -> Problem {
         if (v.empty()) return "a file";
         return {};
       }},
      {"--data", "DIR", "the event log's directory (default ./data)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         if (v.empty()) return "a directory";
         o.data_dir = v;
         return {};
       }},
      {"--static", "DIR",
       "the web app's files (default: the installed web app, ../share/atelier/web beside the "
       "binary, when there is one; else a plain page)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         o.static_dir = v;
         return {};
       }},
      {"--backup-dir", "DIR",
       "where `atelier backup` (POST /api/admin/backup, from this machine only) puts each online "
       "backup of the log, a new directory atelier-backup-TIME each; on the data's file system "
       "a backup takes little room (hard links): copy it elsewhere to survive the disk "
       "(default: none, backups off)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         if (v.empty()) return "a directory";
         o.backup_dir = v;
         return {};
       }},
      {"--cluster", "URL",
       "run as a node of a cluster whose nodes talk through NATS at URL (nats://host:port, "
       "several separated by commas): any node accepts any client, each workshop is served by "
       "the node that holds its log (default: none, a single server)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         if (v.rfind("nats://", 0) != 0 && v.rfind("tls://", 0) != 0) {
           return "a NATS URL, nats://host:port";
         }
         o.cluster_url = v;
         return {};
       }},
      {"--node", "NAME",
       "this node's name in the cluster, unique among its nodes: letters, digits, '-' and '_' "
       "(default: the host name and the port)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         if (v.empty() || v.size() > 64 ||
             v.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "0123456789-_") != std::string::npos) {
           return "1 to 64 letters, digits, '-' or '_'";
         }
         o.node_name = v;
         return {};
       }},
      {"--lease-seconds", "N",
       "in a cluster: a workshop's lease (which node serves it) ages out N seconds after its "
       "node last renewed it; a copy of its log elsewhere may serve it then (default 10)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         char* end = nullptr;
         const long n = std::strtol(v.c_str(), &end, 10);
         if (end == v.c_str() || *end != '\0' || n < 1 || n > 3600) return "1 to 3600";
         o.lease_ttl = std::chrono::seconds(n);
         return {};
       }},
      {"--threads", "N", "I/O threads (default 2)",
       Number(FIELD(threads), 1, 64, "1 to 64")},
      {"--max-queue-bytes", "N",
       "per connection, what may wait to be sent before the client is closed as too slow "
       "(code 4001; it resumes without loss). Default 4194304",
       Number(FIELD(session.max_queued_bytes), 1024, uint64_t{1} << 40, "at least 1024")},
      {"--max-unanswered", "N",
       "per connection, commands handed to the workshop and not answered yet; at the bound the "
       "server stops reading that connection until answers go out (default 64)",
       Number(FIELD(session.max_unanswered), 1, 100'000, "1 to 100000")},
      {"--snapshot-every", "N",
       "save each workshop's state every N events, so that a restart folds few (default 10000; "
       "0: never)",
       Number(FIELD(snapshot_every), 0, UINT64_MAX, "a number of events (0: never)")},
      {"--rounds-in-flight", "N",
       "per workshop, rounds of commands waiting for the disk at once (default 1: each round "
       "waits for the one before to be durable; more lowers latency on a slow disk, at some "
       "throughput on a busy core)",
       Number(FIELD(rounds_in_flight), 1, 64, "1 to 64")},
      {"--min-free-bytes", "N",
       "free space kept in reserve on the disk holding --data: below it, commands are refused "
       "(nothing written) until there is room again (default 268435456, 256 MiB; 0: no reserve)",
       Number(FIELD(min_free_bytes), 0, UINT64_MAX, "a number of bytes (0: no reserve)")},
      {"--retention-days", "N",
       "delete each workshop N days after its conclusion (the event that moved it to its last "
       "phase; a workshop never concluded: N days after its last event), checked at start-up "
       "and every hour, one log line per deletion (default 0: never, workshops are kept until "
       "their animateur deletes them)",
       Number(FIELD(retention_days), 0, 36500, "0 to 36500 days (0: never)")},
      {"--unload-after", "SECONDS",
       "a workshop nobody has used for this long is unloaded from memory, and loaded again on "
       "its next Hello (default 600; 0: never)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         const std::optional<uint64_t> n = Unsigned(v, 0, 7 * 24 * 3600);
         if (!n) return "0 to 604800 seconds";
         o.unload_after = std::chrono::seconds(*n);
         return {};
       }},
      {"--metrics-listen", "ADDRESS:PORT",
       "also serve /metrics (and /healthz, nothing else) here, to whoever reaches it: bind it "
       "to a private interface (default: none; /metrics on the main port is for loopback "
       "clients and the --metrics-token only)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         if (!ParseListen(v, o.metrics_address, o.metrics_port) || !IsAddress(o.metrics_address)) {
           return "ADDRESS:PORT, e.g. 10.0.0.5:9100";
         }
         o.metrics_listen = true;
         return {};
       }},
      {"--metrics-token", "TOKEN",
       "let /metrics be read from anywhere with \"Authorization: Bearer TOKEN\" (default: "
       "none; also read from $ATELIER_METRICS_TOKEN, which other users cannot see in ps)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         if (v.size() < 16) return "a token of at least 16 characters";
         o.metrics_token = v;
         return {};
       }},
      {"--organizer-keys", "FILE",
       "who may create workshops: a file of \"name key\" lines, one per service or animateur, "
       "read again when it changes (revoke a key by deleting its line); the console and `atelier "
       "create` send the key as \"Authorization: Bearer KEY\" (default: none, and workshops "
       "are created from this machine only: 127.0.0.1, ::1)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         if (v.empty()) return "a file";
         o.organizer_keys = v;
         return {};
       }},
      {"--allow-origin", "ORIGIN",
       "a site whose pages may open a WebSocket to this server, e.g. https://atelier.example.fr; "
       "repeat for several, \"*\" for any (default: the server's own origin only, that is the "
       "request's Host; a client without Origin, not a browser, is always let in)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         if (http::OriginPolicy::Check({v})) return "an origin, scheme://host[:port], or *";
         o.allow_origins.push_back(v);
         return {};
       }},
      {"--trusted-proxy", "ADDRESS",
       "a reverse proxy (nginx) whose X-Forwarded-For names the client; repeat for several. "
       "Behind a proxy this is needed: without it every client has the proxy's address, "
       "shares its limits, and looks local to /metrics (default: none)",
       [](const std::string& v, ServerOptions& o) -> Problem {
         if (!IsAddress(v)) return "an IP address, e.g. 127.0.0.1";
         o.trusted_proxies.push_back(v);
         return {};
       }},
      {"--max-connections", "N",
       "connections open at once, in total (default 20000; lowered to what the descriptor "
       "limit leaves after --fd-reserve). At the limit, the oldest idle connection (one that "
       "has not said Hello, or waits between HTTP requests) is closed to make room; when none "
       "is idle a new one is refused",
       Number(FIELD(connections.max_total), 1, 10'000'000, "1 to 10000000")},
      {"--max-connections-per-address", "N",
       "connections open at once from one client address (IPv6: one /64), idle ones evicted "
       "first as above (default 2000: a venue's tablets and phones often share one address; "
       "a reconnect storm briefly doubles them)",
       Number(FIELD(connections.max_per_address), 1, 10'000'000, "1 to 10000000")},
      {"--hello-rate", "RATE",
       "Hello attempts per client address, as RATE/UNIT,BURST (UNIT s, min or h) or off: a "
       "burst for a whole room reconnecting at once behind one address" +
           Default(AddressLimits{}.hellos),
       Rate(FIELD(addresses.hellos))},
      {"--failed-attempt-rate", "RATE",
       "failed attempts per client address (a join or observer code, workshop id, token or "
       "organizer key that matches nothing): what makes guessing a join code slow. While none "
       "is left, that address's Hellos with a code are refused, right ones too; tokens still "
       "work" + Default(AddressLimits{}.failed_codes),
       Rate(FIELD(addresses.failed_codes))},
      {"--failed-attempt-rate-total", "RATE",
       "failed attempts of the whole server: once spent, Hellos with a code are refused to "
       "addresses not welcomed within the last hour, so that many addresses guess no faster" +
           Default(AddressLimits{}.failed_codes_total),
       Rate(FIELD(addresses.failed_codes_total))},
      {"--table-rate", "RATE",
       "tables and seats taken with the join code per client address" +
           Default(AddressLimits{}.tables),
       Rate(FIELD(addresses.tables))},
      {"--api-rate", "RATE",
       "HTTP API requests (/api/...) per client address; past it 429 with Retry-After" +
           Default(AddressLimits{}.api),
       Rate(FIELD(addresses.api))},
      {"--command-rate", "RATE",
       "commands per connection; past it CommandRejected OVERLOADED with retry_after_ms (the "
       "web app sends it again then)" + Default(SessionLimits{}.commands),
       Rate(FIELD(session.commands))},
      {"--hint-rate", "RATE",
       "draft-hint requests per connection; past it ErrorMessage \"overloaded\" (the "
       "connection stays open)" + Default(SessionLimits{}.hints),
       Rate(FIELD(session.hints))},
      {"--max-open-files", "N",
       "the descriptor limit (soft RLIMIT_NOFILE) to set at start-up (default: the hard limit)",
       Number(FIELD(max_open_files), 64, 100'000'000, "64 to 100000000")},
      {"--fd-reserve", "N",
       "descriptors kept from connections, for the log's files, static files being sent and "
       "refusals being answered (default 384; tests only should go below 256)",
       Number(FIELD(fd_reserve), 0, 1'000'000, "0 to 1000000")},
      {"--hello-timeout", "SECONDS",
       "a WebSocket that says no Hello this long after connecting gets the error \"timeout\" and "
       "is closed (default 10)",
       Seconds(FIELD(session.hello_timeout), 1, 3600)},
      {"--message-timeout", "SECONDS",
       "a WebSocket message must arrive whole this long after its first bytes, else the error "
       "\"timeout\" and a close: a frame trickled a byte at a time is closed (default 20)",
       Seconds(FIELD(session.message_timeout), 1, 3600)},
      {"--idle-timeout", "SECONDS",
       "a WebSocket that sends nothing for half of this gets a ping, and is closed when nothing "
       "(not even the pong) comes for all of it: a vanished tablet is found within this "
       "(default 30)",
       Seconds(FIELD(session.idle_timeout), 2, 3600)},
      {"--http-timeout", "SECONDS",
       "an HTTP request must arrive whole within this (also how long an idle keep-alive "
       "connection is kept; default 30)",
       Seconds(FIELD(http.request_timeout), 1, 3600)},
      {"--max-header-bytes", "N",
       "HTTP request headers past this many bytes are refused with 431 (default 16384)",
       Number(FIELD(http.max_header_bytes), 1024, 1 << 20, "1024 to 1048576")},
  };
  return flags;
}

#undef FIELD

// Wraps `text` at 100 columns, each line indented by `indent` spaces.
std::string Wrap(const std::string& text, size_t indent) {
  std::string out;
  size_t column = indent;
  out.append(indent, ' ');
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (column > indent && column + 1 + word.size() > 100) {
      out += "\n";
      out.append(indent, ' ');
      column = indent;
    } else if (column > indent) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    start = end + 1;
  }
  return out;
}


const Flag* FindFlag(std::string_view name) {
  for (const Flag& f : Flags()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// One flag and its value, from the command line or a line of the file.
struct Setting {
  const Flag* flag;
  std::string value;
  std::string where;  // "atelier.conf:12: " for a line of the file; empty on the command line
};

std::string Trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::expected<std::vector<Setting>, std::string> ReadConfig(std::string_view text,
                                                          std::string_view name) {
  std::vector<Setting> settings;
  size_t number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string line = Trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    const std::string where = std::string(name) + ":" + std::to_string(number) + ": ";
    const size_t eq = line.find('=');
    if (eq == std::string::npos) {
      return std::unexpected(where + "expected \"name = value\", not '" + line + "'");
    }
    const std::string key = Trim(line.substr(0, eq));
    const Flag* flag = key.starts_with('-') ? nullptr : FindFlag("--" + key);
    if (flag == nullptr || key == "config" || flag->value.empty()) {
      return std::unexpected(where + "unknown setting '" + key +
                             "' (the names are the flags of --help, without their dashes)");
    }
    settings.push_back({flag, Trim(line.substr(eq + 1)), where});
  }
  return settings;
}

}  // namespace

std::string ConfigFileOf(std::span<const std::string> args) {
  std::string file;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config" && i + 1 < args.size()) {
      file = args[++i];
    } else if (args[i].starts_with("--config=")) {
      file = args[i].substr(std::string_view("--config=").size());
    }
  }
  return file;
}

std::expected<ServerFlags, std::string> ParseServerFlags(std::span<const std::string> args,
                                                         std::string_view config_text,
                                                         std::string_view config_name) {
  ServerFlags parsed;
  std::vector<Setting> given;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    if (name == "--help" || name == "-h") {
      parsed.help = true;
      return parsed;
    }
    std::optional<std::string> inline_value;
    if (const size_t eq = name.find('='); name.starts_with("--") && eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    const Flag* flag = FindFlag(name);
    if (flag == nullptr) return std::unexpected("unknown argument '" + args[i] + "'");
    std::string value;
    if (inline_value) {
      value = *inline_value;
    } else if (!flag->value.empty()) {
      if (i + 1 >= args.size()) return std::unexpected(name + " needs " + flag->value);
      value = args[++i];
    }
    given.push_back({flag, std::move(value), ""});
  }
  auto from_file = ReadConfig(config_text, config_name.empty() ? "config" : config_name);
  if (!from_file) return std::unexpected(from_file.error());
  std::vector<Setting> settings;
  for (Setting& line : *from_file) {
    const bool overridden = std::any_of(given.begin(), given.end(),
                                        [&](const Setting& g) { return g.flag == line.flag; });
    if (!overridden) settings.push_back(std::move(line));
  }
  settings.insert(settings.end(), given.begin(), given.end());
  for (const Setting& s : settings) {
    if (Problem problem = s.flag->set(s.value, parsed.options)) {
      const std::string name = s.where.empty() ? s.flag->name : s.flag->name.substr(2);
      return std::unexpected(s.where + name + " takes " + *problem + ", not '" + s.value + "'");
    }
  }
  return parsed;
}

std::string ServerUsage() {
  std::string out = "usage: atelier-server [FLAG VALUE]...\n\n";
  for (const Flag& flag : Flags()) {
    out += "  " + flag.name + (flag.value.empty() ? "" : " " + flag.value) + "\n";
    out += Wrap(flag.help, 6) + "\n";
  }
  return out;
}

}  // namespace atelier::net
