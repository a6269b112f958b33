#include "clients/client/workshop_api.h"

#include "clients/client/proto_json.h"

namespace atelier::client {
namespace {

bool Ok(const HttpResponse& response) { return response.status >= 200 && response.status < 300; }

template <class M>
std::expected<M, std::string> Decode(const std::expected<HttpResponse, std::string>& response) {
  if (!response) return std::unexpected(response.error());
  if (!Ok(*response)) return std::unexpected(DescribeHttpError(*response));
  auto message = FromJson<M>(response->body, /*ignore_unknown=*/true);
  if (!message) return std::unexpected("unexpected answer from the server: " + message.error());
  return message;
}

}  // namespace

std::string DescribeHttpError(const HttpResponse& response) {
  std::string out = "HTTP " + std::to_string(response.status);
  auto error = FromJson<v1::ApiError>(response.body, /*ignore_unknown=*/true);
  if (error && !error->code().empty()) return out + " " + error->code() + ": " + error->message();
  if (response.body.empty()) return out;
  constexpr size_t kShown = 200;
  return out + ": " + response.body.substr(0, kShown) +
         (response.body.size() > kShown ? "..." : "");
}

std::expected<v1::CreateWorkshopResponse, std::string> CreateWorkshop(
    const HttpClient& http, const v1::CreateWorkshopRequest& request,
    const std::string& organizer_key) {
  HttpHeaders headers;
  if (!organizer_key.empty()) headers.emplace_back("Authorization", "Bearer " + organizer_key);
  return Decode<v1::CreateWorkshopResponse>(http.Post("/api/workshops", ToJson(request), headers));
}

std::expected<v1::WorkshopTemplates, std::string> GetTemplates(const HttpClient& http) {
  return Decode<v1::WorkshopTemplates>(http.Get("/api/templates"));
}

std::expected<v1::Results, std::string> GetResults(const HttpClient& http,
                                                   const std::string& workshop_id,
                                                   const ResultsAccess& access) {
  std::string target = "/api/workshops/" + UrlEncode(workshop_id) + "/results";
  HttpHeaders headers;
  if (!access.animateur_token.empty()) {
    headers.emplace_back("Authorization", "Bearer " + access.animateur_token);
  } else {
    target += "?observer=" + UrlEncode(access.observer_code);
  }
  return Decode<v1::Results>(http.Get(target, headers));
}

std::expected<v1::RawData, std::string> GetRawData(const HttpClient& http,
                                                   const std::string& workshop_id,
                                                   const std::string& animateur_token) {
  HttpHeaders headers;
  headers.emplace_back("Authorization", "Bearer " + animateur_token);
  return Decode<v1::RawData>(
      http.Get("/api/workshops/" + UrlEncode(workshop_id) + "/data.json", headers));
}

}  // namespace atelier::client
