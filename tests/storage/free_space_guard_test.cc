// The free-space guard alone, with a fake clock and a disk whose free space the test sets.
#include "storage/free_space_guard.h"

#include <gtest/gtest.h>

#include "storage/operator_log.h"

namespace atelier::storage {
namespace {

using std::chrono::milliseconds;

class FreeSpaceGuardTest : public ::testing::Test {
 protected:
  FreeSpaceGuard Guard(uint64_t min_free) {
    return FreeSpaceGuard(
        min_free, "the disk",
        [this]() -> Result<uint64_t> {
          ++measures_;
          if (broken_) return Fail(Error::Code::kIo, "statvfs failed");
          return free_;
        },
        [this] { return std::chrono::steady_clock::time_point() + now_; });
  }

  uint64_t free_ = 1000;
  bool broken_ = false;
  int measures_ = 0;
  milliseconds now_{1'000'000};
};

TEST_F(FreeSpaceGuardTest, RefusesWhatWouldEatIntoTheReserve) {
  FreeSpaceGuard guard = Guard(600);
  EXPECT_TRUE(guard.Check(400).has_value());  // 1000 - 400 = 600: the reserve is intact
  Result<void> refused = guard.Check(401);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Error::Code::kNoSpace);
  EXPECT_EQ(refused.error().message,
            "the disk has 1000 bytes free, below the 600 bytes it keeps in reserve; nothing "
            "written; retry later");
  EXPECT_TRUE(guard.refusing());
  EXPECT_EQ(guard.free_bytes(), 1000u);
}

TEST_F(FreeSpaceGuardTest, MeasuresOncePerRefreshAndCountsWritesInBetween) {
  FreeSpaceGuard guard = Guard(600);
  EXPECT_TRUE(guard.Check(100).has_value());
  guard.Wrote(300);
  EXPECT_EQ(guard.free_bytes(), 700u);
  EXPECT_TRUE(guard.Check(100).has_value());   // 700 - 100 = 600
  EXPECT_FALSE(guard.Check(101).has_value());  // no new measure: the estimate says no
  EXPECT_EQ(measures_, 1);
  now_ += FreeSpaceGuard::kRefresh;
  free_ = 5000;  // something else freed space
  EXPECT_TRUE(guard.Check(101).has_value());
  EXPECT_EQ(measures_, 2);
  EXPECT_EQ(guard.free_bytes(), 5000u);
  EXPECT_FALSE(guard.refusing());
}

TEST_F(FreeSpaceGuardTest, AFailedMeasureRefusesNothingAndKeepsTheLastEstimate) {
  broken_ = true;
  FreeSpaceGuard guard = Guard(600);
  EXPECT_TRUE(guard.Check(100).has_value());  // never measured: nothing known, nothing refused
  now_ += FreeSpaceGuard::kRefresh;
  broken_ = false;
  free_ = 100;
  EXPECT_FALSE(guard.Check(1).has_value());
  now_ += FreeSpaceGuard::kRefresh;
  broken_ = true;
  EXPECT_FALSE(guard.Check(1).has_value());  // still 100 as far as it knows
  EXPECT_EQ(guard.free_bytes(), 100u);
}

TEST_F(FreeSpaceGuardTest, AReserveOfZeroMeasuresButNeverRefuses) {
  free_ = 0;
  FreeSpaceGuard guard = Guard(0);
  EXPECT_TRUE(guard.Check(1 << 20).has_value());
  EXPECT_EQ(measures_, 1);
  EXPECT_FALSE(guard.refusing());
}

TEST(FreeSpace, MeasuresARealDirectory) {
  Result<uint64_t> free = FreeBytesAt(std::filesystem::temp_directory_path());
  ASSERT_TRUE(free.has_value()) << free.error().message;
  EXPECT_FALSE(FreeBytesAt("/nonexistent/atelier/dir").has_value());
}

TEST(FreeSpace, SizesAreWrittenForPeople) {
  EXPECT_EQ(FormatBytes(0), "0 bytes");
  EXPECT_EQ(FormatBytes(1), "1 byte");
  EXPECT_EQ(FormatBytes(1023), "1023 bytes");
  EXPECT_EQ(FormatBytes(300 << 10), "300 KiB");
  EXPECT_EQ(FormatBytes(uint64_t{256} << 20), "256 MiB");
}

TEST(OperatorLog, OneLinePerMessage) {
  EXPECT_EQ(FormatOperatorLine("rocksdb", LogLevel::kWarning, "a\nb\r\nc\n"),
            "rocksdb WARN: a b  c");
  EXPECT_EQ(FormatOperatorLine("event log", LogLevel::kError, "x"), "event log ERROR: x");
  EXPECT_EQ(FormatOperatorLine("event log", LogLevel::kInfo, ""), "event log INFO: ");
}

}  // namespace
}  // namespace atelier::storage
