#include "server/room/timeline_reader.h"

#include <boost/asio/post.hpp>

#include "server/engine/state_as_of.h"
#include "server/engine/timeline_outline.h"

namespace atelier::room {

TimelineReader::TimelineReader(storage::EventLog& log) : log_(log) {}

TimelineReader::~TimelineReader() { Stop(); }

void TimelineReader::Stop() { reads_.join(); }

bool TimelineReader::Admit() {
  if (waiting_.fetch_add(1) < kMaxWaiting) return true;
  waiting_.fetch_sub(1);
  return false;
}

bool TimelineReader::Outline(std::string workshop_id, OutlineDone done) {
  if (!Admit()) return false;
  boost::asio::post(reads_, [this, workshop_id = std::move(workshop_id), done = std::move(done)] {
    auto timeline = engine::ReadTimeline(log_, workshop_id);
    waiting_.fetch_sub(1);
    done(std::move(timeline));
  });
  return true;
}

bool TimelineReader::Moment(std::string workshop_id, uint64_t seq, MomentDone done) {
  if (!Admit()) return false;
  boost::asio::post(reads_, [this, workshop_id = std::move(workshop_id), seq,
                             done = std::move(done)] {
    auto moment = engine::MomentAt(log_, workshop_id, seq);
    waiting_.fetch_sub(1);
    done(std::move(moment));
  });
  return true;
}

}  // namespace atelier::room
