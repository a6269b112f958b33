// What tests/net's tests share: a fixed moment on the steady clock and client addresses.
#ifndef ATELIER_TESTS_NET_NET_TESTING_H_
#define ATELIER_TESTS_NET_NET_TESTING_H_

#include <boost/asio/ip/address.hpp>
#include <chrono>

#include "server/net/address_key.h"
#include "server/net/token_bucket.h"

namespace atelier::net::testing {

// Far from the clock's epoch, so that a test can go back in time without underflow.
inline const Clock::time_point kStart = Clock::time_point(std::chrono::hours(1000));

// The key of a client address written as text ("203.0.113.7", "2001:db8::1").
inline AddressKey Key(const char* text) {
  return AddressKey::Of(boost::asio::ip::make_address(text));
}

}  // namespace atelier::net::testing

#endif  // ATELIER_TESTS_NET_NET_TESTING_H_
