#include "server/net/hello_gate.h"

namespace atelier::net {

namespace v1 = atelier::v1;

std::string RefusalMessage(metrics::Limit limit, std::chrono::milliseconds retry_after) {
  const std::string when =
      "; try again in " + std::to_string((retry_after.count() + 999) / 1000) + " s";
  switch (limit) {
    case metrics::Limit::kHellos:
      return "too many connection attempts from your address" + when;
    case metrics::Limit::kFailedCodes:
      return "too many wrong codes from your address" + when;
    case metrics::Limit::kFailedCodesTotal:
      return "too many wrong codes on this server" + when;
    case metrics::Limit::kTables:
      return "too many tables taken from your address" + when;
    case metrics::Limit::kApi:
      return "too many requests from your address" + when;
    case metrics::Limit::kCommands:
      return "too many commands on this connection" + when;
    case metrics::Limit::kHints:
      return "too many hint requests on this connection" + when;
    default:
      break;
  }
  return "the server is busy" + when;
}

std::optional<HelloRefusal> HelloGate::Admit(const v1::Hello& hello) {
  metrics_.hello_attempts_total.Increment();
  Credential credential = Credential::kNone;
  takes_table_ = false;
  counts_ = true;
  if (!hello.animateur_token().empty() || !hello.table_token().empty() ||
      !hello.seat_token().empty()) {
    credential = Credential::kToken;
    kind_ = metrics::AuthKind::kToken;
  } else if (!hello.join_code().empty()) {
    credential = Credential::kCode;
    kind_ = metrics::AuthKind::kJoinCode;
    takes_table_ = true;  // a table, or a seat with seat_number
  } else if (!hello.observer_code().empty()) {
    credential = Credential::kCode;
    kind_ = metrics::AuthKind::kObserverCode;
  } else {
    counts_ = false;  // the room refuses it as a bad Hello
  }
  const auto refusal = limiter_.AdmitHello(client_, credential, takes_table_, Clock::now());
  if (refusal) {
    takes_table_ = false;
    metrics_.CountRefusal(refusal->limit);
    return HelloRefusal{refusal->limit, refusal->retry_after,
                        RefusalMessage(refusal->limit, refusal->retry_after)};
  }
  awaiting_ = true;
  return std::nullopt;
}

void HelloGate::Unknown() {
  if (!awaiting_) return;
  awaiting_ = false;
  // With a token, the workshop id is what matched nothing.
  Failed(kind_ == metrics::AuthKind::kToken ? metrics::AuthKind::kWorkshopId : kind_);
}

void HelloGate::Outcome(const std::string& server_message) {
  if (!awaiting_) return;
  awaiting_ = false;
  const auto now = Clock::now();
  // A ServerMessage holds one field of its oneof: its tag says which (welcome = 1, error = 7).
  if (!server_message.empty() && server_message[0] == '\x0a') {
    limiter_.Welcomed(client_, now);
    return;
  }
  v1::ServerMessage message;
  if (!message.ParseFromString(server_message) || !message.has_error()) return;
  const std::string& code = message.error().code();
  if (code == "bad_token" || code == "unknown_workshop") {
    Failed(kind_);
  } else if (takes_table_) {
    limiter_.TableNotTaken(client_, now);  // table taken, tables full, ...
  }
}

void HelloGate::Failed(metrics::AuthKind kind) {
  const auto now = Clock::now();
  if (takes_table_) limiter_.TableNotTaken(client_, now);
  if (!counts_) return;
  metrics_.CountAuthFailure(kind);
  limiter_.Failed(client_, now);
}

}  // namespace atelier::net
