#include "server/net/address_key.h"

#include <algorithm>
#include <random>

namespace atelier::net {

namespace ip = boost::asio::ip;

AddressKey AddressKey::Of(const ip::address& address) {
  AddressKey key;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return Of(ip::make_address_v4(ip::v4_mapped, address.to_v6()));
  }
  if (address.is_v4()) {
    const ip::address_v4::bytes_type bytes = address.to_v4().to_bytes();
    std::copy(bytes.begin(), bytes.end(), key.bytes_.begin());
    return key;
  }
  const ip::address_v6::bytes_type bytes = address.to_v6().to_bytes();
  std::copy(bytes.begin(), bytes.begin() + 8, key.bytes_.begin());
  key.v6_ = true;
  return key;
}

std::string AddressKey::ToString() const {
  if (!v6_) {
    return ip::address_v4(ip::address_v4::bytes_type{bytes_[0], bytes_[1], bytes_[2], bytes_[3]})
        .to_string();
  }
  ip::address_v6::bytes_type bytes{};
  std::copy(bytes_.begin(), bytes_.end(), bytes.begin());
  return ip::address_v6(bytes).to_string() + "/64";
}

size_t AddressKey::Hash() const {
  // FNV-1a over the bytes and the family, from a seed drawn at start-up: a client that picks
  // its addresses (many IPv6 /64s) cannot aim them at one bucket of the limits' maps.
  static const uint64_t seed = (uint64_t{std::random_device()()} << 32) | std::random_device()();
  uint64_t h = 1469598103934665603ull ^ seed;
  for (uint8_t b : bytes_) h = (h ^ b) * 1099511628211ull;
  h = (h ^ static_cast<uint8_t>(v6_)) * 1099511628211ull;
  return static_cast<size_t>(h);
}

bool IsLoopback(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6()).is_loopback();
  }
  return address.is_loopback();
}

}  // namespace atelier::net
