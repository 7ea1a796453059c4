// The stored publication log's batch append (disclosure::append_entries), on whichever backend
// QL_TEST_BACKEND names: batches of any size give exactly the tree, stored hashes and signed
// checkpoints that an independent in-memory tree gives, read only the right edge of the stored
// tree, and are all-or-nothing with the caller's transaction.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "disclosure/publication_log.hpp"
#include "disclosure/tlog_hash.hpp"
#include "disclosure/tlog_note.hpp"
#include "disclosure/tlog_tree.hpp"
#include "store/database.hpp"
#include "store/migration.hpp"
#include "test_db.hpp"

namespace ql::test {
namespace {

class PublicationLog : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = make_test_database();
    c_ = db_->connect();
    store::migrate(*c_);
    c_->query("INSERT INTO region (code, name, level, path, created_at, updated_at) "
              "VALUES ('t', 't', 'street', '/t/', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
    c_->query("INSERT INTO disclosure (id, region_code, category, stage, title, body, status, created_at, updated_at) "
              "VALUES (7, 't', 'affairs', 'after', 't', 'b', 'published', '2026-01-01T00:00:00Z', "
              "'2026-01-01T00:00:00Z')");
  }

  std::string entry(std::uint64_t n) { return "{\"n\":" + std::to_string(n) + ",\"pad\":\"" + std::string(n % 50, 'x') + "\"}"; }

  // Appends `count` new entries as one batch in one transaction, and to the reference tree.
  std::uint64_t append_batch(std::size_t count) {
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < count; ++i) texts.push_back(entry(mem_.size() + i));
    std::vector<disclosure::LogEntry> batch;
    for (const auto& t : texts) batch.push_back({"publish", 7, t});
    store::Transaction tx(*c_);
    const auto first = disclosure::append_entries(*c_, log_, batch);
    tx.commit();
    for (const auto& t : texts) mem_.append(t);
    return first;
  }

  // The latest checkpoint, opened with the log's key.
  tlog::Checkpoint latest() {
    return tlog::open_checkpoint(disclosure::latest_checkpoint(*c_, log_),
                                 tlog::Verifier::from_vkey(log_.signer.vkey()), log_.origin);
  }

  // Every stored hash equals the reference tree's, and there are exactly as many.
  void expect_same_stored_hashes() {
    const auto rows = c_->query("SELECT idx, hash FROM tlog_hash ORDER BY idx");
    ASSERT_EQ(rows.size(), tlog::stored_hash_count(mem_.size()));
    for (const auto& r : rows) {
      const tlog::NodeId node[] = {tlog::split_stored_hash_index(static_cast<std::uint64_t>(r.get<std::int64_t>(0)))};
      ASSERT_EQ(r.get<std::string>(1), tlog::hash_base64(mem_.read_hashes(node).front())) << r.get<std::int64_t>(0);
    }
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<store::Connection> c_;
  disclosure::LogIdentity log_{"test.example/log", tlog::Signer::generate("test.example/log")};
  tlog::MemoryHashStore mem_;
};

TEST_F(PublicationLog, BatchesOfAnySizeBuildTheSameTreeAsOneByOne) {
  std::uint64_t expected_first = 0;
  // Sizes that cross many subtree boundaries, including an empty batch.
  for (std::size_t count : {1u, 2u, 5u, 0u, 1u, 16u, 33u, 1u, 64u, 7u}) {
    const auto checkpoints_before = c_->scalar("SELECT COUNT(*) FROM tlog_checkpoint").value_or("");
    EXPECT_EQ(append_batch(count), expected_first);
    expected_first += count;
    EXPECT_EQ(disclosure::log_size(*c_), expected_first);
    if (count == 0) {
      EXPECT_EQ(c_->scalar("SELECT COUNT(*) FROM tlog_checkpoint").value_or(""), checkpoints_before);  // nothing signed
      continue;
    }
    // One signed checkpoint per batch, for the new size and the reference root.
    EXPECT_EQ(std::stoll(c_->scalar("SELECT COUNT(*) FROM tlog_checkpoint").value_or("")),
              std::stoll(checkpoints_before) + 1);
    const auto cp = latest();
    EXPECT_EQ(cp.size, mem_.size());
    EXPECT_EQ(cp.root, mem_.root());
    EXPECT_EQ(cp.root, tlog::tree_hash(cp.size, disclosure::DbHashReader(*c_)));
  }
  expect_same_stored_hashes();
  // The entries are stored in order, byte for byte, with their kind and disclosure.
  for (std::uint64_t i = 0; i < mem_.size(); ++i) EXPECT_EQ(disclosure::entry_at(*c_, i).value_or("<none>"), entry(i));
  EXPECT_EQ(c_->scalar("SELECT COUNT(*) FROM tlog_entry WHERE kind = 'publish' AND disclosure_id = 7").value_or(""),
            std::to_string(mem_.size()));
  // append_entry is the batch of one and continues the same tree.
  store::Transaction tx(*c_);
  EXPECT_EQ(disclosure::append_entry(*c_, log_, "withdraw", 7, entry(mem_.size())), mem_.size());
  tx.commit();
  mem_.append(entry(mem_.size()));
  EXPECT_EQ(latest().root, mem_.root());
  expect_same_stored_hashes();
  const auto proof = disclosure::inclusion_proof(*c_, 3, mem_.size());
  EXPECT_TRUE(tlog::verify_inclusion(tlog::leaf_hash(entry(3)), 3, mem_.size(), proof, mem_.root()));
}

// A batch reads only the right edge of the stored tree (one hash per set bit of the size):
// with every other stored hash deleted, it still appends and signs the right root.
TEST_F(PublicationLog, BatchReadsOnlyTheRightEdge) {
  append_batch(1000);
  const std::uint64_t n = mem_.size();
  std::vector<std::int64_t> keep;
  for (unsigned level = 0; level < 64; ++level)
    if ((n >> level) & 1) keep.push_back(static_cast<std::int64_t>(tlog::stored_hash_index({level, (n >> level) - 1})));
  ASSERT_EQ(keep.size(), 6u);  // 1000 = 0b1111101000
  std::string in;
  store::Params params;
  for (auto k : keep) {
    params.emplace_back(k);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  c_->query("DELETE FROM tlog_hash WHERE idx NOT IN (" + in + ")", params);
  ASSERT_EQ(c_->scalar("SELECT COUNT(*) FROM tlog_hash").value_or(""), "6");

  append_batch(300);
  const auto cp = latest();
  EXPECT_EQ(cp.size, 1300u);
  EXPECT_EQ(cp.root, mem_.root());
  append_batch(1);  // and again from the new right edge
  EXPECT_EQ(latest().root, mem_.root());
}

TEST_F(PublicationLog, FailedBatchLeavesNothing) {
  append_batch(3);
  const std::string good = entry(3);
  const std::vector<disclosure::LogEntry> batch{{"publish", 7, good}, {"not-a-kind", 7, good}};
  {
    store::Transaction tx(*c_);
    EXPECT_THROW(disclosure::append_entries(*c_, log_, batch), Error);
  }  // rolled back
  EXPECT_EQ(disclosure::log_size(*c_), 3u);
  EXPECT_EQ(c_->scalar("SELECT COUNT(*) FROM tlog_hash").value_or(""), std::to_string(tlog::stored_hash_count(3)));
  EXPECT_EQ(latest().size, 3u);
  EXPECT_EQ(append_batch(2), 3u);
  EXPECT_EQ(latest().root, mem_.root());
}

}  // namespace
}  // namespace ql::test
