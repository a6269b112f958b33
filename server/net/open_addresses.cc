#include "server/net/open_addresses.h"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <algorithm>

namespace atelier::net {

namespace ip = boost::asio::ip;

namespace {

std::string UrlOf(const ip::address& address, unsigned short port) {
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return "http://" + host + ":" + std::to_string(port);
}

bool Usable(const ip::address& address) {
  return !address.is_unspecified() && !(address.is_v6() && address.to_v6().is_link_local());
}

}  // namespace

std::vector<std::string> BaseUrls(const ip::tcp::endpoint& bound,
                                  const std::vector<ip::address>& machine) {
  const ip::address listened = bound.address();
  if (!listened.is_unspecified()) return {UrlOf(listened, bound.port())};
  // 0.0.0.0 takes IPv4 only; :: takes both (Linux's default, bindv6only 0).
  std::vector<ip::address> chosen;
  for (const ip::address& a : machine) {
    if (!Usable(a) || (listened.is_v4() && !a.is_v4())) continue;
    if (std::find(chosen.begin(), chosen.end(), a) == chosen.end()) chosen.push_back(a);
  }
  // The room's addresses first, loopback (this machine only) last; IPv4 before IPv6.
  std::stable_sort(chosen.begin(), chosen.end(), [](const ip::address& a, const ip::address& b) {
    if (a.is_loopback() != b.is_loopback()) return !a.is_loopback();
    return a.is_v4() && !b.is_v4();
  });
  std::vector<std::string> urls;
  for (const ip::address& a : chosen) urls.push_back(UrlOf(a, bound.port()));
  if (urls.empty()) urls.push_back(UrlOf(ip::make_address("127.0.0.1"), bound.port()));
  return urls;
}

std::vector<ip::address> MachineAddresses() {
  std::vector<ip::address> out;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return out;
  for (const ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
    if (i->ifa_addr == nullptr || (i->ifa_flags & IFF_UP) == 0) continue;
    if (i->ifa_addr->sa_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
      out.push_back(ip::address_v4(ntohl(in->sin_addr.s_addr)));
    } else if (i->ifa_addr->sa_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
      ip::address_v6::bytes_type bytes;
      std::copy(std::begin(in6->sin6_addr.s6_addr), std::end(in6->sin6_addr.s6_addr), bytes.begin());
      out.push_back(ip::address_v6(bytes));
    }
  }
  freeifaddrs(list);
  return out;
}

std::string OpenAddressesText(const std::vector<std::string>& base_urls) {
  if (base_urls.empty()) return {};
  const std::string& base = base_urls.front();
  std::string text = "Open in a browser:\n";
  text += "  animateur console (create a workshop): " + base + "/console\n";
  text += "  tables' tablets and phones:            " + base + "/\n";
  text += "  big screen:                            " + base +
          "/observer (the console gives each workshop's link)\n";
  for (size_t i = 1; i < base_urls.size(); ++i) {
    text += "  also at:                               " + base_urls[i] + "\n";
  }
  return text;
}

}  // namespace atelier::net
