#include "server/room/rounds.h"

#include <boost/asio/post.hpp>

#include <algorithm>

#include "server/room/frames.h"

namespace atelier::room {

namespace net = boost::asio;
namespace v1 = atelier::v1;

Rounds::Rounds(RoomLog& log, RoomObserver& observer,
               net::strand<net::any_io_executor> strand, size_t max_in_flight)
    : log_(log),
      observer_(observer),
      strand_(strand),
      max_in_flight_(std::max<size_t>(1, max_in_flight)),
      retry_(strand) {}

void Rounds::Bind(std::weak_ptr<void> owner, Callbacks callbacks) {
  owner_ = std::move(owner);
  callbacks_ = std::move(callbacks);
}

Rounds::Round& Rounds::Begin() {
  Round& round = in_flight_.emplace_back();
  round.id = next_id_++;
  round.started = std::chrono::steady_clock::now();
  round.queued_since = round.started;
  return round;
}

void Rounds::Commit() {
  Round& round = in_flight_.back();
  round.committed = true;
  round.committed_at = std::chrono::steady_clock::now();
  round.durable = round.sealed.empty();
  AppendWaiting();
  FinishDurable();
}

void Rounds::AppendWaiting() {
  if (retry_armed_ || failed_) return;
  for (Round& round : in_flight_) {
    if (!round.committed) return;
    if (round.appended || round.sealed.empty()) continue;
    // A refusal for lack of room comes before Append returns (room_log.h): then nothing was
    // queued, and this round and those after it wait.
    auto busy = std::make_shared<bool>(false);
    log_.Append(round.sealed, [this, busy, owner = owner_, id = round.id](
                                  const storage::Result<void>& result) {
      if (!result && result.error().code == storage::Error::Code::kBusy) {
        *busy = true;
        return;
      }
      net::post(strand_, [this, owner, id, result, at = std::chrono::steady_clock::now()] {
        if (owner.lock()) OnAppended(id, result, at);
      });
    });
    if (*busy) {
      observer_.OnAppendBusy();
      ArmRetry();
      return;
    }
    round.appended = true;
    round.appended_at = std::chrono::steady_clock::now();
  }
  retry_delay_ = kFirstRetry;
}

void Rounds::ArmRetry() {
  retry_armed_ = true;
  retry_.expires_after(retry_delay_);
  retry_delay_ = std::min(retry_delay_ * 2, kLastRetry);
  retry_.async_wait([this, owner = owner_](boost::system::error_code ec) {
    auto alive = owner.lock();
    if (!alive) return;
    retry_armed_ = false;
    if (ec) return;
    AppendWaiting();
  });
}

void Rounds::OnAppended(uint64_t id, const storage::Result<void>& result,
                        std::chrono::steady_clock::time_point durable_at) {
  auto round = std::find_if(in_flight_.begin(), in_flight_.end(),
                            [id](const Round& r) { return r.id == id; });
  if (round == in_flight_.end()) return;  // failed already, with the rounds around it
  if (!result) return FailAll(result.error().message);
  round->durable = true;
  round->durable_at = durable_at;
  round->resumed_at = std::chrono::steady_clock::now();
  FinishDurable();
  callbacks_.progressed();
}

void Rounds::FinishDurable() {
  while (!in_flight_.empty() && in_flight_.front().committed && in_flight_.front().durable) {
    Round round = std::move(in_flight_.front());
    in_flight_.pop_front();
    callbacks_.finish(round);
  }
}

void Rounds::FailAll(const std::string& error) {
  failed_ = true;
  retry_.cancel();
  retry_armed_ = false;
  retry_delay_ = kFirstRetry;
  std::deque<Round> failed = std::exchange(in_flight_, {});
  for (Round& round : failed) {
    for (Output& answer : round.on_failure) answer();
    // Every command of the round was decided on a state the log does not have: none of them
    // was applied, whatever its answer would have been. The client sends it again later.
    Answers refused;
    for (auto& [subscriber, message] : round.answers) {
      v1::ServerMessage answer;
      v1::CommandRejected& rejected = *answer.mutable_rejected();
      rejected.set_command_id(message.has_accepted() ? message.accepted().command_id()
                                                     : message.rejected().command_id());
      v1::Rejection& rejection = *rejected.mutable_rejection();
      rejection.set_reason(v1::REJECTION_REASON_STORAGE_UNAVAILABLE);
      rejection.set_message("the server could not store this now; nothing was applied");
      rejection.set_retry_after_ms(kStorageRetryMs);
      refused.emplace_back(subscriber, std::move(answer));
    }
    SendAnswers(refused);
  }
  callbacks_.failed(error);
}

void Rounds::Abandon() {
  retry_.cancel();
  retry_armed_ = false;
  for (Round& round : std::exchange(in_flight_, {})) {
    for (Output& answer : round.on_failure) answer();
  }
}

void SendAnswers(Rounds::Answers& answers) {
  // One frame per client: its answer alone, or its answers together (Answers). Grouped by
  // client; the order among one client's answers is kept (it carries no meaning anyway).
  std::ranges::stable_sort(answers, std::less<>(), [](const auto& a) { return a.first.get(); });
  for (auto first = answers.begin(); first != answers.end();) {
    auto last = std::find_if(first, answers.end(),
                             [&](const auto& a) { return a.first != first->first; });
    if (last - first == 1) {
      first->first->Deliver(MessageFrame(first->second, 1));
    } else {
      v1::ServerMessage batch;
      for (auto it = first; it != last; ++it) {
        if (it->second.has_accepted()) {
          *batch.mutable_answers()->add_accepted() = std::move(*it->second.mutable_accepted());
        } else {
          *batch.mutable_answers()->add_rejected() = std::move(*it->second.mutable_rejected());
        }
      }
      first->first->Deliver(MessageFrame(batch, static_cast<uint32_t>(last - first)));
    }
    first = last;
  }
  answers.clear();
}

}  // namespace atelier::room
