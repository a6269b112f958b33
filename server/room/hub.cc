#include "server/room/hub.h"

#include <malloc.h>


#include "server/engine/secrets.h"
#include "server/log/log.h"
#include "server/workshop/carry_over.h"

namespace atelier::room {

namespace net = boost::asio;
namespace v1 = atelier::v1;

Hub::Hub(net::any_io_executor executor, storage::EventLog& log, metrics::Metrics& metrics,
         RoomOptions options)
    : executor_(std::move(executor)),
      log_(log),
      metrics_(metrics),
      options_(options),
      service_(log, options.recent_events,
               [this](const std::string& id, const engine::DiscardedSnapshot& snapshot) {
                 ReportDiscarded(id, snapshot);
               }),
      checker_(log) {}

Hub::~Hub() { StopBackground(); }

void Hub::StopBackground() {
  checker_.Stop();
  deletions_.join();
  service_.Stop();
  {
    std::lock_guard lock(mu_);
    trim_timer_.cancel();
  }
  housekeeping_.join();
}

std::expected<void, std::string> Hub::IndexAll() {
  auto ids = log_.ListWorkshops();
  if (!ids) return std::unexpected(ids.error().message);
  for (const std::string& id : *ids) {
    auto first = log_.Read(id, 1, 1);
    v1::Event event;
    std::string problem;
    if (!first) {
      problem = first.error().message;
    } else if (first->empty() || !event.ParseFromString(first->front().event()) ||
               !event.has_workshop_created()) {
      problem = "its first event is not a WorkshopCreated";
    }
    std::lock_guard lock(mu_);
    if (!problem.empty()) {
      log::Error("left out (the others are served): its log cannot be read: " + problem, id);
      metrics_.chain_verify_failures_total.Increment();
      out_of_service_[id] = problem;
      continue;
    }
    const v1::WorkshopAccess& access = event.workshop_created().access();
    known_[id] = Known{access.join_code(), access.observer_code()};
    join_codes_[access.join_code()] = id;
    observer_codes_[access.observer_code()] = id;
  }
  std::lock_guard lock(mu_);
  UpdateGauges();
  return {};
}

void Hub::VerifyInBackground(std::function<void()> done) {
  std::vector<std::string> ids;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, known] : known_) ids.push_back(id);
  }
  checker_.Start(std::move(ids),
                 {.intact = [this](const std::string&) { metrics_.chains_verified_total.Increment(); },
                  .broken =
                      [this](const std::string& id, const std::string& reason) {
                        // Once per workshop: a load may have found it first.
                        if (!TakeOutOfService(id, "the workshop's log failed its integrity check")) {
                          return;
                        }
                        log::Error("the log failed its integrity check: " + reason, id);
                        metrics_.chain_verify_failures_total.Increment();
                      },
                  .snapshot_discarded =
                      [this](const std::string& id, const engine::DiscardedSnapshot& snapshot) {
                        ReportDiscarded(id, snapshot);
                      },
                  .done = std::move(done)});
}

void Hub::ReportDiscarded(const std::string& workshop_id,
                          const engine::DiscardedSnapshot& snapshot) {
  log::Error("snapshot at event " + std::to_string(snapshot.seq) +
                 " discarded, the log's state is served: " + snapshot.problem,
             workshop_id);
  metrics_.snapshots_discarded_total.Increment();
  std::shared_ptr<Room> room;
  {
    std::lock_guard lock(mu_);
    if (auto it = rooms_.find(workshop_id); it != rooms_.end()) room = it->second;
  }
  if (room) room->SnapshotDiscarded(snapshot.seq);
}

void Hub::OnResumeFloor(const std::string& workshop_id, uint64_t seq) {
  std::lock_guard lock(mu_);
  uint64_t& floor = resume_floors_[workshop_id];
  floor = std::max(floor, seq);
}

bool Hub::TakeOutOfService(const std::string& workshop_id, const std::string& reason) {
  std::shared_ptr<Room> room;
  {
    std::lock_guard lock(mu_);
    if (auto it = rooms_.find(workshop_id); it != rooms_.end()) room = it->second;
    if (!Forget(workshop_id, reason)) return false;
  }
  if (room) room->TakeOutOfService(reason);
  return true;
}

bool Hub::Forget(const std::string& workshop_id, const std::string& reason) {
  if (out_of_service_.contains(workshop_id)) return false;
  out_of_service_[workshop_id] = reason;
  if (auto it = known_.find(workshop_id); it != known_.end()) {
    join_codes_.erase(it->second.join_code);
    observer_codes_.erase(it->second.observer_code);
    known_.erase(it);
  }
  rooms_.erase(workshop_id);
  UpdateGauges();
  return true;
}

