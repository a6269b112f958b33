#include "server/room/resume_ring.h"

#include "atelier/v1/events.pb.h"
#include "server/room/frames.h"
#include "server/workshop/views.h"

namespace atelier::room {

namespace v1 = atelier::v1;

void ResumeRing::Assign(std::vector<storage::SealedEvent> events) {
  events_.assign(std::make_move_iterator(events.begin()), std::make_move_iterator(events.end()));
  while (events_.size() > capacity_) events_.pop_front();
}

void ResumeRing::Push(storage::SealedEvent event) {
  events_.push_back(std::move(event));
  while (events_.size() > capacity_) events_.pop_front();
}

void ResumeRing::TrimAfter(uint64_t seq) {
  while (!events_.empty() && events_.back().seq() > seq) events_.pop_back();
}

std::optional<std::vector<storage::SealedEvent>> ResumeRing::Range(uint64_t after_seq,
                                                                  uint64_t through_seq) const {
  std::vector<storage::SealedEvent> range;
  if (through_seq <= after_seq) return range;
  if (events_.empty() || events_.front().seq() > after_seq + 1 ||
      events_.back().seq() < through_seq) {
    return std::nullopt;
  }
  range.reserve(through_seq - after_seq);
  for (const storage::SealedEvent& sealed : events_) {
    if (sealed.seq() <= after_seq) continue;
    if (sealed.seq() > through_seq) break;
    range.push_back(sealed);
  }
  return range;
}

std::optional<std::vector<Frame>> ResumeRing::Missed(uint64_t last_seq, uint64_t head_seq,
                                                     const v1::Actor& viewer,
                                                     size_t max_bytes) const {
  if (last_seq == 0 || last_seq > head_seq) return std::nullopt;
  std::vector<Frame> missed;
  if (last_seq == head_seq) return missed;
  if (events_.empty() || events_.front().seq() > last_seq + 1) return std::nullopt;
  size_t bytes = 0;
  v1::Event event;
  for (const storage::SealedEvent& sealed : events_) {
    if (sealed.seq() <= last_seq) continue;
    if (sealed.seq() > head_seq) break;
    const std::string_view stored = sealed.event_bytes();
    if (!event.ParseFromArray(stored.data(), static_cast<int>(stored.size()))) {
      return std::nullopt;  // never for bytes this server sealed; a snapshot is always right
    }
    event.set_hash(std::string(sealed.hash()));
    if (auto view = workshop::ViewEvent(event, viewer)) {
      missed.push_back(EventFrame(*view));
      bytes += missed.back().bytes->size();
      if (bytes > max_bytes) return std::nullopt;
    }
  }
  return missed;
}

}  // namespace atelier::room
