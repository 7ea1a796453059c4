#include "disclosure/tlog_note.hpp"

#include <sodium.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>

#include "core/error.hpp"

namespace ql::tlog {
namespace {

constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";  // em dash U+2014, space
constexpr std::string_view kSkeyPrefix = "PRIVATE+KEY+";
constexpr std::uint64_t kMaxTimestamp = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kEd25519SignatureSize = crypto_sign_BYTES;
constexpr std::size_t kTimestampSize = 8;

// libsodium must be initialised before its signing functions are used; core/crypto keeps
// its own initialisation private, and sodium_init() is idempotent and thread-safe.
void ensure_sodium() {
  static const int rc = sodium_init();
  if (rc < 0) throw std::runtime_error("libsodium initialisation failed");
}

Error malformed(const std::string& code, const std::string& what_zh, const std::string& what_en,
                const std::string& why_zh, const std::string& why_en) {
  return bad_request(code, what_zh + "格式错误：" + why_zh, "Malformed " + what_en + ": " + why_en);
}

Error malformed_note(const std::string& why_zh, const std::string& why_en) {
  return malformed("tlog_malformed_note", "签名文本", "signed note", why_zh, why_en);
}

// Decodes the UTF-8 sequence at s[i] into cp and returns its length, or 0 if it is not the
// shortest encoding of a Unicode scalar value.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len;
  char32_t min;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2, min = 0x80, cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, min = 0x800, cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (s.size() - i < len) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Calls f(code point) for each character; false if s is not valid UTF-8 or f returns false.
template <typename F>
bool each_code_point(std::string_view s, F f) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    const std::size_t len = decode_utf8(s, i, cp);
    if (len == 0 || !f(cp)) return false;
    i += len;
  }
  return true;
}

// signed-note: valid UTF-8 with no ASCII control character other than newline.
bool is_note_text(std::string_view s) {
  return each_code_point(s, [](char32_t cp) { return cp >= 0x20 || cp == '\n'; });
}

// What can be signed: note text ending in a newline (the blank line that follows then
// separates it from the signatures).
void require_note_text(std::string_view text) {
  if (text.empty() || text.back() != '\n' || !is_note_text(text))
    throw malformed_note("正文须以换行结尾且不含控制字符",
                         "text must end in a newline and have no control characters");
}

// Unicode White_Space, the set Go's unicode.IsSpace (and so the reference note
// implementation) uses.
bool is_unicode_space(char32_t cp) {
  static constexpr char32_t kSpaces[] = {'\t', '\n',   '\v',   '\f',   '\r',   ' ',    0x85,
                                         0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
  return (cp >= 0x2000 && cp <= 0x200A) ||
         std::find(std::begin(kSpaces), std::end(kSpaces), cp) != std::end(kSpaces);
}

// The problem with a checkpoint text, if any (zh, en); fills *out when there is none.
struct Problem {
  std::string zh, en;
};

std::optional<Problem> check_checkpoint(std::string_view text, Checkpoint* out) {
  if (!is_note_text(text))
    return Problem{"含有控制字符或无效 UTF-8", "control character or invalid UTF-8"};
  if (text.empty() || text.back() != '\n')
    return Problem{"没有以换行结尾", "does not end in a newline"};
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (lines.size() < 3) return Problem{"少于三行", "fewer than three lines"};
  Checkpoint cp;
  if (lines[0].empty()) return Problem{"来源（第 1 行）为空", "empty origin (line 1)"};
  cp.origin = lines[0];

  const auto size = parse_decimal(lines[1]);
  if (!size)
    return Problem{"树大小（第 2 行）不是无前导零、不超过 64 位的十进制数",
                   "tree size (line 2) is not a 64-bit decimal without leading zeros"};
  cp.size = *size;

  const auto root = parse_hash_base64(lines[2]);
  if (!root)
    return Problem{"根哈希（第 3 行）不是 32 字节的 base64",
                   "root hash (line 3) is not base64 of 32 bytes"};
  cp.root = *root;

  for (std::size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty())
      return Problem{"扩展行（第 " + std::to_string(i + 1) + " 行）为空",
                     "empty extension line (line " + std::to_string(i + 1) + ")"};
    cp.extensions.emplace_back(lines[i]);
  }
  if (out) *out = std::move(cp);
  return std::nullopt;
}

