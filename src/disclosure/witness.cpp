#include "disclosure/witness.hpp"

#include <optional>
#include <vector>

#include "audit/operation_log.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"

namespace ql::disclosure {
namespace {

// Far above any real note (a checkpoint and kMaxNoteSignatures lines).
constexpr std::size_t kMaxNoteBytes = 64 * 1024;

// The signature line "— <name> <base64(key id || signature)>" (without the newline).
std::string signature_line(const tlog::NoteSignature& sig) {
  std::string raw;
  for (int shift = 24; shift >= 0; shift -= 8) raw.push_back(static_cast<char>((sig.key_id >> shift) & 0xff));
  raw += sig.signature;
  return "\xe2\x80\x94 " + sig.name + " " + crypto::base64(raw);
}

Error unknown_checkpoint() {
  return bad_request("tlog_unknown_checkpoint", "该检查点不是本日志签发的检查点",
                     "The checkpoint is not one this log signed (origin, size and root must match)");
}

}  // namespace

nlohmann::json add_witness(store::Connection& c, const auth::Principal& actor, std::string_view vkey) {
  std::optional<tlog::Verifier> v;
  try {
    v = tlog::Verifier::from_vkey(vkey);
  } catch (const Error&) {
    throw invalid_field("vkey", "不是有效的见证公钥(<名称>+<密钥ID>+<base64>)",
                        "is not a valid witness vkey (<name>+<hex key id>+<base64(0x04 || key)>)");
  }
  if (v->type() != tlog::KeyType::cosignature_v1)
    throw invalid_field("vkey", "须为 cosignature/v1 见证公钥(类型 0x04)",
                        "must be a cosignature/v1 witness key (type 0x04)");
  return store::with_transaction(c, [&](store::Connection& tx) {
    if (tx.scalar("SELECT name FROM tlog_witness WHERE name = $1", {v->name()}))
      throw Error(ErrorKind::conflict, "witness_exists", "见证方 " + v->name() + " 已存在",
                  "Witness " + v->name() + " already exists");
    const auto at = now_iso();
    tx.query("INSERT INTO tlog_witness (name, vkey, created_at) VALUES ($1, $2, $3)", {v->name(), v->vkey(), at});
    nlohmann::json out = {{"name", v->name()}, {"vkey", v->vkey()}, {"created_at", at}};
    audit::record(tx, actor, "create", "tlog_witness", v->name(), std::nullopt, {{"after", out}});
    return out;
  });
}

nlohmann::json list_witnesses(store::Connection& c) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.query("SELECT name, vkey, created_at FROM tlog_witness ORDER BY name"))
    out.push_back({{"name", r.get<std::string>(0)}, {"vkey", r.get<std::string>(1)}, {"created_at", r.get<std::string>(2)}});
  return out;
}

nlohmann::json accept_cosignatures(store::Connection& c, const LogIdentity& log, std::string_view note,
                                   const std::string& ip) {
  if (note.size() > kMaxNoteBytes)
    throw bad_request("tlog_malformed_note", "签名文本过长", "The signed note is too long");
  const auto parsed = tlog::parse_note(note);
  const auto cp = tlog::parse_checkpoint(parsed.text);
  if (cp.origin != log.origin || !cp.extensions.empty()) throw unknown_checkpoint();
  std::vector<tlog::Verifier> witnesses;
  for (const auto& r : c.query("SELECT vkey FROM tlog_witness ORDER BY name"))
    witnesses.push_back(tlog::Verifier::from_vkey(r.get<std::string>(0)));
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto root = tx.scalar("SELECT root FROM tlog_checkpoint WHERE size = $1", {static_cast<std::int64_t>(cp.size)});
    if (!root || *root != tlog::hash_base64(cp.root)) throw unknown_checkpoint();
    tlog::OpenedNote opened;
    try {
      opened = tlog::open_note(note, witnesses);
    } catch (const Error& e) {
      if (e.code() != "tlog_note_unverified") throw;
      throw bad_request("cosignature_unverified", "没有任何签名行能用已登记的见证公钥验证",
                        "No signature line verifies with a registered witness key");
    }
    nlohmann::json names = nlohmann::json::array();
    const auto size = static_cast<std::int64_t>(cp.size);
    for (const auto& sig : opened.verified) {
      const auto line = signature_line(sig);
      const auto at = now_iso();
      const auto old = tx.scalar("SELECT signature_line FROM tlog_cosignature WHERE checkpoint_size = $1 AND witness = $2",
                                 {size, sig.name});
      names.push_back(sig.name);
      if (old && *old == line) continue;  // idempotent
      if (old) {
        // Keep the newest cosignature of a witness for a size.
        const auto old_note = tlog::parse_note(std::string(parsed.text) + "\n" + *old + "\n");
        if (tlog::cosignature_timestamp(old_note.signatures.at(0)) >= tlog::cosignature_timestamp(sig)) continue;
        tx.query("UPDATE tlog_cosignature SET signature_line = $1, created_at = $2 WHERE checkpoint_size = $3 AND witness = $4",
                 {line, at, size, sig.name});
      } else {
        tx.query("INSERT INTO tlog_cosignature (checkpoint_size, witness, signature_line, created_at) "
                 "VALUES ($1, $2, $3, $4)",
                 {size, sig.name, line, at});
      }
      auth::Principal actor;
      actor.username = "witness:" + sig.name;
      actor.ip = ip;
      audit::record(tx, actor, "cosign", "tlog_checkpoint", std::to_string(cp.size), std::nullopt,
                    {{"after", {{"witness", sig.name}, {"checkpoint_size", cp.size},
                                {"timestamp", tlog::cosignature_timestamp(sig)}}}});
    }
    return nlohmann::json{{"checkpoint_size", cp.size}, {"witnesses", names}};
  });
}

namespace {

struct Latest {
  std::string note;
  tlog::Checkpoint cp;
};

Latest latest(store::Connection& c, const LogIdentity& log) {
  Latest l;
  l.note = latest_checkpoint(c, log);
  l.cp = tlog::parse_checkpoint(tlog::parse_note(l.note).text);
  return l;
}

}  // namespace

std::string cosigned_checkpoint(store::Connection& c, const LogIdentity& log) {
  auto l = latest(c, log);
  if (l.cp.size == 0) return l.note;
  auto lines = c.query("SELECT signature_line FROM tlog_cosignature WHERE checkpoint_size = $1 ORDER BY witness",
                       {static_cast<std::int64_t>(l.cp.size)});
  std::size_t n = tlog::parse_note(l.note).signatures.size();
  for (const auto& r : lines) {
    if (++n > tlog::kMaxNoteSignatures) break;
    l.note += r.get<std::string>(0) + "\n";
  }
  return l.note;
}

nlohmann::json log_status(store::Connection& c, const LogIdentity& log) {
  const auto note = cosigned_checkpoint(c, log);
  const auto cp = tlog::parse_checkpoint(tlog::parse_note(note).text);
  nlohmann::json cosignatures = nlohmann::json::array();
  for (const auto& r : c.query("SELECT witness, created_at FROM tlog_cosignature WHERE checkpoint_size = $1 "
                               "ORDER BY witness",
                               {static_cast<std::int64_t>(cp.size)}))
    cosignatures.push_back({{"witness", r.get<std::string>(0)}, {"checkpoint_size", cp.size},
                            {"created_at", r.get<std::string>(1)}});
  return {{"size", cp.size},
          {"root", tlog::hash_base64(cp.root)},
          {"checkpoint", note},
          {"cosignatures", cosignatures}};
}

}  // namespace ql::disclosure
