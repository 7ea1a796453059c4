#include "http/client_address.hpp"

#include <algorithm>
#include <string_view>

namespace ql::http {

std::string client_address(const Request& req, const std::vector<std::string>& trusted_proxies) {
  const auto trusted = [&](std::string_view a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  if (!trusted(req.remote_ip)) return req.remote_ip;
  const auto header = req.header("X-Forwarded-For");
  if (!header) return req.remote_ip;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    auto entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t')) entry.remove_prefix(1);
    while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t')) entry.remove_suffix(1);
    if (entry.empty() || entry.size() > 64) return req.remote_ip;  // malformed: trust nothing further
    if (!trusted(entry)) return std::string(entry);
  }
  return req.remote_ip;
}

}  // namespace ql::http
