#include "cli/config.hpp"

#include <toml++/toml.h>

#include <charconv>

#include "core/error.hpp"

namespace ql::cli {
namespace {

Error bad_key(const std::string& key, const std::string& want_zh, const std::string& want_en) {
  return bad_request("invalid_config", "配置项 " + key + " " + want_zh, "Config key '" + key + "' " + want_en, key);
}

template <typename T>
T value_of(const toml::node& node, const std::string& key) {
  auto v = node.value<T>();
  if (!v) {
    if constexpr (std::is_same_v<T, std::string>) throw bad_key(key, "须为字符串", "must be a string");
    else if constexpr (std::is_same_v<T, bool>) throw bad_key(key, "须为 true 或 false", "must be true or false");
    else throw bad_key(key, "须为整数", "must be an integer");
  }
  return *v;
}

}  // namespace

void load_toml(const std::string& path, Settings& s) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw bad_request("invalid_config", "配置文件 " + path + " 无法解析: " + std::string(e.description()),
                      "Cannot parse config file " + path + ": " + std::string(e.description()));
  }
  for (const auto& [k, node] : table) {
    const std::string key(k.str());
    if (key == "db") s.db = value_of<std::string>(node, key);
    else if (key == "listen") s.listen = value_of<std::string>(node, key);
    else if (key == "web_root") s.web_root = value_of<std::string>(node, key);
    else if (key == "threads") s.threads = static_cast<std::size_t>(value_of<int64_t>(node, key));
    else if (key == "db_pool") s.db_pool = static_cast<std::size_t>(value_of<int64_t>(node, key));
    else if (key == "session_hours") s.session_hours = static_cast<int>(value_of<int64_t>(node, key));
    else if (key == "secure_cookies") s.secure_cookies = value_of<bool>(node, key);
    else if (key == "public_base_url") s.public_base_url = value_of<std::string>(node, key);
    else if (key == "trusted_proxies") {
      const auto* list = node.as_array();
      if (!list) throw bad_key(key, "须为字符串数组", "must be an array of strings");
      s.trusted_proxies.clear();
      for (const auto& item : *list) s.trusted_proxies.push_back(value_of<std::string>(item, key));
    } else if (key == "log_level") s.log_level = value_of<std::string>(node, key);
    else if (key == "log_key_file") s.log_key_file = value_of<std::string>(node, key);
    else if (key == "log_origin") s.log_origin = value_of<std::string>(node, key);
    else throw bad_key(key, "未知", "is unknown");
  }
  if (s.threads < 1 || s.threads > 256) throw bad_key("threads", "须在 1 到 256 之间", "must be 1 to 256");
  if (s.db_pool < 1 || s.db_pool > 256) throw bad_key("db_pool", "须在 1 到 256 之间", "must be 1 to 256");
  if (s.session_hours < 1 || s.session_hours > 24 * 30)
    throw bad_key("session_hours", "须在 1 到 720 之间", "must be 1 to 720");
}

std::pair<std::string, std::uint16_t> parse_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  unsigned port = 0;
  const char* end = listen.data() + listen.size();
  const bool parsed = colon != std::string::npos && colon > 0 && colon + 1 < listen.size() && [&] {
    auto r = std::from_chars(listen.data() + colon + 1, end, port);
    return r.ec == std::errc{} && r.ptr == end;
  }();
  if (!parsed || port > 65535)
    throw bad_request("invalid_listen", "--listen 须为 地址:端口,如 127.0.0.1:8080",
                      "--listen must be host:port, e.g. 127.0.0.1:8080", "listen");
  auto host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host, static_cast<std::uint16_t>(port)};
}

}  // namespace ql::cli
