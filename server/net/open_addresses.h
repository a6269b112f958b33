// The addresses to open once the server listens, as `make run` prints them for the people in
// the room: the console, the tablets' page and the big screen, on each address where a device
// can reach the server. Bound to a wildcard address (0.0.0.0, ::), that is every address of the
// machine's interfaces that is up (loopback last, IPv6 link-local skipped: a browser cannot
// open it without a zone); bound to one address, that one.
//
// Pure but for MachineAddresses (getifaddrs). Thread-safe.
#ifndef ATELIER_SERVER_NET_OPEN_ADDRESSES_H_
#define ATELIER_SERVER_NET_OPEN_ADDRESSES_H_

#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <vector>

namespace atelier::net {

// The base URLs ("http://192.168.1.20:8080") for a listener bound to `bound`, given the
// machine's interface addresses.
std::vector<std::string> BaseUrls(const boost::asio::ip::tcp::endpoint& bound,
                                  const std::vector<boost::asio::ip::address>& machine);

// The addresses of the machine's interfaces that are up.
std::vector<boost::asio::ip::address> MachineAddresses();

// The lines to print: where the animateur, the tables and the big screen go, at the first base
// URL (the room's address when there is one), then the others the server answers on.
std::string OpenAddressesText(const std::vector<std::string>& base_urls);

}  // namespace atelier::net

#endif  // ATELIER_SERVER_NET_OPEN_ADDRESSES_H_
