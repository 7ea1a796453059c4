#include "disclosure/log_verify.hpp"

#include <map>

#include "disclosure/attachment.hpp"
#include "disclosure/publication.hpp"
#include "disclosure/publication_log.hpp"
#include "disclosure/tlog_tree.hpp"

namespace ql::disclosure {
namespace {

struct Mismatch {
  std::string what;
};

[[noreturn]] void fail(std::string what) { throw Mismatch{std::move(what)}; }

struct LogState {
  std::map<std::int64_t, std::vector<std::pair<std::uint64_t, std::string>>> by_disclosure;  // kinds
};

}  // namespace

VerifyReport verify_log(store::Connection& c, const tlog::Verifier& key) {
  VerifyReport report;
  try {
    tlog::MemoryHashStore tree;
    LogState state;
    // 1. Entries, in order, against the rows they describe.
    for (const auto& r : c.query("SELECT idx, kind, disclosure_id, entry FROM tlog_entry ORDER BY idx")) {
      const auto idx = static_cast<std::uint64_t>(r.get<std::int64_t>(0));
      const auto kind = r.get<std::string>(1);
      const auto id = r.get<std::int64_t>(2);
      const auto entry = r.get<std::string>(3);
      if (idx != tree.size()) fail("entry " + std::to_string(tree.size()) + " is missing");
      std::string rebuilt;
      try {
        rebuilt = canonical_json(publication_entry(c, id, kind));
      } catch (const std::exception&) {
        fail("entry " + std::to_string(idx) + ": disclosure " + std::to_string(id) + " no longer exists");
      }
      if (rebuilt != entry)
        fail("entry " + std::to_string(idx) + " (" + kind + ") does not match disclosure " + std::to_string(id) +
             " as stored now");
      tree.append(entry);
      state.by_disclosure[id].emplace_back(idx, kind);
      ++report.entries;
    }
    // 2. Stored hashes.
    const auto stored = c.query("SELECT idx, hash FROM tlog_hash ORDER BY idx");
    if (stored.size() != tlog::stored_hash_count(tree.size()))
      fail("the log stores " + std::to_string(stored.size()) + " hashes; " +
           std::to_string(tlog::stored_hash_count(tree.size())) + " expected");
    for (const auto& r : stored) {
      const auto node = tlog::split_stored_hash_index(static_cast<std::uint64_t>(r.get<std::int64_t>(0)));
      const tlog::NodeId nodes[] = {node};
      if (tlog::hash_base64(tree.read_hashes(nodes).front()) != r.get<std::string>(1))
        fail("stored hash " + std::to_string(r.get<std::int64_t>(0)) + " differs from the recomputed tree");
    }
    // 3. Checkpoints: signed by our key, roots as recomputed, each consistent with the last.
    std::optional<tlog::Checkpoint> previous;
    for (const auto& r : c.query("SELECT size, root, note FROM tlog_checkpoint ORDER BY size")) {
      const auto size = static_cast<std::uint64_t>(r.get<std::int64_t>(0));
      tlog::Checkpoint cp;
      try {
        cp = tlog::open_checkpoint(r.get<std::string>(2), key, key.name());
      } catch (const std::exception& e) {
        fail("checkpoint of size " + std::to_string(size) + " does not verify: " + e.what());
      }
      if (cp.size != size || tlog::hash_base64(cp.root) != r.get<std::string>(1))
        fail("checkpoint of size " + std::to_string(size) + " disagrees with its row");
      if (size > tree.size())
        fail("checkpoint of size " + std::to_string(size) + " is beyond the " + std::to_string(tree.size()) +
             " entries");
      if (cp.root != tlog::tree_hash(size, tree))
        fail("checkpoint of size " + std::to_string(size) + " does not match the recomputed tree");
      if (previous && !tlog::verify_consistency(previous->size, size,
                                                tlog::consistency_proof(previous->size, size, tree),
                                                previous->root, cp.root))
        fail("checkpoint of size " + std::to_string(size) + " is not consistent with the one before");
      previous = cp;
      ++report.checkpoints;
    }
    // 4. Every disclosure's status is explained by the log.
    for (const auto& r : c.query("SELECT id, status, log_index, supersedes_id FROM disclosure ORDER BY id")) {
      const auto id = r.get<std::int64_t>(0);
      const auto status = r.get<std::string>(1);
      const auto log_index = r.opt<std::int64_t>(2);
      const auto& entries = state.by_disclosure[id];
      const auto named = "disclosure " + std::to_string(id);
      ++report.disclosures;
      if (status == "draft") {
        if (!entries.empty() || log_index) fail(named + " is a draft but was published in the log");
        continue;
      }
      if (entries.empty() || !log_index || static_cast<std::uint64_t>(*log_index) != entries.front().first)
        fail(named + " is " + status + " but its publication is not in the log");
      const bool withdrawn = entries.back().second == "withdraw";
      const bool superseded =
          c.scalar("SELECT COUNT(*) FROM disclosure WHERE supersedes_id = $1 AND log_index IS NOT NULL", {id}) != "0";
      const std::string expected = withdrawn ? "withdrawn" : superseded ? "superseded" : "published";
      if (status != expected) fail(named + " is " + status + " but the log says " + expected);
    }
    // 5. The files behind the hashes the entries carry: a blob replaced by hand shows here.
    if (auto m = first_blob_mismatch(c)) fail(*m);
  } catch (const Mismatch& m) {
    report.ok = false;
    report.first_mismatch = m.what;
  }
  return report;
}

}  // namespace ql::disclosure
