// Hub: the registry of every workshop the server knows, found by id, join code or observer
// code, and of the rooms loaded now.
//
// At start-up IndexAll() reads what identifies each workshop (its id and access codes, from its
// first event) and loads none: a workshop's room is loaded (off the I/O threads, verified after
// its trusted snapshot: log_service.h) when a Hello or a request first asks for it, and forgotten
// again when nobody has used it for RoomOptions::unload_after (room.h). The server's memory
// follows the live workshops, not the whole history. Once the server answers,
// VerifyInBackground() checks every whole chain (chain_checker.h); a workshop whose log fails a
// check is taken out of service while the others are served. A snapshot that disagrees with its
// log (found when a room loads, or by the background check's full comparison) is deleted and
// reported: an error line on stderr "workshop=ID snapshot at event SEQ discarded, the log's state
// is served: WHAT", counted in snapshots_discarded_total.
//
// Create() makes a new workshop with fresh, unguessable codes and tokens. Delete() deletes one:
// its room stops (room.h), the log deletes and purges it (storage::EventLog::DeleteWorkshop, on
// a thread of the hub), then the hub forgets it (unknown to hellos, codes and the API) and the
// room closes its connections with "workshop_deleted".
//
// Thread safety: all methods may be called from any thread; the maps are guarded by a mutex that
// is held only for lookups and inserts, never across I/O. Rooms call the RoomObserver methods on
// their strands.
#ifndef ATELIER_SERVER_ROOM_HUB_H_
#define ATELIER_SERVER_ROOM_HUB_H_

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/wire.pb.h"
#include "server/metrics/metrics.h"
#include "server/room/chain_checker.h"
#include "server/room/code_claims.h"
#include "server/room/log_service.h"
#include "server/room/room.h"
#include "storage/event_log.h"

namespace atelier::room {

// Why a workshop was not created. `code` is one of: "unknown_workshop" (no workshop to carry
// ideas or take criteria from), "bad_token" (not that workshop's animateur token),
// "invalid_config" (the rules refused the configuration: `message` names the field),
// "unavailable" (the log could not store it now). The HTTP side decides what status each one gets (http/api.h).
struct CreateProblem {
  std::string code;
  std::string message;
};

// Why a workshop was not deleted: "unknown_workshop" (no such workshop, or out of service),
// "bad_token" (not its animateur token), "unavailable" (the room could not stop now, or the log
// could not delete it: `message` says why; nothing was deleted).
struct DeleteProblem {
  std::string code;
  std::string message;
};

class Hub : public RoomObserver {
 public:
  Hub(boost::asio::any_io_executor executor, storage::EventLog& log, metrics::Metrics& metrics,
      RoomOptions options = {});
  ~Hub() override;

  // Indexes every workshop of the log by its id and access codes (one read of its first event
  // each). A workshop whose first event cannot be read is reported on stderr, counted
  // (chain_verify_failures_total) and left out: unknown to hellos and the API. Fails only when
  // the log cannot be listed. Blocks: call once, before serving.
  std::expected<void, std::string> IndexAll();

  // Verifies the whole chain of every workshop IndexAll found, one after the other, on a thread
  // of the hub. Each one found intact is counted (chains_verified_total). One that fails is
  // printed on stderr as "atelier-server: workshop ID: the log failed its integrity check:
  // REASON", counted (chain_verify_failures_total) and taken out of service: its connections
  // closed with 1011 and the reason, the workshop then unknown to hellos and the API. Returns at
  // once. `done`, if given, runs on that thread when every workshop has been checked.
  void VerifyInBackground(std::function<void()> done = {});

  // Stops the background work and waits for it: the check stops once the workshop being checked
  // is done; the loads and snapshot writes queued are finished. Call before closing the log
  // (after the I/O threads have stopped); idempotent.
  void StopBackground();

  using CreateDone =
      std::function<void(std::expected<atelier::v1::CreateWorkshopResponse, CreateProblem>)>;
  // Creates a workshop; `done` runs on some room's strand once it is durable.
  void Create(atelier::v1::CreateWorkshopRequest request, CreateDone done);

  using DeleteDone = std::function<void(std::expected<void, DeleteProblem>)>;
  // Deletes the workshop (above), for its animateur's token, or for the server itself when
  // `animateur_token` is empty (retention). `done` runs once, on a room's strand or a thread of
  // the hub, after the deletion is durable (or with why not).
  void Delete(const std::string& workshop_id, std::optional<std::string> animateur_token,
              DeleteDone done);

  // The room a Hello is for (by workshop id, join code or observer code), held for the caller
  // (Room::Held), loading it if needed; nullptr for a workshop nobody knows (or out of service).
  std::shared_ptr<Room> FindForHello(const atelier::v1::Hello& hello);
  std::shared_ptr<Room> Find(const std::string& workshop_id);
  // The id of the workshop known here by this id, join code or observer code (the first one
  // given), or "" when none is (a cluster's node answering which node owns what).
  std::string Resolve(std::string_view workshop_id, std::string_view join_code,
                      std::string_view observer_code) const;

