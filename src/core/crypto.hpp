#pragma once
// Small cryptographic helpers shared by every module: SHA-256, secure randomness, encodings,
// constant-time comparison. Backed by OpenSSL (SHA-256) and libsodium (randomness).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ql::crypto {

using Sha256 = std::array<std::uint8_t, 32>;

Sha256 sha256(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string to_hex(std::string_view bytes);
// Standard and URL-safe (no padding) base64.
std::string base64(std::string_view bytes);
std::string base64url(std::string_view bytes);

// n cryptographically random bytes.
std::string random_bytes(std::size_t n);
// A random token of n bytes, base64url-encoded (e.g. session tokens, CSRF tokens).
std::string random_token(std::size_t n = 32);
// A random password of `length` characters from an alphabet without look-alikes (0/O, 1/l),
// with at least one letter and one digit.
std::string random_password(std::size_t length = 14);

// Compares without leaking where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace ql::crypto
