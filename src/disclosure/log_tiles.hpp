#pragma once
// The publication log as c2sp.org/tlog-tiles resources: hash tiles read from the stored
// hashes (tlog_hash) and entry bundles read from tlog_entry, for the tree of the latest signed
// checkpoint, so that anyone holding that checkpoint can rebuild its root and every proof from
// static files alone (docs/TLOG.md).
#include <cstdint>
#include <optional>
#include <string>

#include "disclosure/tlog_tiles.hpp"
#include "store/database.hpp"

namespace ql::disclosure {

// The size of the tree that tiles are served for: that of the latest signed checkpoint (0
// when none). Entries and their checkpoint are committed in one transaction, so this is also
// the number of entries; reading it from the checkpoints makes /log/checkpoint and the tiles
// describe the same tree by construction.
std::uint64_t tiles_tree_size(store::Connection& c);

// The bytes of `tile` (a hash tile, or an entry bundle when tile.level is
// tlog::kEntryBundleLevel) if it exists for the current tree: a full tile once all its 256
// hashes or entries are in the tree, a partial tile of width W once at least W are (its
// content is the first W of them, the same at every later size, so it is served for every
// size the tree went through). nullopt for a tile beyond the tree. Throws ql::Error internal
// (log_corrupt) when the stored log lacks something the tree has.
std::optional<std::string> read_published_tile(store::Connection& c, const tlog::Tile& tile);

}  // namespace ql::disclosure