void Hub::UpdateGauges() {
  metrics_.workshops.Set(static_cast<int64_t>(known_.size()));
  metrics_.rooms_loaded.Set(static_cast<int64_t>(rooms_.size()));
}

size_t Hub::rooms_loaded() const {
  std::lock_guard lock(mu_);
  return rooms_.size();
}

std::vector<Hub::Codes> Hub::KnownCodes() const {
  std::lock_guard lock(mu_);
  std::vector<Codes> codes;
  codes.reserve(known_.size());
  for (const auto& [id, known] : known_) codes.push_back({id, known.join_code, known.observer_code});
  return codes;
}

bool Hub::Loaded(std::string_view workshop_id) const {
  std::lock_guard lock(mu_);
  return rooms_.contains(workshop_id);
}

std::shared_ptr<Room> Hub::RoomLocked(const std::string& workshop_id) {
  if (auto it = rooms_.find(workshop_id); it != rooms_.end()) return Room::Held(it->second);
  if (!known_.contains(workshop_id)) return nullptr;
  auto room = std::make_shared<Room>(executor_, service_, *this, workshop_id, options_);
  rooms_[workshop_id] = room;
  metrics_.rooms_loaded_total.Increment();
  UpdateGauges();
  if (auto floor = resume_floors_.find(workshop_id); floor != resume_floors_.end()) {
    room->RaiseResumeFloor(floor->second);
  }
  room->Load();
  return Room::Held(std::move(room));
}

std::shared_ptr<Room> Hub::Find(const std::string& workshop_id) {
  std::lock_guard lock(mu_);
  return RoomLocked(workshop_id);
}

std::string Hub::IdLocked(std::string_view workshop_id, std::string_view join_code,
                          std::string_view observer_code) const {
  if (!workshop_id.empty()) {
    return known_.contains(workshop_id) ? std::string(workshop_id) : std::string();
  }
  if (!join_code.empty()) {
    auto it = join_codes_.find(join_code);
    if (it != join_codes_.end()) return it->second;
  }
  if (!observer_code.empty()) {
    auto it = observer_codes_.find(observer_code);
    if (it != observer_codes_.end()) return it->second;
  }
  return {};
}

std::string Hub::Resolve(std::string_view workshop_id, std::string_view join_code,
                         std::string_view observer_code) const {
  std::lock_guard lock(mu_);
  return IdLocked(workshop_id, join_code, observer_code);
}

std::shared_ptr<Room> Hub::FindForHello(const v1::Hello& hello) {
  std::lock_guard lock(mu_);
  std::string id = hello.workshop_id();
  if (id.empty()) id = IdLocked({}, hello.join_code(), hello.observer_code());
  if (id.empty()) return nullptr;
  return RoomLocked(id);
}

// g++ 12 warns that the std::expected handed to TopIdeas' callback may be used uninitialized
// (inlined through std::function into the vector's iterator): a false positive.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
void Hub::Create(v1::CreateWorkshopRequest request, CreateDone done) {
  // Origins are the server's to set, from the workshop it read them from: a client's are dropped.
  v1::CreateWorkshop& workshop = *request.mutable_workshop();
  for (v1::IdeaSeed& seed : *workshop.mutable_ideas()) seed.clear_origin();
  for (v1::Criterion& c : *workshop.mutable_config()->mutable_criteria()) c.clear_origin();
  CarryIdeas(std::move(request), std::move(done));
}

void Hub::TopOf(const std::string& workshop_id, const std::string& token, size_t count,
                std::string_view what, TopDone done) {
  std::shared_ptr<Room> source = Find(workshop_id);
  if (!source) {
    done(std::unexpected(CreateProblem{"unknown_workshop", "no workshop to " + std::string(what)}));
    return;
  }
  source->TopIdeas(token, count, [done = std::move(done), source](auto seeds) {
    if (!seeds) {
      done(std::unexpected(
          CreateProblem{"bad_token", "the source workshop's animateur token is not valid"}));
      return;
    }
    done(*std::move(seeds));
  });
}

void Hub::CarryIdeas(v1::CreateWorkshopRequest request, CreateDone done) {
  if (request.carry_from_workshop_id().empty()) {
    TakeCriteria(std::move(request), std::move(done));
    return;
  }
  const std::string id = request.carry_from_workshop_id();
  const std::string token = request.carry_from_animateur_token();
  size_t count = request.carry_count() == 0 ? 5 : request.carry_count();
  TopOf(id, token, count, "carry ideas from",
        [this, request = std::move(request), done](auto seeds) mutable {
          if (!seeds) return done(std::unexpected(seeds.error()));
          for (v1::IdeaSeed& seed : *seeds) {
            *request.mutable_workshop()->add_ideas() = std::move(seed);
          }
          TakeCriteria(std::move(request), std::move(done));
        });
}

