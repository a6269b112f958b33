// An upgrade keeps the data: this version opens the data directories that earlier versions
// wrote (tests/upgrade/fixtures/*, each made once by make_fixture.sh and never rewritten), with
// every chain intact at the head it had, and the same results; the real server serves them.
#include <gtest/gtest.h>

#include <filesystem>

#include "clients/client/workshop_api.h"
#include "google/protobuf/util/message_differencer.h"
#include "tests/integration/server_process.h"
#include "tests/upgrade/expectations.h"

namespace atelier::upgrade {
namespace {

namespace fs = std::filesystem;
using google::protobuf::util::MessageDifferencer;

const fs::path kFixtures = fs::path(ATELIER_SOURCE_DIR) / "tests/upgrade/fixtures";

// A copy of the fixture's data (RocksDB writes to a directory it opens), removed at the end.
struct Copy {
  explicit Copy(const fs::path& data) {
    std::string pattern = (fs::temp_directory_path() / "atelier-upgrade-XXXXXX").string();
    root = mkdtemp(pattern.data());
    fs::copy(data, root / "data", fs::copy_options::recursive);
  }
  ~Copy() { fs::remove_all(root); }
  fs::path root;
};

std::vector<fs::path> Fixtures() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(kFixtures)) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Results as a fixture's expectations state them: the fields added to Results since (which an
// earlier version could not write) are left out of the comparison; every field it wrote must
// come out the same.
bool SameResults(const ::atelier::v1::Results& now, const ::atelier::v1::Results& then) {
  MessageDifferencer differ;
  for (const char* added : {"vote_step_id", "other_votes"}) {  // ballots, 2026-12-01
    differ.IgnoreField(::atelier::v1::Results::descriptor()->FindFieldByName(added));
  }
  return differ.Compare(now, then);
}

TEST(Upgrade, ThereIsAFixtureOfEachRelease) { EXPECT_FALSE(Fixtures().empty()); }

TEST(Upgrade, EveryEarlierLogOpensWithTheSameHeadsAndResults) {
  for (const fs::path& fixture : Fixtures()) {
    SCOPED_TRACE(fixture.filename().string());
    auto expected = Read(fixture / "expected");
    ASSERT_TRUE(expected) << expected.error();
    ASSERT_FALSE(expected->empty());
    Copy copy(fixture / "data");
    auto now = Describe(copy.root / "data");
    ASSERT_TRUE(now) << now.error();
    ASSERT_EQ(now->size(), expected->size());
    for (size_t i = 0; i < now->size(); ++i) {
      const WorkshopExpectation& e = (*expected)[i];
      const WorkshopExpectation& n = (*now)[i];
      SCOPED_TRACE(e.id);
      EXPECT_EQ(n.id, e.id);
      EXPECT_EQ(n.head_seq, e.head_seq);
      EXPECT_EQ(n.head_hash_hex, e.head_hash_hex);
      EXPECT_TRUE(SameResults(n.results, e.results))
          << "now:\n" << n.results.DebugString() << "then:\n" << e.results.DebugString();
    }
  }
}

TEST(Upgrade, TheServerServesAnEarlierDataDirectory) {
  for (const fs::path& fixture : Fixtures()) {
    SCOPED_TRACE(fixture.filename().string());
    auto expected = Read(fixture / "expected");
    ASSERT_TRUE(expected) << expected.error();
    Copy described(fixture / "data");
    auto access = Describe(described.root / "data");  // the codes to ask with
    ASSERT_TRUE(access) << access.error();
    Copy copy(fixture / "data");
    testing::ServerOptions options;
    options.extra_args = {"--data", (copy.root / "data").string()};
    auto server = testing::ServerProcess::Start(options);
    ASSERT_TRUE(server) << server.error();
    client::HttpClient http((*server)->host(), (*server)->port());
    for (size_t i = 0; i < expected->size(); ++i) {
      const WorkshopExpectation& e = (*expected)[i];
      SCOPED_TRACE(e.id);
      auto join = http.Get("/api/join/" + (*access)[i].access.join_code());
      ASSERT_TRUE(join);
      EXPECT_EQ(join->status, 200u) << join->body;
      auto results = client::GetResults(http, e.id,
                                        {.observer_code = (*access)[i].access.observer_code()});
      ASSERT_TRUE(results) << results.error();
      EXPECT_TRUE(SameResults(*results, e.results))
          << "served:\n" << results->DebugString() << "then:\n" << e.results.DebugString();
    }
    auto stopped = (*server)->Stop();
    ASSERT_TRUE(stopped) << stopped.error();
    EXPECT_EQ(*stopped, 0);
  }
}

}  // namespace
}  // namespace atelier::upgrade
