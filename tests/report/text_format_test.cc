// Dates in Paris time whatever the machine's zone, numbers in French or English, HTML escaping.
#include "report/text_format.h"

#include <gtest/gtest.h>

#include "report/agreement.h"

namespace atelier::report {
namespace {

// 2026-03-14 09:30:05 UTC, a Saturday in winter time (Paris = UTC+1).
constexpr int64_t kWinter = 1'773'480'605'000;
// 2026-03-29 01:00:00 UTC: summer time starts (Paris jumps from 02:00 to 03:00).
constexpr int64_t kSpringForward = 1'774'746'000'000;
// 2026-10-25 01:00:00 UTC: summer time ends.
constexpr int64_t kFallBack = 1'792'890'000'000;

TEST(TextFormat, IsoUtcIsTheServerTimeInUtc) {
  EXPECT_EQ(IsoUtc(kWinter), "2026-03-14T09:30:05Z");
  EXPECT_EQ(IsoUtc(0), "1970-01-01T00:00:00Z");
}

TEST(TextFormat, ParisTimeFollowsTheEuropeanSummerTimeRule) {
  EXPECT_EQ(ParisOffsetMinutes(kWinter), 60);
  EXPECT_EQ(ParisOffsetMinutes(kSpringForward - 1), 60);
  EXPECT_EQ(ParisOffsetMinutes(kSpringForward), 120);
  EXPECT_EQ(ParisOffsetMinutes(kFallBack - 1), 120);
  EXPECT_EQ(ParisOffsetMinutes(kFallBack), 60);
  EXPECT_EQ(FormatTime(kWinter), "10:30");
  EXPECT_EQ(FormatTime(kSpringForward), "03:00");
  EXPECT_EQ(FormatTime(kSpringForward - 1), "01:59");
}

TEST(TextFormat, DatesInFrenchAndEnglish) {
  EXPECT_EQ(FormatDate(kWinter, Language::kFrench), "samedi 14 mars 2026");
  EXPECT_EQ(FormatDate(kWinter, Language::kEnglish), "Saturday 14 March 2026");
  // 2026-02-28 23:30 UTC is already Sunday 1 March in Paris.
  EXPECT_EQ(FormatDate(1'772'321'400'000, Language::kFrench), "dimanche 1er mars 2026");
}

TEST(TextFormat, Durations) {
  EXPECT_EQ(FormatDuration(45'000), "45 s");
  EXPECT_EQ(FormatDuration(12 * 60'000 + 59'000), "12 min");
  EXPECT_EQ(FormatDuration(65 * 60'000), "1 h 05");
  EXPECT_EQ(FormatDuration(-5), "0 s");
}

TEST(TextFormat, DecimalsWithTheLanguagesSeparator) {
  EXPECT_EQ(FormatDecimal(6.666, Language::kFrench), "6,7");
  EXPECT_EQ(FormatDecimal(6.666, Language::kEnglish), "6.7");
  EXPECT_EQ(FormatDecimal(7.0, Language::kFrench), "7");
  EXPECT_EQ(FormatDecimal(-0.01, Language::kFrench), "0");
  EXPECT_EQ(FormatDecimal(0.04, Language::kFrench, 2), "0,04");
}

TEST(TextFormat, EscapesWhatHtmlWouldRead) {
  EXPECT_EQ(EscapeHtml("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(EscapeHtml("Café « citoyen »"), "Café « citoyen »");
  EXPECT_EQ(HexDigits(std::string("\x00\xff\x10", 3)), "00ff10");
}

// The same thresholds as clients/web/src/ui/consensus.ts.
TEST(Agreement, NamedAsTheWebAppNamesIt) {
  EXPECT_EQ(AgreementOf(0.0, 1), Agreement::kFew);
  EXPECT_EQ(AgreementOf(1.49, 2), Agreement::kStrong);
  EXPECT_EQ(AgreementOf(1.5, 2), Agreement::kShared);
  EXPECT_EQ(AgreementOf(2.49, 9), Agreement::kShared);
  EXPECT_EQ(AgreementOf(2.5, 9), Agreement::kDivided);
  // A 0-5 criterion: a deviation of 1 is 2 on the 0-10 scale.
  EXPECT_EQ(AgreementOf(1.0, 9, 0, 5), Agreement::kShared);
  EXPECT_EQ(AgreementOf(3.0, 9, 4, 4), Agreement::kStrong) << "no span: nothing differs";
}

}  // namespace
}  // namespace atelier::report
