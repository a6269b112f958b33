// Engine: workshops kept in memory, every accepted command made durable in the event log before
// it is answered. The synchronous face of the engine, for tools (the demo, the command-line
// verifier) and tests; the network server drives the same pieces asynchronously.
//
// Execute() blocks the calling thread until the event is durable (group commit with other
// appenders of the same log): never call it on an I/O thread. The engine is not thread-safe: one
// caller at a time. It owns the log.
#ifndef ATELIER_SERVER_ENGINE_ENGINE_H_
#define ATELIER_SERVER_ENGINE_ENGINE_H_

#include <expected>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "atelier/v1/commands.pb.h"
#include "server/workshop/decide.h"
#include "server/workshop/state.h"
#include "storage/event_log.h"

namespace atelier::engine {

struct EngineOptions {
  storage::EventLogOptions log = {};
  // A snapshot of a workshop is saved every this many events (0: never), so that a long workshop
  // reopens without folding its whole log.
  uint64_t snapshot_every = 10'000;
};

// What became of one command.
struct Outcome {
  enum class Kind { kAccepted, kDuplicate, kRejected, kFailed };
  Kind kind = Kind::kFailed;
  uint64_t seq = 0;         // kAccepted: the new event; kDuplicate: the event of the first try
  v1::Event event;          // kAccepted: the sealed event (hash set)
  v1::Rejection rejection;  // kRejected
  std::string error;        // kFailed: the log could not make the event durable; nothing changed

  bool accepted() const { return kind == Kind::kAccepted; }
};

class Engine {
 public:
  // Opens (or creates) the log in `dir` and loads every workshop in it, verifying each chain. A
  // workshop whose log is broken makes Open fail, naming it: nothing is served from a log that
  // cannot be trusted.
  static std::expected<std::unique_ptr<Engine>, std::string> Open(
      const std::filesystem::path& dir, const EngineOptions& options = {});

  // Runs the command through the pipeline (command_pipeline.h: find-applied -> decide -> seal ->
  // apply) and waits for its event to be durable. A command with an id is idempotent by it (a
  // retry comes back kDuplicate with its first event's seq, the id reused for another command is
  // rejected); one without an id is the tool's own (creation, a join). If the log cannot store
  // the event, the workshop is read back from the log: nothing the log lacks stays in memory.
  // CreateWorkshop makes the workshop context.workshop_id.
  Outcome Execute(const std::string& workshop_id, const v1::Command& command,
                  workshop::CommandContext context);

  // The workshop's state, or nullptr when there is no such workshop.
  const workshop::WorkshopState* Find(const std::string& workshop_id) const;
  std::vector<std::string> WorkshopIds() const;

  storage::EventLog& log() { return *log_; }

 private:
  Engine(std::unique_ptr<storage::EventLog> log, const EngineOptions& options);
  // Puts the workshop back as its log has it (after a failed append).
  void Restore(const std::string& workshop_id);

  std::unique_ptr<storage::EventLog> log_;
  EngineOptions options_;
  std::map<std::string, workshop::WorkshopState, std::less<>> workshops_;
};

}  // namespace atelier::engine

#endif  // ATELIER_SERVER_ENGINE_ENGINE_H_
