#include "server/room/retention.h"

#include <boost/asio/post.hpp>
#include <ctime>
#include <memory>

#include "atelier/v1/events.pb.h"
#include "server/log/log.h"

namespace atelier::room {
namespace {

namespace v1 = atelier::v1;

// "2026-11-30" (UTC).
std::string Date(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

}  // namespace

std::expected<int64_t, std::string> ConclusionTimeMs(storage::EventLog& log,
                                                     const std::string& workshop_id) {
  int64_t last_ms = 0;
  int64_t concluded_ms = 0;
  bool concluded = false;
  v1::Event event;
  std::string error;
  auto read = log.ForEach(workshop_id, 1, [&](uint64_t seq, const v1::LoggedEvent& logged) {
    if (!event.ParseFromString(logged.event())) {
      error = "event " + std::to_string(seq) + " cannot be decoded";
      return false;
    }
    last_ms = event.server_time_ms();
    if (event.has_phase_changed()) {
      concluded = event.phase_changed().to() == v1::PHASE_CONCLUSION;
      if (concluded) concluded_ms = event.server_time_ms();
    }
    return true;
  });
  if (!read) return std::unexpected(read.error().message);
  if (!error.empty()) return std::unexpected(error);
  return concluded ? concluded_ms : last_ms;
}

Retention::Retention(storage::EventLog& log, std::chrono::milliseconds after, NowMs now,
                     Remove remove, metrics::Metrics& metrics)
    : log_(log), after_(after), now_(std::move(now)), remove_(std::move(remove)), metrics_(metrics) {}

Retention::~Retention() { Stop(); }

std::vector<std::string> Retention::Sweep() {
  std::vector<std::string> deleted;
  auto ids = log_.ListWorkshops();
  if (!ids) {
    log::Warning("retention: the workshops cannot be listed now: " + ids.error().message);
    return deleted;
  }
  std::map<std::string, Seen> seen;
  for (const std::string& id : *ids) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return deleted;
    }
    auto head = log_.Head(id);
    if (!head) continue;
    Seen entry;
    if (auto it = seen_.find(id); it != seen_.end() && it->second.head_seq == head->seq) {
      entry = it->second;
    } else {
      auto conclusion = ConclusionTimeMs(log_, id);
      if (!conclusion) {
        log::Warning("retention: its conclusion cannot be read: " + conclusion.error(), id);
        continue;
      }
      entry = Seen{head->seq, *conclusion};
    }
    const int64_t due_ms = entry.conclusion_ms + after_.count();
    if (entry.head_seq == 0 || now_() < due_ms || !RemoveAndWait(id)) {
      seen[id] = entry;
      continue;
    }
    const int64_t days = after_.count() / (24 * 3600 * 1000);
    log::Info("deleted by retention (--retention-days " + std::to_string(days) +
                  "): concluded or last used on " + Date(entry.conclusion_ms) +
                  "; its events, snapshots, codes and tokens are purged from the log",
              id);
    metrics_.retention_deletions_total.Increment();
    deleted.push_back(id);
  }
  seen_ = std::move(seen);  // forgets the workshops deleted or gone
  return deleted;
}

bool Retention::RemoveAndWait(const std::string& workshop_id) {
  struct Answer {
    bool given = false;
    bool deleted = false;
  };
  auto answer = std::make_shared<Answer>();
  remove_(workshop_id, [this, answer](bool deleted) {
    std::lock_guard lock(mu_);
    answer->given = true;
    answer->deleted = deleted;
    changed_.notify_all();
  });
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return answer->given || stopping_; });
  return answer->given && answer->deleted;
}

void Retention::Start(std::chrono::milliseconds interval) {
  boost::asio::post(thread_, [this, interval] {
    Sweep();
    Arm(interval);
  });
}

void Retention::Arm(std::chrono::milliseconds interval) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
  }
  timer_.expires_after(interval);
  timer_.async_wait([this, interval](boost::system::error_code ec) {
    if (ec) return;
    Sweep();
    Arm(interval);
  });
}

void Retention::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    changed_.notify_all();
  }
  boost::asio::post(thread_, [this] { timer_.cancel(); });
  thread_.join();
}

}  // namespace atelier::room
