#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace ql::http {
namespace {

Request from(std::string peer, std::optional<std::string> forwarded = std::nullopt) {
  Request r;
  r.remote_ip = std::move(peer);
  if (forwarded) r.headers["X-Forwarded-For"] = *forwarded;
  return r;
}

TEST(ClientAddress, PeerWhenNoProxyIsTrusted) {
  EXPECT_EQ(client_address(from("203.0.113.7", "198.51.100.1"), {}), "203.0.113.7");
  EXPECT_EQ(client_address(from("203.0.113.7", "198.51.100.1"), {"10.0.0.1"}), "203.0.113.7");
}

TEST(ClientAddress, ForwardedAddressOnlyFromATrustedProxy) {
  const std::vector<std::string> proxies = {"10.0.0.1", "10.0.0.2"};
  EXPECT_EQ(client_address(from("10.0.0.1", "198.51.100.1"), proxies), "198.51.100.1");
  // A client's forged entry sits left of what the proxy appended.
  EXPECT_EQ(client_address(from("10.0.0.1", "1.2.3.4, 198.51.100.1"), proxies), "198.51.100.1");
  // Chained trusted proxies are skipped.
  EXPECT_EQ(client_address(from("10.0.0.1", "198.51.100.1, 10.0.0.2"), proxies), "198.51.100.1");
  EXPECT_EQ(client_address(from("10.0.0.1"), proxies), "10.0.0.1");
  EXPECT_EQ(client_address(from("10.0.0.1", "10.0.0.2"), proxies), "10.0.0.1");
  EXPECT_EQ(client_address(from("10.0.0.1", "1.2.3.4, "), proxies), "10.0.0.1");
}

}  // namespace
}  // namespace ql::http
