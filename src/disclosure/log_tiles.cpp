#include "disclosure/log_tiles.hpp"

#include <vector>

#include "core/error.hpp"
#include "disclosure/publication_log.hpp"

namespace ql::disclosure {
namespace {

// How many tree nodes of tile `tile`'s level the tree of `size` leaves has in that tile:
// 0 to 256. Tile level L holds tree level 8·L; an entry bundle holds the leaves.
std::uint64_t available_in_tile(const tlog::Tile& tile, std::uint64_t size) {
  const unsigned tree_level =
      tile.level == tlog::kEntryBundleLevel ? 0 : static_cast<unsigned>(tile.level) * tlog::kTileHeight;
  const std::uint64_t nodes = tree_level >= 64 ? 0 : size >> tree_level;  // complete nodes at that level
  const std::uint64_t full_tiles = nodes / tlog::kTileWidth;
  if (tile.index < full_tiles) return tlog::kTileWidth;
  if (tile.index == full_tiles) return nodes % tlog::kTileWidth;
  return 0;
}

std::string read_bundle(store::Connection& c, const tlog::Tile& tile) {
  const auto first = static_cast<std::int64_t>(tile.index * tlog::kTileWidth);
  const auto end = first + static_cast<std::int64_t>(tile.width);
  std::vector<std::string> entries;
  entries.reserve(tile.width);
  for (const auto& r : c.query("SELECT idx, entry FROM tlog_entry WHERE idx >= $1 AND idx < $2 ORDER BY idx",
                               {first, end})) {
    if (r.get<std::int64_t>(0) != first + static_cast<std::int64_t>(entries.size())) break;
    entries.push_back(r.get<std::string>(1));
  }
  if (entries.size() != tile.width)
    throw Error(ErrorKind::internal, "log_corrupt", "公开日志数据不完整", "an entry of the log is missing");
  return tlog::encode_entry_bundle(entries);
}

}  // namespace

std::uint64_t tiles_tree_size(store::Connection& c) {
  return static_cast<std::uint64_t>(std::stoll(c.scalar("SELECT COALESCE(MAX(size), 0) FROM tlog_checkpoint").value_or("0")));
}

std::optional<std::string> read_published_tile(store::Connection& c, const tlog::Tile& tile) {
  if (tile.width == 0 || tile.width > tlog::kTileWidth)
    throw Error(ErrorKind::internal, "internal", "服务器内部错误", "tile width out of range");
  if (tile.width > available_in_tile(tile, tiles_tree_size(c))) return std::nullopt;
  if (tile.level == tlog::kEntryBundleLevel) return read_bundle(c, tile);
  return tlog::read_tile_data(tile, DbHashReader(c));
}

}  // namespace ql::disclosure
