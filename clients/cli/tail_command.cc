// atelier tail IDENTITY
#include <signal.h>

#include <algorithm>
#include <csignal>
#include <ostream>
#include <thread>

#include "clients/cli/format.h"
#include "clients/cli/identity.h"
#include "clients/cli/subcommand.h"
#include "clients/client/proto_json.h"

namespace atelier::cli {
namespace {

constexpr int kMaxResumeAttempts = 5;
constexpr std::chrono::milliseconds kPoll{200};

volatile std::sig_atomic_t g_stop = 0;

extern "C" void OnStopSignal(int) { g_stop = 1; }

// SIGINT and SIGTERM set g_stop, without SA_RESTART, for the lifetime of this object.
class StopSignals {
 public:
  StopSignals() {
    g_stop = 0;
    struct sigaction action {};
    action.sa_handler = OnStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

void SleepUnlessStopped(std::chrono::milliseconds total) {
  for (auto slept = std::chrono::milliseconds(0); slept < total && !g_stop; slept += kPoll) {
    std::this_thread::sleep_for(kPoll);
  }
}

int RunTail(const Invocation& in) {
  auto hello = HelloFromArgs(in.args);
  if (!hello) return in.Usage(hello.error());
  auto count = in.args.Number("--count", 0);
  if (!count) return in.Usage(count.error());

  StopSignals signals;
  client::Connection connection;
  auto welcome = Join(connection, in.server, *hello);
  if (!welcome) return in.Fail(welcome.error());
  in.err << "atelier tail: joined as " << DescribeActor(welcome->role()) << " of "
         << welcome->workshop_id() << "; events after seq " << connection.through_seq()
         << " follow (Ctrl-C stops)\n";
  if (hello->last_seq() > 0 && welcome->has_snapshot()) {
    in.err << "atelier tail: the server sent a snapshot at seq " << welcome->snapshot().seq()
           << " instead of the events after seq " << hello->last_seq() << "\n";
  }

  uint64_t printed = 0;
  int failures = 0;
  while (!g_stop) {
    auto message = connection.Next(kPoll);
    if (message) {
      failures = 0;
      for (const v1::Event& event : message->events().events()) {
        in.out << client::ToJson(event) << "\n";
        ++printed;
        if (*count != 0 && printed >= *count) break;
      }
      in.out.flush();
      if (*count != 0 && printed >= *count) break;
      continue;
    }
    if (connection.is_open() || g_stop) continue;  // nothing yet
    if (connection.CloseCode() == 1001) {
      in.err << "atelier tail: the server is going away (1001); stopped after seq "
             << connection.through_seq() << "\n";
      return kExitOk;
    }
    if (++failures > kMaxResumeAttempts) {
      return in.Fail("gave up after " + std::to_string(kMaxResumeAttempts) +
                     " attempts to resume: " + message.error());
    }
    in.err << "atelier tail: " << message.error() << "; resuming after seq "
           << connection.through_seq() << "\n";
    if (failures > 1)
      SleepUnlessStopped(std::min(failures * 500, 2000) * std::chrono::milliseconds(1));
    if (auto resumed = connection.Resume(); !resumed)
      in.err << "atelier tail: " << resumed.error() << "\n";
  }
  connection.Close();
  return kExitOk;
}

}  // namespace

Subcommand TailSubcommand() {
  std::vector<OptionSpec> options = IdentityOptions();
  options.push_back({"--count", 1});
  return {
      .name = "tail",
      .summary = "print every event as one JSON line until interrupted",
      .help =
          std::string("Usage: atelier tail [--server HOST:PORT] [--count N] IDENTITY\n\n"
                      "Joins and prints each event this role may see as one line of JSON "
                      "(atelier.v1.Event),\nuntil Ctrl-C (exit code 0). When the server closes the "
                      "connection (4001 too slow, a\nnetwork drop), it resumes after the last seq "
                      "printed: no gap, no duplicate. When the server\nshuts down (1001), it stops "
                      "with exit code 0. Use --from-seq N to start after event N.\n\n") +
          kIdentityHelp + "  --count N              stop after N events\n",
      .spec = {.options = options},
      .run = RunTail,
  };
}

}  // namespace atelier::cli
