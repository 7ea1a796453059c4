#pragma once
// Settings for `qinglian serve` and the other commands: defaults, then an optional TOML file
// (--config), then command-line flags, which win.
#include <cstddef>
#include <string>
#include <vector>

namespace ql::cli {

struct Settings {
  std::string db = "sqlite:var/qinglian.db";
  std::string listen = "127.0.0.1:8080";
  std::string web_root;            // empty: web/dist beside the binary's source tree or cwd
  std::size_t threads = 4;
  std::size_t db_pool = 8;
  int session_hours = 12;
  bool secure_cookies = false;
  std::string public_base_url = "http://127.0.0.1:8080";  // for QR codes when Host is unusable
  std::vector<std::string> trusted_proxies;  // reverse proxies whose X-Forwarded-For is believed
  std::string log_level = "info";
  std::string log_key_file = "var/keys/publication-log.key";
  std::string log_origin = "qinglian.example/log";
};

// Overlays the keys present in the TOML file at path onto s. Unknown keys and wrong types
// are errors naming the key (ql::Error bad_request), so a typo is not silently ignored.
void load_toml(const std::string& path, Settings& s);

// Splits "host:port" (port 0-65535). Throws ql::Error naming --listen when malformed.
std::pair<std::string, std::uint16_t> parse_listen(const std::string& listen);

}  // namespace ql::cli
