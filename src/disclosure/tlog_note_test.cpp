#include "disclosure/tlog_note.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include "disclosure/tlog_test_util.hpp"

namespace ql::tlog {
namespace {

using test::error_code;
using test::hash_from_b64;

// Known-answer vectors of Go's golang.org/x/mod/sumdb/note (the reference implementation of
// signed notes): a private key, its vkey, a text and the note that key makes of it
// (Ed25519 is deterministic), and a second key's signature of the same text.
constexpr std::string_view kPeterSkey =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr std::string_view kPeterVkey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr std::string_view kEnochVkey =
    "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
constexpr std::string_view kText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
const std::string kPeterSig =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const std::string kEnochSig =
    "\xE2\x80\x94 EnochRoot "
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/"
    "5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

// The example checkpoint and cosignature of c2sp.org/tlog-checkpoint and tlog-cosignature.
constexpr std::string_view kSpecCheckpoint =
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const std::string kSpecNote =
    std::string(kSpecCheckpoint) + "\n" +
    "\xE2\x80\x94 example.com/behind-the-sofa "
    "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
    "\xE2\x80\x94 witness.example.com/w1 "
    "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/"
    "zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";

Checkpoint sample_checkpoint() {
  return {"qinglian.example/disclosure", 1234, leaf_hash("root"), {}};
}

TEST(TlogNote, SignsExactlyLikeTheReferenceImplementation) {
  const Signer peter = Signer::from_skey(kPeterSkey);
  EXPECT_EQ(peter.name(), "PeterNeumann");
  EXPECT_EQ(peter.key_id(), 0xc74f20a3u);
  EXPECT_EQ(peter.vkey(), kPeterVkey);
  EXPECT_EQ(peter.skey(), kPeterSkey);
  EXPECT_EQ(format_note({std::string(kText), {peter.sign(kText)}}),
            std::string(kText) + "\n" + kPeterSig);
}

TEST(TlogNote, OpensReferenceNotes) {
  const Verifier peter = Verifier::from_vkey(kPeterVkey);
  const Verifier enoch = Verifier::from_vkey(kEnochVkey);
  const std::string msg = std::string(kText) + "\n" + kPeterSig + kEnochSig;

  const auto one = open_note(msg, std::vector{peter});
  EXPECT_EQ(one.text, kText);
  ASSERT_EQ(one.verified.size(), 1u);
  EXPECT_EQ(one.verified[0].name, "PeterNeumann");
  EXPECT_EQ(one.verified[0].key_id, 0xc74f20a3u);
  ASSERT_EQ(one.unverified.size(), 1u);
  EXPECT_EQ(one.unverified[0].name, "EnochRoot");
  EXPECT_EQ(one.unverified[0].key_id, 0xaf0cfe78u);

  const auto both = open_note(msg, std::vector{peter, enoch});
  EXPECT_EQ(both.verified.size(), 2u);
  EXPECT_TRUE(both.unverified.empty());

  EXPECT_EQ(error_code([&] { open_note(msg, std::vector<Verifier>{}); }), "tlog_note_unverified");
  // Two known keys with one name and id is a configuration error, but only if used.
  EXPECT_EQ(error_code([&] {
              open_note(std::string(kText) + "\n" + kEnochSig, std::vector{enoch, peter, enoch});
            }),
            "tlog_ambiguous_key");
  EXPECT_NO_THROW(
      open_note(std::string(kText) + "\n" + kPeterSig, std::vector{enoch, peter, enoch}));

  // A known key's bad signature rejects the note; an unknown key's is ignored.
  const std::string bad_peter = kPeterSig.substr(0, 60) + "ABCD" + kPeterSig.substr(60);
  const std::string bad_enoch = kEnochSig.substr(0, 60) + "ABCD" + kEnochSig.substr(60);
  EXPECT_EQ(
      error_code([&] { open_note(std::string(kText) + "\n" + bad_peter, std::vector{peter}); }),
      "tlog_note_bad_signature");
  const auto dup = open_note(
      std::string(kText) + "\n" + kPeterSig + kPeterSig + kEnochSig + kEnochSig + bad_enoch,
      std::vector{peter});
  EXPECT_EQ(dup.verified.size(), 1u);
  EXPECT_EQ(dup.unverified.size(), 2u);  // Enoch's, and the different (bad) one by the same key

  std::string many = std::string(kText) + "\n";
  for (std::size_t i = 0; i < kMaxNoteSignatures; ++i) many += kPeterSig;
  EXPECT_NO_THROW(open_note(many, std::vector{peter}));
  EXPECT_EQ(error_code([&] { open_note(many + kPeterSig, std::vector{peter}); }),
            "tlog_malformed_note");
}

TEST(TlogNote, RejectsMalformedNotes) {
  const Verifier peter = Verifier::from_vkey(kPeterVkey);
  const std::string text(kText);
  for (const std::string& msg : {
           text, text + "\n", text + "\n" + kPeterSig.substr(0, kPeterSig.size() - 1),
           "\x01" + text + "\n" + kPeterSig, "\xff" + text + "\n" + kPeterSig,
           text + "\r\n" + kPeterSig,
           text + "\n" +
               "\xE2\x80\x94 Bad Name "
               "x08go/ZJkuBS9UG/"
               "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
           text + "\n" + kPeterSig + "Unexpected line.\n",
           text + "\n" +
               "- PeterNeumann "
               "x08go/ZJkuBS9UG/"
               "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
           text + "\n" + "\xE2\x80\x94 PeterNeumann\n",
           text + "\n" + "\xE2\x80\x94 PeterNeumann AAAAAA==\n",  // key id without a signature
       }) {
    EXPECT_EQ(error_code([&] { open_note(msg, std::vector{peter}); }), "tlog_malformed_note")
        << msg;
  }
  EXPECT_EQ(error_code([&] {
              format_note({"no newline", {{"a", 1, "sig"}}});
            }),
            "tlog_malformed_note");
  EXPECT_EQ(error_code([&] { format_note({"text\n", {}}); }), "tlog_malformed_note");
  EXPECT_EQ(error_code([&] {
              format_note({"text\n", {{"a b", 1, "sig"}}});
            }),
            "tlog_malformed_note");
}

TEST(TlogNote, NoteFormatRoundTrips) {
  const Note note{"line one\n\nline three after an empty line\n",
                  {{"a.example/log", 0x01020304, std::string(64, 'x')}, {"村务公开", 7, "s"}}};
  const std::string msg = format_note(note);
  EXPECT_EQ(parse_note(msg), note);
  EXPECT_EQ(format_note(parse_note(kSpecNote)), kSpecNote);
}

TEST(TlogNote, ParsesAndFormatsCheckpointsStrictly) {
  const Checkpoint spec = parse_checkpoint(kSpecCheckpoint);
  EXPECT_EQ(spec.origin, "example.com/behind-the-sofa");
  EXPECT_EQ(spec.size, 20852163u);
  EXPECT_EQ(spec.root, hash_from_b64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
  EXPECT_TRUE(spec.extensions.empty());
  EXPECT_EQ(format_checkpoint(spec), kSpecCheckpoint);

  Checkpoint with_ext = sample_checkpoint();
  with_ext.extensions = {"Timestamp: 1700000000", "村务公开"};
  EXPECT_EQ(parse_checkpoint(format_checkpoint(with_ext)), with_ext);
  EXPECT_EQ(format_checkpoint({"o", 0, empty_root(), {}}),
            "o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");

  const std::string root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  for (const std::string& bad : {
           std::string("o\n5\n") + root,  // no final newline
           std::string("o\n5\n"),         // two lines
           "\n5\n" + root + "\n",         // empty origin
           "o\n05\n" + root + "\n",       // leading zero
           "o\n+5\n" + root + "\n",       // sign
           "o\n-5\n" + root + "\n", "o\n 5\n" + root + "\n",
           "o\n\n" + root + "\n",                                       // empty size
           "o\n18446744073709551616\n" + root + "\n",                   // 2^64
           "o\n5\n" + root.substr(0, 43) + "\n",                        // not base64
           "o\n5\n" + ql::crypto::base64(std::string(31, 'a')) + "\n",  // 31 bytes
           std::string(
               "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n"),  // non-canonical bits
           "o\n5\n" + root + "\n\n",                                     // empty extension line
           "o\n5\n" + root + "\next\n\n",
           "o\r\n5\n" + root + "\n",        // control character
           "o\xff\n5\n" + root + "\n",      // invalid UTF-8
           "o\xc0\xaf\n5\n" + root + "\n",  // overlong UTF-8
       }) {
    EXPECT_EQ(error_code([&] { parse_checkpoint(bad); }), "tlog_malformed_checkpoint") << bad;
  }
  EXPECT_EQ(parse_checkpoint("o\n18446744073709551615\n" + root + "\n").size, UINT64_MAX);

  for (const Checkpoint& bad :
       {Checkpoint{"", 1, {}, {}}, Checkpoint{"a\nb", 1, {}, {}}, Checkpoint{"o", 1, {}, {""}},
        Checkpoint{"o", 1, {}, {"x\ny"}}, Checkpoint{"o", 1, {}, {"tab\there"}}})
    EXPECT_EQ(error_code([&] { format_checkpoint(bad); }), "tlog_malformed_checkpoint");
}

TEST(TlogNote, KeyNamesAndIds) {
  EXPECT_TRUE(is_valid_key_name("example.com/log42"));
  EXPECT_TRUE(is_valid_key_name("村务公开/日志"));
  for (std::string_view bad : {"", "a b", "a+b", "a\tb", "a\nb",
                               "a\xC2\xA0"
                               "b",
                               "a\xE3\x80\x80"
                               "b",
                               "a\xE2\x80\x83"
                               "b",
                               "\xff"})
    EXPECT_FALSE(is_valid_key_name(bad)) << bad;
  EXPECT_EQ(error_code([] { Signer("a b", KeyType::ed25519, Seed{}); }), "tlog_bad_key_name");

  // Real-world vkeys of both types (from transparency-dev/formats' tests): the key id
  // computation must agree with theirs.
  for (std::string_view vkey :
       {"TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6",
        "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"}) {
    const Verifier v = Verifier::from_vkey(vkey);
    EXPECT_EQ(v.vkey(), vkey);
  }
  EXPECT_EQ(
      Verifier::from_vkey("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2")
          .type(),
      KeyType::cosignature_v1);
  EXPECT_EQ(
      Verifier::from_vkey("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
          .vkey(),
      kPeterVkey);
}

TEST(TlogNote, RejectsEveryManglingOfAKey) {
  // As Go's TestNewVerifier / TestNewSigner: every proper substring, and every single
  // character changed, must be refused.
  auto check = [](std::string_view good, auto parse, const char* code) {
    for (std::size_t i = 0; i <= good.size(); ++i)
      for (std::size_t j = i + 1; j <= good.size(); ++j)
        if (i != 0 || j != good.size()) {
          EXPECT_EQ(error_code([&] { parse(good.substr(i, j - i)); }), code)
              << good.substr(i, j - i);
        }
    std::string s(good);
    for (std::size_t i = 0; i < s.size(); ++i) {
      ++s[i];
      EXPECT_EQ(error_code([&] { parse(s); }), code) << s;
      --s[i];
    }
  };
  check(
      kPeterVkey, [](std::string_view s) { Verifier::from_vkey(s); }, "tlog_malformed_vkey");
  check(
      kPeterSkey, [](std::string_view s) { Signer::from_skey(s); }, "tlog_malformed_skey");
  // Wrong key length and unknown type, each with a key id that matches.
  EXPECT_EQ(error_code([] {
              Verifier::from_vkey(
                  "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==");
            }),
            "tlog_malformed_vkey");
  EXPECT_EQ(
      error_code([] {
        Verifier::from_vkey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
      }),
      "tlog_malformed_vkey");
}

TEST(TlogNote, GeneratedKeySignsCheckpointsThatAVkeyAloneVerifies) {
  const Signer log_key = Signer::generate("qinglian.example/disclosure");
  const std::string vkey = log_key.vkey();
  const Checkpoint cp = sample_checkpoint();
  const std::string note = sign_checkpoint(cp, log_key);
  EXPECT_TRUE(
      note.starts_with(format_checkpoint(cp) + "\n\xE2\x80\x94 qinglian.example/disclosure "));

  // The verifier side knows nothing but the vkey string and the origin.
  const Verifier trusted = Verifier::from_vkey(std::string(vkey));
  EXPECT_EQ(open_checkpoint(note, trusted, "qinglian.example/disclosure"), cp);
  EXPECT_EQ(error_code([&] { open_checkpoint(note, trusted, "other.example/log"); }),
            "tlog_wrong_origin");

  // The secret key string round-trips to the same signatures.
  const Signer again = Signer::from_skey(log_key.skey());
  EXPECT_EQ(sign_checkpoint(cp, again), note);

  // Any change to the signed text, or a signature by another key, fails.
  const Signer other = Signer::generate("qinglian.example/disclosure");
  EXPECT_EQ(error_code([&] { open_checkpoint(sign_checkpoint(cp, other), trusted, cp.origin); }),
            "tlog_note_unverified");
  const std::size_t digit = note.find("1234");
  for (const std::string& tampered : {
           note.substr(0, digit) + "1235" + note.substr(digit + 4),
           "x" + note,
           format_checkpoint(cp) + "extra line\n" + note.substr(format_checkpoint(cp).size()),
       }) {
    EXPECT_EQ(error_code([&] { open_checkpoint(tampered, trusted, cp.origin); }),
              "tlog_note_bad_signature")
        << tampered;
  }
  Note n = parse_note(note);
  n.signatures[0].signature[10] ^= 1;
  EXPECT_EQ(error_code([&] { open_checkpoint(format_note(n), trusted, cp.origin); }),
            "tlog_note_bad_signature");
  // Only the log's own kind of key signs checkpoints.
  EXPECT_EQ(error_code([&] { Signer::generate("w", KeyType::cosignature_v1).sign("x\n"); }),
            "tlog_wrong_key_type");
}

TEST(TlogNote, CosignatureV1MessageAndTimestampsMatchTheSpec) {
  EXPECT_EQ(cosignature_message(kSpecCheckpoint, 1679315147),
            "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
            "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
  const Note spec = parse_note(kSpecNote);
  ASSERT_EQ(spec.signatures.size(), 2u);
  EXPECT_EQ(spec.signatures[1].key_id, 0x8d66cf3fu);
  EXPECT_EQ(cosignature_timestamp(spec.signatures[1]), 1679315147u);
  EXPECT_EQ(error_code([&] { cosignature_timestamp(spec.signatures[0]); }), "tlog_malformed_note");
  // A timestamp vector of transparency-dev/formats.
  const auto raw = base64_decode(
      "ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/"
      "iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==");
  ASSERT_TRUE(raw);
  EXPECT_EQ(cosignature_timestamp({"w", 0, raw->substr(4)}), 1727964367u);
}

TEST(TlogNote, WitnessCosignaturesVerify) {
  const Signer log_key = Signer::generate("qinglian.example/disclosure");
  Seed seed;
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(i + 1);
  const Signer witness("witness.example/w1", KeyType::cosignature_v1, seed);
  const Checkpoint cp = sample_checkpoint();
  const std::string signed_cp = sign_checkpoint(cp, log_key);
  const std::string cosigned = add_cosignature(signed_cp, witness, 1700000000);

  const Verifier log_v = Verifier::from_vkey(log_key.vkey());
  const Verifier witness_v = Verifier::from_vkey(witness.vkey());
  const std::string vkey = witness.vkey();
  const auto key_bytes = base64_decode(vkey.substr(vkey.find('+', vkey.find('+') + 1) + 1));
  ASSERT_TRUE(key_bytes);
  EXPECT_EQ((*key_bytes)[0], '\x04');  // the cosignature/v1 type byte
  const auto opened = open_note(cosigned, std::vector{log_v, witness_v});
  ASSERT_EQ(opened.verified.size(), 2u);
  EXPECT_EQ(opened.verified[1].name, "witness.example/w1");
  EXPECT_EQ(cosignature_timestamp(opened.verified[1]), 1700000000u);

  // Independently of Verifier: the signature is plain Ed25519 over the cosignature/v1
  // message, after the 8-byte big-endian timestamp.
  const std::string& sig = opened.verified[1].signature;
  ASSERT_EQ(sig.size(), 72u);
  EXPECT_EQ(sig.substr(0, 8), std::string("\0\0\0\0\x65\x53\xf1\x00", 8));
  const std::string msg = cosignature_message(format_checkpoint(cp), 1700000000);
  EXPECT_EQ(crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data() + 8),
                                        reinterpret_cast<const unsigned char*>(msg.data()),
                                        msg.size(), witness_v.public_key().data()),
            0);

  // Re-cosigning replaces the witness's earlier line.
  const std::string recosigned = add_cosignature(cosigned, witness, 1700000100);
  EXPECT_EQ(parse_note(recosigned).signatures.size(), 2u);
  EXPECT_EQ(cosignature_timestamp(open_note(recosigned, std::vector{witness_v}).verified[0]),
            1700000100u);

  // A changed timestamp, or the same public key as a plain Ed25519 key, does not verify.
  Note n = parse_note(cosigned);
  n.signatures[1].signature[7] ^= 1;
  EXPECT_EQ(error_code([&] { open_note(format_note(n), std::vector{witness_v}); }),
            "tlog_note_bad_signature");
  const Verifier as_plain("witness.example/w1", KeyType::ed25519, witness_v.public_key());
  EXPECT_NE(as_plain.key_id(), witness_v.key_id());
  EXPECT_EQ(error_code([&] { open_note(cosigned, std::vector{as_plain}); }),
            "tlog_note_unverified");

  // Witnesses cosign checkpoints only, with timestamps below 2^63; logs do not cosign.
  EXPECT_EQ(error_code([&] { witness.cosign("not a checkpoint\n", 1); }),
            "tlog_malformed_checkpoint");
  EXPECT_EQ(error_code([&] { witness.cosign(format_checkpoint(cp), std::uint64_t{1} << 63); }),
            "tlog_bad_timestamp");
  EXPECT_EQ(error_code([&] { log_key.cosign(format_checkpoint(cp), 1); }), "tlog_wrong_key_type");
  EXPECT_FALSE(witness_v.verify("not a checkpoint\n", sig));
}

}  // namespace
}  // namespace ql::tlog