void Hub::TakeCriteria(v1::CreateWorkshopRequest request, CreateDone done) {
  if (request.criteria_from_workshop_id().empty()) {
    CreateWith(std::move(request), std::move(done));
    return;
  }
  const std::string id = request.criteria_from_workshop_id();
  const std::string token = request.criteria_from_animateur_token();
  size_t count = request.criteria_count() == 0 ? 3 : request.criteria_count();
  TopOf(id, token, count, "take criteria from",
        [this, request = std::move(request), done](auto seeds) mutable {
          if (!seeds) return done(std::unexpected(seeds.error()));
          if (seeds->empty()) {
            return done(std::unexpected(CreateProblem{
                "invalid_config",
                "criteria: the workshop to take them from has no idea with points yet"}));
          }
          v1::WorkshopConfig& config = *request.mutable_workshop()->mutable_config();
          for (v1::Criterion& c : workshop::CriteriaFrom(*seeds)) {
            *config.add_criteria() = std::move(c);
          }
          CreateWith(std::move(request), std::move(done));
        });
}

#pragma GCC diagnostic pop

void Hub::CreateWith(v1::CreateWorkshopRequest request, CreateDone done) {
  if (claims_ != nullptr) {
    // The codes are claimed in the cluster first: round trips, off the caller's thread.
    return net::post(housekeeping_, [this, request = std::move(request), done]() mutable {
      for (int attempt = 0; attempt < 8; ++attempt) {
        std::string id, join, observer;
        {
          std::lock_guard lock(mu_);
          DrawLocked(id, join, observer);
        }
        auto join_ok = claims_->Claim(join, id);
        auto observer_ok = join_ok && *join_ok ? claims_->Claim(observer, id) : join_ok;
        if (!join_ok || !observer_ok) {
          if (join_ok && *join_ok) claims_->Release(join, id);
          return done(std::unexpected(CreateProblem{
              "unavailable", "the servers cannot agree on new codes now: try again"}));
        }
        if (*join_ok && *observer_ok) {
          return CreateWithCodes(std::move(request), id, join, observer, std::move(done));
        }
        if (*join_ok) claims_->Release(join, id);  // another node's workshop has one: again
      }
      done(std::unexpected(CreateProblem{"unavailable", "no free code was found: try again"}));
    });
  }
  CreateWithCodes(std::move(request), {}, {}, {}, std::move(done));
}

void Hub::DrawLocked(std::string& id, std::string& join, std::string& observer) const {
  do id = engine::RandomHex(8);
  while (known_.contains(id) || rooms_.contains(id) || out_of_service_.contains(id) ||
         deleted_.contains(id));
  do join = engine::RandomDigits(8);
  while (join_codes_.contains(join));
  do observer = engine::RandomHex(6);
  while (observer_codes_.contains(observer));
}

void Hub::CreateWithCodes(v1::CreateWorkshopRequest request, std::string id, std::string join,
                          std::string observer, CreateDone done) {
  v1::CreateWorkshopResponse response;
  v1::WorkshopAccess access;
  std::string animateur_token = engine::NewToken();
  std::shared_ptr<Room> room;
  bool taken = false;
  {
    std::lock_guard lock(mu_);
    if (id.empty()) {
      DrawLocked(id, join, observer);  // under the lock that reserves them
    } else if (known_.contains(id) || rooms_.contains(id) || join_codes_.contains(join) ||
               observer_codes_.contains(observer)) {
      // Claimed in the cluster, but taken here meanwhile by a workshop that never claimed it.
      taken = true;
    }
  }
  if (taken) {
    return done(std::unexpected(
        CreateProblem{"unavailable", "the codes drawn were taken meanwhile: try again"}));
  }
  {
    std::lock_guard lock(mu_);
    access.set_join_code(join);
    access.set_observer_code(observer);
    access.set_animateur_token_sha256(engine::TokenHash(animateur_token));
    // Reserve the id and codes now; the room answers nothing until its creation is durable.
    room = std::make_shared<Room>(executor_, service_, *this, id, options_);
    rooms_[id] = room;
    join_codes_[join] = id;
    observer_codes_[observer] = id;
    response.set_workshop_id(id);
    room = Room::Held(std::move(room));
  }
  response.set_join_code(access.join_code());
  response.set_observer_code(access.observer_code());
  response.set_animateur_token(animateur_token);
  response.set_join_url("/?code=" + access.join_code());
  response.set_observer_url("/observer?code=" + access.observer_code());
  response.set_console_url("/console?workshop=" + response.workshop_id() +
                           "#token=" + animateur_token);
  // id: the workshop's (drawn or claimed above).
  room->Create(
      std::move(*request.mutable_workshop()), access,
      [this, id, access, response, done, room](std::expected<void, v1::Rejection> created) {
        {
          std::lock_guard lock(mu_);
          if (created) {
            known_[id] = Known{access.join_code(), access.observer_code()};
          } else {
            rooms_.erase(id);
            join_codes_.erase(access.join_code());
            observer_codes_.erase(access.observer_code());
          }
          UpdateGauges();
        }
        if (!created && claims_ != nullptr) {
          net::post(housekeeping_, [this, id, access] {
            claims_->Release(access.join_code(), id);
            claims_->Release(access.observer_code(), id);
          });
        }
        if (created) return done(response);
        const v1::Rejection& r = created.error();
        bool invalid = r.reason() != v1::REJECTION_REASON_UNSPECIFIED;
        done(std::unexpected(
            CreateProblem{invalid ? "invalid_config" : "unavailable", r.message()}));
      });
}

