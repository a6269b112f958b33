#include "server/net/organizer_keys.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "server/engine/secrets.h"

namespace atelier::net {
namespace {

using Problem = OrganizerKeys::Problem;
using std::chrono::seconds;

const std::string kJeunesse = "8c1d0e3f1b7a4e52a9d6c07e2f3b5a18";
const std::string kCulture = "Zq2-uV9rT4kLx8wN3pH6";

TEST(OrganizerKeysFile, NamesAndKeysOneALine) {
  auto keys = ParseOrganizerKeys("# who may create workshops\n\njeunesse  " + kJeunesse +
                                 "\n\tculture-mairie\t" + kCulture + "   # since May\n");
  ASSERT_TRUE(keys) << keys.error();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].name, "jeunesse");
  EXPECT_EQ((*keys)[0].key_sha256, engine::TokenHash(kJeunesse)) << "only the hash is kept";
  EXPECT_EQ((*keys)[1].name, "culture-mairie");
  EXPECT_TRUE(ParseOrganizerKeys("")->empty());
}

TEST(OrganizerKeysFile, BadLinesSayWhereAndWhy) {
  EXPECT_EQ(ParseOrganizerKeys("a " + kJeunesse + "\nb\n").error(),
            "line 2: expected a name and a key");
  EXPECT_EQ(ParseOrganizerKeys("a " + kJeunesse + " extra\n").error(),
            "line 1: expected a name and a key");
  EXPECT_EQ(ParseOrganizerKeys("a short\n").error(),
            "line 1: a key is 16 to 256 characters without spaces");
  EXPECT_EQ(ParseOrganizerKeys("é " + kJeunesse).error(),
            "line 1: a name is 1 to 64 letters, digits, '.', '_' or '-'");
  EXPECT_EQ(ParseOrganizerKeys("a " + kJeunesse + "\na " + kCulture).error(),
            "line 2: the name a is used twice");
  EXPECT_EQ(ParseOrganizerKeys("a " + kJeunesse + "\nb " + kJeunesse).error(),
            "line 2: this key is b's and another's");
}

class OrganizerKeysTest : public ::testing::Test {
 protected:
  void Write(const std::string& text) {
    // Replaced at once, as editors and deploy tools do (a new inode).
    std::ofstream(path_ + ".new") << text;
    std::filesystem::rename(path_ + ".new", path_);
  }
  void TearDown() override { std::filesystem::remove(path_); }
  // One file per test and process: ctest runs these tests at once, in processes of their own.
  const std::string path_ =
      ::testing::TempDir() + "organizer_keys_" +
      ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
      std::to_string(::getpid()) + ".txt";
};

TEST_F(OrganizerKeysTest, FindsTheNameOfAKey) {
  Write("jeunesse " + kJeunesse + "\nculture " + kCulture + "\n");
  auto keys = OrganizerKeys::Load(path_);
  ASSERT_TRUE(keys) << keys.error();
  EXPECT_EQ((*keys)->Find(kJeunesse).value(), "jeunesse");
  EXPECT_EQ((*keys)->Find(kCulture).value(), "culture");
  EXPECT_EQ((*keys)->Find(kCulture + "x").error(), Problem::kNoMatch);
  EXPECT_EQ((*keys)->Find("").error(), Problem::kNoMatch);
}

TEST_F(OrganizerKeysTest, ARevokedKeyStopsWorkingOnceTheFileChanges) {
  Write("jeunesse " + kJeunesse + "\nculture " + kCulture + "\n");
  auto loaded = OrganizerKeys::Load(path_);
  ASSERT_TRUE(loaded);
  OrganizerKeys& keys = **loaded;
  const auto t0 = std::chrono::steady_clock::now();
  Write("culture " + kCulture + "\n");
  EXPECT_EQ(keys.Find(kJeunesse, t0 + seconds(2)).error(), Problem::kNoMatch);
  EXPECT_EQ(keys.Find(kCulture, t0 + seconds(2)).value(), "culture");
  Write("culture " + kCulture + "\njeunesse " + kJeunesse + "\n");
  EXPECT_EQ(keys.Find(kJeunesse, t0 + seconds(2)).error(), Problem::kNoMatch)
      << "checked at most once a second";
  EXPECT_EQ(keys.Find(kJeunesse, t0 + seconds(4)).value(), "jeunesse");
}

TEST_F(OrganizerKeysTest, ABadOrMissingFileLeavesNoKeyValid) {
  Write("jeunesse " + kJeunesse + "\n");
  auto loaded = OrganizerKeys::Load(path_);
  ASSERT_TRUE(loaded);
  OrganizerKeys& keys = **loaded;
  const auto t0 = std::chrono::steady_clock::now();
  Write("jeunesse " + kJeunesse + "\ncasse\n");  // a typo while editing
  EXPECT_EQ(keys.Find(kJeunesse, t0 + seconds(2)).error(), Problem::kUnavailable);
  Write("jeunesse " + kJeunesse + "\n");
  EXPECT_EQ(keys.Find(kJeunesse, t0 + seconds(4)).value(), "jeunesse") << "fixed";
  std::filesystem::remove(path_);
  EXPECT_EQ(keys.Find(kJeunesse, t0 + seconds(6)).error(), Problem::kUnavailable);
}

TEST_F(OrganizerKeysTest, AServerWithABadFileDoesNotStart) {
  EXPECT_FALSE(OrganizerKeys::Load(path_)) << "missing";
  Write("jeunesse court\n");
  auto bad = OrganizerKeys::Load(path_);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("line 1"), std::string::npos) << bad.error();
}

}  // namespace
}  // namespace atelier::net
