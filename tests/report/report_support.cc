#include "tests/report/report_support.h"

#include <gtest/gtest.h>

#include "report/record_builder.h"
#include "server/demo/scenario.h"
#include "server/engine/engine.h"
#include "storage/sealed_event.h"
#include "tests/storage/test_support.h"

namespace atelier::report::testing {

std::vector<v1::LoggedEvent> SealLog(const std::vector<v1::Event>& log) {
  std::vector<v1::LoggedEvent> sealed;
  std::string prev;
  for (v1::Event event : log) {
    event.set_prev_hash(prev);
    storage::SealedEvent one = storage::Seal(event);
    prev = std::string(one.hash());
    sealed.push_back(one.ToLogged());
  }
  return sealed;
}

WorkshopRecord RecordOf(const std::vector<v1::LoggedEvent>& logged) {
  RecordBuilder builder;
  for (const v1::LoggedEvent& event : logged) {
    auto added = builder.AddLogged(event);
    EXPECT_TRUE(added) << added.error();
  }
  auto record = std::move(builder).Finish();
  EXPECT_TRUE(record) << record.error();
  return record ? *std::move(record) : WorkshopRecord{};
}

WorkshopRecord RecordOf(const std::vector<v1::Event>& log) { return RecordOf(SealLog(log)); }

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

size_t CountOf(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

namespace {

std::vector<v1::LoggedEvent> ReadAll(storage::EventLog& log, const std::string& id) {
  std::vector<v1::LoggedEvent> events;
  auto read = log.ForEach(id, 1, [&](uint64_t, const v1::LoggedEvent& logged) {
    events.push_back(logged);
    return true;
  });
  EXPECT_TRUE(read);
  return events;
}

ReferenceLogs Play() {
  storage::test::TempDir dir;
  auto engine = engine::Engine::Open(dir.path(), {.log = {}, .snapshot_every = 0});
  EXPECT_TRUE(engine) << engine.error();
  if (!engine) return {};
  auto played = demo::PlayReferenceWorkshops(**engine, {.seed = 7, .tables = 5});
  EXPECT_TRUE(played) << played.error();
  if (!played) return {};
  return {ReadAll((*engine)->log(), played->ideation_id),
          ReadAll((*engine)->log(), played->evaluation_id)};
}

}  // namespace

const ReferenceLogs& Reference() {
  static const ReferenceLogs logs = Play();
  return logs;
}

}  // namespace atelier::report::testing
