#pragma once
// The Merkle tree of the transparency log (RFC 9162 §2.1): roots, inclusion proofs and
// consistency proofs for any tree size, computed from stored hashes of complete subtrees.
//
// Storage model (after Go's golang.org/x/mod/sumdb/tlog): appending leaf n stores the leaf
// hash and the hash of every complete subtree leaf n finishes (1 + trailing one-bits of n
// hashes, just under 2 per leaf on average). Those stored hashes never change, and every
// root, inclusion proof and consistency proof of every size N <= the log's size is a fold of
// at most about 2·log2(N) of them, fetched in a single HashReader call. A store can keep them
// as rows keyed by NodeId, in a dense array (stored_hash_index), or as tiles of 256 hashes
// (see tlog_tiles.hpp) — the functions here only see the HashReader interface.
#include <compare>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "disclosure/tlog_hash.hpp"

namespace ql::tlog {

// A complete subtree: the 2^level leaves [index·2^level, (index+1)·2^level). Level 0 nodes
// are leaves. Its hash is stored once the leaf (index+1)·2^level − 1 has been appended.
struct NodeId {
  unsigned level = 0;
  std::uint64_t index = 0;
  auto operator<=>(const NodeId&) const = default;
};

// Where stored hashes come from. Implemented by the storage-backed log (rows or tiles), by
// MemoryHashStore below, and by TileHashReader (tlog_tiles.hpp) for verifiers that fetch a
// log's published tiles.
class HashReader {
 public:
  virtual ~HashReader() = default;
  // The hashes of the given complete subtrees, in the same order. Requests are sorted by
  // nothing in particular and may repeat a node. Throws ql::Error when a hash is not stored.
  virtual std::vector<Hash> read_hashes(std::span<const NodeId> nodes) const = 0;
};

// An audit path or consistency proof: a list of subtree hashes, in RFC 9162 order.
using Proof = std::vector<Hash>;

// A hash to store when appending, and where it belongs.
struct StoredHash {
  NodeId node;
  Hash hash;
};

// The hashes to store when appending leaf `index` (the log has exactly `index` leaves before):
// the leaf itself at (0, index), then each complete subtree it finishes, lowest level first.
// Reads the up to log2(index) left siblings from `reader` in one call. Store all of them in
// the same transaction as the entry: a root or proof at a later size needs every one.
std::vector<StoredHash> stored_hashes_for_append(std::uint64_t index, const Hash& leaf,
                                                 const HashReader& reader);

// MTH(D[0:size]): the root of the first `size` leaves; empty_root() for size 0. Throws
// ql::Error (from the reader) if the log does not have `size` leaves.
Hash tree_hash(std::uint64_t size, const HashReader& reader);

// PATH(index, D[0:size]) of RFC 9162 §2.1.3.1: the proof that leaf `index` is in the tree of
// `size` leaves. Throws ql::Error bad_request unless index < size.
Proof inclusion_proof(std::uint64_t index, std::uint64_t size, const HashReader& reader);

// PROOF(old_size, D[0:new_size]) of RFC 9162 §2.1.4.1: the proof that the tree of old_size
// leaves is a prefix of the tree of new_size leaves. Empty when old_size is 0 or equals
// new_size (nothing to prove). Throws ql::Error bad_request if old_size > new_size.
Proof consistency_proof(std::uint64_t old_size, std::uint64_t new_size, const HashReader& reader);

// RFC 9162 §2.1.3.2: whether `proof` shows that a leaf with hash `leaf` is at `index` in the
// tree of `size` leaves whose root is `root`. Any malformed input yields false.
bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                      std::span<const Hash> proof, const Hash& root);

// RFC 9162 §2.1.4.2: whether `proof` shows that the tree (old_size, old_root) is a prefix of
// the tree (new_size, new_root). For old_size == new_size the proof must be empty and the
// roots equal; for old_size == 0 the proof must be empty and old_root the empty-tree root
// (RFC 9162 defines no proof there, and any tree extends the empty one). False otherwise.
bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, std::span<const Hash> proof,
                        const Hash& old_root, const Hash& new_root);

// Dense linear numbering of stored hashes in append order (Crosby & Wallach §3.3, Go's
// tlog.StoredHashIndex): the hashes stored_hashes_for_append returns for leaf n occupy
// stored_hash_index({0, n}) onwards, consecutively. For stores that keep one array or
// sequence of hashes. Valid for nodes of trees below 2^62 leaves.
std::uint64_t stored_hash_index(NodeId node);

// Inverse of stored_hash_index.
NodeId split_stored_hash_index(std::uint64_t index);

// How many hashes a log of `size` leaves has stored.
std::uint64_t stored_hash_count(std::uint64_t size);

// All stored hashes in memory, in stored_hash_index order: for tests, benchmarks and tools.
// Not thread-safe for concurrent append and read.
class MemoryHashStore final : public HashReader {
 public:
  // Appends an entry (hashed with leaf_hash) and returns its index.
  std::uint64_t append(std::string_view entry);
  // Appends a leaf whose hash is already known and returns its index.
  std::uint64_t append_leaf_hash(const Hash& leaf);
  // Number of leaves.
  std::uint64_t size() const noexcept { return size_; }
  // The root of the current tree.
  Hash root() const { return tree_hash(size_, *this); }
  // Throws ql::Error not_found for a node that is not complete in the current tree.
  std::vector<Hash> read_hashes(std::span<const NodeId> nodes) const override;

 private:
  std::vector<Hash> hashes_;  // at stored_hash_index
  std::uint64_t size_ = 0;
};

}  // namespace ql::tlog
