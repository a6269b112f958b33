#include "server/room/log_service.h"

#include <boost/asio/post.hpp>

#include "server/engine/workshop_loader.h"
#include "server/room/background_pool.h"
#include "server/log/log.h"

namespace atelier::room {

namespace net = boost::asio;

LogService::LogService(storage::EventLog& log, size_t recent_events, OnDiscarded on_discarded)
    : log_(log), recent_events_(recent_events), on_discarded_(std::move(on_discarded)) {
  // A client waits for its load; nobody waits for a snapshot or its check (background_pool.h):
  // a snapshot of 20 rooms at once held commands back by up to a second at the process's nice
  // value (BENCHMARKS.md). A room keeps one snapshot in the making at most, so a slower one holds
  // its copy of the state longer, not more of them.
  SetUpPoolThread(loads_, "atelier-loads", 0);
  SetUpPoolThread(snapshots_, "atelier-snap", kBackgroundNice);
  SetUpPoolThread(checks_, "atelier-checks", kBackgroundNice);
}

LogService::~LogService() { Stop(); }

void LogService::Stop() {
  loads_.join();
  snapshots_.join();
  checks_.join();
}

void LogService::Append(std::vector<storage::SealedEvent> events, storage::AppendCallback done) {
  log_.Append(std::move(events), std::move(done));
}

void LogService::Load(const std::string& workshop_id, From from, LoadDone done) {
  net::post(loads_, [this, workshop_id, from, done = std::move(done)] {
    engine::LoadOptions options;
    options.verify = engine::LoadOptions::Verify::kAfterSnapshot;
    options.use_snapshots = from == From::kSnapshot;
    engine::LoadStats stats;
    auto state = engine::LoadWorkshop(log_, workshop_id, options, &stats);
    if (on_discarded_) {
      for (const engine::DiscardedSnapshot& discarded : stats.discarded) {
        on_discarded_(workshop_id, discarded);
      }
    }
    if (!state) return done(std::unexpected(state.error()));
    if (!state->created) return done(std::unexpected("workshop " + workshop_id + ": no events"));
    const uint64_t keep = std::min<uint64_t>(state->seq, recent_events_);
    auto recent = log_.ReadSealed(workshop_id, state->seq - keep + 1, keep);
    if (!recent) return done(std::unexpected(recent.error().message));
    const uint64_t snapshot_seq = stats.snapshot_seq;
    done(LoadedWorkshop{*std::move(state), *std::move(recent), snapshot_seq});
    if (snapshot_seq != 0) CheckLater(workshop_id, snapshot_seq);
  });
}

void LogService::CheckLater(const std::string& workshop_id, uint64_t seq) {
  {
    std::lock_guard lock(mu_);
    if (!checked_.emplace(workshop_id, seq).second) return;
  }
  net::post(checks_, [this, workshop_id, seq] {
    // The newest snapshot first, down to the one the load used (newer ones, written since by the
    // room, are checked too: they were made from the same state).
    auto checked = engine::CheckSnapshots(log_, workshop_id, [&](const auto& discarded) {
      if (on_discarded_) on_discarded_(workshop_id, discarded);
    });
    if (!checked) {
      log::Warning("snapshot at event " + std::to_string(seq) +
                       " not checked against the log (the background check will): " +
                       checked.error(),
                   workshop_id);
      std::lock_guard lock(mu_);
      checked_.erase({workshop_id, seq});
    }
  });
}

void LogService::SaveSnapshot(const std::string& workshop_id, uint64_t seq,
                              std::function<std::string()> make_bytes, std::function<void()> done) {
  net::post(snapshots_, [this, workshop_id, seq, make_bytes = std::move(make_bytes),
                         done = std::move(done)] {
    const std::string bytes = make_bytes();
    if (bytes.empty()) return done();
    if (auto put = log_.PutSnapshot(workshop_id, seq, bytes); !put) {
      log::Warning("snapshot at event " + std::to_string(seq) +
                       " not saved (the log is complete; a load folds more events): " +
                       put.error().message,
                   workshop_id);
    }
    done();
  });
}

}  // namespace atelier::room
