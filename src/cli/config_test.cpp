#include "cli/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "core/error.hpp"

namespace ql::cli {
namespace {

std::string write_temp(const std::string& text) {
  char name[] = "/tmp/qinglian-config-XXXXXX";
  int fd = mkstemp(name);
  close(fd);
  std::ofstream(name) << text;
  return name;
}

TEST(Config, LoadsKnownKeys) {
  auto path = write_temp("db = \"postgresql://x@127.0.0.1/q\"\nlisten = \"0.0.0.0:9000\"\nthreads = 3\nsecure_cookies = true\n");
  Settings s;
  load_toml(path, s);
  EXPECT_EQ(s.db, "postgresql://x@127.0.0.1/q");
  EXPECT_EQ(s.listen, "0.0.0.0:9000");
  EXPECT_EQ(s.threads, 3u);
  EXPECT_TRUE(s.secure_cookies);
  EXPECT_EQ(s.session_hours, 12);  // untouched default
  std::remove(path.c_str());
}

TEST(Config, TrustedProxiesAreAListOfAddresses) {
  auto path = write_temp("trusted_proxies = [\"10.0.0.1\", \"::1\"]\n");
  Settings s;
  load_toml(path, s);
  EXPECT_EQ(s.trusted_proxies, (std::vector<std::string>{"10.0.0.1", "::1"}));
  std::remove(path.c_str());
}

TEST(Config, RejectsUnknownKeysWrongTypesAndBadSyntax) {
  for (const auto& [text, field] : std::vector<std::pair<std::string, std::string>>{
           {"dbb = \"x\"\n", "dbb"}, {"threads = \"four\"\n", "threads"}, {"threads = 0\n", "threads"},
           {"trusted_proxies = \"10.0.0.1\"\n", "trusted_proxies"}, {"trusted_proxies = [1]\n", "trusted_proxies"}}) {
    auto path = write_temp(text);
    Settings s;
    try {
      load_toml(path, s);
      ADD_FAILURE() << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.field(), field) << text;
    }
    std::remove(path.c_str());
  }
  auto path = write_temp("db = \n");
  Settings s;
  EXPECT_THROW(load_toml(path, s), Error);
  std::remove(path.c_str());
}

TEST(Config, ParsesListen) {
  EXPECT_EQ(parse_listen("127.0.0.1:8080"), (std::pair<std::string, std::uint16_t>{"127.0.0.1", 8080}));
  EXPECT_EQ(parse_listen("[::1]:0"), (std::pair<std::string, std::uint16_t>{"::1", 0}));
  EXPECT_THROW(parse_listen("8080"), Error);
  EXPECT_THROW(parse_listen("host:"), Error);
  EXPECT_THROW(parse_listen("host:70000"), Error);
  EXPECT_THROW(parse_listen("host:80x"), Error);
}

}  // namespace
}  // namespace ql::cli
