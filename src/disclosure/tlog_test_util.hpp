#pragma once
// Helpers shared by the tlog_*_test.cpp files (header-only: tests only).
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "disclosure/tlog_hash.hpp"

namespace ql::tlog::test {

inline std::string unhex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    throw std::invalid_argument("bad hex digit");
  };
  if (hex.size() % 2) throw std::invalid_argument("odd hex length");
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out.push_back(static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1])));
  return out;
}

inline Hash hash_from_hex(std::string_view hex) {
  const std::string bytes = unhex(hex);
  if (bytes.size() != kHashSize) throw std::invalid_argument("not a 32-byte hash");
  Hash h;
  std::copy(bytes.begin(), bytes.end(), h.begin());
  return h;
}

inline Hash hash_from_b64(std::string_view b64) {
  auto h = parse_hash_base64(b64);
  if (!h) throw std::invalid_argument("not base64 of a hash");
  return *h;
}

// Runs f and returns the ql::Error code it throws ("" when it throws nothing).
template <typename F>
std::string error_code(F&& f) {
  try {
    f();
  } catch (const ql::Error& e) {
    return e.code();
  }
  return "";
}

}  // namespace ql::tlog::test
