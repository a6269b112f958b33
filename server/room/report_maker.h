// ReportMaker: makes a workshop's synthesis or raw data (report/) from its log, on a thread of
// its own: no I/O thread reads the log or renders. Events 1..head are read (head: the log's
// durable head when the work starts; later appends are not in the document), checked against
// the chain as they are read (storage::ChainVerifier: a log that fails it gives no document),
// folded with the domain's Apply (report::RecordBuilder), and the caller's `render` turns the
// record into the document's bytes, on the same thread.
//
// Bounded: at most kMaxWaiting documents queued or being made; past it Make refuses at once (the
// caller answers 503) rather than queue work that a client may have given up on. A document is
// held in memory (a few hundred KB for a large workshop).
//
// Thread safety: Make may be called from any thread; `render` and `done` run on the maker's
// thread. Stop() (or the destructor) waits for the work queued; call it before closing the log.
#ifndef ATELIER_SERVER_ROOM_REPORT_MAKER_H_
#define ATELIER_SERVER_ROOM_REPORT_MAKER_H_

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <expected>
#include <functional>
#include <string>

#include "report/workshop_record.h"
#include "storage/event_log.h"

namespace atelier::room {

struct ReportDocument {
  std::string body;
  uint64_t head_seq = 0;  // the last event it was made from
};

class ReportMaker {
 public:
  static constexpr size_t kMaxWaiting = 4;

  explicit ReportMaker(storage::EventLog& log);
  ~ReportMaker();

  using Render = std::function<std::string(const report::WorkshopRecord&)>;
  // The error names what failed ("no such workshop", the chain's fault, the log's).
  using Done = std::function<void(std::expected<ReportDocument, std::string>)>;
  // False, and `done` never called, when kMaxWaiting are already waiting.
  [[nodiscard]] bool Make(std::string workshop_id, Render render, Done done);

  void Stop();

 private:
  std::expected<ReportDocument, std::string> MakeNow(const std::string& workshop_id,
                                                     const Render& render);

  storage::EventLog& log_;
  std::atomic<size_t> waiting_{0};
  boost::asio::thread_pool pool_{1};
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_REPORT_MAKER_H_
