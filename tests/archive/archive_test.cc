// The archive format and its offline check, on a real workshop's events (decided and folded by
// the domain, sealed as the log seals them): an intact archive gives the server's results, and
// every kind of damage is caught with its kind, never taken as intact.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "archive/archive_check.h"
#include "archive/archive_writer.h"
#include "server/workshop/results.h"
#include "storage/hash_chain.h"
#include "tests/archive/sample_archive.h"
#include "tests/workshop/test_support.h"

namespace atelier::archive {
namespace {

namespace wt = workshop::testing;
using Kind = ArchiveError::Kind;

std::expected<ArchiveReport, ArchiveError> Check(const std::string& bytes) {
  std::istringstream in(bytes);
  return CheckArchive(in);
}

TEST(Archive, IntactArchiveGivesTheServersResultsAndHead) {
  const Sealed sealed = SmallWorkshop();
  const std::string bytes = Write(sealed.events, ManifestOf(sealed.events));
  ASSERT_EQ(bytes.substr(0, kMagic.size()), kMagic);
  auto report = Check(bytes);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->results.SerializeAsString(), sealed.results.SerializeAsString());
  EXPECT_EQ(report->manifest.head_seq(), sealed.events.size());
  EXPECT_EQ(report->manifest.head_hash(), sealed.events.back().hash());
  EXPECT_EQ(report->question, wt::IdeationConfig().question());
}

TEST(Archive, TheFileDecodesAsAnArchiveMessageWithoutAtelier) {
  const Sealed sealed = SmallWorkshop();
  const std::string bytes = Write(sealed.events, ManifestOf(sealed.events));
  v1::Archive archive;  // what `protoc --decode=atelier.v1.Archive` reads
  ASSERT_TRUE(archive.ParseFromString(bytes.substr(kMagic.size())));
  ASSERT_EQ(archive.events_size(), static_cast<int>(sealed.events.size()));
  for (size_t i = 0; i < sealed.events.size(); ++i) {
    EXPECT_EQ(archive.events(static_cast<int>(i)).event(), sealed.events[i].event_bytes());
    EXPECT_EQ(archive.events(static_cast<int>(i)).hash(), sealed.events[i].hash());
  }
  EXPECT_EQ(archive.manifest().format_version(), kFormatVersion);
  EXPECT_EQ(archive.end().event_count(), sealed.events.size());
}

TEST(Archive, EveryChangedByteIsCaught) {
  const Sealed sealed = SmallWorkshop();
  const std::string bytes = Write(sealed.events, ManifestOf(sealed.events));
  for (size_t offset = 0; offset < bytes.size(); ++offset) {
    for (unsigned char flip : {0x01, 0x80, 0xff}) {
      std::string changed = bytes;
      changed[offset] = static_cast<char>(changed[offset] ^ flip);
      auto report = Check(changed);
      EXPECT_FALSE(report) << "byte " << offset << " ^ " << int{flip} << " taken as intact";
    }
  }
}

TEST(Archive, ChangedEventIsTamperedAndNamed) {
  Sealed sealed = SmallWorkshop();
  const std::string bytes = Write(sealed.events, ManifestOf(sealed.events));
  // The text of an idea, one letter: inside event bytes, so the chain breaks there.
  const size_t at = bytes.find("planning");
  ASSERT_NE(at, std::string::npos);
  std::string changed = bytes;
  changed[at] = 'P';
  auto report = Check(changed);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, Kind::kTampered);
  EXPECT_NE(report.error().message.find("event"), std::string::npos) << report.error().message;
}

TEST(Archive, RemovedEventIsTampered) {
  Sealed sealed = SmallWorkshop();
  auto events = sealed.events;
  const auto manifest = ManifestOf(events);
  events.erase(events.begin() + 3);
  v1::ArchiveManifest claimed = manifest;
  claimed.set_head_seq(events.size());  // a consistent count: the chain itself must break
  auto report = Check(Write(events, claimed));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, Kind::kTampered);
  EXPECT_NE(report.error().message.find("4"), std::string::npos) << report.error().message;
}

