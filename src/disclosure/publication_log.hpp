#pragma once
// The publication log stored in the database: entries, the stored hashes of the Merkle tree
// (tlog_tree.hpp), and every signed checkpoint. Appends happen inside the caller's
// transaction, together with the change they record, so the log and the records can never
// disagree about what was committed.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "disclosure/tlog_note.hpp"
#include "disclosure/tlog_tree.hpp"
#include "store/database.hpp"

namespace ql::disclosure {

// Reads stored hashes from tlog_hash.
class DbHashReader final : public tlog::HashReader {
 public:
  explicit DbHashReader(store::Connection& c) : c_(c) {}
  std::vector<tlog::Hash> read_hashes(std::span<const tlog::NodeId> nodes) const override;

 private:
  store::Connection& c_;
};

// The log's signing identity: the origin line of its checkpoints and the Ed25519 key.
struct LogIdentity {
  std::string origin;  // also the key name, e.g. "qinglian.example/qinglian-street/log"
  tlog::Signer signer;
};

// Loads the signing key from `path` (a C2SP signed-note private key, "PRIVATE+KEY+..."),
// creating it with a new Ed25519 key named `origin` when the file does not exist (0600,
// parent directories created). Throws Error naming the file when it is unreadable or invalid.
LogIdentity load_or_create_log_key(const std::string& path, const std::string& origin);
// Loads an existing key; throws Error(unavailable, "log_key_missing") if there is none.
LogIdentity load_log_key(const std::string& path);

// The canonical form of an entry: sorted keys, UTF-8, no insignificant whitespace.
std::string canonical_json(const nlohmann::json& entry);

// One entry to append: its kind ("publish", "correct", "withdraw"), the disclosure it
// records, and its canonical JSON (the exact bytes that are hashed).
struct LogEntry {
  std::string_view kind;
  std::int64_t disclosure_id = 0;
  std::string_view entry;
};

// Appends `entries` in order at the end of the log and signs ONE checkpoint for the new size:
// all leaves are hashed in memory, the new stored hashes are computed from the log's right
// edge (at most log2(n) hashes read from the database, in one query), and entries and hashes
// are written in bulk. Must run inside the caller's transaction (the log's lock is taken there,
// so the indexes are assigned contiguously). Returns the first entry's index; an empty span
// changes nothing and returns the current size.
std::uint64_t append_entries(store::Connection& c, const LogIdentity& log, std::span<const LogEntry> entries);

// Appends `entry` (canonical JSON) for disclosure_id, stores the new hashes and a freshly
// signed checkpoint of the new size: append_entries with a batch of one. Must run inside the
// caller's transaction. Returns the entry's index.
std::uint64_t append_entry(store::Connection& c, const LogIdentity& log, std::string_view kind,
                           std::int64_t disclosure_id, const std::string& entry);

// Number of entries (MAX(idx) + 1 over the primary key, so O(log n), not a table scan; the
// indexes are dense from 0 because appends hold the log's lock).
std::uint64_t log_size(store::Connection& c);
// The exact bytes of entry `index`, or nullopt.
std::optional<std::string> entry_at(store::Connection& c, std::uint64_t index);
// The latest signed checkpoint note (the signed empty tree when nothing was published yet).
std::string latest_checkpoint(store::Connection& c, const LogIdentity& log);

// RFC 9162 proofs against the stored tree; 400 naming the parameter when out of range.
tlog::Proof inclusion_proof(store::Connection& c, std::uint64_t index, std::uint64_t size);
tlog::Proof consistency_proof(store::Connection& c, std::uint64_t from, std::uint64_t to);

}  // namespace ql::disclosure
