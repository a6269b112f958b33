// `atelier verify ARCHIVE`: its report and its exit codes, on files on disk.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "archive/archive_check.h"
#include "clients/cli/cli.h"
#include "clients/cli/results_printer.h"
#include "tests/archive/sample_archive.h"

namespace atelier::archive {
namespace {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

class VerifyCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("verify_command_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string File(const std::string& bytes) {
    const auto path = dir_ / ("archive" + std::to_string(files_++));
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }
  static CliRun Verify(std::vector<std::string> args) {
    args.insert(args.begin(), "verify");
    std::istringstream in;
    std::ostringstream out, err;
    const int code = cli::Run(args, in, out, err);
    return {code, out.str(), err.str()};
  }

  std::filesystem::path dir_;
  int files_ = 0;
};

TEST_F(VerifyCommand, IntactArchivePrintsTheResultsReportAndTheHeadHash) {
  const Sealed sealed = SmallWorkshop();
  const std::string bytes = Write(sealed.events, ManifestOf(sealed.events));
  const CliRun run = Verify({File(bytes)});
  EXPECT_EQ(run.code, 0) << run.err;
  // The same report as `atelier results` prints for the server's results.
  std::istringstream in(bytes);
  auto report = CheckArchive(in);
  ASSERT_TRUE(report);
  cli::ResultsLabels labels{report->question, report->criteria, report->config};
  std::ostringstream expected;
  cli::PrintResults(sealed.results, labels, expected);
  EXPECT_EQ(run.out.substr(0, expected.str().size()), expected.str());
  EXPECT_NE(run.out.find(HexHash(std::string(sealed.events.back().hash()))), std::string::npos)
      << run.out;
}

// A manifest whose text is not UTF-8 is unreadable, said once by verify: protobuf's own
// complaint while parsing it does not reach stderr.
TEST_F(VerifyCommand, AManifestThatIsNotUtf8IsUnreadableWithoutProtobufNoise) {
  const Sealed sealed = SmallWorkshop();
  v1::ArchiveManifest manifest = ManifestOf(sealed.events);
  manifest.set_server_version("0.1.0\xff\xfe");
  const std::string path = File(Write(sealed.events, manifest));  // protobuf complains here
  ::testing::internal::CaptureStderr();
  const CliRun run = Verify({path});
  const std::string printed = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(run.code, 5) << run.err;
  EXPECT_NE(run.err.find("UNREADABLE"), std::string::npos) << run.err;
  EXPECT_EQ(printed.find("UTF-8"), std::string::npos) << printed;
}

TEST_F(VerifyCommand, ExitCodesSayWhatIsWrong) {
  const Sealed sealed = SmallWorkshop();
  const std::string bytes = Write(sealed.events, ManifestOf(sealed.events));
  std::string changed = bytes;
  changed[changed.find("planning")] = 'P';
  CliRun run = Verify({File(changed)});
  EXPECT_EQ(run.code, 3) << run.err;
  EXPECT_NE(run.err.find("TAMPERED"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("event"), std::string::npos) << run.err;
  run = Verify({File(bytes.substr(0, bytes.size() - 40))});
  EXPECT_EQ(run.code, 4) << run.err;
  EXPECT_NE(run.err.find("TRUNCATED"), std::string::npos) << run.err;
  run = Verify({File("not an archive")});
  EXPECT_EQ(run.code, 5) << run.err;
  run = Verify({(dir_ / "missing").string()});
  EXPECT_EQ(run.code, 5) << run.err;
  EXPECT_EQ(Verify({}).code, 2);
}

TEST_F(VerifyCommand, HelpListsTheExitCodes) {
  const CliRun run = Verify({"--help"});
  EXPECT_EQ(run.code, 0);
  for (const char* code : {"0  intact", "3  tampered", "4  truncated", "5  unreadable"}) {
    EXPECT_NE(run.out.find(code), std::string::npos) << code;
  }
}

}  // namespace
}  // namespace atelier::archive
