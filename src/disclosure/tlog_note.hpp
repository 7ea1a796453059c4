#pragma once
// Signed statements about the transparency log, in the C2SP formats that existing tools and
// witnesses understand:
//   - checkpoint (c2sp.org/tlog-checkpoint): "<origin>\n<size>\n<base64 root>\n" plus
//     optional extension lines — the log's state at one size;
//   - signed note (c2sp.org/signed-note): a text, a blank line, then lines
//     "— <key name> <base64(4-byte key id || signature)>";
//   - Ed25519 keys (signature type 0x01) as vkeys "<name>+<hex key id>+<base64(0x01 || key)>"
//     and, for storing the log's own key, Go's "PRIVATE+KEY+<name>+<hex id>+<base64(0x01 ||
//     seed)>" form;
//   - witness cosignatures (c2sp.org/tlog-cosignature, cosignature/v1, type 0x04): Ed25519
//     over "cosignature/v1\ntime <t>\n" + checkpoint, sent as 8-byte big-endian t || signature.
// Pure functions and small value classes: no storage, no clock (callers pass timestamps).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "disclosure/tlog_hash.hpp"

namespace ql::tlog {

// ---- checkpoints --------------------------------------------------------------------------

struct Checkpoint {
  std::string origin;                   // the log's identity, e.g. "example.gov.cn/village-log"
  std::uint64_t size = 0;               // number of entries
  Hash root{};                          // MTH of those entries (empty_root() for size 0)
  std::vector<std::string> extensions;  // opaque extra lines, each non-empty, no newline
  bool operator==(const Checkpoint&) const = default;
};

// The checkpoint as note text (each line ending in "\n"). Throws ql::Error bad_request
// (tlog_malformed_checkpoint) for an empty origin or a line that is empty, has a control
// character or is not UTF-8.
std::string format_checkpoint(const Checkpoint& cp);

// Strict inverse of format_checkpoint: rejects (tlog_malformed_checkpoint) missing final
// newline, fewer than three lines, an empty origin or extension line, a size with a sign,
// leading zero or more than 64 bits, a root that is not canonical base64 of 32 bytes, and
// control characters or invalid UTF-8 anywhere.
Checkpoint parse_checkpoint(std::string_view text);

// ---- keys ---------------------------------------------------------------------------------

// Signature types (signed-note's identifier byte) this library can sign and verify.
enum class KeyType : std::uint8_t {
  ed25519 = 0x01,         // plain Ed25519 over the note text: the log's own signature
  cosignature_v1 = 0x04,  // timestamped Ed25519 witness cosignature over a checkpoint
};

using PublicKey = std::array<std::uint8_t, 32>;  // Ed25519 public key (RFC 8032 encoding)
using Seed = std::array<std::uint8_t, 32>;       // Ed25519 private key seed

// Whether name may name a key: non-empty UTF-8 without Unicode white space or '+'.
bool is_valid_key_name(std::string_view name);

// The signed-note key id: the first 4 bytes, big-endian, of
// SHA-256(name || "\n" || type || public key).
std::uint32_t key_id(std::string_view name, KeyType type, const PublicKey& key);

// One signature line of a note. `signature` is the raw signature after the 4-byte key id
// (64 bytes for Ed25519; 8-byte timestamp + 64 bytes for a cosignature).
struct NoteSignature {
  std::string name;
  std::uint32_t key_id = 0;
  std::string signature;
  bool operator==(const NoteSignature&) const = default;
};

// A public key trusted to sign notes: the log's key, or a witness's cosigning key.
class Verifier {
 public:
  // Throws ql::Error bad_request (tlog_bad_key_name) if name is not a valid key name.
  Verifier(std::string name, KeyType type, const PublicKey& key);

  // Parses a vkey "<name>+<8 hex digits>+<base64(type || 32-byte key)>" of type 0x01 or 0x04.
  // Throws ql::Error bad_request (tlog_malformed_vkey) if it is malformed, of another type,
  // or if the key id does not match the name and key.
  static Verifier from_vkey(std::string_view vkey);

  const std::string& name() const noexcept { return name_; }
  KeyType type() const noexcept { return type_; }
  std::uint32_t key_id() const noexcept { return key_id_; }
  const PublicKey& public_key() const noexcept { return key_; }
  // The vkey string (lower-case hex key id); from_vkey(v.vkey()) equals v.
  std::string vkey() const;

  // Whether `signature` (the bytes after the key id) is this key's valid signature of the
  // note text. For cosignature_v1 the text must be a checkpoint and the timestamp at most
  // 2^63−1.
  bool verify(std::string_view text, std::string_view signature) const;

  bool operator==(const Verifier&) const = default;

 private:
  std::string name_;
  KeyType type_;
  PublicKey key_;
  std::uint32_t key_id_;
};

// A private key: the log's checkpoint-signing key, or a witness's cosigning key. Wipes its
// secret on destruction; keep the skey string as secret as the key.
class Signer {
 public:
  // Derives the key pair from a 32-byte seed (RFC 8032). Throws tlog_bad_key_name.
  Signer(std::string name, KeyType type, const Seed& seed);
  Signer(const Signer&) = default;
  Signer(Signer&&) = default;
  Signer& operator=(const Signer&) = default;
  Signer& operator=(Signer&&) = default;
  ~Signer();