TEST(Archive, SwappedEventsAreTampered) {
  Sealed sealed = SmallWorkshop();
  auto events = sealed.events;
  std::swap(events[2], events[3]);
  auto report = Check(Write(events, ManifestOf(sealed.events)));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, Kind::kTampered);
  EXPECT_NE(report.error().message.find("3"), std::string::npos) << report.error().message;
}

TEST(Archive, EndCutAnywhereIsTruncated) {
  const Sealed sealed = SmallWorkshop();
  const std::string bytes = Write(sealed.events, ManifestOf(sealed.events));
  for (size_t size = kMagic.size(); size < bytes.size(); ++size) {
    auto report = Check(bytes.substr(0, size));
    ASSERT_FALSE(report) << "cut at " << size;
    EXPECT_EQ(report.error().kind, Kind::kTruncated)
        << "cut at " << size << ": " << report.error().message;
  }
}

TEST(Archive, LastEventsMissingIsTruncated) {
  const Sealed sealed = SmallWorkshop();
  auto events = sealed.events;
  events.resize(events.size() - 2);
  // A writer would refuse to finish: write what a cut export would hold, with a sound end.
  v1::ArchiveManifest claimed = ManifestOf(sealed.events);
  std::string out;
  ArchiveWriter writer([&](std::string_view bytes) { out.append(bytes); });
  ASSERT_TRUE(writer.Begin(claimed));
  for (const auto& event : events) ASSERT_TRUE(writer.AddStoredEvent(event.stored()));
  EXPECT_FALSE(writer.Finish());
  auto report = Check(out);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, Kind::kTruncated) << report.error().message;
}

TEST(Archive, ManifestClaimingAnotherHeadIsTampered) {
  const Sealed sealed = SmallWorkshop();
  v1::ArchiveManifest claimed = ManifestOf(sealed.events);
  std::string other = claimed.head_hash();
  other[0] = static_cast<char>(other[0] ^ 1);
  claimed.set_head_hash(other);
  auto report = Check(Write(sealed.events, claimed));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, Kind::kTampered);
  EXPECT_NE(report.error().message.find("head hash"), std::string::npos);
}

TEST(Archive, ManifestClaimingMoreEventsIsTruncated) {
  const Sealed sealed = SmallWorkshop();
  v1::ArchiveManifest claimed = ManifestOf(sealed.events);
  claimed.set_head_seq(claimed.head_seq() + 1);
  std::string out;
  ArchiveWriter writer([&](std::string_view bytes) { out.append(bytes); });
  ASSERT_TRUE(writer.Begin(claimed));
  for (const auto& event : sealed.events) ASSERT_TRUE(writer.AddStoredEvent(event.stored()));
  auto report = Check(out);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, Kind::kTruncated);
}

TEST(Archive, OtherFilesAndVersionsAreUnreadable) {
  EXPECT_EQ(Check("").error().kind, Kind::kUnreadable);
  EXPECT_EQ(Check("{\"workshop\": 1}\n").error().kind, Kind::kUnreadable);
  const Sealed sealed = SmallWorkshop();
  std::string bytes = Write(sealed.events, ManifestOf(sealed.events));
  // format_version is the manifest's first field: 0x08 0x01 right after its tag and length.
  const size_t version = kMagic.size() + 2;
  ASSERT_EQ(bytes.substr(version, 2), std::string("\x08\x01", 2));
  bytes[version + 1] = 2;
  auto report = Check(bytes);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, Kind::kUnreadable);
  EXPECT_NE(report.error().message.find("version 2"), std::string::npos);
}

TEST(Archive, BytesAfterTheEndAreTampered) {
  const Sealed sealed = SmallWorkshop();
  auto report = Check(Write(sealed.events, ManifestOf(sealed.events)) + "x");
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, Kind::kTampered);
}

}  // namespace
}  // namespace atelier::archive
