#include "server/net/server_flags.h"

#include <gtest/gtest.h>

namespace atelier::net {
namespace {

std::expected<ServerFlags, std::string> Parse(std::vector<std::string> args) {
  return ParseServerFlags(args);
}

TEST(ServerFlags, DefaultsWhenNothingIsGiven) {
  auto flags = Parse({});
  ASSERT_TRUE(flags) << flags.error();
  EXPECT_FALSE(flags->help);
  EXPECT_EQ(flags->options.address, "127.0.0.1");
  EXPECT_EQ(flags->options.port, 8080);
  EXPECT_EQ(flags->options.threads, 2);
  EXPECT_EQ(flags->options.session.max_unanswered, 64u);
  EXPECT_EQ(flags->options.session.hello_timeout, std::chrono::seconds(10));
  EXPECT_EQ(flags->options.http.max_header_bytes, 16384u);
  EXPECT_EQ(flags->options.retention_days, 0u) << "no retention unless asked";
}

TEST(ServerFlags, RetentionDays) {
  auto flags = Parse({"--retention-days", "365"});
  ASSERT_TRUE(flags) << flags.error();
  EXPECT_EQ(flags->options.retention_days, 365u);
  EXPECT_EQ(Parse({"--retention-days", "-1"}).error(),
            "--retention-days takes 0 to 36500 days (0: never), not '-1'");
  EXPECT_FALSE(Parse({"--retention-days", "36501"}));
  EXPECT_NE(ServerUsage().find("  --retention-days N\n"), std::string::npos);
}

TEST(ServerFlags, ReadsValuesInBothForms) {
  auto flags = Parse({"--listen", "0.0.0.0:0", "--threads=1", "--max-unanswered", "16",
                      "--snapshot-every", "0", "--data", "/tmp/d"});
  ASSERT_TRUE(flags) << flags.error();
  EXPECT_EQ(flags->options.address, "0.0.0.0");
  EXPECT_EQ(flags->options.port, 0);
  EXPECT_EQ(flags->options.threads, 1);
  EXPECT_EQ(flags->options.session.max_unanswered, 16u);
  EXPECT_EQ(flags->options.snapshot_every, 0u);
  EXPECT_EQ(flags->options.data_dir, "/tmp/d");
}

TEST(ServerFlags, BadValuesSayWhatTheFlagTakes) {
  EXPECT_EQ(Parse({"--threads", "0"}).error(), "--threads takes 1 to 64, not '0'");
  EXPECT_EQ(Parse({"--threads", "two"}).error(), "--threads takes 1 to 64, not 'two'");
  EXPECT_EQ(Parse({"--listen", "8080"}).error(),
            "--listen takes ADDRESS:PORT, e.g. 127.0.0.1:8080, not '8080'");
  EXPECT_EQ(Parse({"--listen", "host:99999"}).error().substr(0, 17), "--listen takes AD");
  EXPECT_EQ(Parse({"--max-unanswered"}).error(), "--max-unanswered needs N");
  EXPECT_EQ(Parse({"--nope"}).error(), "unknown argument '--nope'");
}

TEST(ServerFlags, HelpListsEveryFlagWithItsDefault) {
  auto flags = Parse({"--threads", "3", "--help"});
  ASSERT_TRUE(flags);
  EXPECT_TRUE(flags->help);
  const std::string usage = ServerUsage();
  for (const char* flag : {"--listen", "--data", "--static", "--threads", "--max-queue-bytes",
                           "--max-unanswered", "--snapshot-every", "--rounds-in-flight"}) {
    EXPECT_NE(usage.find(std::string("  ") + flag + " "), std::string::npos) << flag;
  }
  EXPECT_NE(usage.find("(default 64)"), std::string::npos);
  for (size_t start = 0; start < usage.size();) {
    const size_t end = usage.find('\n', start);
    EXPECT_LE(end - start, 100u) << usage.substr(start, end - start);
    start = end + 1;
  }
}

}  // namespace
}  // namespace atelier::net

namespace atelier::net {
namespace {

constexpr std::string_view kConfig =
    "# /etc/atelier/atelier.conf\n"
    "\n"
    "listen = 0.0.0.0:8080\n"
    "  data   =   /var/lib/atelier  \n"
    "trusted-proxy = 127.0.0.1\n"
    "trusted-proxy = ::1\r\n"
    "retention-days = 30\n"
    "threads = 4";

TEST(ServerConfig, TheFileSetsFlagsByTheirNames) {
  auto flags = ParseServerFlags({}, kConfig, "/etc/atelier/atelier.conf");
  ASSERT_TRUE(flags) << flags.error();
  EXPECT_EQ(flags->options.address, "0.0.0.0");
  EXPECT_EQ(flags->options.port, 8080);
  EXPECT_EQ(flags->options.data_dir, "/var/lib/atelier");
  EXPECT_EQ(flags->options.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1"}));
  EXPECT_EQ(flags->options.retention_days, 30u);
  EXPECT_EQ(flags->options.threads, 4);
}

TEST(ServerConfig, TheCommandLineWinsFlagByFlag) {
  const std::vector<std::string> args = {"--config", "/etc/atelier/atelier.conf", "--threads",
                                         "1", "--trusted-proxy=10.0.0.1"};
  EXPECT_EQ(ConfigFileOf(args), "/etc/atelier/atelier.conf");
  auto flags = ParseServerFlags(args, kConfig, "/etc/atelier/atelier.conf");
  ASSERT_TRUE(flags) << flags.error();
  EXPECT_EQ(flags->options.threads, 1);
  EXPECT_EQ(flags->options.trusted_proxies, (std::vector<std::string>{"10.0.0.1"}))
      << "the command line's list replaces the file's";
  EXPECT_EQ(flags->options.data_dir, "/var/lib/atelier") << "what it does not give stays";
  EXPECT_EQ(ConfigFileOf(std::vector<std::string>{"--config=a", "--config", "b"}), "b");
  EXPECT_EQ(ConfigFileOf(std::vector<std::string>{"--threads", "2"}), "");
}

TEST(ServerConfig, AWrongLineIsAnErrorNamingTheFileAndTheLine) {
  const auto error = [](std::string_view text) {
    auto flags = ParseServerFlags({}, text, "atelier.conf");
    return flags ? std::string("accepted") : flags.error();
  };
  EXPECT_EQ(error("# ok\nlisten = 0.0.0.0:8080\nlisen = 0.0.0.0:80\n"),
            "atelier.conf:3: unknown setting 'lisen' (the names are the flags of --help, without "
            "their dashes)");
  EXPECT_EQ(error("threads = 0\n"), "atelier.conf:1: threads takes 1 to 64, not '0'");
  EXPECT_EQ(error("\n\nlisten 0.0.0.0:8080\n"),
            "atelier.conf:3: expected \"name = value\", not 'listen 0.0.0.0:8080'");
  EXPECT_NE(error("--listen = 0.0.0.0:8080").find("unknown setting '--listen'"), std::string::npos);
  EXPECT_NE(error("config = /etc/other.conf").find("unknown setting 'config'"), std::string::npos)
      << "no file includes another";
  EXPECT_NE(error("help = yes").find("unknown setting 'help'"), std::string::npos);
  EXPECT_EQ(error("data =\n"), "atelier.conf:1: data takes a directory, not ''");
  // A bad value on the command line is still named as a flag.
  EXPECT_EQ(ParseServerFlags(std::vector<std::string>{"--threads", "0"}, "threads = 2", "f").error(),
            "--threads takes 1 to 64, not '0'");
}

}  // namespace
}  // namespace atelier::net
