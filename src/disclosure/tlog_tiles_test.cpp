#include "disclosure/tlog_tiles.hpp"

#include <gtest/gtest.h>

#include <map>

#include "disclosure/tlog_test_util.hpp"

namespace ql::tlog {
namespace {

using test::error_code;

// Serves the tiles of a MemoryHashStore, as a log's tile endpoint would, optionally with
// one hash of one tile altered, and counts the tiles asked for.
class StoreTiles final : public TileReader {
 public:
  explicit StoreTiles(const MemoryHashStore& store) : store_(store) {}
  std::vector<std::string> read_tiles(std::span<const Tile> tiles) const override {
    std::vector<std::string> out;
    for (const Tile& t : tiles) {
      ++fetched;
      out.push_back(read_tile_data(t, store_));
      if (corrupt && t.level == corrupt->level && t.index == corrupt->index &&
          out.back().size() > corrupt_byte)
        out.back()[corrupt_byte] ^= 1;
    }
    return out;
  }
  std::optional<Tile> corrupt;
  std::size_t corrupt_byte = 0;
  mutable int fetched = 0;

 private:
  const MemoryHashStore& store_;
};

TEST(TlogTiles, PathsMatchTheSpecAndReferenceImplementations) {
  const std::vector<std::pair<Tile, std::string>> vectors = {
      {{0, 1234067, 256}, "tile/0/x001/x234/067"},
      {{0, 1234067, 8}, "tile/0/x001/x234/067.p/8"},
      {{0, 1234067, 89}, "tile/0/x001/x234/067.p/89"},
      {{kEntryBundleLevel, 1234067, 8}, "tile/entries/x001/x234/067.p/8"},
      {{kEntryBundleLevel, 0, 256}, "tile/entries/000"},
      {{kEntryBundleLevel, 4, 180}, "tile/entries/004.p/180"},
      {{63, 999999999999999999, 255}, "tile/63/x999/x999/x999/x999/x999/999.p/255"},
      {{0, 1, 256}, "tile/0/001"},
      {{0, 0, 1}, "tile/0/000.p/1"},
      {{1, 1000, 256}, "tile/1/x001/000"},
      {{8, 1002, 256}, "tile/8/x001/002"},
      {{63, UINT64_MAX, 256}, "tile/63/x018/x446/x744/x073/x709/x551/615"},
  };
  for (const auto& [tile, path] : vectors) {
    EXPECT_EQ(tile_path(tile), path);
    EXPECT_EQ(parse_tile_path(path), tile) << path;
  }
}

TEST(TlogTiles, RejectsNonCanonicalPaths) {
  for (const char* bad : {
           "tile/0/1",
           "tile/0/0000",
           "tile/0/001/000",
           "tile/0/x000/001",
           "tile/0/x1/001",
           "tile/0/x001/",
           "tile/0/",
           "tile/0",
           "tile/00/000",
           "tile/64/000",
           "tile/-1/000",
           "tile/x/000",
           "tile/0/000.p/",
           "tile/0/000.p",
           "tile/0/000.p/0",
           "tile/0/000.p/256",
           "tile/0/000.p/-1",
           "tile/0/000.p/abc",
           "tile/0/000.p/08",
           "tile/0/x001/.p/5",
           "tile/0/x001/x234/067.p/8/",
           "tile/entries/",
           "tile/entry/000",
           "tiles/0/000",
           "/tile/0/000",
           "tile/0/x018/x446/x744/x073/x709/x551/616",  // 2^64
           "tile/0/x001/x002/x003/x004/x005/x006/x007/000",
           "tile/0/00a",
       })
    EXPECT_EQ(error_code([&] { parse_tile_path(bad); }), "tlog_malformed_tile_path") << bad;
}

TEST(TlogTiles, TilesForSizeFollowTheSpecExamples) {
  // tlog-tiles: "a tree of size 70,000 will be represented by 273 full level 0 tiles, one
  // partial level 0 tile of width 112, one full level 1 tile, one partial level 1 tile of
  // width 17, and one partial level 2 tile of width 1."
  const auto tiles = tiles_for_size(70000);
  std::map<std::pair<int, unsigned>, int> count;  // (level, width) → tiles
  for (const Tile& t : tiles) ++count[{t.level, t.width}];
  EXPECT_EQ(count, (std::map<std::pair<int, unsigned>, int>{
                       {{0, 256}, 273}, {{0, 112}, 1}, {{1, 256}, 1}, {{1, 17}, 1}, {{2, 1}, 1}}));
  EXPECT_EQ(tiles.back(), (Tile{2, 0, 1}));
  // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1
  // tile of width 1."
  EXPECT_EQ(tiles_for_size(256), (std::vector<Tile>{{0, 0, 256}, {1, 0, 1}}));
  EXPECT_TRUE(tiles_for_size(0).empty());

  // Growing re-publishes the tiles that changed: the partial one that filled or grew, and
  // every one above that gained a hash.
  EXPECT_TRUE(new_tiles(100, 100).empty());
  EXPECT_EQ(new_tiles(100, 101), (std::vector<Tile>{{0, 0, 101}}));
  EXPECT_EQ(new_tiles(255, 257), (std::vector<Tile>{{0, 0, 256}, {0, 1, 1}, {1, 0, 1}}));
  EXPECT_EQ(new_tiles(256, 300), (std::vector<Tile>{{0, 1, 44}}));
  EXPECT_EQ(new_tiles(65535, 65536), (std::vector<Tile>{{0, 255, 256}, {1, 0, 256}, {2, 0, 1}}));
  // The union over steps covers every tile of the final size.
  std::vector<Tile> all;
  for (std::uint64_t s = 0; s < 70000; s += 997) {
    const auto step = new_tiles(s, std::min<std::uint64_t>(s + 997, 70000));
    all.insert(all.end(), step.begin(), step.end());
  }
  for (const Tile& t : tiles_for_size(70000))
    EXPECT_NE(std::find(all.begin(), all.end(), t), all.end()) << tile_path(t);
}

TEST(TlogTiles, TileForNodeChoosesThePublishedTile) {
  EXPECT_EQ(tile_for_node({0, 5}, 70000), (Tile{0, 0, 256}));
  EXPECT_EQ(tile_for_node({0, 69999}, 70000), (Tile{0, 273, 112}));
  EXPECT_EQ(tile_for_node({3, 10}, 70000), (Tile{0, 0, 256}));  // hashed from 8 level-0 hashes
  EXPECT_EQ(tile_for_node({8, 272}, 70000), (Tile{1, 1, 17}));
  EXPECT_EQ(tile_for_node({16, 0}, 70000), (Tile{2, 0, 1}));
  EXPECT_EQ(error_code([] { tile_for_node({0, 70000}, 70000); }), "tlog_bad_range");
  EXPECT_EQ(error_code([] { tile_for_node({17, 0}, 70000); }), "tlog_bad_range");
}

// A verifier with nothing but the published tiles of one size computes the same roots and
// proofs as the log's own store.
TEST(TlogTiles, TileHashReaderReproducesRootsAndProofs) {
  MemoryHashStore store;
  for (int i = 0; i < 70000; ++i) store.append("publication " + std::to_string(i));
  StoreTiles tiles(store);
  for (std::uint64_t size : {1ull, 2ull, 7ull, 255ull, 256ull, 257ull, 511ull, 4096ull, 65535ull,
                             65536ull, 65537ull, 69999ull, 70000ull}) {
    SCOPED_TRACE("size " + std::to_string(size));
    const TileHashReader reader(size, tiles);
    const Hash root = tree_hash(size, store);
    ASSERT_EQ(tree_hash(size, reader), root);
    for (std::uint64_t index : {std::uint64_t{0}, size / 3, size / 2, size - 1}) {
      const Proof p = inclusion_proof(index, size, reader);
      ASSERT_EQ(p, inclusion_proof(index, size, store));
      ASSERT_TRUE(verify_inclusion(leaf_hash("publication " + std::to_string(index)), index, size,
                                   p, root));
    }
    for (std::uint64_t old_size : {std::uint64_t{1}, size / 2, size - 1}) {
      if (old_size == 0) continue;
      const Proof p = consistency_proof(old_size, size, reader);
      ASSERT_EQ(p, consistency_proof(old_size, size, store));
      ASSERT_TRUE(verify_consistency(old_size, size, p, tree_hash(old_size, store), root));
    }
  }
  // One tree_hash of a big tree reads few tiles, in one call.
  tiles.fetched = 0;
  tree_hash(69999, TileHashReader(69999, tiles));
  EXPECT_LE(tiles.fetched, 4);
}

TEST(TlogTiles, AlteredTilesNeverPassVerification) {
  // Whatever a changed tile alters — the root, or some proof — never verifies against the
  // signed root; and every hash of every tile matters to some proof.
  MemoryHashStore store;
  for (int i = 0; i < 600; ++i) store.append(std::to_string(i));
  const Hash root = store.root();
  for (const Tile& t : tiles_for_size(600)) {
    StoreTiles tiles(store);
    tiles.corrupt = t;
    for (std::size_t byte : {std::size_t{0}, t.width * kHashSize - 1}) {
      tiles.corrupt_byte = byte;
      const TileHashReader reader(600, tiles);
      bool caught = tree_hash(600, reader) != root;
      for (std::uint64_t i = 0; i < 600; ++i) {
        const Proof p = inclusion_proof(i, 600, reader);
        if (p == inclusion_proof(i, 600, store)) continue;
        EXPECT_FALSE(verify_inclusion(leaf_hash(std::to_string(i)), i, 600, p, root))
            << tile_path(t) << " leaf " << i;
        caught = true;
      }
      EXPECT_TRUE(caught) << tile_path(t) << " byte " << byte;
    }
  }
  // A tile of the wrong length is refused outright.
  class ShortTiles final : public TileReader {
   public:
    std::vector<std::string> read_tiles(std::span<const Tile> tiles) const override {
      return std::vector<std::string>(tiles.size(), std::string(31, 'x'));
    }
  } short_tiles;
  EXPECT_EQ(error_code([&] { tree_hash(600, TileHashReader(600, short_tiles)); }), "tlog_bad_tile");
}

TEST(TlogTiles, EntryBundlesRoundTripAndMatchLevelZeroTiles) {
  std::vector<std::string> entries = {"", "a", std::string(300, 'b'),
                                      std::string(kMaxEntrySize, 'c')};
  const std::string bundle = encode_entry_bundle(entries);
  EXPECT_EQ(bundle.substr(0, 5), std::string("\0\0\0\x01"
                                             "a",
                                             5));
  EXPECT_EQ(bundle.size(), 4 * 2 + 1 + 300 + kMaxEntrySize);
  EXPECT_EQ(decode_entry_bundle(bundle), entries);

  MemoryHashStore store;
  for (const auto& e : entries) store.append(e);
  std::string level0;
  for (const auto& e : decode_entry_bundle(bundle)) level0 += hash_bytes(leaf_hash(e));
  EXPECT_EQ(level0, read_tile_data({0, 0, 4}, store));

  EXPECT_EQ(error_code([] {
              encode_entry_bundle(std::vector<std::string>{std::string(kMaxEntrySize + 1, 'x')});
            }),
            "tlog_entry_too_large");
  for (const std::string& bad : {std::string("\0", 1),
                                 std::string("\0\x02"
                                             "a",
                                             3),
                                 std::string("\x01", 1)})
    EXPECT_EQ(error_code([&] { decode_entry_bundle(bad); }), "tlog_malformed_bundle");
  EXPECT_EQ(error_code([] { decode_entry_bundle(std::string(2 * 257, '\0')); }),
            "tlog_malformed_bundle");
  EXPECT_EQ(decode_entry_bundle(std::string(2 * 256, '\0')).size(), 256u);
}

}  // namespace
}  // namespace ql::tlog
