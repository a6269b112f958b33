#include "server/http/problems.h"

#include <string>
#include <utility>

namespace atelier::http {

ApiProblem NotFound() { return {404, "not_found", "nothing here"}; }

ApiProblem OnlyMetricsHere() { return {404, "not_found", "only /metrics and /healthz here"}; }

ApiProblem MethodNotAllowed() { return {405, "method_not_allowed", "method not allowed here"}; }

ApiProblem UpgradeRequired() { return {426, "upgrade_required", "/ws is a WebSocket"}; }

ApiProblem UnknownWorkshop() { return {404, "unknown_workshop", "no such workshop"}; }

ApiProblem BackupForbidden() {
  return {403, "not_allowed", "backups are started from the server's own machine (atelier backup)"};
}

ApiProblem BackupsOff() {
  return {503, "backups_off", "backups are off: start the server with --backup-dir DIR"};
}

ApiProblem BackupBusy() {
  return {503, "busy", "a backup is being taken; try again once it is done"};
}

ApiProblem BackupFailed(std::string_view why) {
  return {500, "backup_failed", "the backup failed: " + std::string(why)};
}

ApiProblem UnknownJoinCode() { return {404, "unknown_code", "no workshop has this code"}; }

ApiProblem WorkshopUnavailable() {
  return {503, "unavailable", "the workshop cannot answer now; try again in a moment"};
}

ApiProblem ArchiveNotAllowed() {
  return {403, "not_allowed", "the archive is the animateur's: send the animateur token"};
}

ApiProblem ArchiveFailed(std::string_view why) {
  return {500, "archive_failed", "the archive could not be written: " + std::string(why)};
}

ApiProblem ArchivesBusy() {
  return {503, "busy", "too many archives being sent at once; try again shortly"};
}

ApiProblem DeleteNotAllowed() {
  return {403, "not_allowed", "deleting a workshop takes its animateur token"};
}

ApiProblem DeleteUnavailable(std::string_view why) {
  return {503, "unavailable",
          "the workshop was not deleted (nothing of it changed): " + std::string(why)};
}

ApiProblem TimelineNotAllowed() {
  return {403, "not_allowed", "the timeline is the animateur's: send the animateur token"};
}

ApiProblem TimelineFailed(std::string_view why) {
  return {500, "timeline_failed", "the timeline could not be read: " + std::string(why)};
}

ApiProblem TimelinesBusy() {
  return {503, "busy", "too many timeline requests waiting; try again shortly"};
}

ApiProblem ReportNotAllowed() {
  return {403, "not_allowed",
          "the synthesis and the raw data are the animateur's: send the animateur token"};
}

ApiProblem ReportFailed(std::string_view why) {
  return {500, "report_failed", "the document could not be made: " + std::string(why)};
}

ApiProblem ReportsBusy() {
  return {503, "busy", "too many syntheses and raw data being made at once; try again shortly"};
}

ApiProblem ResultsNotAllowed() {
  return {403, "not_allowed",
          "an animateur token, or an observer code while observers may see results"};
}

ApiProblem BadMetricsToken() { return {403, "bad_token", "this metrics token is not valid"}; }

ApiProblem MetricsForbidden() {
  return {403, "forbidden",
          "/metrics is served to loopback clients, on --metrics-listen, or with the "
          "--metrics-token"};
}

ApiProblem HeadersTooLarge(size_t limit_bytes) {
  return {431, "headers_too_large",
          "the request's headers are over " + std::to_string(limit_bytes) + " bytes"};
}

ApiProblem OriginNotAllowed(std::string_view origin) {
  return {403, "origin_not_allowed",
          "pages of " + std::string(origin) +
              " may not connect here (the server allows its own origin and those of "
              "--allow-origin)"};
}

ApiProblem TooManyConnections(bool server_wide) {
  if (server_wide) {
    return {503, "overloaded", "the server has too many connections now; try again soon"};
  }
  return {429, "overloaded", "too many connections from your address; try again soon"};
}

ApiProblem OverRate(std::string message) { return {429, "overloaded", std::move(message)}; }

ApiProblem FilesBusy() { return {503, "busy", "too many files being sent; try again"}; }

ApiProblem OrganizerKeysNotConfigured() {
  return {403, "organizer_keys_not_configured",
          "workshops are created from the server's own machine only: to create them from "
          "elsewhere, start atelier-server with --organizer-keys FILE (README, \"Organizer "
          "keys\")"};
}

ApiProblem OrganizerKeyRequired() {
  return {401, "organizer_key_required",
          "creating a workshop needs an organizer key (ask the server's administrator): "
          "Authorization: Bearer KEY"};
}

ApiProblem BadOrganizerKey() {
  return {401, "bad_organizer_key", "this organizer key is not valid (mistyped, or revoked)"};
}

ApiProblem OrganizerKeysUnavailable() {
  return {503, "organizer_keys_unavailable",
          "the server's organizer keys cannot be read now; its administrator is told in its "
          "log"};
}

}  // namespace atelier::http
