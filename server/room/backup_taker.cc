#include "server/room/backup_taker.h"

#include <boost/asio/post.hpp>
#include <ctime>

namespace atelier::room {

BackupTaker::BackupTaker(storage::EventLog& log, std::filesystem::path dir)
    : log_(log), dir_(std::move(dir)) {}

BackupTaker::~BackupTaker() { Stop(); }

void BackupTaker::Stop() { pool_.join(); }

std::string BackupTaker::NameAt(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char name[64];
  std::strftime(name, sizeof name, "atelier-backup-%Y%m%dT%H%M%SZ", &utc);
  return name;
}

bool BackupTaker::Take(Done done) {
  if (busy_.exchange(true)) return false;
  boost::asio::post(pool_, [this, done = std::move(done)] {
    auto made = TakeNow();
    busy_ = false;
    done(std::move(made));
  });
  return true;
}

std::expected<BackupMade, std::string> BackupTaker::TakeNow() {
  if (dir_.empty()) return std::unexpected("backups are off: start the server with --backup-dir");
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return std::unexpected("cannot make " + dir_.string() + ": " + ec.message());
  const std::string name = NameAt(std::chrono::system_clock::now());
  std::filesystem::path target = dir_ / name;
  for (int n = 2; std::filesystem::exists(target, ec); ++n) {
    target = dir_ / (name + "-" + std::to_string(n));
  }
  auto workshops = log_.ListWorkshops();
  if (!workshops) return std::unexpected(workshops.error().message);
  if (auto backup = log_.Backup(target); !backup) return std::unexpected(backup.error().message);
  return BackupMade{target, workshops->size()};
}

}  // namespace atelier::room
