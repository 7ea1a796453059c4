#pragma once
// gzip (RFC 1952) with zlib, for responses that are sent many times and compressed once: the
// community page is ~25 KB of HTML and ~5 KB gzipped, which matters on an old phone on a slow
// mobile network.
#include <string>
#include <string_view>

namespace ql {

// The gzip member holding `data`, at zlib's best compression (the result is cached, so the
// extra CPU is spent once). Throws std::bad_alloc or std::runtime_error if zlib fails.
std::string gzip_compress(std::string_view data);

// Inverse of gzip_compress (for tests and tools). Throws std::runtime_error on input that is
// not one complete gzip member.
std::string gzip_decompress(std::string_view gz);

}  // namespace ql
