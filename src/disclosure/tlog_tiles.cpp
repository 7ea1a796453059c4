#include "disclosure/tlog_tiles.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "core/error.hpp"

namespace ql::tlog {
namespace {

constexpr int kMaxTileLevel = 63;  // tlog-tiles: L is 0..63

Error malformed_path(std::string_view path) {
  return bad_request("tlog_malformed_tile_path", "瓦片路径格式错误：" + std::string(path),
                     "Malformed tile path: " + std::string(path), "path");
}

// Three decimal digits, 000..999.
std::optional<std::uint64_t> parse_group(std::string_view s) {
  if (s.size() != 3 ||
      !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return static_cast<std::uint64_t>((s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0'));
}

// "x001/x234/067" → 1234067; nullopt unless canonical (no leading "x000" group).
std::optional<std::uint64_t> parse_index(std::string_view s) {
  std::uint64_t v = 0;
  bool first = true;
  for (;;) {
    const std::size_t slash = s.find('/');
    const bool last = slash == std::string_view::npos;
    std::string_view group = s.substr(0, slash);
    if (!last) {
      if (!group.starts_with('x')) return std::nullopt;
      group.remove_prefix(1);
    }
    const auto g = parse_group(group);
    if (!g || (first && !last && *g == 0)) return std::nullopt;
    if (v > (std::numeric_limits<std::uint64_t>::max() - *g) / 1000) return std::nullopt;
    v = v * 1000 + *g;
    if (last) return v;
    s.remove_prefix(slash + 1);
    first = false;
  }
}

std::string format_index(std::uint64_t n) {
  std::string out = std::to_string(1000 + n % 1000).substr(1);
  for (n /= 1000; n > 0; n /= 1000)
    out = "x" + std::to_string(1000 + n % 1000).substr(1) + "/" + out;
  return out;
}

// The root of the complete subtree over hashes [first, first + count) of a tile's data,
// count a power of two.
Hash subtree_root(std::string_view data, std::size_t first, std::size_t count) {
  std::vector<Hash> row(count);
  for (std::size_t i = 0; i < count; ++i)
    std::copy_n(data.data() + (first + i) * kHashSize, kHashSize,
                reinterpret_cast<char*>(row[i].data()));
  for (; count > 1; count /= 2)
    for (std::size_t i = 0; i < count / 2; ++i) row[i] = node_hash(row[2 * i], row[2 * i + 1]);
  return row[0];
}

}  // namespace

std::string tile_path(const Tile& tile) {
  if (tile.level < kEntryBundleLevel || tile.level > kMaxTileLevel || tile.width < 1 ||
      tile.width > kTileWidth)
    throw Error(ErrorKind::internal, "tlog_bad_tile", "瓦片参数无效", "tlog: invalid tile");
  std::string path = "tile/";
  path += tile.level == kEntryBundleLevel ? std::string("entries") : std::to_string(tile.level);
  path += "/" + format_index(tile.index);
  if (tile.width < kTileWidth) path += ".p/" + std::to_string(tile.width);
  return path;
}

Tile parse_tile_path(std::string_view path) {
  std::string_view s = path;
  if (!s.starts_with("tile/")) throw malformed_path(path);
  s.remove_prefix(5);
  const std::size_t slash = s.find('/');
  if (slash == std::string_view::npos) throw malformed_path(path);
  const std::string_view level = s.substr(0, slash);
  s.remove_prefix(slash + 1);

  Tile tile;
  if (level == "entries") {
    tile.level = kEntryBundleLevel;
  } else {
    const auto l = parse_decimal(level);
    if (!l || *l > static_cast<std::uint64_t>(kMaxTileLevel)) throw malformed_path(path);
    tile.level = static_cast<int>(*l);
  }

  if (const std::size_t p = s.find(".p/"); p != std::string_view::npos) {
    const auto w = parse_decimal(s.substr(p + 3));
    if (!w || *w < 1 || *w >= kTileWidth) throw malformed_path(path);
    tile.width = static_cast<unsigned>(*w);
    s = s.substr(0, p);
  }
  const auto index = parse_index(s);
  if (!index) throw malformed_path(path);
  tile.index = *index;
  return tile;
}

std::vector<Tile> new_tiles(std::uint64_t old_size, std::uint64_t new_size) {
  std::vector<Tile> tiles;
  for (unsigned level = 0; level * kTileHeight < 64 && (new_size >> (level * kTileHeight)) > 0;
       ++level) {
    // Hashes at tree level 8·level before and after.
    const std::uint64_t old_n = old_size >> (level * kTileHeight);
    const std::uint64_t new_n = new_size >> (level * kTileHeight);
    if (old_n >= new_n) continue;
    // Full tiles from the one that was partial (or absent) at old_size on.
    for (std::uint64_t n = old_n / kTileWidth; n < new_n / kTileWidth; ++n)
      tiles.push_back({static_cast<int>(level), n, kTileWidth});
    if (const auto w = static_cast<unsigned>(new_n % kTileWidth); w > 0)
      tiles.push_back({static_cast<int>(level), new_n / kTileWidth, w});
  }
  return tiles;
}

std::vector<Tile> tiles_for_size(std::uint64_t size) { return new_tiles(0, size); }

Tile tile_for_node(NodeId node, std::uint64_t tree_size) {
  if (node.level >= 64 || node.index >= (tree_size >> node.level))
    throw bad_request("tlog_bad_range", "该节点不在此大小的树中",
                      "The node is not complete in a tree of this size");
  const unsigned tile_level = node.level / kTileHeight;
  // The node's first hash at tree level 8·tile_level, and how many hashes that level has.
  const std::uint64_t first = node.index << (node.level % kTileHeight);
  const std::uint64_t available = tree_size >> (tile_level * kTileHeight);
  const std::uint64_t n = first / kTileWidth;
  const std::uint64_t in_tile = std::min<std::uint64_t>(kTileWidth, available - n * kTileWidth);
  return {static_cast<int>(tile_level), n, static_cast<unsigned>(in_tile)};
}

std::string read_tile_data(const Tile& tile, const HashReader& reader) {
  if (tile.level < 0 || tile.width < 1 || tile.width > kTileWidth)
    throw Error(ErrorKind::internal, "tlog_bad_tile", "瓦片参数无效", "tlog: invalid hash tile");
  std::vector<NodeId> nodes;
  nodes.reserve(tile.width);
  for (unsigned i = 0; i < tile.width; ++i)
    nodes.push_back({static_cast<unsigned>(tile.level) * kTileHeight, tile.index * kTileWidth + i});
  std::string data;
  data.reserve(nodes.size() * kHashSize);
  for (const Hash& h : reader.read_hashes(nodes)) data.append(hash_bytes(h));
  return data;
}

std::vector<Hash> TileHashReader::read_hashes(std::span<const NodeId> nodes) const {
  std::vector<Tile> tiles;
  std::vector<std::size_t> tile_of(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Tile t = tile_for_node(nodes[i], tree_size_);
    const auto it = std::find(tiles.begin(), tiles.end(), t);
    tile_of[i] = static_cast<std::size_t>(it - tiles.begin());
    if (it == tiles.end()) tiles.push_back(t);
  }
  const auto data = tiles_.read_tiles(tiles);
  if (data.size() != tiles.size())
    throw Error(ErrorKind::internal, "tlog_bad_reader", "瓦片读取数量不符",
                "tlog: tile reader returned the wrong number of tiles");
  for (std::size_t k = 0; k < tiles.size(); ++k)
    if (data[k].size() != tiles[k].width * kHashSize)
      throw bad_request("tlog_bad_tile", "瓦片长度错误：" + tile_path(tiles[k]),
                        "Tile has the wrong length: " + tile_path(tiles[k]));

  std::vector<Hash> out;
  out.reserve(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Tile& t = tiles[tile_of[i]];
    const unsigned below = nodes[i].level % kTileHeight;  // levels between node and tile
    const std::uint64_t first = (nodes[i].index << below) - t.index * kTileWidth;
    out.push_back(subtree_root(data[tile_of[i]], first, std::size_t{1} << below));
  }
  return out;
}

std::string encode_entry_bundle(std::span<const std::string> entries) {
  if (entries.size() > kTileWidth)
    throw Error(ErrorKind::internal, "tlog_bad_tile", "条目包超过 256 个条目",
                "tlog: an entry bundle holds at most 256 entries");
  std::string out;
  for (const std::string& e : entries) {
    if (e.size() > kMaxEntrySize)
      throw bad_request("tlog_entry_too_large", "日志条目超过 65535 字节",
                        "A log entry exceeds 65535 bytes");
    out.push_back(static_cast<char>(e.size() >> 8));
    out.push_back(static_cast<char>(e.size() & 0xFF));
    out += e;
  }
  return out;
}

std::vector<std::string> decode_entry_bundle(std::string_view data) {
  auto fail = [] {
    return bad_request("tlog_malformed_bundle", "条目包格式错误", "Malformed entry bundle");
  };
  std::vector<std::string> entries;
  while (!data.empty()) {
    if (data.size() < 2 || entries.size() == kTileWidth) throw fail();
    const std::size_t len =
        (static_cast<unsigned char>(data[0]) << 8) | static_cast<unsigned char>(data[1]);
    if (data.size() - 2 < len) throw fail();
    entries.emplace_back(data.substr(2, len));
    data.remove_prefix(2 + len);
  }
  return entries;
}

}  // namespace ql::tlog
