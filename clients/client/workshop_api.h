// The HTTP JSON API of atelier-server (api.proto), typed: requests and responses as protobuf
// messages, failures as one English sentence ("HTTP 404 unknown_workshop: ...").
//
// Blocking, like HttpClient; thread-compatible.
#ifndef ATELIER_CLIENTS_CLIENT_WORKSHOP_API_H_
#define ATELIER_CLIENTS_CLIENT_WORKSHOP_API_H_

#include <expected>
#include <string>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/report.pb.h"
#include "atelier/v1/state.pb.h"
#include "clients/client/http_client.h"

namespace atelier::client {

// POST /api/workshops, with the organizer key when one is given (a server with
// --organizer-keys needs one; without, it creates workshops for local clients only).
std::expected<v1::CreateWorkshopResponse, std::string> CreateWorkshop(
    const HttpClient& http, const v1::CreateWorkshopRequest& request,
    const std::string& organizer_key = "");

// GET /api/templates: the methods the server creates workshops from.
std::expected<v1::WorkshopTemplates, std::string> GetTemplates(const HttpClient& http);

// Who asks for results: the animateur's token (always allowed) or an observer code (allowed
// when the workshop's observers may see results now). Exactly one is set.
struct ResultsAccess {
  std::string animateur_token = {};
  std::string observer_code = {};
};

// GET /api/workshops/{id}/results.
std::expected<v1::Results, std::string> GetResults(const HttpClient& http,
                                                   const std::string& workshop_id,
                                                   const ResultsAccess& access);

// GET /api/workshops/{id}/data.json: the raw data (with the configuration), for the animateur.
std::expected<v1::RawData, std::string> GetRawData(const HttpClient& http,
                                                   const std::string& workshop_id,
                                                   const std::string& animateur_token);

// The error a non-2xx response stands for: "HTTP <status> <code>: <message>" from an ApiError
// body, else the status and the start of the body.
std::string DescribeHttpError(const HttpResponse& response);

}  // namespace atelier::client

#endif  // ATELIER_CLIENTS_CLIENT_WORKSHOP_API_H_
