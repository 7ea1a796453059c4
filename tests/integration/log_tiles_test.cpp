// The publication log served as c2sp.org/tlog-tiles, on whichever backend QL_TEST_BACKEND
// names: a client that knows only the vkey and the tile formats rebuilds the signed root and
// proofs from tiles fetched over the API, and gets every entry from the bundles.
#include <gtest/gtest.h>

#include <functional>

#include "api_fixture.hpp"
#include "disclosure/publication_log.hpp"
#include "disclosure/tlog_hash.hpp"
#include "disclosure/tlog_note.hpp"
#include "disclosure/tlog_tiles.hpp"
#include "disclosure/tlog_tree.hpp"
#include "store/database.hpp"

namespace ql::test {
namespace {

using http::Method;

// A response header, or "" when absent.
std::string header(const ApiResult& r, const std::string& name) {
  const auto it = r.raw.headers.find(name);
  return it == r.raw.headers.end() ? "" : it->second;
}

constexpr const char* kHefeng = "339902001001";
constexpr std::uint64_t kSize = 300;  // one full level-0 tile (256) and a partial one of 44

class LogTiles : public ApiTest {
 protected:
  // kSize entries: one real publication through the API, then entries of varied length
  // (some over 255 bytes, so bundle lengths need both bytes) appended to the stored log the
  // way publishing does, in one transaction.
  void fill_log() {
    const auto clerk = login("hefeng.clerk");
    auto d = post("/api/v1/disclosures",
                  {{"region", kHefeng}, {"category", "finance"}, {"stage", "after"}, {"title", "瓦片测试"},
                   {"body", "正文"}},
                  clerk);
    ASSERT_EQ(d.status, 201) << d.raw.body;
    const auto id = d.json["id"].get<std::int64_t>();
    ASSERT_EQ(call(Method::POST, "/api/v1/disclosures/" + std::to_string(id) + "/publish", "", clerk).status, 200);
    auto c = connect();
    store::Transaction tx(*c);
    for (std::uint64_t i = 1; i < kSize; ++i) {
      const auto entry = disclosure::canonical_json(
          {{"kind", "publish"}, {"n", i}, {"pad", std::string((i * 37) % 400, 'x')}});
      EXPECT_EQ(disclosure::append_entry(*c, app_->log_identity(), "publish", id, entry), i);
    }
    tx.commit();
  }

  tlog::Checkpoint checkpoint() {
    auto vkey = call(Method::GET, "/log/key").raw.body;
    while (!vkey.empty() && vkey.back() == '\n') vkey.pop_back();
    const auto verifier = tlog::Verifier::from_vkey(vkey);
    return tlog::open_checkpoint(call(Method::GET, "/log/checkpoint").raw.body, verifier, verifier.name());
  }

  ApiResult fetch(const tlog::Tile& tile) { return call(Method::GET, "/log/" + tlog::tile_path(tile)); }
};

// Tiles fetched from the API, as a remote verifier would; every answer must be a 200 with the
// tlog-tiles headers.
class HttpTiles final : public tlog::TileReader {
 public:
  explicit HttpTiles(std::function<ApiResult(const tlog::Tile&)> get) : get_(std::move(get)) {}
  std::vector<std::string> read_tiles(std::span<const tlog::Tile> tiles) const override {
    std::vector<std::string> out;
    for (const auto& tile : tiles) {
      auto r = get_(tile);
      EXPECT_EQ(r.status, 200) << tlog::tile_path(tile) << ": " << r.raw.body;
      EXPECT_EQ(header(r, "Content-Type"), "application/octet-stream");
      ++fetched;
      out.push_back(r.raw.body);
    }
    return out;
  }
  mutable int fetched = 0;

