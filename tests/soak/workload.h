// What a client of the kill -9 soak sends: the commands a table, a seat or the animateur would
// send in one phase of a workshop, made up from what the client has seen (its Welcome snapshot
// and the events since), so that most are accepted and some are refused for a rule (a budget
// exceeded, a score out of range), as in a real room.
//
// A workload never sets command ids (SoakClient does) and never needs an answer to go on: it
// learns the outcome of its commands from the events, so that commands lost in a kill, or
// answered only after a restart, leave it consistent. Thread-compatible: one client thread.
#ifndef ATELIER_TESTS_SOAK_WORKLOAD_H_
#define ATELIER_TESTS_SOAK_WORKLOAD_H_

#include <memory>
#include <optional>
#include <random>
#include <string>

#include "atelier/v1/commands.pb.h"
#include "atelier/v1/events.pb.h"
#include "atelier/v1/wire.pb.h"

namespace atelier::soak {

namespace v1 = ::atelier::v1;

// A uniform integer in [low, high].
template <class T>
T Uniform(std::mt19937_64& rng, T low, T high) {
  return std::uniform_int_distribution<T>(low, high)(rng);
}

class Workload {
 public:
  virtual ~Workload() = default;
  // The next command to send, or nullopt when there is nothing to send now.
  virtual std::optional<v1::Command> Next(std::mt19937_64& rng) = 0;
  // A command of this workload was sent with this id (set on `command`).
  virtual void OnSent(const v1::Command& command) { (void)command; }
  virtual void OnWelcome(const v1::Welcome& welcome) { (void)welcome; }
  virtual void OnEvent(const v1::Event& event) { (void)event; }
};

// DIVERGENCE, a table or the animateur: posts ideas, edits and deletes its own (keeping fewer
// than 20 at once, under any per-table limit). `label` starts every text, e.g. "Table 2".
std::unique_ptr<Workload> IdeaWriter(std::string label);
// CONVERGENCE, a table: sets its points on 1 to 3 targets at once, 0 to 3 each (sometimes over
// the budget: refused).
std::unique_ptr<Workload> Voter();
// The animateur, while clusters exist: renames one.
std::unique_ptr<Workload> ClusterRenamer();
// SCORING, a seat: scores an idea on a criterion (sometimes out of the range: refused).
std::unique_ptr<Workload> Scorer();
// Sends nothing; only reads (an observer, or a client watching the stream).
std::unique_ptr<Workload> Reader();

}  // namespace atelier::soak

#endif  // ATELIER_TESTS_SOAK_WORKLOAD_H_
