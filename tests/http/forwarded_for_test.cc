#include "server/http/forwarded_for.h"

#include <gtest/gtest.h>

namespace atelier::http {
namespace {

TEST(ForwardedFor, TheLastEntryIsTheOneTheProxySaw) {
  EXPECT_EQ(LastForwardedFor("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(LastForwardedFor("127.0.0.1, 10.1.2.3,203.0.113.7 "), "203.0.113.7")
      << "what the client wrote first is never believed";
  EXPECT_EQ(LastForwardedFor(" 2001:db8::1"), "2001:db8::1");
}

TEST(ForwardedFor, PortsAndBracketsAreDropped) {
  EXPECT_EQ(LastForwardedFor("203.0.113.7:5000"), "203.0.113.7");
  EXPECT_EQ(LastForwardedFor("[2001:db8::1]:443"), "2001:db8::1");
  EXPECT_EQ(LastForwardedFor("[2001:db8::1"), "");
}

TEST(ForwardedFor, EmptyWhenThereIsNothing) {
  EXPECT_EQ(LastForwardedFor(""), "");
  EXPECT_EQ(LastForwardedFor("1.2.3.4, "), "");
}

}  // namespace
}  // namespace atelier::http
