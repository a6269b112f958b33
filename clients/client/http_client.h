// A minimal synchronous HTTP/1.1 client for the server's JSON API (api.proto): one request per
// TCP connection, no TLS, no redirects.
//
// Each call blocks until the whole response is read or the timeout passes. Any status is a
// response (the caller decides what a 404 means); transport failures are errors, in English.
//
// Thread-compatible: distinct HttpClient objects may be used from distinct threads; the calls
// of one object are const and share nothing, so they may run concurrently too.
#ifndef ATELIER_CLIENTS_CLIENT_HTTP_CLIENT_H_
#define ATELIER_CLIENTS_CLIENT_HTTP_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace atelier::client {

struct HttpResponse {
  unsigned status = 0;
  std::string content_type;
  std::string content_disposition;  // empty when absent
  std::string content_security_policy;  // empty when absent
  std::string x_content_type_options;   // empty when absent
  std::string body;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  HttpClient(std::string host, uint16_t port,
             std::chrono::milliseconds timeout = std::chrono::seconds(10))
      : host_(std::move(host)), port_(port), timeout_(timeout) {}

  // POST `target` (path and query) with a JSON body.
  std::expected<HttpResponse, std::string> Post(const std::string& target, const std::string& json,
                                                const HttpHeaders& headers = {}) const;
  std::expected<HttpResponse, std::string> Get(const std::string& target,
                                               const HttpHeaders& headers = {}) const;
  std::expected<HttpResponse, std::string> Delete(const std::string& target,
                                                  const HttpHeaders& headers = {}) const;

  const std::string& host() const { return host_; }
  uint16_t port() const { return port_; }
  // "http://host:port", to make absolute the relative links the API returns.
  std::string BaseUrl() const;

 private:
  enum class Method { kGet, kPost, kDelete };
  std::expected<HttpResponse, std::string> Exchange(Method method, const std::string& target,
                                                    const std::string& body,
                                                    const HttpHeaders& headers) const;

  std::string host_;
  uint16_t port_;
  std::chrono::milliseconds timeout_;
};

// Percent-encodes everything but unreserved characters (RFC 3986), for query values and paths.
std::string UrlEncode(const std::string& text);

}  // namespace atelier::client

#endif  // ATELIER_CLIENTS_CLIENT_HTTP_CLIENT_H_
