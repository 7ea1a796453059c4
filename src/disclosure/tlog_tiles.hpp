#pragma once
// The log as static resources (c2sp.org/tlog-tiles): the Merkle tree is published as tiles
// of up to 256 consecutive hashes at tree levels 0, 8, 16, …, and the entries as bundles of
// up to 256 length-prefixed entries, so that anyone can fetch them (over plain HTTP, from a
// mirror, from an archive) and recompute roots and proofs. Full tiles never change; the
// rightmost tile of each level is partial until it fills up.
//
//   tile/<L>/<N>[.p/<W>]        hashes: tile N of tile level L, W hashes if partial
//   tile/entries/<N>[.p/<W>]    entry bundle N (entries N·256 …), W entries if partial
//
// N is written in 3-digit groups, all but the last prefixed with "x": 1234067 is
// "x001/x234/067".
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "disclosure/tlog_tree.hpp"

namespace ql::tlog {

inline constexpr unsigned kTileHeight = 8;    // tree levels per tile level
inline constexpr unsigned kTileWidth = 256;   // hashes in a full tile, entries in a full bundle
inline constexpr int kEntryBundleLevel = -1;  // Tile::level of an entry bundle
inline constexpr std::size_t kMaxEntrySize = 0xFFFF;  // bundles prefix entries with a uint16

// A hash tile (level 0..63) or an entry bundle (level kEntryBundleLevel). A hash tile at level
// L holds the hashes of tree level 8·L, nodes index·256 … index·256 + width − 1; an entry
// bundle holds entries index·256 … index·256 + width − 1.
struct Tile {
  int level = 0;
  std::uint64_t index = 0;
  unsigned width = kTileWidth;  // 1..256; 256 is a full tile
  bool operator==(const Tile&) const = default;
};

// The resource path of a tile or bundle, e.g. "tile/0/x001/x234/067.p/8". Throws ql::Error
// internal for a tile outside the ranges above (a bug in the caller, not input).
std::string tile_path(const Tile& tile);

// Strict inverse of tile_path: only the canonical spelling is accepted (no leading zeros,
// no superfluous "x000/" groups, width 1..255 after ".p/"), so that one resource has one
// path. Throws ql::Error bad_request (tlog_malformed_tile_path).
Tile parse_tile_path(std::string_view path);

// The hash tiles (full and partial) that exist at new_size but not, with the same content,
// at old_size: what a log publishes after growing from old_size to new_size, lowest level
// first. tiles_for_size(n) == new_tiles(0, n). The entry bundles to publish are the level-0
// tiles with level set to kEntryBundleLevel.
std::vector<Tile> new_tiles(std::uint64_t old_size, std::uint64_t new_size);
std::vector<Tile> tiles_for_size(std::uint64_t size);

// The tile containing hash tree node `node` as published for a tree of `tree_size` leaves:
// the full tile if that is complete at tree_size, else the partial one. Throws ql::Error
// bad_request (tlog_bad_range) if the node is not complete at tree_size.
Tile tile_for_node(NodeId node, std::uint64_t tree_size);

// The bytes of a hash tile (width × 32 bytes), read from stored hashes in one call.
std::string read_tile_data(const Tile& tile, const HashReader& reader);

// Fetches tiles: from the log's storage, over HTTP, from a local mirror.
class TileReader {
 public:
  virtual ~TileReader() = default;
  // The bytes of each tile, in the same order. Throws ql::Error when one is unavailable.
  virtual std::vector<std::string> read_tiles(std::span<const Tile> tiles) const = 0;
};

// A HashReader over the tiles published for a tree of `tree_size` leaves: any node complete
// at that size is read from the one tile holding it (or, for levels between tile levels,
// hashed from the up to 128 tile hashes below it), with all the tiles one call needs fetched
// in one read_tiles call. Tiles are not authenticated here; instead, check what is computed
// from them against a signed checkpoint: tree_hash(tree_size, reader) must equal its root,
// and proofs built from them are checked by verify_inclusion / verify_consistency against
// signed roots. A wrong tile can only make that check fail.
class TileHashReader final : public HashReader {
 public:
  TileHashReader(std::uint64_t tree_size, const TileReader& tiles)
      : tree_size_(tree_size), tiles_(tiles) {}
  // Throws tlog_bad_range for a node not complete at tree_size and ql::Error bad_request
  // (tlog_bad_tile) for a tile of the wrong length.
  std::vector<Hash> read_hashes(std::span<const NodeId> nodes) const override;

 private:
  std::uint64_t tree_size_;
  const TileReader& tiles_;
};

// An entry bundle: each entry as a big-endian uint16 length and its bytes. Throws ql::Error
// bad_request (tlog_entry_too_large) for an entry above kMaxEntrySize bytes — the log must
// refuse such entries when they are appended — or internal for more than 256 entries.
std::string encode_entry_bundle(std::span<const std::string> entries);

// Strict inverse of encode_entry_bundle. Throws ql::Error bad_request
// (tlog_malformed_bundle) for a truncated entry or more than 256 entries.
std::vector<std::string> decode_entry_bundle(std::string_view data);

}  // namespace ql::tlog
