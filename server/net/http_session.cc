#include "server/net/http_session.h"

#include <boost/asio/post.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <algorithm>

#include "server/cluster/http_forward.h"
#include "server/http/api.h"
#include "server/http/forwarded_for.h"
#include "server/http/problems.h"
#include "server/http/route.h"
#include "server/http/static_files.h"
#include "server/http/url.h"
#include "server/log/log.h"
#include "report/raw_csv.h"
#include "report/raw_data.h"
#include "report/synthesis.h"
#include "server/net/address_key.h"
#include "server/net/hello_gate.h"
#include "server/net/metrics_access.h"

namespace atelier::net {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;
namespace v1 = atelier::v1;

HttpSession::HttpSession(asio::ip::tcp::socket&& socket, const ServerContext& context,
                         Admission admission, bool metrics_only)
    : stream_(std::move(socket)),
      context_(context),
      metrics_only_(metrics_only),
      admission_(std::move(admission)) {
  beast::error_code ec;
  peer_ = stream_.socket().remote_endpoint(ec).address();
}

bool HttpSession::PerformedForANode() const {
  if (context_.cluster == nullptr) return false;
  const auto key = request_.find(cluster::kForwardKeyHeader);
  return key != request_.end() && context_.cluster->IsOwnForwardKey(key->value());
}

std::optional<asio::ip::address> HttpSession::ForwardedClient() const {
  const auto client = request_.find(cluster::kClientHeader);
  if (client == request_.end() || !PerformedForANode()) return std::nullopt;
  beast::error_code ec;
  const asio::ip::address address = asio::ip::make_address(std::string_view(client->value()), ec);
  if (ec) return std::nullopt;
  return address;
}

asio::ip::address HttpSession::ClientAddress() const {
  if (const auto forwarded = ForwardedClient()) return *forwarded;
  const auto& proxies = context_.trusted_proxies;
  if (std::find(proxies.begin(), proxies.end(), peer_) == proxies.end()) return peer_;
  const auto header = request_.find("X-Forwarded-For");
  if (header == request_.end()) return peer_;
  beast::error_code ec;
  const asio::ip::address client =
      asio::ip::make_address(http::LastForwardedFor(header->value()), ec);
  return ec ? peer_ : client;
}

bool HttpSession::ClientIsLocal() const {
  if (const auto forwarded = ForwardedClient()) return IsLoopback(*forwarded);
  const auto& proxies = context_.trusted_proxies;
  if (std::find(proxies.begin(), proxies.end(), peer_) != proxies.end()) {
    return IsLoopback(ClientAddress());
  }
  // A proxy that is not trusted forwards requests from anywhere: it says so in these headers
  // (nginx, Apache, HAProxy); a local client does not.
  for (const char* header : {"X-Forwarded-For", "Forwarded", "X-Real-IP"}) {
    if (request_.find(header) != request_.end()) return false;
  }
  return IsLoopback(peer_);
}

void HttpSession::ServeMetrics() {
  const MetricsDecision decision = DecideMetricsAccess(
      context_.metrics_token_sha256, metrics_only_, ClientIsLocal(),
      http::BearerToken(request_[bhttp::field::authorization]));
  if (decision == MetricsDecision::kAllowed) {
    return SendText(http::kOk, std::string(metrics::kMetricsContentType),
                    context_.metrics.Render() + context_.edge_metrics.Render());
  }
  if (decision == MetricsDecision::kBadToken) {
    context_.edge_metrics.CountAuthFailure(metrics::AuthKind::kMetricsToken);
    return SendProblem(http::BadMetricsToken());
  }
  SendProblem(http::MetricsForbidden());
}

void HttpSession::Run() {
  if (admission_.slot) {
    admission_.slot->SetEvictor([weak = weak_from_this(), executor = stream_.get_executor()] {
      asio::post(executor, [weak] {
        if (auto self = weak.lock()) self->Evict();
      });
    });
  }
  asio::dispatch(stream_.get_executor(),
                 beast::bind_front_handler(&HttpSession::DoRead, shared_from_this()));
}

void HttpSession::DoRead() {
  parser_.emplace();
  parser_->body_limit(http::kMaxBodyBytes);
  parser_->header_limit(static_cast<uint32_t>(context_.http_limits.max_header_bytes));
  // Absolute: the whole request must be in by then, however its bytes trickle in.
  stream_.expires_after(admission_.refused ? std::chrono::seconds(5)
                                           : context_.http_limits.request_timeout);
  if (admission_.slot) admission_.slot->SetIdle(true);
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

void HttpSession::OnRead(beast::error_code ec, size_t) {
  if (admission_.slot) admission_.slot->SetIdle(false);
  if (ec == bhttp::error::end_of_stream) {
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    return;
  }
  if (ec == bhttp::error::header_limit) {
    context_.edge_metrics.CountRefusal(metrics::Limit::kHeaderSize);
    request_ = {};
    request_.keep_alive(false);
    return SendProblem(http::HeadersTooLarge(context_.http_limits.max_header_bytes));
  }
  if (ec == beast::error::timeout && parser_->got_some()) {
    // Part of a request came, not the whole of it in time (an idle keep-alive connection
    // timing out is not counted). The stream is closed: nothing can be answered.
    context_.edge_metrics.CountRefusal(metrics::Limit::kRequestTimeout);
    return;
  }
  if (ec == bhttp::error::body_limit) {
    request_ = parser_->release();
    request_.keep_alive(false);
    return SendProblem(http::BodyTooLarge());
  }
  if (ec) return;
  request_ = parser_->release();
  Route();
}

void HttpSession::Route() {
  if (admission_.refused) return Refuse(*admission_.refused);
  const http::Route route = http::MatchRoute(request_.method_string(), request_.target());
  if (metrics_only_ && route.kind != http::Route::kHealth && route.kind != http::Route::kMetrics) {
    return SendProblem(http::OnlyMetricsHere());
  }
  if (ForwardIfElsewhere(route)) return;
  switch (route.kind) {
    case http::Route::kHealth:
      return SendText(http::kOk, "text/plain; charset=utf-8", "ok\n");
    case http::Route::kMetrics:
      return ServeMetrics();
    case http::Route::kWebSocket:
      if (!beast::websocket::is_upgrade(request_)) {
        return SendProblem(http::UpgradeRequired());
      }
      return UpgradeToWebSocket();
    case http::Route::kCreateWorkshop: {
      if (!AdmitApi()) return;
      std::optional<std::string> organizer = Organizer();
      if (!organizer) return;
      auto request = http::ParseCreateRequest(request_.body());
      if (!request) return SendProblem(request.error());
      // In a cluster, a workshop made from another one (its ideas or its criteria) is made by
      // the node that serves that one.
      const std::string& source = !request->carry_from_workshop_id().empty()
                                      ? request->carry_from_workshop_id()
                                      : request->criteria_from_workshop_id();
      if (context_.cluster != nullptr && !source.empty() && !ServedHere(source)) {
        return Forward(source);
      }
      // Naming another workshop with its token is a guess to pay for, as a Hello's is.
      if ((!request->carry_from_workshop_id().empty() ||
           !request->criteria_from_workshop_id().empty()) &&
          !AdmitAttempt()) {
        return;
      }
      context_.hub.Create(*std::move(request), [self = shared_from_this(),
                                                organizer = *std::move(organizer)](auto created) {
        asio::post(self->stream_.get_executor(), [self, created = std::move(created), organizer] {
          if (!created) {
            const room::CreateProblem& p = created.error();
            if (p.code == "bad_token") self->AttemptFailed(metrics::AuthKind::kToken);
            if (p.code == "unknown_workshop") self->AttemptFailed(metrics::AuthKind::kWorkshopId);
            return self->SendProblem(http::CreateFailure(p.code, p.message));
          }
          log::Info("created by " + organizer, created->workshop_id());
          self->SendJson(http::kCreated, http::ToJson(*created));
        });
      });
      return;
    }
    case http::Route::kResults: {
      if (!AdmitApi() || !AdmitAttempt()) return;
      std::shared_ptr<room::Room> room = context_.hub.Find(route.workshop_id);
      if (!room) {
        AttemptFailed(metrics::AuthKind::kWorkshopId);
        return SendProblem(http::UnknownWorkshop());
      }
      std::string token = http::BearerToken(request_[bhttp::field::authorization]);
      std::string observer = http::QueryParam(request_.target(), "observer");
      // A right observer code is refused too while observers may not see results: only a code
      // that is not this workshop's is a failed attempt.
      v1::Hello by_code;
      by_code.set_observer_code(observer);
      const bool observer_known = !observer.empty() && context_.hub.FindForHello(by_code) == room;
      room->Results(token, observer, [self = shared_from_this(), has_token = !token.empty(),
                                      observer_known](auto results) {
        asio::post(self->stream_.get_executor(), [self, results = std::move(results), has_token,
                                                  observer_known] {
          if (!results) {
            if (has_token || !observer_known) {
              self->AttemptFailed(has_token ? metrics::AuthKind::kToken
                                            : metrics::AuthKind::kObserverCode);
            }
            return self->SendProblem(http::ResultsNotAllowed());
          }
          self->SendJson(http::kOk, http::ToJson(*results));
        });
      });
      return;
    }
    case http::Route::kArchive:
      return ServeArchive(route.workshop_id);
    case http::Route::kDeleteWorkshop:
      return DeleteWorkshop(route.workshop_id);
    case http::Route::kTimeline:
      return ServeTimeline(route.workshop_id);
    case http::Route::kReport:
      return ServeReport(route);
    case http::Route::kTemplates:
      return ServeTemplates();
    case http::Route::kJoinInfo:
      return ServeJoinInfo(route.join_code);
    case http::Route::kBackup:
      return TakeBackup();
    case http::Route::kStatic:
      return ServeStatic();
    case http::Route::kMethodNotAllowed:
      return SendProblem(http::MethodNotAllowed());
    case http::Route::kNotFound:
      break;
  }
  SendProblem(http::NotFound());
}

void HttpSession::UpgradeToWebSocket() {
  const auto origin = request_.find(bhttp::field::origin);
  if (origin != request_.end() &&
      !context_.origins.Allows(origin->value(), request_[bhttp::field::host])) {
    context_.edge_metrics.CountRefusal(metrics::Limit::kOrigin);
    return SendProblem(http::OriginNotAllowed(origin->value()));
  }
  const AddressKey client = AddressKey::Of(ClientAddress());
  if (admission_.slot) {
    // Through a trusted proxy: from now on the connection is its client's (a no-op for others).
    if (auto rekeyed = admission_.slot->Rekey(client); !rekeyed) {
      context_.edge_metrics.CountRefusal(rekeyed.error());
      return Refuse(rekeyed.error());
    }
  }
  context_.metrics.CountHttpResponse(http::kSwitchingProtocols);
  // What the client sent after the request without waiting for the 101 (its Hello, at once):
  // read with the request, it is the session's first bytes. At most the buffer's limit.
  std::string early = beast::buffers_to_string(buffer_.data());
  std::make_shared<WebSocketSession>(stream_.release_socket(), context_,
                                     std::move(admission_.slot), client)
      ->Run(std::move(request_), std::move(early));
}

void HttpSession::Refuse(metrics::Limit limit) {
  constexpr auto kRetryAfter = std::chrono::seconds(5);
  http::ApiProblem problem = http::TooManyConnections(limit == metrics::Limit::kConnections);
  if (beast::websocket::is_upgrade(request_)) {
    context_.metrics.CountHttpResponse(http::kSwitchingProtocols);
    std::make_shared<WebSocketSession>(stream_.release_socket(), context_, nullptr,
                                       AddressKey::Of(ClientAddress()))
        ->RunRefused(std::move(request_), std::move(problem.message), kRetryAfter,
                     std::move(admission_.ticket));
    return;
  }
  request_.keep_alive(false);
  retry_after_ = kRetryAfter;
  SendProblem(problem);
}

std::optional<std::string> HttpSession::Organizer() {
  OrganizerKeys* keys = context_.organizer_keys;
  if (keys == nullptr) {
    if (ClientIsLocal()) return "a client on this machine (no organizer keys are set)";
    SendProblem(http::OrganizerKeysNotConfigured());
    return std::nullopt;
  }
  const std::string key = http::BearerToken(request_[bhttp::field::authorization]);
  if (key.empty()) {
    www_authenticate_ = true;
    SendProblem(http::OrganizerKeyRequired());
    return std::nullopt;
  }
  if (!AdmitAttempt()) return std::nullopt;
  auto name = keys->Find(key);
  if (name) return "organizer key " + *name;
  if (name.error() == OrganizerKeys::Problem::kUnavailable) {
    SendProblem(http::OrganizerKeysUnavailable());
    return std::nullopt;
  }
  AttemptFailed(metrics::AuthKind::kOrganizerKey);
  www_authenticate_ = true;
  SendProblem(http::BadOrganizerKey());
  return std::nullopt;
}

bool HttpSession::AdmitApi() {
  const auto refusal = context_.limiter.AdmitApi(AddressKey::Of(ClientAddress()), Clock::now());
  if (!refusal) return true;
  SendRefusal(*refusal);
  return false;
}

bool HttpSession::AdmitAttempt() {
  const auto refusal =
      context_.limiter.AdmitAttempt(AddressKey::Of(ClientAddress()), Clock::now());
  if (!refusal) return true;
  SendRefusal(*refusal);
  return false;
}

void HttpSession::AttemptFailed(metrics::AuthKind kind) {
  context_.edge_metrics.CountAuthFailure(kind);
  context_.limiter.Failed(AddressKey::Of(ClientAddress()), Clock::now());
}

void HttpSession::SendRefusal(const Refusal& refusal) {
  context_.edge_metrics.CountRefusal(refusal.limit);
  retry_after_ = std::max(refusal.retry_after, std::chrono::milliseconds(1));
  SendProblem(http::OverRate(RefusalMessage(refusal.limit, refusal.retry_after)));
}

void HttpSession::Evict() {
  beast::error_code ec;
  stream_.socket().close(ec);
}

void HttpSession::ServeStatic() {
  if (context_.static_dir.empty()) {
    if (http::TargetPath(request_.target()) == "/") {
      return SendText(http::kOk, "text/html; charset=utf-8", http::DefaultPage());
    }
    return SendProblem(http::NotFound());
  }
  std::optional<http::StaticFile> file =
      http::ResolveStatic(context_.static_dir, request_.target());
  if (!file) return SendProblem(http::NotFound());
  std::atomic<size_t>& open = context_.static_files_open;
  if (open.fetch_add(1) >= ServerContext::kMaxStaticFilesOpen) {
    open.fetch_sub(1);
    retry_after_ = std::chrono::seconds(1);
    return SendProblem(http::FilesBusy());
  }
  file_ticket_ = std::shared_ptr<void>(nullptr, [&open](void*) { open.fetch_sub(1); });
  beast::error_code ec;
  bhttp::file_body::value_type body;
  body.open(file->path.c_str(), beast::file_mode::scan, ec);
  if (ec) return SendProblem(http::NotFound());
  bhttp::response<bhttp::file_body> response{
      std::piecewise_construct, std::make_tuple(std::move(body)),
      std::make_tuple(static_cast<bhttp::status>(http::kOk), request_.version())};
  response.set(bhttp::field::content_type, file->content_type);
  response.set(bhttp::field::cache_control, "no-cache");
  response.prepare_payload();
  if (request_.method() == bhttp::verb::head) response.body().close();
  Send(std::move(response));
}

void HttpSession::ServeArchive(const std::string& workshop_id) {
  if (context_.archives == nullptr) return SendProblem(http::NotFound());
  if (!AdmitApi() || !AdmitAttempt()) return;
  AsAnimateur(workshop_id, http::ArchiveNotAllowed(), [self = shared_from_this(), workshop_id] {
    std::atomic<size_t>& open = self->context_.static_files_open;
    if (open.fetch_add(1) >= ServerContext::kMaxStaticFilesOpen) {
      open.fetch_sub(1);
      self->retry_after_ = std::chrono::seconds(1);
      return self->SendProblem(http::ArchivesBusy());
    }
    self->file_ticket_ = std::shared_ptr<void>(nullptr, [&open](void*) { open.fetch_sub(1); });
    self->context_.archives->Export(workshop_id, [self, workshop_id](auto file) {
      asio::post(self->stream_.get_executor(), [self, workshop_id, file = std::move(file)] {
        if (!file) {
          log::Error("archive: " + file.error(), workshop_id);
          self->file_ticket_.reset();
          return self->SendProblem(http::ArchiveFailed(file.error()));
        }
        self->SendArchive(workshop_id, *file);
      });
    });
  });
}

void HttpSession::AsAnimateur(const std::string& workshop_id, http::ApiProblem not_allowed,
                              std::function<void()> then) {
  std::shared_ptr<room::Room> room = context_.hub.Find(workshop_id);
  if (!room) {
    AttemptFailed(metrics::AuthKind::kWorkshopId);
    return SendProblem(http::UnknownWorkshop());
  }
  // The room answers results to the animateur's token only (no observer code is sent): that is
  // the check that the token is the animateur's.
  std::string token = http::BearerToken(request_[bhttp::field::authorization]);
  room->Results(token, "", [self = shared_from_this(), not_allowed = std::move(not_allowed),
                            then = std::move(then)](auto results) {
    asio::post(self->stream_.get_executor(),
               [self, not_allowed, then, allowed = results.has_value()] {
                 if (allowed) return then();
                 self->AttemptFailed(metrics::AuthKind::kToken);
                 self->SendProblem(not_allowed);
               });
  });
}

void HttpSession::DeleteWorkshop(const std::string& workshop_id) {
  if (!AdmitApi() || !AdmitAttempt()) return;
  // Never empty-handed to the hub: no token there means the server itself (retention).
  std::string token = http::BearerToken(request_[bhttp::field::authorization]);
  context_.hub.Delete(workshop_id, token, [self = shared_from_this(), workshop_id](auto deleted) {
    asio::post(self->stream_.get_executor(), [self, workshop_id, deleted = std::move(deleted)] {
      if (!deleted) {
        const room::DeleteProblem& p = deleted.error();
        if (p.code == "unknown_workshop") {
          self->AttemptFailed(metrics::AuthKind::kWorkshopId);
          return self->SendProblem(http::UnknownWorkshop());
        }
        if (p.code == "bad_token") {
          self->AttemptFailed(metrics::AuthKind::kToken);
          return self->SendProblem(http::DeleteNotAllowed());
        }
        self->retry_after_ = std::chrono::seconds(1);
        return self->SendProblem(http::DeleteUnavailable(p.message));
      }
      log::Info("deleted by its animateur: its events, snapshots, codes and tokens are purged "
                "from the log",
                workshop_id);
      bhttp::response<bhttp::empty_body> response{
          static_cast<bhttp::status>(http::kNoContent), self->request_.version()};
      response.set(bhttp::field::server, "atelier-server");
      response.set(bhttp::field::cache_control, "no-store");
      self->Send(std::move(response));
    });
  });
}

void HttpSession::ServeTimeline(const std::string& workshop_id) {
  if (context_.timelines == nullptr) return SendProblem(http::NotFound());
  if (!AdmitApi()) return;
  auto at = http::TimelineAt(request_.target());
  if (!at) return SendProblem(at.error());
  if (!AdmitAttempt()) return;
  // The room is left alone after the token's check: the reader reads the log.
  AsAnimateur(workshop_id, http::TimelineNotAllowed(),
              [self = shared_from_this(), workshop_id, at = *at] {
    // On the reader's thread: the answer, JSON included, is made there.
    auto answer = [self](auto read) {
      std::string json = read ? http::ToJson(*read) : std::string();
      asio::post(self->stream_.get_executor(), [self, json = std::move(json),
                                                error = read ? "" : read.error()] {
        if (!error.empty()) {
          log::Error("timeline: " + error);
          return self->SendProblem(http::TimelineFailed(error));
        }
        self->SendJson(http::kOk, std::move(json));
      });
    };
    const bool queued = at ? self->context_.timelines->Moment(workshop_id, *at, answer)
                           : self->context_.timelines->Outline(workshop_id, answer);
    if (!queued) {
      self->retry_after_ = std::chrono::seconds(1);
      self->SendProblem(http::TimelinesBusy());
    }
  });
}

void HttpSession::SendArchive(const std::string& workshop_id, room::ArchiveFile file) {
  beast::file posix;
  posix.native_handle(file.fd);  // owned from here: closed with the body
  beast::error_code ec;
  bhttp::file_body::value_type body;
  body.reset(std::move(posix), ec);
  if (ec) {
    file_ticket_.reset();
    return SendProblem(http::ArchiveFailed(ec.message()));
  }
  bhttp::response<bhttp::file_body> response{
      std::piecewise_construct, std::make_tuple(std::move(body)),
      std::make_tuple(static_cast<bhttp::status>(http::kOk), request_.version())};
  response.set(bhttp::field::server, "atelier-server");
  response.set(bhttp::field::content_type, "application/vnd.atelier.archive");
  response.set(bhttp::field::content_disposition,
               "attachment; filename=\"atelier-" + workshop_id + "-" +
                   std::to_string(file.head_seq) + ".atelier-archive\"");
  response.set(bhttp::field::cache_control, "no-store");
  response.prepare_payload();
  if (request_.method() == bhttp::verb::head) response.body().close();
  Send(std::move(response));
}

namespace {

// The document a report request asks for, from a workshop's record (on the ReportMaker's thread).
room::ReportMaker::Render RenderFor(const http::ReportRequest& request) {
  switch (request.format) {
    case http::ReportRequest::kSynthesis:
      return [english = request.english](const report::WorkshopRecord& record) {
        return report::RenderSynthesis(
            record, english ? report::Language::kEnglish : report::Language::kFrench);
      };
    case http::ReportRequest::kJson:
      return [](const report::WorkshopRecord& record) {
        return report::RawDataJson(report::MakeRawData(record));
      };
    case http::ReportRequest::kCsv:
      break;
  }
  const report::RawTable table =
      report::ParseRawTable(request.table).value_or(report::RawTable::kPoints);
  return [table](const report::WorkshopRecord& record) {
    return report::RawCsv(report::MakeRawData(record), table);
  };
}

}  // namespace

void HttpSession::ServeReport(const http::Route& route) {
  if (context_.reports == nullptr) return SendProblem(http::NotFound());
  if (!AdmitApi()) return;
  auto request = http::ParseReportRequest(route.report, request_.target());
  if (!request) return SendProblem(request.error());
  if (!AdmitAttempt()) return;
  const std::string& workshop_id = route.workshop_id;
  AsAnimateur(workshop_id, http::ReportNotAllowed(),
              [self = shared_from_this(), workshop_id, request = *std::move(request)] {
    auto done = [self, workshop_id, request](auto document) {
      asio::post(self->stream_.get_executor(), [self, workshop_id, request,
                                                document = std::move(document)]() mutable {
        if (!document) {
          log::Error("report: " + document.error(), workshop_id);
          return self->SendProblem(http::ReportFailed(document.error()));
        }
        self->SendReport(request, workshop_id, *std::move(document));
      });
    };
    if (!self->context_.reports->Make(workshop_id, RenderFor(request), std::move(done))) {
      self->retry_after_ = std::chrono::seconds(1);
      self->SendProblem(http::ReportsBusy());
    }
  });
}

void HttpSession::SendReport(const http::ReportRequest& request, const std::string& workshop_id,
                             room::ReportDocument document) {
  bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(http::kOk),
                                               request_.version()};
  response.set(bhttp::field::server, "atelier-server");
  for (const http::ReportHeader& header : http::ReportHeaders(request, workshop_id, document.head_seq)) {
    response.set(header.name, header.value);
  }
  response.set(bhttp::field::cache_control, "no-store");
  response.body() = std::move(document.body);
  response.prepare_payload();
  if (request_.method() == bhttp::verb::head) response.body().clear();
  Send(std::move(response));
}

void HttpSession::SendProblem(const http::ApiProblem& problem) {
  SendJson(static_cast<unsigned>(problem.status), http::ProblemJson(problem));
}

void HttpSession::SendJson(unsigned status, std::string body) {
  SendText(status, "application/json", std::move(body));
}

void HttpSession::SendText(unsigned status, std::string content_type, std::string body) {
  bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(status),
                                               request_.version()};
  response.set(bhttp::field::server, "atelier-server");
  response.set(bhttp::field::content_type, content_type);
  response.set(bhttp::field::cache_control, "no-store");
  if (!allow_.empty()) response.set(bhttp::field::allow, std::exchange(allow_, {}));
  if (std::exchange(www_authenticate_, false)) {
    response.set(bhttp::field::www_authenticate, "Bearer realm=\"atelier organizers\"");
  }
  if (retry_after_.count() > 0) {
    // Whole seconds, rounded up (RFC 9110).
    response.set(bhttp::field::retry_after,
                 std::to_string((std::exchange(retry_after_, {}).count() + 999) / 1000));
  }
  response.body() = std::move(body);
  response.prepare_payload();
  if (request_.method() == bhttp::verb::head) response.body().clear();
  Send(std::move(response));
}