Error malformed_checkpoint(const Problem& p) {
  return malformed("tlog_malformed_checkpoint", "检查点", "checkpoint", p.zh, p.en);
}

void require_key(std::string_view name, KeyType type) {
  if (!is_valid_key_name(name))
    throw bad_request("tlog_bad_key_name", "密钥名称无效（不能为空，不能含空白或“+”）",
                      "Invalid key name (must be non-empty, without white space or '+')", "name");
  if (type != KeyType::ed25519 && type != KeyType::cosignature_v1)
    throw Error(ErrorKind::internal, "tlog_wrong_key_type", "不支持的密钥类型",
                "tlog: unsupported key type");
}

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

std::uint32_t read_be32(std::string_view b) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b[i]);
  return v;
}

std::string be64(std::uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) out[i] = static_cast<char>(v & 0xFF);
  return out;
}

std::uint64_t read_be64(std::string_view b) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(b[i]);
  return v;
}

std::string_view bytes_of(const std::array<std::uint8_t, 32>& a) {
  return {reinterpret_cast<const char*>(a.data()), a.size()};
}

std::string key_id_hex(std::uint32_t id) { return ql::crypto::to_hex(be32(id)); }

// The part shared by vkeys and skeys: "<name>+<8 hex digits>+<base64(type || 32 bytes)>".
struct KeyString {
  std::string name;
  std::uint32_t id = 0;
  KeyType type = KeyType::ed25519;
  std::array<std::uint8_t, 32> material{};
};

std::optional<KeyString> parse_key_string(std::string_view s) {
  const std::size_t p1 = s.find('+');
  if (p1 == std::string_view::npos) return std::nullopt;
  const std::size_t p2 = s.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return std::nullopt;
  KeyString k;
  k.name = s.substr(0, p1);
  const std::string_view hex = s.substr(p1 + 1, p2 - p1 - 1);
  if (!is_valid_key_name(k.name) || hex.size() != 8) return std::nullopt;
  for (char c : hex) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return std::nullopt;
    k.id = (k.id << 4) | static_cast<std::uint32_t>(d);
  }
  auto raw = base64_decode(s.substr(p2 + 1));
  if (!raw || raw->size() != 1 + k.material.size()) return std::nullopt;
  const auto type = static_cast<std::uint8_t>((*raw)[0]);
  if (type != static_cast<std::uint8_t>(KeyType::ed25519) &&
      type != static_cast<std::uint8_t>(KeyType::cosignature_v1))
    return std::nullopt;
  k.type = static_cast<KeyType>(type);
  std::copy(raw->begin() + 1, raw->end(), k.material.begin());
  sodium_memzero(raw->data(), raw->size());  // the material may be a secret seed
  return k;
}

std::string key_string(std::string_view name, std::uint32_t id, KeyType type,
                       const std::array<std::uint8_t, 32>& material) {
  std::string raw(1, static_cast<char>(type));
  raw.append(bytes_of(material));
  return std::string(name) + "+" + key_id_hex(id) + "+" + ql::crypto::base64(raw);
}

bool ed25519_verify(const PublicKey& key, std::string_view message, std::string_view sig) {
  ensure_sodium();
  return sig.size() == kEd25519SignatureSize &&
         crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

std::string signature_line(const NoteSignature& s) {
  return std::string(kSignaturePrefix) + s.name + " " +
         ql::crypto::base64(be32(s.key_id) + s.signature) + "\n";
}

}  // namespace

// ---- checkpoints --------------------------------------------------------------------------

