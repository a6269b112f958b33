#include "clients/cli/demo_room.h"

#include <algorithm>
#include <thread>
#include <utility>

#include "clients/cli/format.h"

namespace atelier::cli {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

namespace {
constexpr milliseconds kSyncTimeout{10'000};
}  // namespace

std::string CommandName(const v1::Command& command) {
  const auto* field = v1::Command::descriptor()->FindFieldByNumber(command.kind_case());
  return field ? field->name() : "an empty command";
}

DemoRoom::DemoRoom(ServerAddress server, milliseconds pace, MessageHook on_message)
    : server_(std::move(server)), pace_(pace), on_message_(std::move(on_message)) {}

std::expected<Participant*, std::string> DemoRoom::Join(std::string name, const v1::Hello& hello) {
  auto p = std::make_unique<Participant>();
  p->name = std::move(name);
  if (auto ok = p->connection.Connect(server_.host, server_.port); !ok) {
    return std::unexpected(p->name + ": " + ok.error());
  }
  auto welcome = p->connection.Hello(hello);
  if (!welcome) {
    return std::unexpected(p->name + ": the server refused the connection: " + welcome.error());
  }
  p->role = welcome->role();
  p->mirror.set_table_id(welcome->role().table_id());
  if (welcome->has_snapshot()) p->mirror.Load(welcome->snapshot());
  participants_.push_back(std::move(p));
  return participants_.back().get();
}

void DemoRoom::CloseAll() {
  for (auto& p : participants_) p->connection.Close();
}

std::expected<void, std::string> DemoRoom::ReadUntil(Participant& p,
                                                     const std::function<bool()>& done,
                                                     Clock::time_point deadline,
                                                     bool timeout_is_error) {
  while (!done()) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    auto message = p.connection.Next(std::max(left, milliseconds(0)));
    if (!message) {
      if (p.connection.is_open() && !timeout_is_error) return {};
      return std::unexpected(p.name + ": " + message.error());
    }
    p.mirror.Take(*message);
    if (on_message_) on_message_(p, *message);
  }
  return {};
}

std::expected<void, std::string> DemoRoom::Sync(Participant& p, uint64_t seq) {
  auto caught_up = [&] {
    return p.connection.through_seq() >= seq && p.connection.inbox_size() == 0;
  };
  return ReadUntil(p, caught_up, Clock::now() + kSyncTimeout, true);
}

std::expected<void, std::string> DemoRoom::Drain(Participant& p, milliseconds quiet) {
  return ReadUntil(p, [] { return false; }, Clock::now() + quiet, false);
}

std::expected<void, std::string> DemoRoom::Pause() {
  const auto deadline = Clock::now() + pace_;
  do {
    for (auto& p : participants_) {
      if (auto ok = ReadUntil(*p, [] { return false; }, Clock::now(), false); !ok) return ok;
    }
    if (Clock::now() < deadline) {
      std::this_thread::sleep_for(
          std::min(deadline - Clock::now(), Clock::duration(milliseconds(20))));
    }
  } while (Clock::now() < deadline);
  return {};
}

std::expected<uint64_t, std::string> DemoRoom::Must(Participant& p, const v1::Command& command) {
  auto answer = p.connection.Execute(command);
  if (!answer) return std::unexpected(p.name + ": " + answer.error());
  if (answer->has_rejected()) {
    return std::unexpected(p.name + ": the server refused " + CommandName(command) + ": " +
                           DescribeRejection(answer->rejected().rejection()));
  }
  return answer->accepted().seq();
}

std::expected<std::string, std::string> DemoRoom::MustRefuse(Participant& p,
                                                             const v1::Command& command,
                                                             const std::string& what) {
  auto answer = p.connection.Execute(command);
  if (!answer) return std::unexpected(p.name + ": " + answer.error());
  if (!answer->has_rejected()) {
    return std::unexpected(p.name + ": the server accepted what it must refuse (" + what + ")");
  }
  return DescribeRejection(answer->rejected().rejection());
}

}  // namespace atelier::cli
