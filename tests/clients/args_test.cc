#include "clients/cli/args.h"

#include <gtest/gtest.h>

namespace atelier::cli {
namespace {

const ArgSpec kSpec = {
    .options = {{"--code", 1}, {"--animateur", 2}, {"--json", 0}},
    .min_positional = 0,
    .max_positional = 1,
};

std::expected<Args, std::string> Parse(std::vector<std::string> argv, const ArgSpec& spec = kSpec) {
  return Args::Parse(spec, argv);
}

TEST(Args, ReadsValuesSwitchesAndPositionals) {
  auto args = Parse({"--code", "123456", "file.json", "--json", "--animateur", "w1", "tok"});
  ASSERT_TRUE(args) << args.error();
  EXPECT_EQ(args->Value("--code"), "123456");
  EXPECT_TRUE(args->Has("--json"));
  EXPECT_EQ(args->Values("--animateur"), (std::vector<std::string>{"w1", "tok"}));
  EXPECT_EQ(args->positional(), std::vector<std::string>{"file.json"});
  EXPECT_FALSE(args->Has("--missing"));
  EXPECT_EQ(args->Value("--missing", "fallback"), "fallback");
}

TEST(Args, AcceptsNameEqualsValue) {
  auto args = Parse({"--code=12=34"});
  ASSERT_TRUE(args) << args.error();
  EXPECT_EQ(args->Value("--code"), "12=34");
}

TEST(Args, DoubleDashEndsOptions) {
  auto args = Parse({"--", "--json"});
  ASSERT_TRUE(args) << args.error();
  EXPECT_FALSE(args->Has("--json"));
  EXPECT_EQ(args->positional(), std::vector<std::string>{"--json"});
}

TEST(Args, RefusesWhatTheSpecDoesNotAllow) {
  EXPECT_EQ(Parse({"--bogus"}).error(), "unknown option --bogus");
  EXPECT_EQ(Parse({"--code"}).error(), "--code needs a value");
  EXPECT_EQ(Parse({"--animateur", "w1"}).error(), "--animateur needs 2 values");
  EXPECT_EQ(Parse({"--code", "1", "--code", "2"}).error(), "--code is given twice");
  EXPECT_EQ(Parse({"--json=yes"}).error(), "--json takes 0 values");
  EXPECT_EQ(Parse({"a", "b"}).error(), "unexpected argument 'b'");
  EXPECT_EQ(Parse({}, {.options = {}, .min_positional = 1, .max_positional = 1}).error(),
            "missing argument");
}

TEST(Args, NumbersAreWholeAndInRange) {
  const ArgSpec spec = {.options = {{"--tables", 1}}};
  EXPECT_EQ(*Parse({"--tables", "6"}, spec)->Number("--tables", 1, 1, 100), 6u);
  EXPECT_EQ(*Parse({}, spec)->Number("--tables", 1, 1, 100), 1u);
  EXPECT_FALSE(Parse({"--tables", "0"}, spec)->Number("--tables", 1, 1, 100));
  EXPECT_FALSE(Parse({"--tables", "six"}, spec)->Number("--tables", 1, 1, 100));
  EXPECT_FALSE(Parse({"--tables", "6x"}, spec)->Number("--tables", 1, 1, 100));
  EXPECT_FALSE(Parse({"--tables", "-1"}, spec)->Number("--tables", 1, 1, 100));
}

TEST(ServerAddress, ParsesHostAndPortInTheUsualForms) {
  auto plain = ParseServerAddress("127.0.0.1:8080");
  ASSERT_TRUE(plain) << plain.error();
  EXPECT_EQ(plain->host, "127.0.0.1");
  EXPECT_EQ(plain->port, 8080);
  auto url = ParseServerAddress("http://atelier.mairie.fr:80/");
  ASSERT_TRUE(url) << url.error();
  EXPECT_EQ(url->host, "atelier.mairie.fr");
  EXPECT_EQ(url->port, 80);
  auto v6 = ParseServerAddress("[::1]:9000");
  ASSERT_TRUE(v6) << v6.error();
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 9000);
}

TEST(ServerAddress, RefusesAnAddressWithoutAValidPort) {
  EXPECT_FALSE(ParseServerAddress("localhost"));
  EXPECT_FALSE(ParseServerAddress(":8080"));
  EXPECT_FALSE(ParseServerAddress("localhost:0"));
  EXPECT_FALSE(ParseServerAddress("localhost:70000"));
  EXPECT_FALSE(ParseServerAddress("[::1]8080"));
}

}  // namespace
}  // namespace atelier::cli
