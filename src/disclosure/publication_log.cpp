#include "disclosure/publication_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/exclusive_lock.hpp"

namespace ql::disclosure {
namespace {

constexpr std::string_view kLogLock = "disclosure.tlog";

std::uint64_t checked_u64(const store::Row& r, std::size_t i) {
  return static_cast<std::uint64_t>(r.get<std::int64_t>(i));
}

Error key_error(const std::string& path, const std::string& why) {
  return Error(ErrorKind::unavailable, "log_key_invalid", "公开日志签名密钥 " + path + " 无效: " + why,
               "Publication log key " + path + " is invalid: " + why);
}

}  // namespace

std::vector<tlog::Hash> DbHashReader::read_hashes(std::span<const tlog::NodeId> nodes) const {
  std::vector<tlog::Hash> out(nodes.size());
  if (nodes.empty()) return out;
  store::Params params;
  std::string in;
  for (const auto& n : nodes) {
    params.emplace_back(static_cast<std::int64_t>(tlog::stored_hash_index(n)));
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  auto rs = c_.query("SELECT idx, hash FROM tlog_hash WHERE idx IN (" + in + ")", params);
  std::unordered_map<std::uint64_t, tlog::Hash> found;
  for (const auto& r : rs) {
    auto h = tlog::parse_hash_base64(r.get<std::string>(1));
    if (!h) throw Error(ErrorKind::internal, "log_corrupt", "公开日志数据损坏", "tlog_hash holds a malformed hash");
    found.emplace(checked_u64(r, 0), *h);
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    auto it = found.find(tlog::stored_hash_index(nodes[i]));
    if (it == found.end())
      throw Error(ErrorKind::internal, "log_corrupt", "公开日志数据不完整", "a stored hash of the log is missing");
    out[i] = it->second;
  }
  return out;
}

LogIdentity load_log_key(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw Error(ErrorKind::unavailable, "log_key_missing",
                "找不到公开日志签名密钥 " + path + ",请先运行 qinglian init",
                "Publication log key " + path + " not found; run `qinglian init` first");
  std::stringstream buf;
  buf << in.rdbuf();
  std::string skey = buf.str();
  while (!skey.empty() && (skey.back() == '\n' || skey.back() == '\r')) skey.pop_back();
  try {
    auto signer = tlog::Signer::from_skey(skey);
    return LogIdentity{signer.name(), std::move(signer)};
  } catch (const std::exception& e) {
    throw key_error(path, e.what());
  }
}

LogIdentity load_or_create_log_key(const std::string& path, const std::string& origin) {
  if (std::filesystem::exists(path)) return load_log_key(path);
  if (auto parent = std::filesystem::path(path).parent_path(); !parent.empty())
    std::filesystem::create_directories(parent);
  auto signer = tlog::Signer::generate(origin);
  // Created 0600 and exclusively, so a concurrent init cannot interleave two keys.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return load_log_key(path);
  const std::string text = signer.skey() + "\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw key_error(path, "write failed");
  return LogIdentity{signer.name(), std::move(signer)};
}

std::string canonical_json(const nlohmann::json& entry) {
  // nlohmann's object is a std::map: keys come out sorted by their UTF-8 bytes, and dump()
  // without an indent writes no insignificant whitespace.
  return entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

std::uint64_t log_size(store::Connection& c) {
  // MAX over the primary key is an index lookup on both backends; COUNT(*) would scan all
  // entries, which at millions of entries dominated every append and every public page.
  return static_cast<std::uint64_t>(
      std::stoll(c.scalar("SELECT COALESCE(MAX(idx) + 1, 0) FROM tlog_entry").value_or("0")));
}

namespace {

// The hashes a batch append needs: the right edge of the tree of `size` leaves (the complete
// subtrees of its binary decomposition, one per set bit of size), read from the database in
// one query, plus every hash the batch computes. Every sibling that stored_hashes_for_append
// asks for and every node of the new root is one of these, so nothing else is ever read; a
// miss means the stored tree is inconsistent and is reported as corruption.
class RightEdgeReader final : public tlog::HashReader {
 public:
  RightEdgeReader(store::Connection& c, std::uint64_t size) {
    std::vector<tlog::NodeId> edge;
    for (unsigned level = 0; level < 64; ++level)
      if ((size >> level) & 1) edge.push_back({level, (size >> level) - 1});
    const auto hashes = DbHashReader(c).read_hashes(edge);
    for (std::size_t i = 0; i < edge.size(); ++i) known_.emplace(edge[i], hashes[i]);
  }
  void add(const tlog::StoredHash& s) { known_.insert_or_assign(s.node, s.hash); }
  std::vector<tlog::Hash> read_hashes(std::span<const tlog::NodeId> nodes) const override {
    std::vector<tlog::Hash> out;
    out.reserve(nodes.size());
    for (const auto& n : nodes) {
      auto it = known_.find(n);
      if (it == known_.end())
        throw Error(ErrorKind::internal, "log_corrupt", "公开日志数据不完整", "a stored hash of the log's right edge is missing");
      out.push_back(it->second);
    }
    return out;
  }

 private:
  std::map<tlog::NodeId, tlog::Hash> known_;
};

}  // namespace

std::uint64_t append_entries(store::Connection& c, const LogIdentity& log, std::span<const LogEntry> entries) {
  store::lock_exclusively(c, kLogLock);
  const std::uint64_t first = log_size(c);
  if (entries.empty()) return first;

  RightEdgeReader reader(c, first);
  std::vector<tlog::StoredHash> hashes;
  hashes.reserve(entries.size() * 2 + 64);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    for (auto& s : tlog::stored_hashes_for_append(first + i, tlog::leaf_hash(entries[i].entry), reader)) {
      reader.add(s);
      hashes.push_back(s);
    }
  }
  const std::uint64_t size = first + entries.size();
  const auto root = tlog::tree_hash(size, reader);
  const auto note = tlog::sign_checkpoint({log.origin, size, root, {}}, log.signer);
  const auto at = now_iso();

  if (entries.size() == 1) {
    // The publish path: plain cached INSERTs, one round trip each on PostgreSQL, where a COPY
    // would cost extra round trips for its start and end.
    for (const auto& s : hashes)
      c.query("INSERT INTO tlog_hash (idx, hash) VALUES ($1, $2)",
              {static_cast<std::int64_t>(tlog::stored_hash_index(s.node)), tlog::hash_base64(s.hash)});
    c.query("INSERT INTO tlog_entry (idx, kind, disclosure_id, entry, created_at) VALUES ($1, $2, $3, $4, $5)",
            {static_cast<std::int64_t>(first), std::string(entries[0].kind), entries[0].disclosure_id,
             std::string(entries[0].entry), at});
  } else {
    // Bulk: a cached prepared INSERT per row on SQLite, one COPY stream on PostgreSQL.
    store::Params row;
    {
      auto w = c.bulk_writer("tlog_hash", {"idx", "hash"});
      for (const auto& s : hashes) {
        row = {static_cast<std::int64_t>(tlog::stored_hash_index(s.node)), tlog::hash_base64(s.hash)};
        w->add_row(row);
      }
      w->finish();
    }
    auto w = c.bulk_writer("tlog_entry", {"idx", "kind", "disclosure_id", "entry", "created_at"});
    for (std::size_t i = 0; i < entries.size(); ++i) {
      row = {static_cast<std::int64_t>(first + i), std::string(entries[i].kind), entries[i].disclosure_id,
             std::string(entries[i].entry), at};
      w->add_row(row);
    }
    w->finish();
  }
  c.query("INSERT INTO tlog_checkpoint (size, root, note, created_at) VALUES ($1, $2, $3, $4)",
          {static_cast<std::int64_t>(size), tlog::hash_base64(root), note, at});
  return first;
}

std::uint64_t append_entry(store::Connection& c, const LogIdentity& log, std::string_view kind,
                           std::int64_t disclosure_id, const std::string& entry) {
  const LogEntry one{kind, disclosure_id, entry};
  return append_entries(c, log, std::span(&one, 1));
}

std::optional<std::string> entry_at(store::Connection& c, std::uint64_t index) {
  return c.scalar("SELECT entry FROM tlog_entry WHERE idx = $1", {static_cast<std::int64_t>(index)});
}

std::string latest_checkpoint(store::Connection& c, const LogIdentity& log) {
  if (auto note = c.scalar("SELECT note FROM tlog_checkpoint ORDER BY size DESC LIMIT 1")) return *note;
  return tlog::sign_checkpoint({log.origin, 0, tlog::empty_root(), {}}, log.signer);
}

tlog::Proof inclusion_proof(store::Connection& c, std::uint64_t index, std::uint64_t size) {
  const auto n = log_size(c);
  if (size == 0 || size > n)
    throw invalid_field("size", "须在 1 到 " + std::to_string(n) + " 之间",
                        "must be between 1 and " + std::to_string(n));
  if (index >= size)
    throw invalid_field("index", "须小于 size", "must be less than size");
  return tlog::inclusion_proof(index, size, DbHashReader(c));
}

tlog::Proof consistency_proof(store::Connection& c, std::uint64_t from, std::uint64_t to) {
  const auto n = log_size(c);
  if (to > n) throw invalid_field("to", "不能大于日志长度 " + std::to_string(n), "must not exceed the log size " + std::to_string(n));
  if (from > to) throw invalid_field("from", "不能大于 to", "must not exceed 'to'");
  return tlog::consistency_proof(from, to, DbHashReader(c));
}

}  // namespace ql::disclosure
