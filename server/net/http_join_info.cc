// HttpSession's GET /api/join/{code}: what a device needs before joining with a join code; and
// GET /api/templates, what the console's create form starts from.
// A code is a guessable credential: the request is admitted like a Hello with a code (the
// address's failed-attempt bucket), and a code that is no workshop's is a failed attempt.
#include <boost/asio/post.hpp>

#include "server/http/api.h"
#include "server/http/problems.h"
#include "server/net/http_session.h"
#include "server/workshop/templates.h"

namespace atelier::net {

namespace asio = boost::asio;
namespace v1 = atelier::v1;

void HttpSession::ServeJoinInfo(const std::string& join_code) {
  if (!AdmitApi() || !AdmitAttempt()) return;
  v1::Hello by_code;
  by_code.set_join_code(join_code);
  std::shared_ptr<room::Room> room = context_.hub.FindForHello(by_code);
  if (room && !ServedHere(room->workshop_id())) room = nullptr;  // a copy: asked where served
  if (!room && context_.cluster != nullptr) {
    // Owned by another node of the cluster: asked there.
    return context_.cluster->JoinInfo(join_code, [self = shared_from_this()](auto info) {
      asio::post(self->stream_.get_executor(), [self, info = std::move(info)] {
        if (info) return self->SendJson(http::kOk, http::ToJson(*info));
        if (info.error() != "unknown_workshop") {
          return self->SendProblem(http::WorkshopUnavailable());
        }
        self->AttemptFailed(metrics::AuthKind::kJoinCode);
        self->SendProblem(http::UnknownJoinCode());
      });
    });
  }
  if (!room) {
    AttemptFailed(metrics::AuthKind::kJoinCode);
    return SendProblem(http::UnknownJoinCode());
  }
  room->JoinInfo([self = shared_from_this()](auto info) {
    asio::post(self->stream_.get_executor(), [self, info = std::move(info)] {
      if (!info) return self->SendProblem(http::WorkshopUnavailable());
      self->SendJson(http::kOk, http::ToJson(*info));
    });
  });
}

void HttpSession::ServeTemplates() {
  if (!AdmitApi()) return;
  static const std::string* const json = new std::string(http::ToJson(workshop::Templates()));
  SendJson(http::kOk, *json);
}

}  // namespace atelier::net
