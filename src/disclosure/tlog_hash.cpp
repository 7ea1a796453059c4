#include "disclosure/tlog_hash.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

namespace ql::tlog {

Hash leaf_hash(std::string_view entry) {
  std::string buf;
  buf.reserve(1 + entry.size());
  buf.push_back('\x00');
  buf.append(entry);
  return ql::crypto::sha256(buf);
}

Hash node_hash(const Hash& left, const Hash& right) {
  // On the stack: interior nodes are hashed on every append and proof, so no allocation.
  std::array<char, 1 + 2 * kHashSize> buf;
  buf[0] = '\x01';
  std::memcpy(buf.data() + 1, left.data(), kHashSize);
  std::memcpy(buf.data() + 1 + kHashSize, right.data(), kHashSize);
  return ql::crypto::sha256(std::string_view(buf.data(), buf.size()));
}

Hash empty_root() {
  static const Hash root = ql::crypto::sha256({});
  return root;
}

std::string_view hash_bytes(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

std::string hash_base64(const Hash& h) { return ql::crypto::base64(hash_bytes(h)); }

std::optional<Hash> parse_hash_base64(std::string_view text) {
  auto bytes = base64_decode(text);
  if (!bytes || bytes->size() != kHashSize) return std::nullopt;
  Hash h;
  std::copy(bytes->begin(), bytes->end(), h.begin());
  return h;
}

std::string hash_hex(const Hash& h) { return ql::crypto::to_hex(hash_bytes(h)); }

std::optional<std::string> base64_decode(std::string_view text) {
  // libsodium's decoder is strict in the ways we need: with no ignored characters and no
  // end pointer it fails unless the whole input is consumed, the padding is exact and the
  // unused low bits are zero. It needs no sodium_init().
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

std::optional<std::uint64_t> parse_decimal(std::string_view text) {
  if (text.empty() || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  std::uint64_t v = 0;
  // from_chars takes no sign or space for unsigned types and reports overflow.
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace ql::tlog
