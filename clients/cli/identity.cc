#include "clients/cli/identity.h"

namespace atelier::cli {

const char kIdentityHelp[] =
    "Identity (exactly one):\n"
    "  --code CODE [--table N] [--table-name NAME]\n"
    "                         join as a new table (N absent or 0: the next free table)\n"
    "  --code CODE --table N --seat S\n"
    "                         join as seat S of table N (a personal phone)\n"
    "  --workshop ID --token T          come back as the table that holds token T\n"
    "  --workshop ID --seat-token T     come back as the seat that holds token T\n"
    "  --workshop ID --animateur-token T, or --animateur ID T\n"
    "                         the animateur\n"
    "  --observer CODE        an observer (read-only)\n"
    "  --from-seq N           the last event seq already seen (default 0: a full snapshot)\n";

std::vector<OptionSpec> IdentityOptions() {
  return {{"--code", 1},      {"--table", 1},    {"--table-name", 1}, {"--seat", 1},
          {"--workshop", 1},  {"--token", 1},    {"--seat-token", 1}, {"--animateur-token", 1},
          {"--animateur", 2}, {"--observer", 1}, {"--from-seq", 1}};
}

std::expected<v1::Hello, std::string> HelloFromArgs(const Args& args) {
  const int ways = args.Has("--code") + args.Has("--workshop") + args.Has("--animateur") +
                   args.Has("--observer");
  if (ways == 0) {
    return std::unexpected("say who you are: --code, --workshop, --animateur or --observer");
  }
  if (ways > 1) {
    return std::unexpected("give only one of --code, --workshop, --animateur and --observer");
  }
  if (!args.Has("--code")) {
    for (const char* option : {"--table", "--table-name", "--seat"}) {
      if (args.Has(option)) return std::unexpected(std::string(option) + " goes with --code");
    }
  }
  const int tokens = args.Has("--token") + args.Has("--seat-token") + args.Has("--animateur-token");
  if (!args.Has("--workshop") && tokens > 0) {
    return std::unexpected("--token, --seat-token and --animateur-token go with --workshop");
  }

  v1::Hello hello;
  auto from_seq = args.Number("--from-seq", 0);
  if (!from_seq) return std::unexpected(from_seq.error());
  hello.set_last_seq(*from_seq);

  if (args.Has("--code")) {
    std::string code = args.Value("--code");  // as shown, "1234 5678", or without the space
    std::erase_if(code, [](char c) { return c == ' ' || c == '-'; });
    hello.set_join_code(code);
    auto table = args.Number("--table", 0, 0, UINT32_MAX);
    if (!table) return std::unexpected(table.error());
    hello.set_table_id(static_cast<uint32_t>(*table));
    hello.set_table_name(args.Value("--table-name"));
    if (args.Has("--seat")) {
      auto seat = args.Number("--seat", 0, 1, UINT32_MAX);
      if (!seat) return std::unexpected(seat.error());
      if (*table == 0) return std::unexpected("--seat needs --table N (N > 0)");
      hello.set_seat_number(static_cast<uint32_t>(*seat));
    }
  } else if (args.Has("--workshop")) {
    if (tokens != 1) {
      return std::unexpected(
          "--workshop needs exactly one of --token, --seat-token and --animateur-token");
    }
    hello.set_workshop_id(args.Value("--workshop"));
    hello.set_table_token(args.Value("--token"));
    hello.set_seat_token(args.Value("--seat-token"));
    hello.set_animateur_token(args.Value("--animateur-token"));
  } else if (args.Has("--animateur")) {
    const std::vector<std::string> values = args.Values("--animateur");
    hello.set_workshop_id(values[0]);
    hello.set_animateur_token(values[1]);
  } else {
    hello.set_observer_code(args.Value("--observer"));
  }
  return hello;
}

std::expected<v1::Welcome, std::string> Join(client::Connection& connection,
                                             const ServerAddress& server, const v1::Hello& hello) {
  if (auto ok = connection.Connect(server.host, server.port); !ok) {
    return std::unexpected(ok.error());
  }
  auto welcome = connection.Hello(hello);
  if (!welcome) return std::unexpected("the server refused the connection: " + welcome.error());
  return welcome;
}

}  // namespace atelier::cli
