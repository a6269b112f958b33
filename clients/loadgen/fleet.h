// The simulated room(s): workshops and the tablets (table connections) and observers in them,
// with what each has received, so that a run can measure latency and check that nobody misses
// or repeats an event.
//
// Two kinds of server are driven:
//   - atelier: the real server; workshops are created over HTTP and opened for ideas (phase
//     DIVERGENCE) by an animateur connection before the run;
//   - minimal: the baselines in bench/ (Node ws, raw fan-out), which speak the subset of the
//     protocol a broadcast needs (Hello, Welcome, PostIdea, EventBatch, CommandAccepted), with
//     rooms made on demand from any join code.
//
// A sent idea carries a tag, "lg<sender>.<n> ", at the start of its text: whoever receives the
// event finds when it was sent, so latency is measured from the command's send to each
// receiving client (other tables do not see the command id: the server hides it).
//
// Single-threaded: everything runs on the io_context's thread.
#ifndef ATELIER_CLIENTS_LOADGEN_FLEET_H_
#define ATELIER_CLIENTS_LOADGEN_FLEET_H_

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/wire.pb.h"
#include "clients/client/http_client.h"
#include "clients/loadgen/stats.h"
#include "clients/loadgen/ws_client.h"

namespace atelier::loadgen {

using Clock = std::chrono::steady_clock;

struct ConnectJob;  // a batch of connections being made (fleet.cc)

struct ServerTarget {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  bool atelier = true;  // false: the minimal protocol of the baselines
  // Every node to connect to, in turn (host and port above first); empty: host and port.
  std::vector<std::pair<std::string, uint16_t>> nodes;
};

struct Workshop {
  std::string workshop_id;
  std::string join_code;
  std::string observer_code;
  std::string animateur_token;
  uint64_t ideas_accepted = 0;  // answers received for ideas sent by this run
  uint64_t last_accepted_seq = 0;
};

struct Member {
  std::unique_ptr<WsClient> ws;
  size_t workshop = 0;
  bool observer = false;
  bool animateur = false;  // the workshop's animateur (realistic runs)
  uint32_t table_id = 0;
  // A participant's phone (peak runs): its seat at the table of member `table_member`, once that
  // table is welcomed; seat_id from its own Welcome.
  uint32_t seat_number = 0;
  size_t table_member = 0;
  uint32_t seat_id = 0;
  std::string token;       // kept from the first Welcome, to resume
  bool welcomed = false;
  uint64_t through_seq = 0;
  uint64_t last_event_seq = 0;
  uint64_t ideas_seen = 0;
  uint64_t repeats = 0;    // events at or before a seq already seen
  uint64_t closes = 0;     // connections that ended without being asked to
  uint64_t accepted = 0;   // answers to this member's commands
  uint64_t rejected = 0;
  int last_close_code = 0;
  Clock::time_point welcomed_at{};
  // As a sender: commands in flight, and when each of its ideas was sent (by tag number).
  int in_flight = 0;
  std::vector<int64_t> sent_at_ns;
};

class Fleet {
 public:
  Fleet(boost::asio::io_context& ioc, ServerTarget target);

  // Creates `count` workshops (atelier: over HTTP, then phase DIVERGENCE; minimal: codes only).
  // Each table may post up to `ideas_per_table` ideas (the server's limit is 100,000; 0: the
  // server's default, for servers older than the setting).
  // Observers see the results live when `live_results`, else only at the reveal.
  std::expected<void, std::string> PrepareWorkshops(size_t count, uint32_t max_tables,
                                                    uint32_t ideas_per_table = 100'000,
                                                    bool live_results = true);

  // Adds members (not connected yet): tables per workshop, then observers per workshop.
  void AddMembers(size_t tables_per_workshop, size_t observers_per_workshop);

  // Connects every member that is not welcomed, at most `parallel` handshakes at a time; calls
  // done once all are welcomed (or failed: see failures()).
  void ConnectAll(size_t parallel, std::function<void()> done);

