#include "tests/soak/soak_client.h"

#include <algorithm>
#include <functional>

namespace atelier::soak {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::chrono::milliseconds Left(Clock::time_point deadline) {
  return std::max(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()),
                  std::chrono::milliseconds(1));
}

}  // namespace

SoakClient::SoakClient(std::string name, std::unique_ptr<client::Connection> connection,
                       const v1::Welcome& welcome, std::unique_ptr<Workload> workload,
                       uint64_t seed)
    : connection_(std::move(connection)), workload_(std::move(workload)), rng_(seed) {
  trace_.name = std::move(name);
  trace_.workshop_id = welcome.workshop_id();
  trace_.actor = welcome.role();
  trace_.sees_every_event = welcome.role().kind() == v1::ACTOR_KIND_ANIMATEUR;
  id_prefix_ = "soak-" + std::to_string(rng_() % 1'000'000'000) + "-";
  Welcomed(welcome);
}

void SoakClient::Problem(std::string what) {
  problems_.push_back("cycle " + std::to_string(cycle_) + ", " + trace_.name + " (" +
                      ActorName(trace_.actor) + "): " + std::move(what));
}

bool SoakClient::Send(v1::Command command, int cycle) {
  const std::string id = id_prefix_ + std::to_string(++next_id_);
  command.set_command_id(id);
  CommandRecord& record = trace_.commands[id];
  record.command = command;
  record.cycle = cycle;
  trace_.sent_order.push_back(id);
  ++in_flight_;
  workload_->OnSent(command);
  v1::ClientMessage message;
  *message.mutable_command() = std::move(command);
  return connection_->Send(message).has_value();
}

bool SoakClient::Resend(const std::string& command_id) {
  v1::ClientMessage message;
  *message.mutable_command() = trace_.commands.at(command_id).command;
  ++retried_;
  return connection_->Send(message).has_value();
}

std::expected<uint64_t, std::string> SoakClient::Execute(v1::Command command) {
  const std::string what = Text(command);
  if (!Send(std::move(command), 0)) return std::unexpected(what + ": the send failed");
  const CommandRecord& record = trace_.commands.at(trace_.sent_order.back());
  const auto deadline = Clock::now() + 30s;
  while (record.state == CommandRecord::State::kInFlight) {
    auto message = connection_->Next(Left(deadline));
    if (!message) return std::unexpected(what + ": no answer: " + message.error());
    Handle(*message);
  }
  if (record.state == CommandRecord::State::kRejected) {
    return std::unexpected(what + ": refused, " + v1::RejectionReason_Name(record.reason));
  }
  return record.seq;
}

std::expected<void, std::string> SoakClient::CatchUp(uint64_t seq) {
  const auto deadline = Clock::now() + 30s;
  while (trace_.through_seq < seq) {
    auto message = connection_->Next(Left(deadline));
    if (!message) {
      return std::unexpected(trace_.name + ": seen through seq " +
                             std::to_string(trace_.through_seq) + ", not " + std::to_string(seq) +
                             ": " + message.error());
    }
    Handle(*message);
  }
  return {};
}

void SoakClient::Run(int cycle, const Plan& plan, const std::atomic<bool>& stop,
                     const std::atomic<bool>& killing) {
  cycle_ = cycle;
  const size_t window = std::clamp<size_t>(plan.window, 1, kMaxInFlight);
  size_t sent = 0;
  while (!stop.load()) {
    bool idle = false;  // the workload has nothing to send until more events come
    while (sent < plan.burst && in_flight_ < window && connection_->is_open()) {
      std::optional<v1::Command> command = workload_->Next(rng_);
      if (!command) {
        idle = true;
        break;
      }
      ++sent;
      if (!Send(*std::move(command), cycle)) break;
    }
    if ((sent >= plan.burst || idle) && in_flight_ == 0) burst_done_ = true;
    auto message = connection_->Next(50ms);
    if (!message) {
      if (connection_->is_open()) continue;  // nothing within 50 ms
      lost_ = true;
      if (!killing.load()) {
        Problem("the connection was lost before the kill: " + message.error());
      }
      return;
    }
    Handle(*message);
  }
  // Stopped once the server is dead: what it sent before it died may still wait in the
  // connection (the rest of an Answers frame, bytes in the socket). Those answers were sent,
  // so they count; handled now, before the retries, until the connection says it is lost.
  const auto deadline = Clock::now() + 30s;
  while (Clock::now() < deadline) {
    auto message = connection_->Next(1s);
    if (message) {
      late_answers_ += message->has_accepted() || message->has_rejected();
      Handle(*message);
    } else if (!connection_->is_open()) {
      lost_ = true;
      return;
    }
  }
  Problem("the connection was still open 30 s after the kill");
}

void SoakClient::Handle(const v1::ServerMessage& message) {
  if (message.has_accepted()) {
    Answered(message.accepted().command_id(), &message.accepted(), nullptr);
  } else if (message.has_rejected()) {
    Answered(message.rejected().command_id(), nullptr, &message.rejected());
  } else if (message.has_events()) {
    Events(message.events());
  } else if (message.has_error()) {
    Problem("the server sent an error: " + message.error().code() + ": " +
            message.error().message());
  } else if (message.has_welcome()) {
    Problem("a Welcome outside a Hello");
  }
}

void SoakClient::Answered(const std::string& command_id, const v1::CommandAccepted* accepted,
                          const v1::CommandRejected* rejected) {
  auto found = trace_.commands.find(command_id);
  if (found == trace_.commands.end()) {
    Problem("an answer to command id '" + command_id + "', which this client never sent");
    return;
  }
  CommandRecord& record = found->second;
  if (record.state != CommandRecord::State::kInFlight) {
    Problem("a second answer to command " + command_id + " (" + Text(record.command) + ")");
    return;
  }
  --in_flight_;
  Expect expect = Expect::kNothing;
  uint64_t expected_seq = 0;
  if (auto retry = expect_.find(command_id); retry != expect_.end()) {
    expect = retry->second;
    expected_seq = expect == Expect::kDuplicate
                       ? (record.seq != 0 ? record.seq : logged_at_.at(command_id))
                       : 0;
    expect_.erase(retry);
  }
  const std::string what = "command " + command_id + " (" + Text(record.command) + ")";
  if (accepted != nullptr) {
    const std::string answer = Text(*accepted);
    if (expect == Expect::kDuplicate) {
      if (!accepted->duplicate() || accepted->seq() != expected_seq) {
        Problem(what + ", retried after the restart: expected a duplicate of seq " +
                std::to_string(expected_seq) + ", got " + answer);
      } else {
        ++retried_duplicates_;
      }
    } else if (accepted->duplicate()) {
      Problem(what + (expect == Expect::kNew
                          ? ", not in the log after the kill, was answered as a duplicate: "
                          : ", sent for the first time, was answered as a duplicate: ") +
              answer);
    }
    if (record.seq == 0) record.seq = accepted->seq();
    record.state = CommandRecord::State::kAccepted;
    ++accepted_;
    return;
  }
  const v1::RejectionReason reason = rejected->rejection().reason();
  if (expect == Expect::kDuplicate) {
    Problem(what + ", applied at seq " + std::to_string(expected_seq) +
            ", was refused when retried: " + Text(*rejected));
  } else if (reason == v1::REJECTION_REASON_COMMAND_ID_REUSED) {
    Problem(what + " was refused as reusing its id: " + Text(*rejected));
  }
  record.state = CommandRecord::State::kRejected;
  record.reason = reason;
}

void SoakClient::Events(const v1::EventBatch& batch) {
  for (const v1::Event& event : batch.events()) {
    const uint64_t seq = event.seq();
    if (seq <= trace_.through_seq) {
      Problem("event " + std::to_string(seq) + " came again or out of order (seen through " +
              std::to_string(trace_.through_seq) + ")");
      continue;
    }
    if (trace_.sees_every_event && seq != trace_.through_seq + 1) {
      Problem("events " + std::to_string(trace_.through_seq + 1) + " to " +
              std::to_string(seq - 1) + " never came (a gap in the animateur's stream)");
    }
    if (seq > batch.through_seq()) {
      Problem("event " + std::to_string(seq) + " in a batch through " +
              std::to_string(batch.through_seq()));
    }
    trace_.seen.push_back({seq, event.payload_case(), event.command_id(), event.hash()});
    trace_.through_seq = seq;
    workload_->OnEvent(event);
  }
  trace_.through_seq = std::max(trace_.through_seq, batch.through_seq());
}

void SoakClient::Welcomed(const v1::Welcome& welcome) {
  if (welcome.has_snapshot()) {
    const uint64_t seq = welcome.snapshot().seq();
    if (seq < trace_.through_seq) {
      Problem("a Welcome snapshot at seq " + std::to_string(seq) + ", behind what was seen (" +
              std::to_string(trace_.through_seq) + ")");
    }
    trace_.snapshot_seq = std::max(trace_.snapshot_seq, seq);
    trace_.through_seq = std::max(trace_.through_seq, seq);
  }
  workload_->OnWelcome(welcome);
}

void SoakClient::MarkKilled() {
  burst_done_ = false;  // for the next Run: the controller may look before that Run starts
  for (auto& [id, record] : trace_.commands) {
    if (record.state == CommandRecord::State::kInFlight) ++record.kills_in_flight;
  }
}

void SoakClient::NoteLogged(
    const std::function<uint64_t(const std::string& command_id)>& logged_seq) {
  for (auto& [id, record] : trace_.commands) {
    if (record.state != CommandRecord::State::kInFlight) continue;
    if (const uint64_t seq = logged_seq(id); seq != 0) {
      logged_at_[id] = seq;
      record.applied_before_answer = true;
    } else {
      logged_at_.erase(id);
    }
  }
}

std::expected<void, std::string> SoakClient::Reconnect(const std::string& host, uint16_t port) {
  if (connection_->through_seq() != trace_.through_seq) {
    Problem("the connection is through seq " + std::to_string(connection_->through_seq()) +
            ", the events handled through " + std::to_string(trace_.through_seq));
  }
  auto welcome = connection_->Resume(host, port, 30s);
  if (!welcome) return std::unexpected(trace_.name + ": " + welcome.error());
  lost_ = false;
  ++resumes_;
  resumes_with_snapshot_ += welcome->has_snapshot();
  Welcomed(*welcome);
  return {};
}

void SoakClient::Retry(int cycle, size_t sample, std::chrono::milliseconds timeout) {
  cycle_ = cycle;
  std::vector<std::string> ids;
  for (const std::string& id : trace_.sent_order) {
    if (trace_.commands.at(id).state != CommandRecord::State::kInFlight) continue;
    expect_[id] = logged_at_.contains(id) ? Expect::kDuplicate : Expect::kNew;
    ids.push_back(id);
  }
  // A sample of the answered ones among the newest accepted: the server remembers the last 256
  // of each actor, and these 100, with at most 64 applied since, are among them.
  std::vector<std::pair<uint64_t, std::string>> accepted;
  for (const auto& [id, record] : trace_.commands) {
    if (record.state == CommandRecord::State::kAccepted) accepted.emplace_back(record.seq, id);
  }
  std::ranges::sort(accepted, std::greater<>());
  accepted.resize(std::min<size_t>(accepted.size(), 100));
  std::ranges::shuffle(accepted, rng_);
  accepted.resize(std::min(accepted.size(), sample));
  for (const auto& [seq, id] : accepted) {
    trace_.commands.at(id).state = CommandRecord::State::kInFlight;
    expect_[id] = Expect::kDuplicate;
    ++in_flight_;
    ids.push_back(id);
  }

  const auto deadline = Clock::now() + timeout;
  size_t next = 0;
  while (!expect_.empty() && Clock::now() < deadline) {
    // expect_ holds the retries not yet answered, sent or not (one not sent has no answer):
    // keep at most kMaxInFlight of them unanswered on the wire.
    size_t on_wire = expect_.size() - (ids.size() - next);
    while (next < ids.size() && on_wire < kMaxInFlight) {
      if (!Resend(ids[next++])) break;
      ++on_wire;
    }
    auto message = connection_->Next(Left(std::min(deadline, Clock::now() + 100ms)));
    if (!message) {
      if (connection_->is_open()) continue;
      Problem("the connection was lost during the retries: " + message.error());
      return;
    }
    Handle(*message);
  }
  if (!expect_.empty()) {
    Problem(std::to_string(expect_.size()) + " retried commands had no answer within " +
            std::to_string(timeout.count()) + " ms, e.g. " + expect_.begin()->first);
    expect_.clear();
  }
}

}  // namespace atelier::soak