template <class Response>
void HttpSession::Send(Response response) {
  context_.metrics.CountHttpResponse(response.result_int());
  response.keep_alive(request_.keep_alive());
  auto owned = std::make_shared<Response>(std::move(response));
  response_ = owned;
  bhttp::async_write(
      stream_, *owned,
      beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), owned->keep_alive()));
}

void HttpSession::SendForwarded(const v1::HttpForwarded& answer) {
  const unsigned status = answer.status() >= 100 && answer.status() < 600 ? answer.status() : 502;
  bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(status),
                                               request_.version()};
  response.set(bhttp::field::server, "atelier-server");
  response.set(bhttp::field::cache_control, "no-store");
  if (!answer.content_type().empty()) {
    response.set(bhttp::field::content_type, answer.content_type());
  }
  if (!answer.content_disposition().empty()) {
    response.set(bhttp::field::content_disposition, answer.content_disposition());
  }
  if (!answer.retry_after().empty()) response.set(bhttp::field::retry_after, answer.retry_after());
  response.body() = answer.body();
  response.prepare_payload();
  if (request_.method() == bhttp::verb::head) response.body().clear();
  Send(std::move(response));
}


void HttpSession::OnWrite(bool keep_alive, beast::error_code ec, size_t) {
  response_.reset();
  file_ticket_.reset();
  if (ec) return;
  if (!keep_alive) {
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    return Linger();
  }
  DoRead();
}

void HttpSession::Linger() {
  // What the client was still sending (the rest of headers or a body refused) is read and
  // dropped for a moment before the socket is closed: closing with unread bytes would reset the
  // connection, and the client could lose the answer it has not read yet.
  if (!lingering_) stream_.expires_after(std::chrono::seconds(2));  // 2 s in all
  lingering_ = true;
  stream_.async_read_some(asio::buffer(linger_buffer_),
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                            if (!ec) self->Linger();
                          });
}

}  // namespace atelier::net
