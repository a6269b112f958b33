// Request targets: path, percent-decoding, query parameters.
#include "server/http/url.h"

#include <gtest/gtest.h>

namespace atelier::http {
namespace {

TEST(TargetPath, DropsQueryAndFragment) {
  EXPECT_EQ(TargetPath("/observer?code=123#top"), "/observer");
  EXPECT_EQ(TargetPath("/console#token=abc"), "/console");
  EXPECT_EQ(TargetPath("/a/b"), "/a/b");
  EXPECT_EQ(TargetPath("?x=1"), "");
}

TEST(PercentDecode, DecodesEitherCaseOfHex) {
  EXPECT_EQ(PercentDecode("caf%C3%a9"), "café");
  EXPECT_EQ(PercentDecode("%2e%2E%2f"), "../");
  EXPECT_EQ(PercentDecode(""), "");
}

TEST(PercentDecode, PlusIsSpaceOnlyWhenAsked) {
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("a%2Bb", true), "a+b");
}

TEST(PercentDecode, RefusesMalformedEscapes) {
  EXPECT_FALSE(PercentDecode("%"));
  EXPECT_FALSE(PercentDecode("abc%2"));
  EXPECT_FALSE(PercentDecode("%zz"));
  EXPECT_FALSE(PercentDecode("%g0"));
}

TEST(PercentDecode, KeepsNulForTheCallerToRefuse) {
  EXPECT_EQ(PercentDecode("a%00b"), std::string("a\0b", 3));
}

TEST(QueryParam, FindsDecodedValue) {
  EXPECT_EQ(QueryParam("/api/workshops/w1/results?observer=123456", "observer"), "123456");
  EXPECT_EQ(QueryParam("/?a=1&code=42%2043&b=2", "code"), "42 43");
  EXPECT_EQ(QueryParam("/?q=salle+municipale", "q"), "salle municipale");
  EXPECT_EQ(QueryParam("/?%63ode=7", "code"), "7");
}

TEST(QueryParam, FirstOccurrenceWins) { EXPECT_EQ(QueryParam("/?a=1&a=2", "a"), "1"); }

TEST(QueryParam, EmptyWhenAbsentValuelessOrMalformed) {
  EXPECT_EQ(QueryParam("/observer", "code"), "");
  EXPECT_EQ(QueryParam("/?codex=1&xcode=2", "code"), "");
  EXPECT_EQ(QueryParam("/?code", "code"), "");
  EXPECT_EQ(QueryParam("/?code=", "code"), "");
  EXPECT_EQ(QueryParam("/?code=%zz", "code"), "");
  EXPECT_EQ(QueryParam("/#?code=1", "code"), "");
  EXPECT_EQ(QueryParam("/?code=1#frag", "code"), "1");
}

}  // namespace
}  // namespace atelier::http
