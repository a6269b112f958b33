// AddressKey: what the limits count a client under. An IPv4 address as it is; an IPv6 address by
// its /64 prefix, because one host (one home or phone network) commonly gets a whole /64 and
// could otherwise pick a fresh address for each attempt; an IPv4-mapped IPv6 address as its
// IPv4 address.
//
// A small value type (17 bytes), hashable, comparable. Thread-compatible.
#ifndef ATELIER_SERVER_NET_ADDRESS_KEY_H_
#define ATELIER_SERVER_NET_ADDRESS_KEY_H_

#include <array>
#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

namespace atelier::net {

class AddressKey {
 public:
  AddressKey() = default;
  static AddressKey Of(const boost::asio::ip::address& address);

  bool is_v6() const { return v6_; }
  // "203.0.113.7", or "2001:db8:1:2::/64".
  std::string ToString() const;

  friend bool operator==(const AddressKey&, const AddressKey&) = default;
  size_t Hash() const;

 private:
  std::array<uint8_t, 16> bytes_{};  // IPv4: the first 4; IPv6: the first 8, the rest zero
  bool v6_ = false;
};

struct AddressKeyHash {
  size_t operator()(const AddressKey& key) const { return key.Hash(); }
};

// Whether the address is a loopback one (127.0.0.0/8, ::1, or ::ffff:127.x.y.z).
bool IsLoopback(const boost::asio::ip::address& address);

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_ADDRESS_KEY_H_
