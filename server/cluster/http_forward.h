// Performing an HTTP request passed from another node (HttpForward, cluster.proto) against this
// node's own listener, on loopback, as a client would: the answer is exactly what this node's
// HTTP side decides (status, problem, body). Blocks the calling thread (a thread of the node).
#ifndef ATELIER_SERVER_CLUSTER_HTTP_FORWARD_H_
#define ATELIER_SERVER_CLUSTER_HTTP_FORWARD_H_

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>

#include "atelier/v1/cluster.pb.h"

namespace atelier::cluster {

// The response, or a 502 problem when this node's listener did not answer in `timeout`, or a
// 502 when the body is over `max_body` bytes (too large to pass back through NATS).
atelier::v1::HttpForwarded PerformForwarded(const boost::asio::ip::tcp::endpoint& listener,
                                            const atelier::v1::HttpForward& request,
                                            std::chrono::milliseconds timeout, size_t max_body);

}  // namespace atelier::cluster

#endif  // ATELIER_SERVER_CLUSTER_HTTP_FORWARD_H_
