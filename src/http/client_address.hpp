#pragma once
// The address a request came from, for rate limiting residents' forms. Behind a reverse proxy
// every request arrives from the proxy, so X-Forwarded-For is read, but only when the direct
// peer is a configured trusted proxy: anyone else could write any address into that header.
#include <string>
#include <vector>

#include "http/message.hpp"

namespace ql::http {

// The peer address, or, when the peer is one of `trusted_proxies` (exact addresses), the
// right-most X-Forwarded-For entry that is not itself a trusted proxy (each proxy appends the
// address it saw, so entries left of the first untrusted one could be forged). Falls back to
// the peer when the header is absent or holds only trusted proxies.
std::string client_address(const Request& req, const std::vector<std::string>& trusted_proxies);

}  // namespace ql::http
