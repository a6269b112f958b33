#include "server/room/hub.h"

#include <boost/asio/post.hpp>
#include <iostream>

#include "server/engine/secrets.h"
#include "server/engine/workshop_loader.h"

namespace atelier::room {

namespace net = boost::asio;
namespace v1 = atelier::v1;

namespace {

// An error of the engine or the log without its leading "workshop ID: ", which they add.
std::string WithoutWorkshopPrefix(std::string error, const std::string& workshop_id) {
  if (const std::string prefix = "workshop " + workshop_id + ": "; error.starts_with(prefix)) {
    error.erase(0, prefix.size());
  }
  return error;
}

}  // namespace

Hub::Hub(net::any_io_executor executor, storage::EventLog& log, http::Metrics& metrics,
         RoomOptions options)
    : executor_(std::move(executor)), log_(log), metrics_(metrics), options_(options) {}

Hub::~Hub() { StopBackground(); }

void Hub::StopBackground() {
  stopping_ = true;
  verifier_.join();
  reloads_.join();
  snapshots_.join();
}

std::expected<std::shared_ptr<Room>, std::string> Hub::AddRoom(workshop::WorkshopState state) {
  const uint64_t keep = std::min<uint64_t>(state.seq, options_.recent_events);
  auto recent = log_.Read(state.workshop_id, state.seq - keep + 1, keep);
  if (!recent) return std::unexpected(recent.error().message);
  auto room = std::make_shared<Room>(executor_, log_, *this, state, options_, *std::move(recent));
  std::lock_guard lock(mu_);
  join_codes_[state.access.join_code()] = state.workshop_id;
  observer_codes_[state.access.observer_code()] = state.workshop_id;
  rooms_[state.workshop_id] = room;
  metrics_.workshops.Set(static_cast<int64_t>(rooms_.size()));
  return room;
}

std::expected<void, std::string> Hub::LoadAll() {
  auto ids = log_.ListWorkshops();
  if (!ids) return std::unexpected(ids.error().message);
  engine::LoadOptions options;
  options.verify = engine::LoadOptions::Verify::kAfterSnapshot;
  for (const std::string& id : *ids) {
    auto state = engine::LoadWorkshop(log_, id, options);
    auto room = state ? AddRoom(*std::move(state)) : std::unexpected(state.error());
    if (!room) {
      const std::string reason = WithoutWorkshopPrefix(room.error(), id);
      std::cerr << "atelier-server: workshop " << id
                << " left out (the others are served): its log failed to load: " << reason << "\n";
      metrics_.chain_verify_failures_total.Increment();
      std::lock_guard lock(mu_);
      out_of_service_[id] = reason;
      continue;
    }
    (*room)->Start();
    loaded_.push_back(id);
  }
  return {};
}

void Hub::VerifyInBackground(std::function<void()> done) {
  net::post(verifier_, [this, done = std::move(done)] {
    for (const std::string& id : loaded_) {
      if (stopping_) return;
      auto head = log_.VerifyChain(id);
      if (head) {
        metrics_.chains_verified_total.Increment();
        continue;
      }
      const storage::Error& error = head.error();
      if (error.code != storage::Error::Code::kBrokenChain &&
          error.code != storage::Error::Code::kCorruption) {
        if (stopping_) return;  // the log is being closed
        std::cerr << "atelier-server: workshop " << id
                  << ": the whole chain could not be checked: " << error.message << "\n";
        continue;
      }
      const std::string reason = WithoutWorkshopPrefix(error.message, id);
      std::cerr << "atelier-server: workshop " << id
                << ": the log failed its integrity check: " << reason << "\n";
      metrics_.chain_verify_failures_total.Increment();
      TakeOutOfService(id, "the workshop's log failed its integrity check");
    }
    if (done) done();
  });
}

void Hub::TakeOutOfService(const std::string& workshop_id, const std::string& reason) {
  std::shared_ptr<Room> room;
  {
    std::lock_guard lock(mu_);
    out_of_service_[workshop_id] = reason;
    if (auto it = rooms_.find(workshop_id); it != rooms_.end()) {
      room = std::move(it->second);
      rooms_.erase(it);
    }
    std::erase_if(join_codes_, [&](const auto& entry) { return entry.second == workshop_id; });
    std::erase_if(observer_codes_, [&](const auto& entry) { return entry.second == workshop_id; });
    metrics_.workshops.Set(static_cast<int64_t>(rooms_.size()));
  }
  if (room) room->TakeOutOfService(reason);
}

void Hub::Create(v1::CreateWorkshopRequest request, CreateDone done) {
  if (request.carry_from_workshop_id().empty()) {
    CreateWith(std::move(request), std::move(done));
    return;
  }
  std::shared_ptr<Room> source = Find(request.carry_from_workshop_id());
  if (!source) {
    done(
        std::unexpected(CreateProblem{404, "unknown_workshop", "no workshop to carry ideas from"}));
    return;
  }
  size_t count = request.carry_count() == 0 ? 5 : request.carry_count();
  std::string token = request.carry_from_animateur_token();
  source->TopIdeas(token, count, [this, request = std::move(request), done](auto seeds) mutable {
    if (!seeds) {
      done(std::unexpected(
          CreateProblem{403, "bad_token", "the source workshop's animateur token is not valid"}));
      return;
    }
    for (v1::IdeaSeed& seed : *seeds) *request.mutable_workshop()->add_ideas() = std::move(seed);
    CreateWith(std::move(request), std::move(done));
  });
}

void Hub::CreateWith(v1::CreateWorkshopRequest request, CreateDone done) {
  v1::CreateWorkshopResponse response;
  v1::WorkshopAccess access;
  std::string animateur_token = engine::NewToken();
  std::shared_ptr<Room> room;
  {
    std::lock_guard lock(mu_);
    std::string id;
    do id = engine::RandomHex(8);
    while (rooms_.contains(id) || out_of_service_.contains(id));
    std::string join;
    do join = engine::RandomDigits(8);
    while (join_codes_.contains(join));
    std::string observer;
    do observer = engine::RandomHex(6);
    while (observer_codes_.contains(observer));
    access.set_join_code(join);
    access.set_observer_code(observer);
    access.set_animateur_token_sha256(engine::TokenHash(animateur_token));
    // Reserve the id and codes now; the room answers nothing until its creation is durable.
    workshop::WorkshopState empty;
    room = std::make_shared<Room>(executor_, log_, *this, empty, options_);
    rooms_[id] = room;
    join_codes_[join] = id;
    observer_codes_[observer] = id;
    response.set_workshop_id(id);
  }
  response.set_join_code(access.join_code());
  response.set_observer_code(access.observer_code());
  response.set_animateur_token(animateur_token);
  response.set_join_url("/?code=" + access.join_code());
  response.set_observer_url("/observer?code=" + access.observer_code());
  response.set_console_url("/console?workshop=" + response.workshop_id() +
                           "#token=" + animateur_token);
  const std::string id = response.workshop_id();
  room->Create(
      id, std::move(*request.mutable_workshop()), access,
      [this, id, access, response, done](std::expected<void, v1::Rejection> created) {
        if (created) {
          {
            std::lock_guard lock(mu_);
            metrics_.workshops.Set(static_cast<int64_t>(rooms_.size()));
          }
          done(response);
          return;
        }
        {
          std::lock_guard lock(mu_);
          rooms_.erase(id);
          join_codes_.erase(access.join_code());
          observer_codes_.erase(access.observer_code());
        }
        const v1::Rejection& r = created.error();
        bool invalid = r.reason() != v1::REJECTION_REASON_UNSPECIFIED;
        done(std::unexpected(CreateProblem{
            invalid ? 400 : 503, invalid ? "invalid_config" : "unavailable", r.message()}));
      });
}

std::shared_ptr<Room> Hub::Find(const std::string& workshop_id) const {
  std::lock_guard lock(mu_);
  auto it = rooms_.find(workshop_id);
  return it == rooms_.end() ? nullptr : it->second;
}

std::shared_ptr<Room> Hub::FindForHello(const v1::Hello& hello) const {
  std::lock_guard lock(mu_);
  std::string id = hello.workshop_id();
  if (id.empty() && !hello.join_code().empty()) {
    auto it = join_codes_.find(hello.join_code());
    if (it != join_codes_.end()) id = it->second;
  }
  if (id.empty() && !hello.observer_code().empty()) {
    auto it = observer_codes_.find(hello.observer_code());
    if (it != observer_codes_.end()) id = it->second;
  }
  auto it = rooms_.find(id);
  return it == rooms_.end() ? nullptr : it->second;
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

void Hub::OnEventsDurable(size_t events, std::chrono::nanoseconds append_latency) {
  metrics_.events_appended_total.Increment(events);
  metrics_.ObserveAppendLatency(append_latency);
}

void Hub::OnDeliveries(size_t events, size_t frames) {
  metrics_.deliveries_total.Increment(events);
  if (frames) metrics_.frames_sent_total.Increment(frames);
}

void Hub::OnFailed(const std::string& workshop_id, const std::string& error) {
  std::cerr << "atelier-server: workshop " << workshop_id << " stopped: " << error
            << "; reloading it from the log\n";
  net::post(reloads_, [this, workshop_id] {
    {
      std::lock_guard lock(mu_);
      if (out_of_service_.contains(workshop_id)) return;
    }
    auto state = engine::LoadWorkshop(log_, workshop_id);
    if (!state) {
      std::cerr << "atelier-server: workshop " << workshop_id
                << " cannot be reloaded: " << state.error() << "\n";
      return;
    }
    auto room = AddRoom(*std::move(state));
    if (!room) {
      std::cerr << "atelier-server: workshop " << workshop_id
                << " cannot be reloaded: " << room.error() << "\n";
      return;
    }
    (*room)->Start();
  });
}

void Hub::OnSnapshot(const std::string& workshop_id, uint64_t seq, std::string bytes,
                     std::function<void()> done) {
  net::post(snapshots_, [this, workshop_id, seq, bytes = std::move(bytes), done = std::move(done)] {
    if (auto put = log_.PutSnapshot(workshop_id, seq, bytes); !put) {
      std::cerr << "atelier-server: workshop " << workshop_id << ": snapshot at event " << seq
                << " not saved (the log is complete; a restart folds more events): "
                << put.error().message << "\n";
    }
    done();
  });
}

}  // namespace atelier::room
