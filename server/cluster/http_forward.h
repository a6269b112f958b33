// Performing an HTTP request passed from another node (HttpForward, cluster.proto) against this
// node's own listener, on loopback, as a client would: the answer is exactly what this node's
// HTTP side decides (status, problem, body). Blocks the calling thread (a thread of the node).
#ifndef ATELIER_SERVER_CLUSTER_HTTP_FORWARD_H_
#define ATELIER_SERVER_CLUSTER_HTTP_FORWARD_H_

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <string_view>

#include "atelier/v1/cluster.pb.h"

namespace atelier::cluster {

// The headers of a request performed for another node: the client as the edge saw it, and the
// performing node's key (Node::IsOwnForwardKey) without which the header is not believed.
inline constexpr std::string_view kClientHeader = "X-Atelier-Client";
inline constexpr std::string_view kForwardKeyHeader = "X-Atelier-Forward-Key";

// The response, or a 502 problem when this node's listener did not answer in `timeout`, or a
// 502 when the body is over `max_body` bytes (too large to pass back through NATS).
// `forward_key` goes in X-Atelier-Forward-Key and the request's client_address in
// X-Atelier-Client: the listener (Node::IsOwnForwardKey) counts the request against that
// client, not against this node's own address, and answers it from its log.
atelier::v1::HttpForwarded PerformForwarded(const boost::asio::ip::tcp::endpoint& listener,
                                            const atelier::v1::HttpForward& request,
                                            std::string_view forward_key,
                                            std::chrono::milliseconds timeout, size_t max_body);

}  // namespace atelier::cluster

#endif  // ATELIER_SERVER_CLUSTER_HTTP_FORWARD_H_