 private:
  std::function<ApiResult(const tlog::Tile&)> get_;
};

TEST_F(LogTiles, RootAndProofsFromTilesMatchTheCheckpointAndTheProofApi) {
  fill_log();
  const auto cp = checkpoint();
  ASSERT_EQ(cp.size, kSize);
  EXPECT_EQ(header(call(Method::GET, "/log/checkpoint"), "Cache-Control"), "no-cache");

  HttpTiles tiles([this](const tlog::Tile& t) { return fetch(t); });
  const tlog::TileHashReader reader(cp.size, tiles);
  EXPECT_EQ(tlog::tree_hash(cp.size, reader), cp.root);
  EXPECT_GT(tiles.fetched, 0);

  // Proofs computed from tiles alone equal the log's and verify against the signed root.
  for (const std::uint64_t index : {0u, 255u, 256u, 299u}) {
    const auto proof = tlog::inclusion_proof(index, cp.size, reader);
    nlohmann::json expected = nlohmann::json::array();
    for (const auto& h : proof) expected.push_back(tlog::hash_base64(h));
    EXPECT_EQ(call(Method::GET, "/api/v1/log/proof/inclusion?index=" + std::to_string(index) + "&size=300").json,
              expected);
    const auto entry = call(Method::GET, "/log/entries/" + std::to_string(index)).raw.body;
    EXPECT_TRUE(tlog::verify_inclusion(tlog::leaf_hash(entry), index, cp.size, proof, cp.root)) << index;
  }
  const auto cons = tlog::consistency_proof(100, cp.size, reader);
  nlohmann::json expected = nlohmann::json::array();
  for (const auto& h : cons) expected.push_back(tlog::hash_base64(h));
  EXPECT_EQ(call(Method::GET, "/api/v1/log/proof/consistency?from=100&to=300").json, expected);
  EXPECT_TRUE(tlog::verify_consistency(100, cp.size, cons, tlog::tree_hash(100, reader), cp.root));
}

TEST_F(LogTiles, TilesAndBundlesHaveTheSpecifiedShapeAndCaching) {
  fill_log();
  // What tlog-tiles says a tree of 300 has: level 0 full tile 0 and partial tile 1 (44),
  // level 1 partial tile 0 (1).
  ASSERT_EQ(tlog::tiles_for_size(kSize),
            (std::vector<tlog::Tile>{{0, 0, 256}, {0, 1, 44}, {1, 0, 1}}));
  const auto full = call(Method::GET, "/log/tile/0/000");
  ASSERT_EQ(full.status, 200) << full.raw.body;
  EXPECT_EQ(full.raw.body.size(), 256u * 32);
  EXPECT_EQ(header(full, "Cache-Control"), "public, max-age=31536000, immutable");
  const auto partial = call(Method::GET, "/log/tile/0/001.p/44");
  ASSERT_EQ(partial.status, 200) << partial.raw.body;
  EXPECT_EQ(partial.raw.body.size(), 44u * 32);
  EXPECT_EQ(header(partial, "Cache-Control"), "public, max-age=60");
  // The level-1 hash is the root of the full level-0 tile.
  const auto top = call(Method::GET, "/log/tile/1/000.p/1");
  ASSERT_EQ(top.status, 200);
  tlog::MemoryHashStore first256;
  // A partial tile of an earlier size is the prefix of the later tile.
  const auto earlier = call(Method::GET, "/log/tile/0/000.p/10");
  ASSERT_EQ(earlier.status, 200);
  EXPECT_EQ(earlier.raw.body, full.raw.body.substr(0, 320));

  // Entry bundles hold exactly the bytes of /log/entries/{i}, which hash to the tile's leaves.
  std::vector<std::string> all;
  for (const auto* path : {"/log/tile/entries/000", "/log/tile/entries/001.p/44"}) {
    const auto r = call(Method::GET, path);
    ASSERT_EQ(r.status, 200) << path << ": " << r.raw.body;
    EXPECT_EQ(header(r, "Content-Type"), "application/octet-stream");
    EXPECT_EQ(header(r, "Cache-Control"), std::string(path).ends_with(".p/44")
                                                   ? "public, max-age=60"
                                                   : "public, max-age=31536000, immutable");
    for (auto& e : tlog::decode_entry_bundle(r.raw.body)) all.push_back(std::move(e));
  }
  ASSERT_EQ(all.size(), kSize);
  const auto leaves = full.raw.body + partial.raw.body;
  for (std::uint64_t i = 0; i < kSize; ++i) {
    EXPECT_EQ(all[i], call(Method::GET, "/log/entries/" + std::to_string(i)).raw.body) << i;
    const auto leaf = tlog::leaf_hash(all[i]);
    EXPECT_EQ(leaves.substr(i * 32, 32), tlog::hash_bytes(leaf)) << i;
    if (i < 256) first256.append(all[i]);
  }
  EXPECT_EQ(top.raw.body, tlog::hash_bytes(first256.root()));

  // Beyond the tree: 404, not cached.
  for (const auto* path : {"/log/tile/0/001", "/log/tile/0/001.p/45", "/log/tile/0/002.p/1", "/log/tile/1/000",
                           "/log/tile/2/000.p/1", "/log/tile/63/000.p/1", "/log/tile/entries/001",
                           "/log/tile/entries/002.p/1", "/log/tile/0/x999/x999/x999/x999/x999/999"}) {
    const auto r = call(Method::GET, path);
    EXPECT_EQ(r.status, 404) << path << ": " << r.raw.body;
    EXPECT_EQ(r.error_code(), "not_found") << path;
    EXPECT_EQ(header(r, "Cache-Control"), "no-store") << path;
  }
  // Malformed paths: 400, never a 500.
  for (const auto* path :
       {"/log/tile/0/01", "/log/tile/0/0000", "/log/tile/00/000", "/log/tile/64/000", "/log/tile/-1/000",
        "/log/tile/0/000.p/0", "/log/tile/0/000.p/256", "/log/tile/0/000.p/010", "/log/tile/0/000.p",
        "/log/tile/0/000.p/1/2", "/log/tile/0/x000/000", "/log/tile/0/x1/000", "/log/tile/0/abc",
        "/log/tile/x/000", "/log/tile/entries", "/log/tile/entries/abc", "/log/tile/entries/000.p/x",
        "/log/tile/entries/0/000", "/log/tile/0/x999/x999/x999/x999/x999/x999/x999/999"}) {
    const auto r = call(Method::GET, path);
    EXPECT_EQ(r.status, 400) << path << ": " << r.raw.body;
    EXPECT_EQ(r.error_code(), "tlog_malformed_tile_path") << path;
  }
}

TEST_F(LogTiles, AnEmptyLogHasNoTiles) {
  EXPECT_EQ(checkpoint().size, 0u);
  EXPECT_EQ(call(Method::GET, "/log/tile/0/000.p/1").status, 404);
  EXPECT_EQ(call(Method::GET, "/log/tile/entries/000.p/1").status, 404);
}

}  // namespace
}  // namespace ql::test