std::string format_checkpoint(const Checkpoint& cp) {
  std::string text =
      cp.origin + "\n" + std::to_string(cp.size) + "\n" + hash_base64(cp.root) + "\n";
  for (const std::string& line : cp.extensions) text += line + "\n";
  // Checking the output catches every bad field at once (empty lines, embedded newlines
  // that would shift the lines, control characters) with the parser's exact rules.
  Checkpoint back;
  if (auto p = check_checkpoint(text, &back)) throw malformed_checkpoint(*p);
  if (back != cp) throw malformed_checkpoint({"字段含有换行", "a field contains a newline"});
  return text;
}

Checkpoint parse_checkpoint(std::string_view text) {
  Checkpoint cp;
  if (auto p = check_checkpoint(text, &cp)) throw malformed_checkpoint(*p);
  return cp;
}

// ---- keys ---------------------------------------------------------------------------------

bool is_valid_key_name(std::string_view name) {
  return !name.empty() &&
         each_code_point(name, [](char32_t cp) { return cp != '+' && !is_unicode_space(cp); });
}

std::uint32_t key_id(std::string_view name, KeyType type, const PublicKey& key) {
  std::string data(name);
  data.push_back('\n');
  data.push_back(static_cast<char>(type));
  data.append(bytes_of(key));
  const Hash h = ql::crypto::sha256(data);
  return read_be32(hash_bytes(h));
}

Verifier::Verifier(std::string name, KeyType type, const PublicKey& key)
    : name_(std::move(name)), type_(type), key_(key), key_id_(0) {
  require_key(name_, type_);
  key_id_ = tlog::key_id(name_, type_, key_);
}

Verifier Verifier::from_vkey(std::string_view vkey) {
  const auto k = parse_key_string(vkey);
  if (!k || k->id != tlog::key_id(k->name, k->type, k->material))
    throw malformed("tlog_malformed_vkey", "验证公钥", "verifier key",
                    "应为“名称+8位十六进制密钥ID+base64(类型||公钥)”且密钥ID与之相符",
                    "expected <name>+<8 hex digit key id>+<base64(type || key)> with a "
                    "matching key id");
  return Verifier(k->name, k->type, k->material);
}

std::string Verifier::vkey() const { return key_string(name_, key_id_, type_, key_); }

bool Verifier::verify(std::string_view text, std::string_view signature) const {
  if (type_ == KeyType::ed25519) return ed25519_verify(key_, text, signature);
  if (signature.size() != kTimestampSize + kEd25519SignatureSize) return false;
  const std::uint64_t timestamp = read_be64(signature);
  if (timestamp > kMaxTimestamp || check_checkpoint(text, nullptr)) return false;
  return ed25519_verify(key_, cosignature_message(text, timestamp),
                        signature.substr(kTimestampSize));
}

Signer::Signer(std::string name, KeyType type, const Seed& seed)
    : name_(std::move(name)), type_(type), seed_(seed), secret_{}, public_{}, key_id_(0) {
  require_key(name_, type_);
  ensure_sodium();
  crypto_sign_seed_keypair(public_.data(), secret_.data(), seed_.data());
  key_id_ = tlog::key_id(name_, type_, public_);
}

Signer::~Signer() {
  sodium_memzero(seed_.data(), seed_.size());
  sodium_memzero(secret_.data(), secret_.size());
}

Signer Signer::generate(std::string name, KeyType type) {
  ensure_sodium();
  Seed seed;
  randombytes_buf(seed.data(), seed.size());
  Signer s(std::move(name), type, seed);
  sodium_memzero(seed.data(), seed.size());
  return s;
}