void Hub::Shutdown(std::function<void()> done) {
  std::vector<std::shared_ptr<Room>> rooms;
  {
    std::lock_guard lock(mu_);
    for (auto& [id, room] : rooms_) rooms.push_back(room);
  }
  if (rooms.empty()) {
    done();
    return;
  }
  auto left = std::make_shared<std::atomic<size_t>>(rooms.size());
  for (auto& room : rooms) {
    room->Shutdown([left, done] {
      if (left->fetch_sub(1) == 1) done();
    });
  }
}

void Hub::OnCommand(bool accepted, v1::RejectionReason reason) {
  metrics_.commands_total.Increment();
  if (!accepted) metrics_.CountRejection(reason);
}

void Hub::OnRound(size_t operations, size_t events) {
  metrics_.rounds_total.Increment();
  metrics_.round_operations_total.Increment(operations);
  metrics_.round_events_total.Increment(events);
}

void Hub::OnEventsDurable(size_t events, std::chrono::nanoseconds append_latency) {
  metrics_.events_appended_total.Increment(events);
  metrics_.ObserveAppendLatency(append_latency);
}

void Hub::OnDeliveries(size_t events, size_t frames) {
  metrics_.deliveries_total.Increment(events);
  if (frames) metrics_.frames_sent_total.Increment(frames);
}

void Hub::OnRoundStages(const RoundStages& stages) {
  using metrics::RoundStage;
  metrics_.ObserveRoundStage(RoundStage::kQueued, stages.queued);
  metrics_.ObserveRoundStage(RoundStage::kDecided, stages.decided);
  if (stages.logged) {
    metrics_.ObserveRoundStage(RoundStage::kWaiting, stages.waiting);
    metrics_.ObserveRoundStage(RoundStage::kDurable, stages.durable);
    metrics_.ObserveRoundStage(RoundStage::kResumed, stages.resumed);
  }
  metrics_.ObserveRoundStage(RoundStage::kHanded, stages.handed);
}

void Hub::OnAppendBusy() { metrics_.append_busy_total.Increment(); }

void Hub::OnStorageFailure(const std::string& workshop_id, const std::string& error) {
  metrics_.storage_failures_total.Increment();
  log::Warning(
      "a round could not be stored, its commands were refused (nothing applied); reading the "
      "workshop back from the log: " + error,
      workshop_id);
}

void Hub::OnOutOfService(const std::string& workshop_id, const std::string& reason) {
  std::lock_guard lock(mu_);
  if (!Forget(workshop_id, reason)) return;
  log::Error("out of service: " + reason, workshop_id);
  metrics_.chain_verify_failures_total.Increment();
}

bool Hub::OnIdle(Room& room) {
  std::lock_guard lock(mu_);
  auto it = rooms_.find(room.workshop_id());
  // Rooms are handed out only under this mutex (Room::Held): with no holder now, nobody can
  // post to it any more once it leaves the map.
  if (it == rooms_.end() || it->second.get() != &room || room.holders() != 0) return false;
  rooms_.erase(it);
  metrics_.rooms_unloaded_total.Increment();
  UpdateGauges();
  TrimSoon();
  return true;
}

void Hub::TrimSoon() {
  if (trim_pending_) return;
  trim_pending_ = true;
  // Once per wave of unloads, when the rooms are gone; a trim takes a few milliseconds.
  trim_timer_.expires_after(std::chrono::seconds(2));
  trim_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    {
      std::lock_guard lock(mu_);
      trim_pending_ = false;
    }
    malloc_trim(0);
  });
}

}  // namespace atelier::room
