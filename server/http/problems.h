// Every answer the HTTP side gives that is not the API's own codec (api.h): the statuses of
// success, and each problem with its status, code and message. The network session (net/)
// decides *which* case it is in and writes what these give; the status codes live here only.
//
// Pure functions; thread-safe.
#ifndef ATELIER_SERVER_HTTP_PROBLEMS_H_
#define ATELIER_SERVER_HTTP_PROBLEMS_H_

#include <cstddef>
#include <string_view>

#include "server/http/api.h"

namespace atelier::http {

inline constexpr unsigned kOk = 200;
inline constexpr unsigned kCreated = 201;                 // POST /api/workshops
inline constexpr unsigned kNoContent = 204;               // DELETE /api/workshops/{id}
inline constexpr unsigned kSwitchingProtocols = 101;      // a WebSocket upgrade

// 404 not_found: no route, no such file.
ApiProblem NotFound();
// 404 not_found on the --metrics-listen port, which serves /metrics and /healthz only.
ApiProblem OnlyMetricsHere();
// 405 method_not_allowed.
ApiProblem MethodNotAllowed();
// 426 upgrade_required: /ws without a WebSocket upgrade.
ApiProblem UpgradeRequired();
// 404 unknown_workshop: no workshop by this id.
ApiProblem UnknownWorkshop();
// 403 not_allowed: a backup asked from another machine than the server's.
ApiProblem BackupForbidden();
// 503 backups_off: no --backup-dir; 503 busy: a backup is being taken; 500 backup_failed (why).
ApiProblem BackupsOff();
ApiProblem BackupBusy();
ApiProblem BackupFailed(std::string_view why);
// 404 unknown_code: no workshop has this join code.
ApiProblem UnknownJoinCode();
// 503 unavailable: the workshop cannot answer now (loading failed, out of service, stopping).
ApiProblem WorkshopUnavailable();
// 403 not_allowed: results asked without the animateur token, or with an observer code while
// observers may not see them.
ApiProblem ResultsNotAllowed();
// 403 not_allowed: an archive asked without the animateur token.
ApiProblem ArchiveNotAllowed();
// 500 archive_failed: the archive could not be written (the message says why: the disk, a log
// that fails its chain check).
ApiProblem ArchiveFailed(std::string_view why);
// 503 busy: too many archives being sent at once; Retry-After says when to come back.
ApiProblem ArchivesBusy();
// 403 not_allowed: a deletion without the workshop's animateur token.
ApiProblem DeleteNotAllowed();
// 503 unavailable: the workshop could not be deleted now (nothing was deleted); `why` says why.
ApiProblem DeleteUnavailable(std::string_view why);
// The timeline (timeline.proto): 403 not_allowed without the animateur token; 500
// timeline_failed when the log cannot be read or folded (the message says why); 503 busy when
// too many timeline reads are waiting, with a Retry-After.
ApiProblem TimelineNotAllowed();
ApiProblem TimelineFailed(std::string_view why);
ApiProblem TimelinesBusy();
// The synthesis and raw data (report_request.h): 403 not_allowed without the animateur token;
// 500 report_failed (the log could not be read or fails its chain check); 503 busy, too many
// being made at once (Retry-After).
ApiProblem ReportNotAllowed();
ApiProblem ReportFailed(std::string_view why);
ApiProblem ReportsBusy();
// 403 bad_token: a metrics token that is not the server's.
ApiProblem BadMetricsToken();
// 403 forbidden: /metrics from a client that is not local, without a token.
ApiProblem MetricsForbidden();
// 431 headers_too_large.
ApiProblem HeadersTooLarge(size_t limit_bytes);
// 403 origin_not_allowed: a WebSocket opened by a page of another site.
ApiProblem OriginNotAllowed(std::string_view origin);
// overloaded, past a connection limit: 503 for the server's own, 429 for a client address's.
ApiProblem TooManyConnections(bool server_wide);
// 429 overloaded: a client over one of its rates; `message` says which and when to retry.
ApiProblem OverRate(std::string message);
// 503 busy: too many static files being sent at once.
ApiProblem FilesBusy();
// Creating workshops: 403 organizer_keys_not_configured (no keys, and a client not local), 401
// organizer_key_required (none sent), 401 bad_organizer_key, 503 organizer_keys_unavailable
// (the key file cannot be read now).
ApiProblem OrganizerKeysNotConfigured();
ApiProblem OrganizerKeyRequired();
ApiProblem BadOrganizerKey();
ApiProblem OrganizerKeysUnavailable();

}  // namespace atelier::http

#endif  // ATELIER_SERVER_HTTP_PROBLEMS_H_
