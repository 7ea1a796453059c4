#include "disclosure/tlog_tree.hpp"

#include <bit>
#include <string>

#include "core/error.hpp"

namespace ql::tlog {
namespace {

// Leaves [lo, hi) of the tree: the subtree whose hash is MTH(D[lo:hi]).
struct Range {
  std::uint64_t lo, hi;
};

// The largest power of two strictly below n (n >= 2): RFC 9162's split point k.
std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }

// Appends the complete subtrees that make up [lo, hi), left to right (largest first). The
// RFC 9162 recursion only produces ranges whose start is aligned to the largest power of two
// not above their length, so each piece is a stored node.
void append_subtrees(Range r, std::vector<NodeId>& out) {
  while (r.lo < r.hi) {
    const unsigned level = static_cast<unsigned>(std::bit_width(r.hi - r.lo)) - 1;
    if (r.lo & ((std::uint64_t{1} << level) - 1))
      throw Error(ErrorKind::internal, "tlog_bad_math", "透明日志内部计算错误",
                  "tlog: unaligned subtree range");
    out.push_back({level, r.lo >> level});
    r.lo += std::uint64_t{1} << level;
  }
}

std::vector<Hash> read_checked(const HashReader& reader, std::span<const NodeId> nodes) {
  auto hashes = reader.read_hashes(nodes);
  if (hashes.size() != nodes.size())
    throw Error(ErrorKind::internal, "tlog_bad_reader", "透明日志哈希读取数量不符",
                "tlog: hash reader returned " + std::to_string(hashes.size()) + " hashes for " +
                    std::to_string(nodes.size()) + " nodes");
  return hashes;
}

// MTH of each range, reading all the stored subtrees they need in one reader call. A range's
// hash folds its subtrees right to left: MTH(D[lo:hi]) = node(MTH(left k), MTH(rest)).
std::vector<Hash> range_hashes(std::span<const Range> ranges, const HashReader& reader) {
  std::vector<NodeId> nodes;
  std::vector<std::size_t> ends;  // one past each range's last node in `nodes`
  for (const Range& r : ranges) {
    append_subtrees(r, nodes);
    ends.push_back(nodes.size());
  }
  const auto stored = read_checked(reader, nodes);
  std::vector<Hash> out;
  out.reserve(ranges.size());
  std::size_t begin = 0;
  for (std::size_t end : ends) {
    Hash h = stored[end - 1];
    for (std::size_t i = end - 1; i > begin; --i) h = node_hash(stored[i - 1], h);
    out.push_back(h);
    begin = end;
  }
  return out;
}

// The ranges whose hashes form PATH(index, D[lo:hi]) (RFC 9162 §2.1.3.1), in proof order:
// the sibling nearest the leaf first.
void inclusion_ranges(std::uint64_t index, Range r, std::vector<Range>& out) {
  if (r.hi - r.lo == 1) return;
  const std::uint64_t mid = r.lo + split_point(r.hi - r.lo);
  if (index < mid) {
    inclusion_ranges(index, {r.lo, mid}, out);
    out.push_back({mid, r.hi});
  } else {
    inclusion_ranges(index, {mid, r.hi}, out);
    out.push_back({r.lo, mid});
  }
}

// The ranges whose hashes form SUBPROOF(m, D[lo:hi], b) (RFC 9162 §2.1.4.1), with m given as
// the absolute old tree size; `whole` is b: whether [lo, m) is a subtree the verifier
// already knows the hash of (the old root itself).
void consistency_ranges(std::uint64_t m, Range r, bool whole, std::vector<Range>& out) {
  if (m == r.hi) {
    if (!whole) out.push_back(r);
    return;
  }
  const std::uint64_t mid = r.lo + split_point(r.hi - r.lo);
  if (m <= mid) {
    consistency_ranges(m, {r.lo, mid}, whole, out);
    out.push_back({mid, r.hi});
  } else {
    consistency_ranges(m, {mid, r.hi}, false, out);
    out.push_back({r.lo, mid});
  }
}

Error bad_range(const std::string& what_zh, const std::string& what_en) {
  return bad_request("tlog_bad_range", "透明日志范围无效：" + what_zh,
                     "Invalid transparency log range: " + what_en);
}

// Shifts fn and sn right together until fn's lowest bit is set or fn is 0 (RFC 9162's
// "right-shift both fn and sn equally until either LSB(fn) is set or fn is 0").
void skip_right_edges(std::uint64_t& fn, std::uint64_t& sn) {
  while (fn != 0 && (fn & 1) == 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

std::vector<StoredHash> stored_hashes_for_append(std::uint64_t index, const Hash& leaf,
                                                 const HashReader& reader) {
  // Each trailing one-bit of index is a left sibling whose subtree the new leaf completes.
  const unsigned completes = static_cast<unsigned>(std::countr_one(index));
  std::vector<NodeId> siblings;
  siblings.reserve(completes);
  for (unsigned level = 0; level < completes; ++level)
    siblings.push_back({level, (index >> level) - 1});
  const auto left = read_checked(reader, siblings);

  std::vector<StoredHash> out;
  out.reserve(1 + completes);
  out.push_back({{0, index}, leaf});
  Hash h = leaf;
  for (unsigned level = 0; level < completes; ++level) {
    h = node_hash(left[level], h);
    out.push_back({{level + 1, index >> (level + 1)}, h});
  }
  return out;
}

Hash tree_hash(std::uint64_t size, const HashReader& reader) {
  if (size == 0) return empty_root();
  const Range whole{0, size};
  return range_hashes(std::span(&whole, 1), reader).front();
}

Proof inclusion_proof(std::uint64_t index, std::uint64_t size, const HashReader& reader) {
  if (index >= size)
    throw bad_range(
        "条目序号 " + std::to_string(index) + " 不小于树大小 " + std::to_string(size),
        "leaf index " + std::to_string(index) + " is not below tree size " + std::to_string(size));
  std::vector<Range> ranges;
  inclusion_ranges(index, {0, size}, ranges);
  return range_hashes(ranges, reader);
}

Proof consistency_proof(std::uint64_t old_size, std::uint64_t new_size, const HashReader& reader) {
  if (old_size > new_size)
    throw bad_range(
        "旧树大小 " + std::to_string(old_size) + " 大于新树大小 " + std::to_string(new_size),
        "old tree size " + std::to_string(old_size) + " exceeds new tree size " +
            std::to_string(new_size));
  if (old_size == 0 || old_size == new_size) return {};
  std::vector<Range> ranges;
  consistency_ranges(old_size, {0, new_size}, true, ranges);
  return range_hashes(ranges, reader);
}

bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                      std::span<const Hash> proof, const Hash& root) {
  // RFC 9162 §2.1.3.2, step by step.
  if (index >= size) return false;
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = node_hash(p, r);
      skip_right_edges(fn, sn);
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, std::span<const Hash> proof,
                        const Hash& old_root, const Hash& new_root) {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty() && old_root == empty_root();
  // RFC 9162 §2.1.4.2, step by step. When the old tree is a complete subtree (old_size a
  // power of two) the proof omits its hash, which the verifier has: put it in front.
  if (proof.empty()) return false;
  const bool prepend = std::has_single_bit(old_size);
  auto at = [&](std::size_t i) -> const Hash& {
    if (!prepend) return proof[i];
    return i == 0 ? old_root : proof[i - 1];
  };
  const std::size_t count = proof.size() + (prepend ? 1 : 0);

  std::uint64_t fn = old_size - 1, sn = new_size - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = at(0), sr = at(0);
  for (std::size_t i = 1; i < count; ++i) {
    const Hash& c = at(i);
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      skip_right_edges(fn, sn);
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == old_root && sr == new_root && sn == 0;
}

std::uint64_t stored_hash_index(NodeId node) {
  // Level L's hash n is stored right after level L-1's hash 2n+1: walk down to the level-0
  // ordering, where leaf n is stored at n + n/2 + n/4 + …, then add the level back.
  std::uint64_t n = node.index;
  for (unsigned l = node.level; l > 0; --l) n = 2 * n + 1;
  std::uint64_t i = 0;
  for (; n > 0; n >>= 1) i += n;
  return i + node.level;
}

NodeId split_stored_hash_index(std::uint64_t index) {
  // stored_hash_index({0, n}) < 2n, so the leaf appended last before `index` lies in
  // [index/2, index/2 + log2(index)]: step forward from index/2.
  std::uint64_t n = index / 2;
  std::uint64_t at = stored_hash_index({0, n});
  for (;;) {
    // Appending leaf n stores 1 + trailing ones of n hashes; leaf n+1 starts after them.
    const std::uint64_t next = at + 1 + static_cast<std::uint64_t>(std::countr_one(n));
    if (next > index) break;
    ++n;
    at = next;
  }
  // The hash was stored with leaf n: it is one of (0, n), (1, n/2), (2, n/4), …
  const auto level = static_cast<unsigned>(index - at);
  return {level, n >> level};
}

std::uint64_t stored_hash_count(std::uint64_t size) {
  if (size == 0) return 0;
  const std::uint64_t last = size - 1;
  return stored_hash_index({0, last}) + 1 + static_cast<std::uint64_t>(std::countr_one(last));
}

std::uint64_t MemoryHashStore::append(std::string_view entry) {
  return append_leaf_hash(leaf_hash(entry));
}

std::uint64_t MemoryHashStore::append_leaf_hash(const Hash& leaf) {
  // Stored hashes arrive exactly in stored_hash_index order, so appending to the array puts
  // each at its index.
  for (const StoredHash& s : stored_hashes_for_append(size_, leaf, *this))
    hashes_.push_back(s.hash);
  return size_++;
}

std::vector<Hash> MemoryHashStore::read_hashes(std::span<const NodeId> nodes) const {
  std::vector<Hash> out;
  out.reserve(nodes.size());
  for (const NodeId& node : nodes) {
    // Stored only once complete, i.e. once its last leaf (index+1)·2^level − 1 exists.
    const bool complete = node.level < 64 && node.index < (size_ >> node.level);
    if (!complete)
      throw Error(ErrorKind::not_found, "tlog_hash_missing",
                  "透明日志中没有该节点（层 " + std::to_string(node.level) + "，序号 " +
                      std::to_string(node.index) + "）",
                  "transparency log has no node at level " + std::to_string(node.level) +
                      ", index " + std::to_string(node.index));
    out.push_back(hashes_[stored_hash_index(node)]);
  }
  return out;
}

}  // namespace ql::tlog