  // Drops the members' connections abruptly (a Wi-Fi drop) and resumes each at once with its
  // token and last seq. done: when all are welcomed again.
  void DropAndResume(const std::vector<size_t>& members, size_t parallel, std::function<void()> done);

  // Adds one animateur member per workshop (atelier only); returns the first one's index.
  size_t AddAnimateurs();
  // Adds `seats` phones to each table member added so far (joined as seats 1..seats once the
  // tables are welcomed); returns the first one's index.
  size_t AddSeats(uint32_t seats);

  // Sends one idea from member `m` with a text of `text_bytes` bytes (tag included), or with
  // `text` after the tag when given.
  void SendIdea(size_t m, size_t text_bytes, std::string_view text = {});
  // Sends any other command from member `m` (a fresh command id is set).
  void SendCommand(size_t m, v1::Command command);

  // Measurement window: latencies and deliveries are counted only while measuring.
  void SetMeasuring(bool on);

  std::vector<Member>& members() { return members_; }
  std::vector<Workshop>& workshops() { return workshops_; }
  LatencySamples& latencies() { return latencies_; }

  uint64_t deliveries() const { return deliveries_; }  // events received while measuring
  uint64_t frames() const { return frames_; }          // frames received while measuring
  uint64_t rejected() const { return rejected_; }
  uint64_t failures() const { return failures_; }      // connections that could not be made
  const std::string& last_failure() const { return last_failure_; }
  // Rejections by reason name, e.g. "REJECTION_REASON_CAP_EXCEEDED" -> 2.
  const std::map<std::string, uint64_t>& rejections() const { return rejections_; }
  // Called after each accepted or rejected answer (a sender may send again).
  std::function<void(size_t member)> on_answer;
  // When set, each delivery of a tagged idea while measuring goes here (when it was sent, by
  // whom, to whom, when it arrived) instead of into latencies().
  std::function<void(size_t sender, int64_t sent_ns, size_t receiver, int64_t now_ns)> on_delivery;
  // Called with every new event a member receives (after the repeat check).
  std::function<void(size_t member, const v1::Event& event)> on_event;

 private:
  void Open(size_t m, bool resume, std::function<void()> finished);
  void Pump(const std::shared_ptr<ConnectJob>& job);
  void OnMessage(size_t m, const v1::ServerMessage& message);
  void OnEvent(size_t m, const v1::Event& event, int64_t now_ns);
  void OnAccepted(size_t m, const v1::CommandAccepted& accepted);
  void OnRejected(size_t m, const v1::CommandRejected& rejected);
  v1::Hello HelloFor(size_t m, bool resume) const;

  boost::asio::io_context& ioc_;
  ServerTarget target_;
  std::vector<boost::asio::ip::tcp::endpoint> endpoints_;  // member m connects to m % size
  std::vector<Workshop> workshops_;
  std::vector<Member> members_;
  LatencySamples latencies_;
  std::string run_id_;  // in command ids: a table never reuses an id, even across runs
  bool measuring_ = false;
  int64_t measure_start_ns_ = 0;
  uint64_t deliveries_ = 0;
  uint64_t frames_ = 0;
  uint64_t rejected_ = 0;
  std::map<std::string, uint64_t> rejections_;
  uint64_t commands_sent_ = 0;
  uint64_t failures_ = 0;
  std::string last_failure_;
  std::mt19937 random_;
};

// Nanoseconds on the steady clock, the unit of every timestamp in a run.
int64_t NowNs();

// Creates a workshop over HTTP: what the run needs to join it (ids, codes, the animateur's
// token), or why it could not.
std::expected<Workshop, std::string> CreateWorkshop(client::HttpClient& http,
                                                    const v1::CreateWorkshopRequest& request);

}  // namespace atelier::loadgen

#endif  // ATELIER_CLIENTS_LOADGEN_FLEET_H_
