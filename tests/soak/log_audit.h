// The event log of a killed server, read back and held against what its clients sent and saw.
//
// Read() opens the data directory with storage::EventLog (the server must be dead: RocksDB
// holds a lock), verifies each workshop's whole chain, reads every event and closes the log.
// It checks the log alone: seqs 1..head with none missing or twice, each event naming its
// workshop and seq, no command id twice for one actor. Check() then holds one client's trace
// against it:
// - every acknowledged command is in the log once, at the seq it was acknowledged with;
// - no refused command is in the log;
// - every event of this actor that carries a command id is a command this client sent;
// - every event the client received is the logged one at its seq (kind, command id, hash when
//   the view keeps them), and the client was never told of a seq beyond the head: nothing a
//   client sees is ahead of the log;
// - no gap: every event the client must see (any for the animateur; its own, and the ideas,
//   clusters and phases for the others) between its Welcome snapshot and its through_seq came.
// CheckKept() compares it with the log read after an earlier kill: nothing written is lost.
// Problems are sentences naming the workshop, the seq and the events concerned.
//
// A value; thread-compatible.
#ifndef ATELIER_TESTS_SOAK_LOG_AUDIT_H_
#define ATELIER_TESTS_SOAK_LOG_AUDIT_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "atelier/v1/events.pb.h"
#include "tests/soak/client_trace.h"

namespace atelier::storage {
class EventLog;
}  // namespace atelier::storage

namespace atelier::soak {

class LogAudit {
 public:
  // `label` starts every problem, e.g. "kill 3 (cycle 2)".
  static LogAudit Read(const std::filesystem::path& dir,
                       const std::vector<std::string>& workshop_ids, std::string label);

  // The seq of the actor's command `command_id`, or 0 when it is not in the log.
  uint64_t Find(const std::string& workshop_id, const v1::Actor& actor,
                const std::string& command_id) const;

  void Check(const ClientTrace& trace);

  // Every event `before` read (an audit after an earlier kill) is still here, at its seq, with
  // its hash: what a server once wrote survives its restarts.
  void CheckKept(const LogAudit& before);

  const std::vector<std::string>& problems() const { return problems_; }
  size_t events() const;  // in every workshop read
  uint64_t head(const std::string& workshop_id) const;

 private:
  struct Logged {
    v1::Event event;
    std::string hash;
  };
  struct Workshop {
    std::vector<Logged> events;  // events[i] is seq i + 1 (when the log is whole)
    // Actor name -> command id -> seq.
    std::map<std::string, std::map<std::string, uint64_t>> commands;
  };

  explicit LogAudit(std::string label) : label_(std::move(label)) {}
  void ReadWorkshop(storage::EventLog& log, const std::string& workshop_id);
  const Logged* At(const Workshop& workshop, uint64_t seq) const;
  void Problem(const std::string& workshop_id, std::string what);

  std::string label_;
  std::map<std::string, Workshop> workshops_;
  std::vector<std::string> problems_;
};

}  // namespace atelier::soak

#endif  // ATELIER_TESTS_SOAK_LOG_AUDIT_H_
