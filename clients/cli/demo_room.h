// The simulated room of `atelier demo`: one real WebSocket connection per participant (the
// animateur, tables, seats), each with what it has seen (WorkshopMirror), and the moves every
// demo makes with them: join, execute a command that must be accepted (or must be refused),
// wait until a connection has seen an event, and let the pace pass while reading every
// connection so that none falls behind.
//
// Everything runs on the calling thread. Not thread-safe.
#ifndef ATELIER_CLIENTS_CLI_DEMO_ROOM_H_
#define ATELIER_CLIENTS_CLI_DEMO_ROOM_H_

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "atelier/v1/wire.pb.h"
#include "clients/cli/args.h"
#include "clients/cli/workshop_mirror.h"
#include "clients/client/connection.h"

namespace atelier::cli {

// One simulated participant: its connection, its role as the Welcome said, what it has seen.
struct Participant {
  std::string name;
  client::Connection connection;
  v1::Actor role;
  WorkshopMirror mirror;
};

// "post_idea" for a PostIdea command.
std::string CommandName(const v1::Command& command);

class DemoRoom {
 public:
  // `on_message` sees every message any participant receives, after its mirror took it.
  using MessageHook = std::function<void(Participant&, const v1::ServerMessage&)>;
  DemoRoom(ServerAddress server, std::chrono::milliseconds pace, MessageHook on_message = {});

  // Connects and says hello; the participant is kept, in join order.
  std::expected<Participant*, std::string> Join(std::string name, const v1::Hello& hello);
  void CloseAll();

  // Reads what `p` receives until `done` or the deadline; an error on a closed connection, and
  // on timeout when `timeout_is_error`.
  std::expected<void, std::string> ReadUntil(Participant& p, const std::function<bool()>& done,
                                             std::chrono::steady_clock::time_point deadline,
                                             bool timeout_is_error);
  // Until `p` has folded every event through `seq`.
  std::expected<void, std::string> Sync(Participant& p, uint64_t seq);
  // Reads every connection for a moment: then `p` has seen whatever was sent before.
  std::expected<void, std::string> Drain(Participant& p,
                                         std::chrono::milliseconds quiet);
  // Lets the pace pass, reading every connection meanwhile.
  std::expected<void, std::string> Pause();

  // Executes a command that must be accepted; returns its event's seq.
  std::expected<uint64_t, std::string> Must(Participant& p, const v1::Command& command);
  // Executes a command the rules must refuse; returns the server's reason, in words.
  std::expected<std::string, std::string> MustRefuse(Participant& p, const v1::Command& command,
                                                     const std::string& what);

  const std::vector<std::unique_ptr<Participant>>& participants() const { return participants_; }

 private:
  ServerAddress server_;
  std::chrono::milliseconds pace_;
  MessageHook on_message_;
  std::vector<std::unique_ptr<Participant>> participants_;
};

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_DEMO_ROOM_H_
