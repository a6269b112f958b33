// One client of the kill -9 soak: a real connection (clients/client/connection.h) as one table,
// seat, animateur or observer, sending its workload's commands with several in flight, and
// recording every command it sent, every answer and every event it received (ClientTrace),
// for LogAudit to hold against the log once the server is dead.
//
// While it runs it checks what it can alone: each answer is for a command in flight and the
// first for it; events come in seq order, never twice, within their batch's through_seq; the
// animateur's without a gap. What it finds is added to problems().
//
// Ownership: owns its connection and workload. Thread-compatible: Run happens on a thread of
// the test, every other call on the test's thread while no Run is going on; the counters
// (accepted(), burst_done(), lost()) may be read from any thread at any time.
#ifndef ATELIER_TESTS_SOAK_SOAK_CLIENT_H_
#define ATELIER_TESTS_SOAK_SOAK_CLIENT_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "clients/client/connection.h"
#include "tests/soak/client_trace.h"
#include "tests/soak/workload.h"

namespace atelier::soak {

class SoakClient {
 public:
  // The clients of the web app keep at most this many commands unanswered; the server remembers
  // the last 256 command ids of each actor, which is what makes a retry safe.
  static constexpr size_t kMaxInFlight = 64;

  // `connection` has been welcomed (Hello done); `welcome` is what Hello returned.
  SoakClient(std::string name, std::unique_ptr<client::Connection> connection,
             const v1::Welcome& welcome, std::unique_ptr<Workload> workload, uint64_t seed);

  // For the set-up, before any Run: sends one command and waits for its answer (events
  // meanwhile are handled as usual). The seq it was accepted at, or why not.
  std::expected<uint64_t, std::string> Execute(v1::Command command);
  // For the set-up: handles what comes until everything through `seq` has been seen, so that
  // the workload starts from the workshop as the set-up left it.
  std::expected<void, std::string> CatchUp(uint64_t seq);

  struct Plan {
    size_t burst = std::numeric_limits<size_t>::max();  // commands to send, then only read
    size_t window = kMaxInFlight;                       // at most this many unanswered (1..64)
  };
  // Sends commands per `plan` and handles whatever comes, until the connection is lost or `stop`
  // is set (once the server is dead: what it sent before is still handled, to the end of the
  // connection). A loss while `killing` is false is a problem (the server closed it on its own).
  void Run(int cycle, const Plan& plan, const std::atomic<bool>& stop,
           const std::atomic<bool>& killing);

  // After the kill: what is still in flight was unanswered at a kill. Also makes burst_done()
  // false until the next Run has sent its burst.
  void MarkKilled();
  // The log as found after the kill says whether each unanswered command was applied (logged_seq
  // returns its seq, or 0 when it is not in the log); remembered for the retry.
  void NoteLogged(const std::function<uint64_t(const std::string& command_id)>& logged_seq);

  // Connects to the restarted server and says Hello again (same token, last seq seen).
  std::expected<void, std::string> Reconnect(const std::string& host, uint16_t port);

  // Sends again, with their ids, every command without an answer and up to `sample` answered
  // ones among the last accepted, and waits for every answer: an answered one must come back
  // a duplicate with its first seq, an unanswered one a duplicate with its seq in the log if
  // it was there, else be decided now (accepted as new, or refused). Problems otherwise.
  void Retry(int cycle, size_t sample, std::chrono::milliseconds timeout);

  // Closes the connection (close handshake).
  void Close() { connection_->Close(); }

  const ClientTrace& trace() const { return trace_; }
  const std::vector<std::string>& problems() const { return problems_; }
  size_t accepted() const { return accepted_.load(); }
  bool burst_done() const { return burst_done_.load(); }
  bool lost() const { return lost_.load(); }
  size_t retried() const { return retried_; }
  size_t retried_duplicates() const { return retried_duplicates_; }
  // Answers handled after `stop` (sent before the kill, still buffered when it came).
  size_t late_answers() const { return late_answers_; }
  size_t resumes() const { return resumes_; }
  size_t resumes_with_snapshot() const { return resumes_with_snapshot_; }

 private:
  enum class Expect { kNothing, kDuplicate, kNew };

  // Gives the command an id, records it and sends it; false when the send failed (the command
  // stays in flight: it may have reached the server).
  bool Send(v1::Command command, int cycle);
  bool Resend(const std::string& command_id);
  void Handle(const v1::ServerMessage& message);
  void Answered(const std::string& command_id, const v1::CommandAccepted* accepted,
                const v1::CommandRejected* rejected);
  void Events(const v1::EventBatch& batch);
  void Welcomed(const v1::Welcome& welcome);
  void Problem(std::string what);

  std::unique_ptr<client::Connection> connection_;
  std::unique_ptr<Workload> workload_;
  std::mt19937_64 rng_;
  ClientTrace trace_;
  std::string id_prefix_;
  uint64_t next_id_ = 0;
  size_t in_flight_ = 0;
  int cycle_ = 0;
  std::map<std::string, Expect> expect_;       // retries: what their answer must be
  std::map<std::string, uint64_t> logged_at_;  // unanswered and found in the log after a kill
  std::vector<std::string> problems_;
  size_t retried_ = 0;
  size_t retried_duplicates_ = 0;
  size_t resumes_ = 0;
  size_t late_answers_ = 0;
  size_t resumes_with_snapshot_ = 0;

  std::atomic<size_t> accepted_{0};
  std::atomic<bool> burst_done_{false};
  std::atomic<bool> lost_{false};
};

}  // namespace atelier::soak

#endif  // ATELIER_TESTS_SOAK_SOAK_CLIENT_H_
