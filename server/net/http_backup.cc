// HttpSession's POST /api/admin/backup: an online backup of the whole log, asked by an
// operator on the server's machine (`atelier backup`, a cron job, a systemd timer). Only a
// local client may start one (as for /metrics: behind a proxy, the client the trusted proxy
// names; a loopback peer carrying an untrusted proxy's headers is not local), since each backup
// takes disk space.
#include <boost/asio/post.hpp>

#include "server/log/log.h"
#include "server/http/api.h"
#include "server/http/problems.h"
#include "server/net/http_session.h"

namespace atelier::net {

namespace asio = boost::asio;
namespace v1 = atelier::v1;

void HttpSession::TakeBackup() {
  if (context_.backups == nullptr) return SendProblem(http::NotFound());
  if (!ClientIsLocal()) return SendProblem(http::BackupForbidden());
  if (!context_.backups->enabled()) return SendProblem(http::BackupsOff());
  const bool taking = context_.backups->Take([self = shared_from_this()](auto made) {
    asio::post(self->stream_.get_executor(), [self, made = std::move(made)] {
      if (!made) {
        log::Error("backup failed: " + made.error());
        return self->SendProblem(http::BackupFailed(made.error()));
      }
      log::Info("backup of " + std::to_string(made->workshops) + " workshop(s) in " +
                made->path.string());
      v1::BackupMade answer;
      answer.set_path(made->path.string());
      answer.set_workshops(static_cast<uint32_t>(made->workshops));
      self->SendJson(http::kCreated, http::ToJson(answer));
    });
  });
  if (!taking) SendProblem(http::BackupBusy());
}

}  // namespace atelier::net
