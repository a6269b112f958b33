// `atelier synthesis ARCHIVE` and `atelier data ARCHIVE`: the server's documents made offline
// from an archive checked first; nothing from an archive that fails its check (verify's codes).
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "archive/archive_check.h"
#include "atelier/v1/report.pb.h"
#include "clients/cli/cli.h"
#include "report/raw_csv.h"
#include "report/raw_data.h"
#include "report/record_builder.h"
#include "report/synthesis.h"
#include "tests/archive/sample_archive.h"

namespace atelier::archive {
namespace {

struct SynthesisRun {
  int code;
  std::string out;
  std::string err;
};

class SynthesisCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("synthesis_command_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    sealed_ = SmallWorkshop();
    bytes_ = Write(sealed_.events, ManifestOf(sealed_.events));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string File(const std::string& bytes) {
    const auto path = dir_ / ("archive" + std::to_string(files_++));
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }
  static SynthesisRun Run(std::vector<std::string> args) {
    std::istringstream in;
    std::ostringstream out, err;
    const int code = cli::Run(args, in, out, err);
    return {code, out.str(), err.str()};
  }
  // What the server makes from the same events.
  report::WorkshopRecord Record() const {
    report::RecordBuilder builder;
    for (const auto& event : sealed_.events) EXPECT_TRUE(builder.AddLogged(event.ToLogged()));
    auto record = std::move(builder).Finish();
    EXPECT_TRUE(record);
    return *record;
  }

  std::filesystem::path dir_;
  int files_ = 0;
  Sealed sealed_;
  std::string bytes_;
};

TEST_F(SynthesisCommand, IntactArchiveGivesTheServersSynthesis) {
  const SynthesisRun run = Run({"synthesis", File(bytes_)});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out, report::RenderSynthesis(Record(), report::Language::kFrench));
  const std::string hash = HexHash(std::string(sealed_.events.back().hash()));
  EXPECT_NE(run.out.find("id=\"head-hash\">" + hash + "<"), std::string::npos);
  EXPECT_NE(run.err.find("archive intacte"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(hash), std::string::npos) << run.err;

  const SynthesisRun english = Run({"synthesis", File(bytes_), "--lang", "en"});
  ASSERT_EQ(english.code, 0) << english.err;
  EXPECT_EQ(english.out, report::RenderSynthesis(Record(), report::Language::kEnglish));
  EXPECT_EQ(Run({"synthesis", File(bytes_), "--lang", "de"}).code, 2);
  EXPECT_EQ(Run({"synthesis"}).code, 2);
}

TEST_F(SynthesisCommand, NothingFromAnArchiveThatFailsItsCheck) {
  std::string changed = bytes_;
  changed[changed.find("planning")] = 'P';
  SynthesisRun run = Run({"synthesis", File(changed)});
  EXPECT_EQ(run.code, 3) << run.err;
  EXPECT_EQ(run.out, "") << "not a line of a tampered workshop";
  EXPECT_NE(run.err.find("TAMPERED"), std::string::npos) << run.err;
  run = Run({"synthesis", File(bytes_.substr(0, bytes_.size() - 40))});
  EXPECT_EQ(run.code, 4) << run.err;
  EXPECT_EQ(run.out, "");
  run = Run({"data", File("not an archive")});
  EXPECT_EQ(run.code, 5) << run.err;
  EXPECT_EQ(run.out, "");
  run = Run({"data", (dir_ / "missing").string(), "--csv", "points"});
  EXPECT_EQ(run.code, 5) << run.err;
}

TEST_F(SynthesisCommand, DataAsJsonOrOneCsv) {
  const v1::RawData expected = report::MakeRawData(Record());
  SynthesisRun run = Run({"data", File(bytes_)});
  ASSERT_EQ(run.code, 0) << run.err;
  v1::RawData data;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(run.out, &data).ok()) << run.out;
  EXPECT_EQ(data.SerializeAsString(), expected.SerializeAsString());
  EXPECT_EQ(data.points_size(), 2) << "two tables voted";

  run = Run({"data", File(bytes_), "--csv", "points"});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out, report::RawCsv(expected, report::RawTable::kPoints));
  EXPECT_EQ(Run({"data", File(bytes_), "--csv", "tokens"}).code, 2);
}

}  // namespace
}  // namespace atelier::archive
