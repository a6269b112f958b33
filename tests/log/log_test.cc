#include "server/log/log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace atelier::log {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

// 2026-11-30T08:15:02.123Z
const system_clock::time_point kTime = system_clock::time_point(milliseconds(1'796'026'502'123));

TEST(LogLine, HasTimeLevelWorkshopAndText) {
  EXPECT_EQ(FormatLine(kTime, Level::kWarning, "snapshot not saved", "3f2a9c1b", false),
            "2026-11-30T08:15:02.123Z warning workshop=3f2a9c1b snapshot not saved\n");
  EXPECT_EQ(FormatLine(kTime, Level::kInfo, "listening", "", false),
            "2026-11-30T08:15:02.123Z info listening\n");
  EXPECT_EQ(FormatLine(kTime, Level::kError, "disk", "", false),
            "2026-11-30T08:15:02.123Z error disk\n");
}

TEST(LogLine, KeepsLeadingZerosOfMilliseconds) {
  EXPECT_EQ(FormatLine(system_clock::time_point(milliseconds(1'796'026'502'007)), Level::kInfo, "x",
                       "", false),
            "2026-11-30T08:15:02.007Z info x\n");
}

TEST(LogLine, JournaldGetsThePriorityPrefix) {
  EXPECT_EQ(FormatLine(kTime, Level::kError, "e", "", true),
            "<3>2026-11-30T08:15:02.123Z error e\n");
  EXPECT_EQ(FormatLine(kTime, Level::kWarning, "w", "", true).substr(0, 3), "<4>");
  EXPECT_EQ(FormatLine(kTime, Level::kInfo, "i", "", true).substr(0, 3), "<6>");
}

TEST(LogLine, EscapesControlCharactersSoThatOneCallIsOneLine) {
  const std::string line =
      FormatLine(kTime, Level::kInfo, "key 'a\nb'\r\t\x01\x7f", "id\n2026 error forged", false);
  EXPECT_EQ(line,
            "2026-11-30T08:15:02.123Z info workshop=id\\n2026 error forged key 'a\\nb'\\r\\t\\x01"
            "\\x7f\n");
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
}

TEST(LogLine, CutsALongText) {
  const std::string line = FormatLine(kTime, Level::kInfo, std::string(10'000, 'a'), "", false);
  EXPECT_LT(line.size(), 4096u) << "below PIPE_BUF: a line is written at once";
  EXPECT_TRUE(line.ends_with("a...\n"));
}

TEST(JournalStream, MatchesDeviceAndInode) {
  EXPECT_TRUE(IsJournalStream("8:1234", 8, 1234));
  EXPECT_FALSE(IsJournalStream("8:1234", 8, 1235));
  EXPECT_FALSE(IsJournalStream("9:1234", 8, 1234));
  EXPECT_FALSE(IsJournalStream("", 0, 0));
  EXPECT_FALSE(IsJournalStream(":1", 0, 1));
  EXPECT_FALSE(IsJournalStream("8:12x", 8, 12));
}

// Writes go to fd 2: point it at a file for the test, then put it back.
class CapturedStderr {
 public:
  // A file of its own: ctest runs several of these tests at once, each in its own process.
  CapturedStderr()
      : path_(::testing::TempDir() + "log_test_stderr_" + std::to_string(::getpid())) {
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    FILE* file = std::fopen(path_.c_str(), "w");
    dup2(fileno(file), STDERR_FILENO);
    std::fclose(file);
  }
  ~CapturedStderr() { Restore(); }
  std::string Restore() {
    if (saved_ >= 0) {
      dup2(saved_, STDERR_FILENO);
      close(saved_);
      saved_ = -1;
    }
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  std::string path_;
  int saved_ = -1;
};

TEST(Log, WritesWholeLinesFromManyThreads) {
  CapturedStderr captured;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 200; ++i) {
        Warning("thread " + std::to_string(t) + " line " + std::to_string(i) + " " +
                    std::string(500, 'x'),
                "ws" + std::to_string(t));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  Info("the end");
  const std::string text = captured.Restore();
  std::istringstream lines(text);
  int count = 0;
  for (std::string line; std::getline(lines, line);) {
    ++count;
    if (line.ends_with("info the end")) continue;
    ASSERT_NE(line.find(" warning workshop=ws"), std::string::npos) << line;
    ASSERT_TRUE(line.ends_with(std::string(500, 'x'))) << "a line was mixed with another";
  }
  EXPECT_EQ(count, 801);
}

}  // namespace
}  // namespace atelier::log
