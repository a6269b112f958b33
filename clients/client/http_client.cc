#include "clients/client/http_client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>

namespace atelier::client {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr auto kNoThrow = net::as_tuple(net::use_awaitable);
constexpr uint64_t kMaxBodyBytes = 64 << 20;

// One request and its response; every step bounded by the stream's timeout.
net::awaitable<std::expected<HttpResponse, std::string>> Fetch(std::string host, uint16_t port,
                                                               http::request<http::string_body> req,
                                                               std::chrono::milliseconds timeout) {
  auto executor = co_await net::this_coro::executor;
  const std::string where = host + ":" + std::to_string(port);
  tcp::resolver resolver(executor);
  auto [resolve_error, endpoints] =
      co_await resolver.async_resolve(host, std::to_string(port), kNoThrow);
  if (resolve_error)
    co_return std::unexpected("cannot resolve " + host + ": " + resolve_error.message());

  beast::tcp_stream stream(executor);
  stream.expires_after(timeout);
  auto [connect_error, endpoint] = co_await stream.async_connect(endpoints, kNoThrow);
  if (connect_error)
    co_return std::unexpected("cannot connect to " + where + ": " + connect_error.message());
  (void)endpoint;

  auto [write_error, written] = co_await http::async_write(stream, req, kNoThrow);
  if (write_error)
    co_return std::unexpected("HTTP request to " + where + " failed: " + write_error.message());
  (void)written;

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxBodyBytes);
  auto [read_error, read] = co_await http::async_read(stream, buffer, parser, kNoThrow);
  if (read_error)
    co_return std::unexpected("HTTP response from " + where + " failed: " + read_error.message());
  (void)read;

  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  http::response<http::string_body> res = parser.release();
  HttpResponse out;
  out.status = res.result_int();
  out.content_type = std::string(res[http::field::content_type]);
  out.content_disposition = std::string(res[http::field::content_disposition]);
  out.content_security_policy = std::string(res["Content-Security-Policy"]);
  out.x_content_type_options = std::string(res["X-Content-Type-Options"]);
  out.body = std::move(res.body());
  co_return out;
}

}  // namespace

std::expected<HttpResponse, std::string> HttpClient::Exchange(Method method,
                                                              const std::string& target,
                                                              const std::string& body,
                                                              const HttpHeaders& headers) const {
  const bool post = method == Method::kPost;
  const http::verb verb = post                         ? http::verb::post
                          : method == Method::kDelete ? http::verb::delete_
                                                      : http::verb::get;
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, host_ + ":" + std::to_string(port_));
  req.set(http::field::user_agent, "atelier-client");
  req.set(http::field::accept, "application/json");
  if (post) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
  }
  for (const auto& [name, value] : headers) req.set(name, value);
  req.prepare_payload();

  net::io_context ioc;
  std::expected<HttpResponse, std::string> result = std::unexpected("no response");
  net::co_spawn(ioc, Fetch(host_, port_, std::move(req), timeout_),
                [&](std::exception_ptr failure, std::expected<HttpResponse, std::string> r) {
                  if (failure) {
                    result = std::unexpected("HTTP request failed unexpectedly");
                  } else {
                    result = std::move(r);
                  }
                });
  ioc.run();
  return result;
}

std::expected<HttpResponse, std::string> HttpClient::Post(const std::string& target,
                                                          const std::string& json,
                                                          const HttpHeaders& headers) const {
  return Exchange(Method::kPost, target, json, headers);
}

std::expected<HttpResponse, std::string> HttpClient::Get(const std::string& target,
                                                         const HttpHeaders& headers) const {
  return Exchange(Method::kGet, target, "", headers);
}

std::expected<HttpResponse, std::string> HttpClient::Delete(const std::string& target,
                                                            const HttpHeaders& headers) const {
  return Exchange(Method::kDelete, target, "", headers);
}

std::string HttpClient::BaseUrl() const { return "http://" + host_ + ":" + std::to_string(port_); }

std::string UrlEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace atelier::client
