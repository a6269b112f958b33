#include "server/cluster/http_forward.h"

#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>

namespace atelier::cluster {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace v1 = atelier::v1;

namespace {

v1::HttpForwarded Problem(unsigned status, const std::string& message) {
  v1::HttpForwarded out;
  out.set_status(status);
  out.set_content_type("application/json");
  out.set_body("{\"code\":\"unavailable\",\"message\":\"" + message + "\"}");
  return out;
}

}  // namespace

v1::HttpForwarded PerformForwarded(const boost::asio::ip::tcp::endpoint& listener,
                                   const v1::HttpForward& request, std::string_view forward_key,
                                   std::chrono::milliseconds timeout, size_t max_body) {
  boost::asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(timeout);
  beast::error_code ec;
  stream.socket().connect(listener, ec);
  if (ec) return Problem(502, "the workshop's server did not answer");
  bhttp::request<bhttp::string_body> out{bhttp::string_to_verb(request.method()),
                                         request.target(), 11};
  if (out.method() == bhttp::verb::unknown) return Problem(400, "unknown method");
  out.set(bhttp::field::host, listener.address().to_string());
  out.set(bhttp::field::user_agent, "atelier-server (cluster)");
  if (!request.authorization().empty()) {
    out.set(bhttp::field::authorization, request.authorization());
  }
  if (!request.content_type().empty()) out.set(bhttp::field::content_type, request.content_type());
  out.set(kForwardKeyHeader, forward_key);
  if (!request.client_address().empty()) out.set(kClientHeader, request.client_address());
  out.body() = request.body();
  out.prepare_payload();
  out.keep_alive(false);
  bhttp::write(stream, out, ec);
  if (ec) return Problem(502, "the workshop's server did not answer");
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(max_body);
  bhttp::read(stream, buffer, parser, ec);
  if (ec == bhttp::error::body_limit) {
    return Problem(502, "the answer is too large to pass between servers: ask the server that "
                        "holds this workshop");
  }
  if (ec) return Problem(502, "the workshop's server did not answer");
  const auto& response = parser.get();
  v1::HttpForwarded answer;
  answer.set_status(response.result_int());
  answer.set_content_type(std::string(response[bhttp::field::content_type]));
  answer.set_content_disposition(std::string(response[bhttp::field::content_disposition]));
  answer.set_retry_after(std::string(response[bhttp::field::retry_after]));
  answer.set_body(response.body());
  stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  return answer;
}

}  // namespace atelier::cluster
