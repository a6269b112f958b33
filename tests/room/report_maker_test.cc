// ReportMaker over a real log in a temporary directory: a document made from events 1..head off
// the caller's thread, an unknown workshop refused, and the bound on the work waiting.
#include "server/room/report_maker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "storage/sealed_event.h"
#include "tests/report/report_support.h"
#include "tests/storage/test_support.h"
#include "tests/workshop/test_support.h"

namespace atelier::room {
namespace {

namespace wt = workshop::testing;

class ReportMakerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = storage::EventLog::Open(dir_.path());
    ASSERT_TRUE(log);
    log_ = *std::move(log);
    wt::Harness harness;
    harness.JoinTable();
    harness.MoveTo(v1::PHASE_DIVERGENCE);
    harness.Post(1, "Ouvrir la salle le dimanche");
    for (const v1::LoggedEvent& logged : report::testing::SealLog(harness.log())) {
      auto sealed = storage::SealedEvent::FromLogged(logged);
      ASSERT_TRUE(sealed);
      ASSERT_TRUE(storage::test::AppendAndWait(*log_, *sealed));
    }
    head_ = harness.log().size();
  }

  using Outcome = std::expected<ReportDocument, std::string>;

  storage::test::TempDir dir_;
  std::unique_ptr<storage::EventLog> log_;
  uint64_t head_ = 0;
};

TEST_F(ReportMakerTest, MakesTheDocumentFromEventsOneToHeadOnItsOwnThread) {
  ReportMaker maker(*log_);
  std::promise<Outcome> outcome;
  std::promise<std::thread::id> render_thread;
  ASSERT_TRUE(maker.Make("w-test",
                         [&](const report::WorkshopRecord& record) {
                           render_thread.set_value(std::this_thread::get_id());
                           return std::to_string(record.state.seq) + " " +
                                  record.state.ideas.begin()->second.text;
                         },
                         [&](Outcome document) { outcome.set_value(std::move(document)); }));
  const Outcome document = outcome.get_future().get();
  ASSERT_TRUE(document) << document.error();
  EXPECT_EQ(document->head_seq, head_);
  EXPECT_EQ(document->body, std::to_string(head_) + " Ouvrir la salle le dimanche");
  EXPECT_NE(render_thread.get_future().get(), std::this_thread::get_id());
}

TEST_F(ReportMakerTest, AnUnknownWorkshopIsAnError) {
  ReportMaker maker(*log_);
  std::promise<Outcome> outcome;
  ASSERT_TRUE(maker.Make("nope", [](const report::WorkshopRecord&) { return std::string("x"); },
                         [&](Outcome document) { outcome.set_value(std::move(document)); }));
  const Outcome document = outcome.get_future().get();
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error(), "no such workshop");
}

TEST_F(ReportMakerTest, RefusesAtOncePastItsBoundAndFinishesWhatItTook) {
  ReportMaker maker(*log_);
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> done{0};
  auto count = [&](Outcome document) {
    EXPECT_TRUE(document);
    ++done;
  };
  ASSERT_TRUE(maker.Make("w-test",
                         [&](const report::WorkshopRecord&) {
                           started.set_value();
                           released.wait();
                           return std::string("first");
                         },
                         count));
  started.get_future().wait();  // the first is being made; the next ones wait behind it
  for (size_t i = 1; i < ReportMaker::kMaxWaiting; ++i) {
    EXPECT_TRUE(maker.Make("w-test", [](const report::WorkshopRecord&) { return std::string(); }, count));
  }
  bool called = false;
  EXPECT_FALSE(maker.Make("w-test", [](const report::WorkshopRecord&) { return std::string(); },
                          [&](Outcome) { called = true; }))
      << "a fifth is refused, not queued";
  release.set_value();
  maker.Stop();
  EXPECT_EQ(done.load(), static_cast<int>(ReportMaker::kMaxWaiting));
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace atelier::room
