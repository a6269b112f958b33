#include "server/net/connection_registry.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/net/net_testing.h"

namespace atelier::net {
namespace {

using metrics::Limit;
using Slot = ConnectionRegistry::Slot;

using testing::Key;

struct Fixture {
  metrics::EdgeMetrics metrics;
  ConnectionRegistry registry;
  std::vector<int> evicted;  // ids of the connections evicted, in order

  explicit Fixture(ConnectionLimits limits) : registry(limits, metrics) {}

  std::shared_ptr<Slot> Open(const char* address, int id, bool idle, bool exempt = false) {
    auto slot = registry.Open(Key(address), exempt);
    if (!slot) return nullptr;
    (*slot)->SetEvictor([this, id] { evicted.push_back(id); });
    (*slot)->SetIdle(idle);
    return *slot;
  }
};

TEST(ConnectionRegistry, PerAddressLimitRefusesWhenNoneIsIdle) {
  Fixture f({.max_total = 100, .max_per_address = 2});
  auto a = f.Open("203.0.113.7", 1, false);
  auto b = f.Open("203.0.113.7", 2, false);
  ASSERT_TRUE(a && b);
  auto refused = f.registry.Open(Key("203.0.113.7"), false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), Limit::kConnectionsPerAddress);
  EXPECT_TRUE(f.Open("203.0.113.8", 3, false)) << "another address";
  b.reset();
  EXPECT_TRUE(f.Open("203.0.113.7", 4, false)) << "a place freed by a close";
  EXPECT_TRUE(f.evicted.empty());
}

TEST(ConnectionRegistry, AtALimitTheOldestIdleConnectionMakesRoom) {
  Fixture f({.max_total = 100, .max_per_address = 3});
  auto busy = f.Open("203.0.113.7", 1, false);
  auto idle_old = f.Open("203.0.113.7", 2, true);
  auto idle_new = f.Open("203.0.113.7", 3, true);
  auto other = f.Open("203.0.113.9", 9, true);
  auto fourth = f.Open("203.0.113.7", 4, false);
  ASSERT_TRUE(fourth) << "room made";
  EXPECT_EQ(f.evicted, std::vector<int>{2}) << "the oldest idle one of that address";
  auto fifth = f.Open("203.0.113.7", 5, false);
  ASSERT_TRUE(fifth);
  EXPECT_EQ(f.evicted, (std::vector<int>{2, 3}));
  EXPECT_FALSE(f.registry.Open(Key("203.0.113.7"), false)) << "evicted ones still count as "
                                                              "leaving, none idle is left";
  EXPECT_EQ(f.metrics.idle_evicted_total.Value(), 2u);
  // The evicted connections close: their places were already given.
  idle_old.reset();
  idle_new.reset();
  EXPECT_FALSE(f.registry.Open(Key("203.0.113.7"), false));
  EXPECT_EQ(f.registry.open(), 4u);
}

TEST(ConnectionRegistry, TheTotalLimitEvictsTheOldestIdleOfAnyAddress) {
  Fixture f({.max_total = 3, .max_per_address = 100});
  auto a = f.Open("203.0.113.1", 1, true);
  auto b = f.Open("203.0.113.2", 2, false);
  auto c = f.Open("203.0.113.3", 3, true);
  auto d = f.Open("203.0.113.4", 4, false);
  ASSERT_TRUE(d);
  EXPECT_EQ(f.evicted, std::vector<int>{1});
  c->SetIdle(false);  // it said Hello: it is no longer idle
  auto refused = f.registry.Open(Key("203.0.113.5"), false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), Limit::kConnections);
}

TEST(ConnectionRegistry, AnIdleConnectionBecomingBusyIsNotEvicted) {
  Fixture f({.max_total = 100, .max_per_address = 1});
  auto a = f.Open("203.0.113.7", 1, true);
  a->SetIdle(false);
  EXPECT_FALSE(f.registry.Open(Key("203.0.113.7"), false));
  a->SetIdle(true);
  EXPECT_TRUE(f.registry.Open(Key("203.0.113.7"), false));
  EXPECT_EQ(f.evicted, std::vector<int>{1});
  a->SetIdle(true);  // an evicted connection stays out of the lists
  EXPECT_FALSE(f.registry.EvictOldestIdle());
}

TEST(ConnectionRegistry, OutOfDescriptorsEvictsTheOldestIdle) {
  Fixture f({.max_total = 100, .max_per_address = 100});
  EXPECT_FALSE(f.registry.EvictOldestIdle());
  auto a = f.Open("203.0.113.1", 1, true);
  auto b = f.Open("203.0.113.2", 2, true);
  EXPECT_TRUE(f.registry.EvictOldestIdle());
  EXPECT_EQ(f.evicted, std::vector<int>{1});
}

TEST(ConnectionRegistry, AProxiedConnectionIsCountedUnderItsClientOnceKnown) {
  Fixture f({.max_total = 100, .max_per_address = 1});
  auto proxied1 = f.Open("127.0.0.1", 1, false, /*exempt=*/true);
  auto proxied2 = f.Open("127.0.0.1", 2, false, /*exempt=*/true);
  ASSERT_TRUE(proxied1 && proxied2) << "the proxy's address is not limited";
  EXPECT_TRUE(proxied1->Rekey(Key("203.0.113.7")));
  auto refused = proxied2->Rekey(Key("203.0.113.7"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), Limit::kConnectionsPerAddress);
  EXPECT_TRUE(proxied2->Rekey(Key("203.0.113.8")));
  EXPECT_FALSE(f.registry.Open(Key("203.0.113.8"), false));
  proxied2.reset();
  EXPECT_TRUE(f.registry.Open(Key("203.0.113.8"), false));
}

TEST(ConnectionRegistry, RefusalsInFlightAreBounded) {
  Fixture f({});
  std::vector<std::unique_ptr<ConnectionRegistry::RefusalTicket>> tickets;
  for (size_t i = 0; i < ConnectionRegistry::kMaxRefusing; ++i) {
    tickets.push_back(f.registry.StartRefusal());
    ASSERT_NE(tickets.back(), nullptr);
  }
  EXPECT_EQ(f.registry.StartRefusal(), nullptr);
  tickets.pop_back();
  EXPECT_NE(f.registry.StartRefusal(), nullptr);
}

}  // namespace
}  // namespace atelier::net
