// BackupTaker: takes online backups of the whole event log (storage::EventLog::Backup) into
// the --backup-dir, on a thread of its own: no I/O thread waits for the flush and the links.
// Each backup is a new directory "atelier-backup-YYYYMMDDTHHMMSSZ" (with "-2", "-3"... when
// one second holds several), which opens as a data directory: to restore, stop the server and
// start it on a copy of that directory (README, "Backups").
//
// One at a time: while a backup is being taken, Take refuses at once (the caller answers 503).
//
// Thread safety: Take may be called from any thread; `done` runs on the taker's thread. Stop()
// (or the destructor) waits for the backup in progress; call it before closing the log.
#ifndef ATELIER_SERVER_ROOM_BACKUP_TAKER_H_
#define ATELIER_SERVER_ROOM_BACKUP_TAKER_H_

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <expected>
#include <filesystem>
#include <functional>
#include <string>

#include "storage/event_log.h"

namespace atelier::room {

struct BackupMade {
  std::filesystem::path path;
  size_t workshops = 0;  // workshops in the log when the backup was taken
};

class BackupTaker {
 public:
  // `dir` is made when missing; empty: backups are off (Take answers an error).
  BackupTaker(storage::EventLog& log, std::filesystem::path dir);
  ~BackupTaker();

  // The name of a backup taken at `when` (UTC): "atelier-backup-20261130T191500Z".
  static std::string NameAt(std::chrono::system_clock::time_point when);

  bool enabled() const { return !dir_.empty(); }
  // The error says what failed (the directory, the disk, the log).
  using Done = std::function<void(std::expected<BackupMade, std::string>)>;
  // False, and `done` never called, while another backup is being taken.
  [[nodiscard]] bool Take(Done done);

  void Stop();

 private:
  std::expected<BackupMade, std::string> TakeNow();

  storage::EventLog& log_;
  const std::filesystem::path dir_;
  std::atomic<bool> busy_{false};
  boost::asio::thread_pool pool_{1};
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_BACKUP_TAKER_H_
