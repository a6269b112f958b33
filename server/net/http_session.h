// HttpSession: one HTTP connection. Serves the JSON API, /healthz, /metrics and the web app's
// static files, and hands a WebSocket upgrade on /ws to a WebSocketSession.
//
// Behind a reverse proxy named in ServerContext::trusted_proxies, the client of each request
// is the address the proxy puts last in X-Forwarded-For (per request: a proxy may reuse one
// connection for several clients).
//
// A connection waiting for a request is idle: at a connection limit the registry may evict it
// (connection_registry.h).
//
// One request at a time (keep-alive); a request body over 64 KiB is refused with 413. Answers
// that wait on a room (creating a workshop, reading results) come back on the room's strand and
// are posted to this session's strand before writing. Lifetime: shared_ptr held by its pending
// operations.
#ifndef ATELIER_SERVER_NET_HTTP_SESSION_H_
#define ATELIER_SERVER_NET_HTTP_SESSION_H_

#include <array>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "server/http/api.h"
#include "server/http/report_request.h"
#include "server/net/server_context.h"
#include "server/net/websocket_session.h"

namespace atelier::net {

// How the listener let a connection in: with a slot (counted), or refused (`refused` names the
// limit; the ticket bounds how many refusals are answered at once); neither on the metrics
// listener.
struct Admission {
  std::shared_ptr<ConnectionRegistry::Slot> slot;
  std::optional<metrics::Limit> refused;
  std::unique_ptr<ConnectionRegistry::RefusalTicket> ticket;
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  // metrics_only: a connection to the metrics listener (only /metrics and /healthz). A refused
  // admission reads one request (within 5 s) and answers it with the refusal.
  HttpSession(boost::asio::ip::tcp::socket&& socket, const ServerContext& context,
              Admission admission, bool metrics_only = false);
  void Run();

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;

  void DoRead();
  void OnRead(boost::beast::error_code ec, size_t bytes);
  void Route();
  void ServeStatic();
  // GET /api/workshops/{id}/archive: the animateur token checked by the room, the file written by
  // the ArchiveExporter off this thread, then sent from its descriptor.
  void ServeArchive(const std::string& workshop_id);
  // Runs `then` on this session's executor if the request's bearer token is the workshop's
  // animateur's (checked by its room); otherwise answers 404 for an unknown workshop or
  // `not_allowed`, each counted as a failed attempt. Call after AdmitAttempt.
  void AsAnimateur(const std::string& workshop_id, http::ApiProblem not_allowed,
                   std::function<void()> then);
  void SendArchive(const std::string& workshop_id, room::ArchiveFile file);
  // DELETE /api/workshops/{id}: the animateur token checked by the room, the deletion by the hub
  // (off this thread); 204 once durable and purged.
  void DeleteWorkshop(const std::string& workshop_id);
  // GET /api/workshops/{id}/timeline[?at=SEQ]: the token checked as for the archive, the outline
  // or the moment read by the TimelineReader and printed as JSON on its thread.
  void ServeTimeline(const std::string& workshop_id);
  // GET /api/workshops/{id}/synthesis, data.json, data.csv: the animateur token checked by the
  // room as for the archive, the document made by the ReportMaker off this thread.
  void ServeReport(const http::Route& route);
  void SendReport(const http::ReportRequest& request, const std::string& workshop_id,
                  room::ReportDocument document);
  // GET /api/join/{code} (http_join_info.cc): the workshop's JoinInfo, found by its join code;
  // an unknown code is a failed attempt.
  void ServeJoinInfo(const std::string& join_code);
  // In a cluster: a request about a workshop this node does not hold, passed to the node that
  // serves it, and its answer sent back as it came (http_forwarding.cc).
  bool ForwardIfElsewhere(const http::Route& route);
  // Whether this node answers for the workshop from its own log: the log is here and, in a
  // cluster, this node holds its lease (a copy of a log without it would answer stale), or the
  // request was passed here by a node that found this one serves it (passed on once at most:
  // a node whose lease a renewal has just let go, found as the server, answers rather than pass
  // the request to itself again and again).
  bool ServedHere(const std::string& workshop_id) const;
  // Passes this request to the node that serves `workshop_id`, and its answer back.
  void Forward(const std::string& workshop_id);
  void SendForwarded(const atelier::v1::HttpForwarded& answer);
  // GET /api/templates (http_join_info.cc): the methods a workshop is created from
  // (server/workshop/templates.h), the same JSON for everyone, serialized once.
  void ServeTemplates();
  // POST /api/admin/backup (http_backup.cc): from a local client only; the BackupTaker takes
  // it off this thread; 201 with its directory.
  void TakeBackup();
  void ServeMetrics();
  void UpgradeToWebSocket();
  // Answers the request with the admission's refusal: a WebSocket "overloaded" and 1013, or
  // 503 (the server's limit) / 429 (the address's), with Retry-After.
  void Refuse(metrics::Limit limit);
  // The client of the current request: the peer, or for a trusted proxy the last address of
  // its X-Forwarded-For (the peer when that is missing or not an address), or for a request
  // this node performs for another one (cluster/http_forward.h) the client that node saw.
  boost::asio::ip::address ClientAddress() const;
  // Whether this request is one this node performs for a node of the cluster (itself
  // included): it carries this node's forward key (cluster/http_forward.h).
  bool PerformedForANode() const;
  // The client named by such a request, its X-Atelier-Client; nullopt for any other request.
  std::optional<boost::asio::ip::address> ForwardedClient() const;
  // Whether the client is on this machine, for what only local clients get without a key or
  // token (/metrics, creating workshops when no organizer keys are set): its address is
  // loopback, and it did not come through a proxy that is not trusted (whose requests carry
  // X-Forwarded-For, Forwarded or X-Real-IP: behind an untrusted nginx everyone would look
  // local). A request performed for another node: whether its client was local there.
  bool ClientIsLocal() const;
  void SendProblem(const http::ApiProblem& problem);
  void SendJson(unsigned status, std::string body);
  void SendText(unsigned status, std::string content_type, std::string body);
  template <class Response>
  void Send(Response response);
  void OnWrite(bool keep_alive, boost::beast::error_code ec, size_t bytes);
  void Linger();  // after a last answer: drains the client's bytes until it closes, or 2 s
  void Evict();   // closes the socket: the registry needs the room
  // Who creates a workshop, for the log: the organizer key's name, or a loopback client when no
  // keys are set; nothing when refused (401 without or with a wrong key, 403 from another
  // machine without keys, 503 when the keys' file is unusable; the answer is sent).
  std::optional<std::string> Organizer();
  // The client's API request rate; false when refused (429 sent).
  bool AdmitApi();
  // Before checking a code or token: false when the client has no failed attempt left (429).
  bool AdmitAttempt();
  // A code, token or key that matched nothing: counted, and against the client's address.
  void AttemptFailed(metrics::AuthKind kind);
  void SendRefusal(const Refusal& refusal);

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  const ServerContext& context_;
  bool metrics_only_;
  Admission admission_;
  boost::asio::ip::address peer_;  // the TCP peer, read once at the start
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  Request request_;
  std::shared_ptr<void> response_;  // the response being written
  std::shared_ptr<void> file_ticket_;  // counts a static file in static_files_open
  std::string allow_;               // the Allow header of a 405
  std::chrono::milliseconds retry_after_{0};  // the Retry-After of a 429 or 503
  bool www_authenticate_ = false;             // a 401: say how to authenticate
  std::array<char, 512> linger_buffer_;
  bool lingering_ = false;
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_HTTP_SESSION_H_
