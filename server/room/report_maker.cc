#include "server/room/report_maker.h"

#include <boost/asio/post.hpp>

#include "report/record_builder.h"
#include "storage/hash_chain.h"

namespace atelier::room {

ReportMaker::ReportMaker(storage::EventLog& log) : log_(log) {}

ReportMaker::~ReportMaker() { Stop(); }

void ReportMaker::Stop() { pool_.join(); }

bool ReportMaker::Make(std::string workshop_id, Render render, Done done) {
  if (waiting_.fetch_add(1) >= kMaxWaiting) {
    waiting_.fetch_sub(1);
    return false;
  }
  boost::asio::post(pool_, [this, workshop_id = std::move(workshop_id), render = std::move(render),
                            done = std::move(done)] {
    auto document = MakeNow(workshop_id, render);
    waiting_.fetch_sub(1);
    done(std::move(document));
  });
  return true;
}

std::expected<ReportDocument, std::string> ReportMaker::MakeNow(const std::string& workshop_id,
                                                                const Render& render) {
  auto head = log_.Head(workshop_id);
  if (!head) return std::unexpected(head.error().message);
  if (head->seq == 0) return std::unexpected("no such workshop");
  storage::ChainVerifier chain(workshop_id);
  report::RecordBuilder builder;
  std::string error;
  auto read = log_.ForEach(workshop_id, 1, [&](uint64_t seq, const v1::LoggedEvent& logged) {
    if (auto fed = chain.Feed(logged); !fed) {
      error = fed.error().message;
      return false;
    }
    if (auto added = builder.AddLogged(logged); !added) {
      error = added.error();
      return false;
    }
    return seq < head->seq;
  });
  if (!read) return std::unexpected(read.error().message);
  if (!error.empty()) return std::unexpected(error);
  if (chain.last_seq() != head->seq || chain.last_hash() != head->hash) {
    return std::unexpected("the log's events do not lead to its head");
  }
  auto record = std::move(builder).Finish();
  if (!record) return std::unexpected(record.error());
  return ReportDocument{render(*record), head->seq};
}

}  // namespace atelier::room
