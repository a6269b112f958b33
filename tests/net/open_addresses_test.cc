// The addresses printed at start-up for the people in the room.
#include "server/net/open_addresses.h"

#include <gtest/gtest.h>

namespace atelier::net {
namespace {

namespace ip = boost::asio::ip;
using Urls = std::vector<std::string>;

ip::tcp::endpoint At(const char* address, unsigned short port) {
  return {ip::make_address(address), port};
}

const std::vector<ip::address> kMachine = {
    ip::make_address("127.0.0.1"), ip::make_address("192.168.1.20"), ip::make_address("::1"),
    ip::make_address("fe80::1"), ip::make_address("2001:db8::20"), ip::make_address("10.0.0.5"),
    ip::make_address("192.168.1.20")};

TEST(BaseUrls, OneBoundAddressIsTheOnlyOne) {
  EXPECT_EQ(BaseUrls(At("127.0.0.1", 8080), kMachine), (Urls{"http://127.0.0.1:8080"}));
  EXPECT_EQ(BaseUrls(At("::1", 9000), kMachine), (Urls{"http://[::1]:9000"}));
}

TEST(BaseUrls, AWildcardListsTheRoomsAddressesFirstAndLoopbackLast) {
  EXPECT_EQ(BaseUrls(At("0.0.0.0", 8080), kMachine),
            (Urls{"http://192.168.1.20:8080", "http://10.0.0.5:8080", "http://127.0.0.1:8080"}));
  EXPECT_EQ(BaseUrls(At("::", 8080), kMachine),
            (Urls{"http://192.168.1.20:8080", "http://10.0.0.5:8080", "http://[2001:db8::20]:8080",
                  "http://127.0.0.1:8080", "http://[::1]:8080"}))
      << "link-local skipped: a browser cannot open it without its zone";
}

TEST(BaseUrls, AMachineWithoutAddressesStillGetsOne) {
  EXPECT_EQ(BaseUrls(At("0.0.0.0", 8080), {}), (Urls{"http://127.0.0.1:8080"}));
}

TEST(OpenAddressesText, NamesWhereEachRoleGoes) {
  const std::string text =
      OpenAddressesText({"http://192.168.1.20:8080", "http://127.0.0.1:8080"});
  EXPECT_NE(text.find("http://192.168.1.20:8080/console"), std::string::npos) << text;
  EXPECT_NE(text.find("tablets"), std::string::npos) << text;
  EXPECT_NE(text.find("http://192.168.1.20:8080/observer"), std::string::npos) << text;
  EXPECT_NE(text.find("also at:                               http://127.0.0.1:8080\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("127.0.0.1:8080/console"), std::string::npos) << "once, at the room's address";
}

TEST(MachineAddresses, IncludesLoopback) {
  const auto all = MachineAddresses();
  EXPECT_NE(std::find(all.begin(), all.end(), ip::make_address("127.0.0.1")), all.end());
}

}  // namespace
}  // namespace atelier::net
