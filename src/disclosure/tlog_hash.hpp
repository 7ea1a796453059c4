#pragma once
// Hashing of the transparency log of village publications: RFC 9162 (RFC 6962) Merkle tree
// hashes over SHA-256, plus the strict text encodings (base64, decimal) that the log's
// formats (checkpoints, signed notes, tile paths) share. Everything in ql::tlog is pure and knows
// nothing of storage or HTTP, so the storage-backed log and an independent verifier share one
// implementation.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto.hpp"

namespace ql::tlog {

// A SHA-256 value: a leaf hash, an interior node hash or a tree root.
using Hash = ql::crypto::Sha256;
inline constexpr std::size_t kHashSize = 32;

// SHA-256(0x00 || entry): the hash of a log entry (RFC 9162 §2.1.1). The 0x00 prefix keeps a
// leaf from ever being mistaken for an interior node.
Hash leaf_hash(std::string_view entry);

// SHA-256(0x01 || left || right): the hash of an interior node (RFC 9162 §2.1.1).
Hash node_hash(const Hash& left, const Hash& right);

// The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). Checkpoints of
// size 0 carry it.
Hash empty_root();

// The 32 bytes of h as a string_view (for hashing, encoding, comparing as bytes).
std::string_view hash_bytes(const Hash& h);

// Standard padded base64 of the 32 bytes (44 characters), as checkpoints carry roots.
std::string hash_base64(const Hash& h);

// Inverse of hash_base64; nullopt unless text is canonical base64 of exactly 32 bytes.
std::optional<Hash> parse_hash_base64(std::string_view text);

// Lower-case hex of the 32 bytes (for logs and test vectors).
std::string hash_hex(const Hash& h);

// Decodes standard padded base64 (RFC 4648 §4). Strict: nullopt on any character outside
// the alphabet, missing or extra padding, or non-zero unused bits, so that every byte string
// has exactly one accepted encoding (a signed text cannot be re-encoded into another one).
// Lives here rather than in core/crypto only because this library is the first to need it.
std::optional<std::string> base64_decode(std::string_view text);

// The value of canonical decimal text: digits only, no sign, no leading zero (except "0"),
// at most 2^64−1; nullopt otherwise. One number, one spelling.
std::optional<std::uint64_t> parse_decimal(std::string_view text);

}  // namespace ql::tlog
