// HelloGate: the limits around one connection's Hello, and what its outcome teaches them.
//
// Before the Hello goes to the hub, Admit asks the AddressLimiter (address_limiter.h): Hello
// attempts, failed-attempt buckets for a code, tables for a join. After: a Hello that matches
// no workshop (Unknown), or that the room refuses for a bad code or token (its ErrorMessage,
// seen by Outcome), is a failed attempt, counted by kind in atelier_auth_failures_total and
// against the address; a Welcome makes the address trusted; a join that took no table gives
// its table token back.
//
// Owned by one session, used on its executor: not thread-safe.
#ifndef ATELIER_SERVER_NET_HELLO_GATE_H_
#define ATELIER_SERVER_NET_HELLO_GATE_H_

#include <chrono>
#include <optional>
#include <string>

#include "atelier/v1/wire.pb.h"
#include "server/metrics/edge_metrics.h"
#include "server/net/address_limiter.h"

namespace atelier::net {

struct HelloRefusal {
  metrics::Limit limit;
  std::chrono::milliseconds retry_after;
  std::string message;  // for ErrorMessage.message, in English
};

// What the refusal of a limit says ("too many wrong codes from your address; try again in
// 10 s").
std::string RefusalMessage(metrics::Limit limit, std::chrono::milliseconds retry_after);

class HelloGate {
 public:
  HelloGate(AddressLimiter& limiter, metrics::EdgeMetrics& metrics, AddressKey client)
      : limiter_(limiter), metrics_(metrics), client_(client) {}

  // Counts the attempt; a refusal is counted in atelier_refusals_total too.
  std::optional<HelloRefusal> Admit(const atelier::v1::Hello& hello);
  // The hub found no workshop for the admitted Hello.
  void Unknown();
  // Whether the room's answer to the admitted Hello is awaited.
  bool awaiting() const { return awaiting_; }
  // The first whole ServerMessage the room sent this connection after the Hello: a Welcome or
  // an ErrorMessage. Only its first byte is read for a Welcome (a snapshot may be large).
  void Outcome(const std::string& server_message);

 private:
  void Failed(metrics::AuthKind kind);

  AddressLimiter& limiter_;
  metrics::EdgeMetrics& metrics_;
  const AddressKey client_;
  bool awaiting_ = false;
  bool takes_table_ = false;
  // The kind of failure a refusal of this Hello's credential would be.
  metrics::AuthKind kind_ = metrics::AuthKind::kToken;
  bool counts_ = false;  // it offered a credential that can fail
};

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_HELLO_GATE_H_
