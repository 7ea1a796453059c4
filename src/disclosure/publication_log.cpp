#include "disclosure/publication_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
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
  return static_cast<std::uint64_t>(std::stoll(c.scalar("SELECT COUNT(*) FROM tlog_entry").value_or("0")));
}

std::uint64_t append_entry(store::Connection& c, const LogIdentity& log, std::string_view kind,
                           std::int64_t disclosure_id, const std::string& entry) {
  store::lock_exclusively(c, kLogLock);
  const std::uint64_t index = log_size(c);
  DbHashReader reader(c);
  for (const auto& s : tlog::stored_hashes_for_append(index, tlog::leaf_hash(entry), reader))
    c.query("INSERT INTO tlog_hash (idx, hash) VALUES ($1, $2)",
            {static_cast<std::int64_t>(tlog::stored_hash_index(s.node)), tlog::hash_base64(s.hash)});
  const auto at = now_iso();
  c.query("INSERT INTO tlog_entry (idx, kind, disclosure_id, entry, created_at) VALUES ($1, $2, $3, $4, $5)",
          {static_cast<std::int64_t>(index), std::string(kind), disclosure_id, entry, at});
  const auto root = tlog::tree_hash(index + 1, reader);
  const auto note = tlog::sign_checkpoint({log.origin, index + 1, root, {}}, log.signer);
  c.query("INSERT INTO tlog_checkpoint (size, root, note, created_at) VALUES ($1, $2, $3, $4)",
          {static_cast<std::int64_t>(index + 1), tlog::hash_base64(root), note, at});
  return index;
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