  // Closes every connection with 1001 once in-flight rounds are durable; `done` runs once all
  // loaded rooms have.
  void Shutdown(std::function<void()> done);

  // In a cluster: where the codes of new workshops are claimed (code_claims.h), and given back
  // on deletion. Before the first Create; `claims` must outlive the hub's background threads.
  void SetCodeClaims(CodeClaims* claims) { claims_ = claims; }
  // Every known workshop's id and codes (a cluster's node claims them at start).
  struct Codes {
    std::string workshop_id;
    std::string join_code;
    std::string observer_code;
  };
  std::vector<Codes> KnownCodes() const;

  size_t rooms_loaded() const;
  // Whether the workshop's room is loaded now (served, or about to be).
  bool Loaded(std::string_view workshop_id) const;

  // RoomObserver
  void OnCommand(bool accepted, atelier::v1::RejectionReason reason) override;
  void OnRound(size_t operations, size_t events) override;
  void OnEventsDurable(size_t events, std::chrono::nanoseconds append_latency) override;
  void OnDeliveries(size_t events, size_t frames) override;
  void OnRoundStages(const RoundStages& stages) override;
  void OnAppendBusy() override;
  void OnStorageFailure(const std::string& workshop_id, const std::string& error) override;
  void OnOutOfService(const std::string& workshop_id, const std::string& reason) override;
  void OnResumeFloor(const std::string& workshop_id, uint64_t seq) override;
  bool OnIdle(Room& room) override;

 private:
  struct Known {
    std::string join_code;
    std::string observer_code;
  };

  // Create() in its steps: the ideas carried from an earlier workshop, then the criteria taken
  // from one, then the workshop itself.
  void CarryIdeas(atelier::v1::CreateWorkshopRequest request, CreateDone done);
  void TakeCriteria(atelier::v1::CreateWorkshopRequest request, CreateDone done);
  void CreateWith(atelier::v1::CreateWorkshopRequest request, CreateDone done);
  // A fresh id and codes, none known here; mu_ held.
  void DrawLocked(std::string& id, std::string& join, std::string& observer) const;
  // The workshop with these id and codes (claimed in the cluster), or drawn here when `id` is
  // empty.
  void CreateWithCodes(atelier::v1::CreateWorkshopRequest request, std::string id,
                       std::string join, std::string observer, CreateDone done);
  using TopDone = std::function<void(
      std::expected<std::vector<atelier::v1::IdeaSeed>, CreateProblem>)>;
  // The `count` best targets of a known workshop's results, for its animateur's `token`
  // (workshop::TopIdeas), or why not: `what` the caller wanted them for names the problem.
  void TopOf(const std::string& workshop_id, const std::string& token, size_t count,
             std::string_view what, TopDone done);
  std::string IdLocked(std::string_view workshop_id, std::string_view join_code,
                       std::string_view observer_code) const;  // mu_ held
  // The loaded room of a known workshop, loading it when it is not; mu_ held.
  std::shared_ptr<Room> RoomLocked(const std::string& workshop_id);
  // Forgets the workshop (unknown from now on) and closes its room, if loaded. False if it was
  // out of service already.
  bool TakeOutOfService(const std::string& workshop_id, const std::string& reason);
  bool Forget(const std::string& workshop_id, const std::string& reason);  // mu_ held
  // A stored snapshot disagreed with the log and was deleted: one line on stderr, the metric; a
  // loaded room built on it reads itself back (Room::SnapshotDiscarded).
  void ReportDiscarded(const std::string& workshop_id, const engine::DiscardedSnapshot& snapshot);
  void UpdateGauges();                                                      // mu_ held
  // Gives the memory of unloaded rooms back to the system a little later (glibc keeps freed
  // pages in its heap, and the resident memory would follow the most rooms ever loaded rather
  // than the rooms loaded now); mu_ held.
  void TrimSoon();

  boost::asio::any_io_executor executor_;
  CodeClaims* claims_ = nullptr;
  storage::EventLog& log_;
  metrics::Metrics& metrics_;
  RoomOptions options_;
  LogService service_;
  ChainChecker checker_;

  mutable std::mutex mu_;
  std::map<std::string, Known, std::less<>> known_;                  // by workshop id
  std::map<std::string, std::shared_ptr<Room>, std::less<>> rooms_;  // loaded now
  std::map<std::string, std::string, std::less<>> join_codes_;       // code -> workshop id
  std::map<std::string, std::string, std::less<>> observer_codes_;   // code -> workshop id
  std::map<std::string, std::string, std::less<>> out_of_service_;   // workshop id -> reason
  // Workshops read back after a discarded snapshot: resumes at or below the seq get a snapshot.
  std::map<std::string, uint64_t, std::less<>> resume_floors_;
  bool trim_pending_ = false;
  std::set<std::string, std::less<>> deleted_;  // since start: their ids are not given again
  boost::asio::thread_pool deletions_{1};  // EventLog::DeleteWorkshop blocks: not on I/O threads
  // The trim runs here, and in a cluster the claims of new codes: off the I/O threads.
  boost::asio::thread_pool housekeeping_{1};
  boost::asio::steady_timer trim_timer_{housekeeping_.get_executor()};
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_HUB_H_
