// Hub: every workshop the server runs, found by id, join code or observer code.
//
// At start-up LoadAll() opens every workshop in the log and makes its room, verifying only the
// events after each workshop's snapshot so that the server answers soon; once it listens,
// VerifyInBackground() checks every whole chain on a thread of the hub. A workshop whose log
// fails a check is left out, or taken out of service, while the others are served.
//
// Create() makes a new workshop with fresh, unguessable codes and tokens. When a room's log
// fails, the hub reloads the workshop from the log on a background thread and swaps the room, so
// the next connection gets a room that matches the log. Rooms' snapshots are written on a thread
// of the hub, never on an I/O thread; StopBackground() (or the destructor) waits for them.
//
// Thread safety: all methods may be called from any thread; the maps are guarded by a mutex that
// is held only for lookups and inserts, never across I/O.
#ifndef ATELIER_SERVER_ROOM_HUB_H_
#define ATELIER_SERVER_ROOM_HUB_H_

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/wire.pb.h"
#include "server/http/metrics.h"
#include "server/room/room.h"
#include "storage/event_log.h"

namespace atelier::room {

struct CreateProblem {
  int status = 400;
  std::string code;
  std::string message;
};

class Hub : public RoomObserver {
 public:
  Hub(boost::asio::any_io_executor executor, storage::EventLog& log, http::Metrics& metrics,
      RoomOptions options = {});
  ~Hub() override;

  // Loads every workshop of the log, each from its newest snapshot that matches the log, with
  // the chain verified after it (engine::LoadOptions::Verify::kAfterSnapshot). A workshop that
  // cannot be loaded (its log fails the check, does not fold...) is reported on stderr, counted
  // (chain_verify_failures_total) and left out: unknown to hellos and the API. Fails only when
  // the log cannot be listed. Blocks: call once, before serving.
  std::expected<void, std::string> LoadAll();

  // Verifies the whole chain of every workshop LoadAll loaded, one after the other, on a thread
  // of the hub (EventLog::VerifyChain reads a consistent view: appends go on). Each one found
  // intact is counted (chains_verified_total). One that fails is printed on stderr as
  // "atelier-server: workshop ID: the log failed its integrity check: REASON", counted
  // (chain_verify_failures_total) and taken out of service: its connections closed with 1011
  // and the reason, the workshop then unknown to hellos and the API. Returns at once. `done`, if
  // given, runs on that thread when every workshop has been checked (for tests and benchmarks).
  void VerifyInBackground(std::function<void()> done = {});

  // Stops the background work and waits for it: the verification stops once the workshop being
  // checked is done; the snapshot writes and reloads queued are finished. Call before closing
  // the log (after the I/O threads have stopped); idempotent.
  void StopBackground();

  using CreateDone =
      std::function<void(std::expected<atelier::v1::CreateWorkshopResponse, CreateProblem>)>;
  // Creates a workshop; `done` runs on some room's strand once it is durable.
  void Create(atelier::v1::CreateWorkshopRequest request, CreateDone done);

  // The room a Hello is for (by workshop id, join code or observer code), or nullptr.
  std::shared_ptr<Room> FindForHello(const atelier::v1::Hello& hello) const;
  std::shared_ptr<Room> Find(const std::string& workshop_id) const;

  // Closes every connection with 1001 once in-flight rounds are durable; `done` runs once all
  // rooms have.
  void Shutdown(std::function<void()> done);

  // RoomObserver
  void OnCommand(bool accepted, atelier::v1::RejectionReason reason) override;
  void OnEventsDurable(size_t events, std::chrono::nanoseconds append_latency) override;
  void OnDeliveries(size_t events, size_t frames) override;
  void OnFailed(const std::string& workshop_id, const std::string& error) override;
  // Writes the snapshot on the hub's snapshot thread; a failure is printed on stderr.
  void OnSnapshot(const std::string& workshop_id, uint64_t seq, std::string bytes,
                  std::function<void()> done) override;

 private:
  void CreateWith(atelier::v1::CreateWorkshopRequest request, CreateDone done);
  // Removes the workshop from the maps (so it is unknown from now on, and never reloaded) and
  // closes its room.
  void TakeOutOfService(const std::string& workshop_id, const std::string& reason);
  // Makes the room of a workshop loaded from the log, with its recent events for resumes.
  std::expected<std::shared_ptr<Room>, std::string> AddRoom(workshop::WorkshopState state);

  boost::asio::any_io_executor executor_;
  storage::EventLog& log_;
  http::Metrics& metrics_;
  RoomOptions options_;
  boost::asio::thread_pool reloads_{1};
  boost::asio::thread_pool snapshots_{1};  // PutSnapshot is a synchronous RocksDB write
  boost::asio::thread_pool verifier_{1};   // the whole-chain check after start-up
  std::atomic<bool> stopping_{false};      // asks the verifier to stop
  std::vector<std::string> loaded_;        // workshops LoadAll loaded; set before serving

  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<Room>, std::less<>> rooms_;  // by workshop id
  std::map<std::string, std::string, std::less<>> join_codes_;       // code -> workshop id
  std::map<std::string, std::string, std::less<>> observer_codes_;   // code -> workshop id
  std::map<std::string, std::string, std::less<>> out_of_service_;   // workshop id -> reason
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_HUB_H_
