#include "server/http/problems.h"

#include <gtest/gtest.h>

namespace atelier::http {
namespace {

TEST(Problems, ConnectionLimitsSayWhoseLimitByStatus) {
  // The server's own limit is a 503 (try elsewhere or later), a client's a 429 (slow down).
  EXPECT_EQ(TooManyConnections(true).status, 503);
  EXPECT_EQ(TooManyConnections(false).status, 429);
  EXPECT_EQ(TooManyConnections(true).code, "overloaded");
  EXPECT_NE(TooManyConnections(true).message, TooManyConnections(false).message);
  EXPECT_EQ(OverRate("slow down").status, 429);
  EXPECT_EQ(OverRate("slow down").message, "slow down");
}

TEST(Problems, OrganizerKeysAnswerAuthenticationStatuses) {
  EXPECT_EQ(OrganizerKeyRequired().status, 401);
  EXPECT_EQ(BadOrganizerKey().status, 401);
  EXPECT_EQ(OrganizerKeysNotConfigured().status, 403);
  EXPECT_EQ(OrganizerKeysUnavailable().status, 503);
}

TEST(Problems, MessagesNameWhatWasWrong) {
  EXPECT_EQ(HeadersTooLarge(16384).status, 431);
  EXPECT_NE(HeadersTooLarge(16384).message.find("16384"), std::string::npos);
  EXPECT_EQ(OriginNotAllowed("https://evil.example").status, 403);
  EXPECT_NE(OriginNotAllowed("https://evil.example").message.find("https://evil.example"),
            std::string::npos);
}

TEST(Problems, CreateFailuresMapTheHubsCodes) {
  EXPECT_EQ(CreateFailure("unknown_workshop", "m").status, 404);
  EXPECT_EQ(CreateFailure("bad_token", "m").status, 403);
  EXPECT_EQ(CreateFailure("invalid_config", "m").status, 400);
  EXPECT_EQ(CreateFailure("unavailable", "m").status, 503);
  EXPECT_EQ(CreateFailure("something new", "m").status, 500);
  EXPECT_EQ(CreateFailure("invalid_config", "question: empty").message, "question: empty");
}

}  // namespace
}  // namespace atelier::http