  // A fresh key from libsodium's CSPRNG.
  static Signer generate(std::string name, KeyType type = KeyType::ed25519);

  // Parses "PRIVATE+KEY+<name>+<8 hex digits>+<base64(type || 32-byte seed)>" (the form Go's
  // note.GenerateKey writes). Throws ql::Error bad_request (tlog_malformed_skey) if it is
  // malformed, of another type, or the key id does not match the derived public key.
  static Signer from_skey(std::string_view skey);

  const std::string& name() const noexcept { return name_; }
  KeyType type() const noexcept { return type_; }
  std::uint32_t key_id() const noexcept { return key_id_; }
  Verifier verifier() const;
  std::string vkey() const { return verifier().vkey(); }
  // The secret key string for configuration files; from_skey(s.skey()) signs like s.
  std::string skey() const;

  // This key's signature line for note text `text` (which must end in "\n"). Only for
  // KeyType::ed25519 keys; throws ql::Error internal otherwise.
  NoteSignature sign(std::string_view text) const;

  // This witness's cosignature/v1 line for checkpoint note text `checkpoint_text` at
  // `timestamp` (Unix seconds, at most 2^63−1). Only for KeyType::cosignature_v1 keys (throws
  // ql::Error internal otherwise); throws tlog_malformed_checkpoint unless the text is a
  // checkpoint, since a cosignature vouches for a checkpoint.
  NoteSignature cosign(std::string_view checkpoint_text, std::uint64_t timestamp) const;

 private:
  std::string ed25519_sign(std::string_view message) const;

  std::string name_;
  KeyType type_;
  Seed seed_;
  std::array<std::uint8_t, 64> secret_;  // libsodium's seed || public key
  PublicKey public_;
  std::uint32_t key_id_;
};

// The message a cosignature/v1 signs: "cosignature/v1\ntime <timestamp>\n" + checkpoint text.
std::string cosignature_message(std::string_view checkpoint_text, std::uint64_t timestamp);

// The timestamp inside a cosignature/v1 signature. Throws ql::Error bad_request
// (tlog_malformed_note) unless the signature is 72 bytes with a timestamp below 2^63.
std::uint64_t cosignature_timestamp(const NoteSignature& sig);

// ---- signed notes -------------------------------------------------------------------------

// Accepted signature lines per note (signed-note requires at least 16).
inline constexpr std::size_t kMaxNoteSignatures = 100;

struct Note {
  std::string text;  // ends in "\n"; may contain empty lines
  std::vector<NoteSignature> signatures;
  bool operator==(const Note&) const = default;
};

// The signed note: text, blank line, one signature line per signature. Throws ql::Error
// bad_request (tlog_malformed_note) unless the text ends in "\n" and is UTF-8 without
// control characters other than "\n", there are 1..kMaxNoteSignatures signatures, and each
// has a valid key name and a non-empty signature.
std::string format_note(const Note& note);

// Syntax only, verifying nothing: strict inverse of format_note (tlog_malformed_note). The
// signatures are separated from the text at the last blank line.
Note parse_note(std::string_view msg);

// A note whose signatures were checked against known keys.
struct OpenedNote {
  std::string text;
  std::vector<NoteSignature> verified;    // by known keys, note order, one per key
  std::vector<NoteSignature> unverified;  // by unknown keys (ignored), repeats dropped
};

// Parses msg and verifies every signature whose (name, key id) is a known key, ignoring the
// others as signed-note requires. Throws ql::Error bad_request: tlog_malformed_note,
// tlog_note_bad_signature (a known key's signature fails: the note is rejected outright),
// tlog_note_unverified (no known key signed it). Throws ql::Error internal if two known keys
// share name and key id.
OpenedNote open_note(std::string_view msg, std::span<const Verifier> known);

// The log's signed checkpoint: format_checkpoint(cp) signed by `log_key` (an ed25519 key).
std::string sign_checkpoint(const Checkpoint& cp, const Signer& log_key);

// Opens a signed checkpoint as a client does: the note must carry a valid signature by
// `log_key`, its text must be a checkpoint and its origin must be `origin` (so that one log's
// checkpoint is never taken for another's). Other signatures are ignored. Throws what
// open_note and parse_checkpoint throw, and tlog_wrong_origin.
Checkpoint open_checkpoint(std::string_view msg, const Verifier& log_key, std::string_view origin);

// Adds (or replaces) the cosignature of `witness` at `timestamp` to a signed checkpoint
// note, after checking nothing but its syntax: a witness must first verify the log's
// signature and consistency with what it saw before (tlog-witness). Returns the new note.
std::string add_cosignature(std::string_view signed_checkpoint, const Signer& witness,
                            std::uint64_t timestamp);

}  // namespace ql::tlog