Signer Signer::from_skey(std::string_view skey) {
  auto fail = [] {
    return malformed("tlog_malformed_skey", "签名私钥", "signer key",
                     "应为“PRIVATE+KEY+名称+8位十六进制密钥ID+base64(类型||种子)”且密钥ID与之相符",
                     "expected PRIVATE+KEY+<name>+<8 hex digit key id>+<base64(type || seed)> "
                     "with a matching key id");
  };
  if (!skey.starts_with(kSkeyPrefix)) throw fail();
  auto k = parse_key_string(skey.substr(kSkeyPrefix.size()));
  if (!k) throw fail();
  Signer s(k->name, k->type, k->material);
  sodium_memzero(k->material.data(), k->material.size());
  // The id names the public key, which only the derivation shows: a mismatch means a
  // corrupted or mislabelled key.
  if (s.key_id() != k->id) throw fail();
  return s;
}

Verifier Signer::verifier() const { return Verifier(name_, type_, public_); }

std::string Signer::skey() const {
  return std::string(kSkeyPrefix) + key_string(name_, key_id_, type_, seed_);
}

std::string Signer::ed25519_sign(std::string_view message) const {
  std::string sig(kEd25519SignatureSize, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  return sig;
}

NoteSignature Signer::sign(std::string_view text) const {
  if (type_ != KeyType::ed25519)
    throw Error(ErrorKind::internal, "tlog_wrong_key_type", "该密钥只能用于见证联署",
                "tlog: a cosignature key cannot sign notes");
  require_note_text(text);
  return {name_, key_id_, ed25519_sign(text)};
}

NoteSignature Signer::cosign(std::string_view checkpoint_text, std::uint64_t timestamp) const {
  if (type_ != KeyType::cosignature_v1)
    throw Error(ErrorKind::internal, "tlog_wrong_key_type", "该密钥不能用于见证联署",
                "tlog: only a cosignature/v1 key can cosign");
  if (timestamp > kMaxTimestamp)
    throw bad_request("tlog_bad_timestamp", "联署时间戳超出范围",
                      "Cosignature timestamp out of range");
  parse_checkpoint(checkpoint_text);
  return {name_, key_id_,
          be64(timestamp) + ed25519_sign(cosignature_message(checkpoint_text, timestamp))};
}

std::string cosignature_message(std::string_view checkpoint_text, std::uint64_t timestamp) {
  return "cosignature/v1\ntime " + std::to_string(timestamp) + "\n" + std::string(checkpoint_text);
}

std::uint64_t cosignature_timestamp(const NoteSignature& sig) {
  if (sig.signature.size() != kTimestampSize + kEd25519SignatureSize ||
      read_be64(sig.signature) > kMaxTimestamp)
    throw malformed_note("不是 cosignature/v1 联署", "not a cosignature/v1 signature");
  return read_be64(sig.signature);
}

// ---- signed notes -------------------------------------------------------------------------

std::string format_note(const Note& note) {
  require_note_text(note.text);
  if (note.signatures.empty() || note.signatures.size() > kMaxNoteSignatures)
    throw malformed_note("签名须有 1 至 " + std::to_string(kMaxNoteSignatures) + " 个",
                         "needs 1 to " + std::to_string(kMaxNoteSignatures) + " signatures");
  std::string out = note.text + "\n";
  for (const NoteSignature& s : note.signatures) {
    if (!is_valid_key_name(s.name) || s.signature.empty())
      throw malformed_note("签名的密钥名称无效或签名为空", "invalid key name or empty signature");
    out += signature_line(s);
  }
  return out;
}

Note parse_note(std::string_view msg) {
  if (!is_note_text(msg))
    throw malformed_note("含有控制字符或无效 UTF-8", "control character or invalid UTF-8");
  const std::size_t split = msg.rfind("\n\n");
  if (split == std::string_view::npos)
    throw malformed_note("缺少签名前的空行", "no blank line before the signatures");
  Note note;
  note.text = msg.substr(0, split + 1);
  std::string_view sigs = msg.substr(split + 2);
  if (sigs.empty() || sigs.back() != '\n')
    throw malformed_note("签名行须以换行结尾", "signature lines must end in a newline");
  while (!sigs.empty()) {
    const std::size_t nl = sigs.find('\n');
    std::string_view line = sigs.substr(0, nl);
    sigs.remove_prefix(nl + 1);
    if (note.signatures.size() == kMaxNoteSignatures)
      throw malformed_note("签名超过 " + std::to_string(kMaxNoteSignatures) + " 个",
                           "more than " + std::to_string(kMaxNoteSignatures) + " signatures");
    if (!line.starts_with(kSignaturePrefix))
      throw malformed_note("签名行须以“— ”开头",
                           "a signature line must start with an em dash and space");
    line.remove_prefix(kSignaturePrefix.size());
    const std::size_t space = line.find(' ');
    const std::string_view name = line.substr(0, space);
    const auto raw =
        space == std::string_view::npos ? std::nullopt : base64_decode(line.substr(space + 1));
    if (!is_valid_key_name(name) || !raw || raw->size() < 5)
      throw malformed_note("签名行应为“— 名称 base64(密钥ID||签名)”",
                           "a signature line must be '— <name> <base64(key id || signature)>'");
    note.signatures.push_back({std::string(name), read_be32(*raw), raw->substr(4)});
  }
  return note;
}

OpenedNote open_note(std::string_view msg, std::span<const Verifier> known) {
  Note note = parse_note(msg);
  OpenedNote out;
  out.text = std::move(note.text);
  for (NoteSignature& sig : note.signatures) {
    const Verifier* key = nullptr;
    for (const Verifier& v : known) {
      if (v.name() != sig.name || v.key_id() != sig.key_id) continue;
      if (key)
        throw Error(
            ErrorKind::internal, "tlog_ambiguous_key", "多个已知密钥名称和ID相同",
            "tlog: several known keys are named " + sig.name + "+" + key_id_hex(sig.key_id));
      key = &v;
    }
    if (!key) {
      // signed-note: signatures from unknown keys are ignored, not failed.
      if (std::find(out.unverified.begin(), out.unverified.end(), sig) == out.unverified.end())
        out.unverified.push_back(std::move(sig));
      continue;
    }
    // One signature per key counts; later ones by the same key are not even looked at.
    const bool seen = std::any_of(out.verified.begin(), out.verified.end(), [&](const auto& v) {
      return v.name == sig.name && v.key_id == sig.key_id;
    });
    if (seen) continue;
    if (!key->verify(out.text, sig.signature))
      throw bad_request("tlog_note_bad_signature", "密钥 " + sig.name + " 的签名验证失败",
                        "Signature by key " + sig.name + " does not verify");
    out.verified.push_back(std::move(sig));
  }
  if (out.verified.empty())
    throw bad_request("tlog_note_unverified", "没有受信任密钥的签名",
                      "The note is not signed by any trusted key");
  return out;
}

std::string sign_checkpoint(const Checkpoint& cp, const Signer& log_key) {
  const std::string text = format_checkpoint(cp);
  return format_note({text, {log_key.sign(text)}});
}

Checkpoint open_checkpoint(std::string_view msg, const Verifier& log_key, std::string_view origin) {
  const OpenedNote note = open_note(msg, std::span(&log_key, 1));
  Checkpoint cp = parse_checkpoint(note.text);
  if (cp.origin != origin)
    throw bad_request("tlog_wrong_origin", "检查点来源不是 " + std::string(origin),
                      "Checkpoint origin is not " + std::string(origin));
  return cp;
}

std::string add_cosignature(std::string_view signed_checkpoint, const Signer& witness,
                            std::uint64_t timestamp) {
  Note note = parse_note(signed_checkpoint);
  std::erase_if(note.signatures, [&](const NoteSignature& s) {
    return s.name == witness.name() && s.key_id == witness.key_id();
  });
  note.signatures.push_back(witness.cosign(note.text, timestamp));
  return format_note(note);
}

}  // namespace ql::tlog
