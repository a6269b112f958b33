// HttpSession in a cluster: the API of one workshop (results, archive, timeline, synthesis and
// raw data, deletion; a creation that carries its ideas or takes its criteria) on a node that
// does not serve it (its log is elsewhere, or here is a copy without the workshop's lease) is
// answered by the node that serves it
// (server/cluster/node.h ForwardHttp), as that node's own listener answers; this node's limits
// (AdmitApi) apply first. The answer must fit in one NATS message (a 502 says so otherwise).
#include <boost/asio/post.hpp>

#include "server/http/problems.h"
#include "server/net/http_session.h"

namespace atelier::net {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
namespace v1 = atelier::v1;

bool HttpSession::ForwardIfElsewhere(const http::Route& route) {
  if (context_.cluster == nullptr || route.workshop_id.empty()) return false;
  switch (route.kind) {
    case http::Route::kResults:
    case http::Route::kArchive:
    case http::Route::kDeleteWorkshop:
    case http::Route::kTimeline:
    case http::Route::kReport:
      break;
    default:
      return false;
  }
  if (ServedHere(route.workshop_id)) return false;
  if (!AdmitApi()) return true;
  Forward(route.workshop_id);
  return true;
}

bool HttpSession::ServedHere(const std::string& workshop_id) const {
  if (context_.hub.Resolve(workshop_id, {}, {}).empty()) return false;  // its log is elsewhere
  return context_.cluster == nullptr || context_.cluster->HoldsLease(workshop_id) ||
         PerformedForANode();
}

void HttpSession::Forward(const std::string& workshop_id) {
  v1::HttpForward forward;
  forward.set_method(std::string(request_.method_string()));
  forward.set_target(std::string(request_.target()));
  forward.set_authorization(std::string(request_[bhttp::field::authorization]));
  forward.set_content_type(std::string(request_[bhttp::field::content_type]));
  forward.set_body(request_.body());
  forward.set_client_address(ClientAddress().to_string());
  context_.cluster->ForwardHttp(workshop_id, std::move(forward),
                                [self = shared_from_this()](v1::HttpForwarded answer) {
                                  asio::post(self->stream_.get_executor(),
                                             [self, answer = std::move(answer)] {
                                               self->SendForwarded(answer);
                                             });
                                });
}

}  // namespace atelier::net
