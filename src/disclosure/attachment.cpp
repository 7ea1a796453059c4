#include "disclosure/attachment.hpp"

#include <algorithm>
#include <array>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "disclosure/publication.hpp"

namespace ql::disclosure {
namespace {

struct Kind {
  std::string_view type;
  std::array<std::string_view, 2> extensions;  // the first is appended when a name lacks one
};
constexpr std::array<Kind, 5> kKinds = {{{"application/pdf", {".pdf", ".pdf"}},
                                         {"image/png", {".png", ".png"}},
                                         {"image/jpeg", {".jpg", ".jpeg"}},
                                         {"image/gif", {".gif", ".gif"}},
                                         {"image/webp", {".webp", ".webp"}}}};

const Kind* kind_of(std::string_view type) {
  for (const auto& k : kKinds)
    if (k.type == type) return &k;
  return nullptr;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

// "image/PNG; charset=x" -> "image/png"; "image/jpg" (a common misspelling) -> "image/jpeg".
std::string media_type(std::string_view declared) {
  // Trimmed as a view: GCC 12 -O2 warns falsely (-Wrestrict) on erase at the front of a string.
  auto v = declared.substr(0, declared.find(';'));
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  auto t = lower_ascii(v);
  if (t == "image/jpg" || t == "image/pjpeg") return "image/jpeg";
  return t;
}

constexpr const char* kAttachmentColumns =
    "a.id, a.disclosure_id, a.filename, a.content_type, a.size, a.sha256, a.created_at";

nlohmann::json attachment_json(const store::Row& r) {
  return {{"id", r.get<std::int64_t>("id")},
          {"disclosure_id", r.get<std::int64_t>("disclosure_id")},
          {"filename", r.get<std::string>("filename")},
          {"content_type", r.get<std::string>("content_type")},
          {"size", r.get<std::int64_t>("size")},
          {"sha256", r.get<std::string>("sha256")},
          {"created_at", r.get<std::string>("created_at")}};
}

void require_draft(const nlohmann::json& d) {
  if (d["status"] != "draft")
    throw Error(ErrorKind::conflict, "disclosure_frozen", "已发布的公开事项不能增删附件,请使用更正",
                "Attachments of a published disclosure cannot change; publish a correction");
}

bool is_sha256_hex(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); });
}

}  // namespace

void store_blob(store::Connection& tx, const std::string& sha256, const std::string& content) {
  tx.query("INSERT INTO attachment_blob (sha256, size, content, created_at) VALUES ($1, $2, $3, $4) "
           "ON CONFLICT (sha256) DO NOTHING",
           {sha256, static_cast<std::int64_t>(content.size()), store::Blob{content}, now_iso()});
}

// Power case documents (schema 0016) share the blobs, so both tables are asked. The foreign
// keys make a race with a concurrent upload of the same content a constraint violation (409,
// retry), never a row pointing at nothing.
void drop_blob_if_unused(store::Connection& tx, const std::string& sha256) {
  tx.query("DELETE FROM attachment_blob WHERE sha256 = $1 AND NOT EXISTS "
           "(SELECT 1 FROM disclosure_attachment WHERE sha256 = $1) AND NOT EXISTS "
           "(SELECT 1 FROM power_case_document WHERE sha256 = $1)",
           {sha256});
}

std::optional<std::string> sniff_content_type(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  if (b.starts_with("\xff\xd8\xff")) return "image/jpeg";
  if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return "image/gif";
  if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  return std::nullopt;
}

std::string clean_filename(std::string_view name, std::string_view content_type) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (const char ch : name) {
    const auto u = static_cast<unsigned char>(ch);
    // Control characters, and what Windows refuses in names, would break a saved copy.
    if (u < 0x20 || u == 0x7f || std::string_view("<>:\"|?*").find(ch) != std::string_view::npos)
      out += '_';
    else
      out += ch;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  if (out.empty())
    throw invalid_field("filename", "文件名不能为空(也不能只有点或路径)", "must name a file (not only dots or a path)");
  if (const auto* kind = kind_of(content_type)) {
    const auto lower = lower_ascii(out);
    if (!lower.ends_with(kind->extensions[0]) && !lower.ends_with(kind->extensions[1]))
      out += kind->extensions[0];
  }
  text::require_length("filename", out, 1, kMaxFilenameChars);
  return out;
}

std::string check_upload(const Upload& upload) {
  if (upload.content.empty()) throw invalid_field("file", "文件不能为空", "must not be empty");
  if (static_cast<std::int64_t>(upload.content.size()) > kMaxAttachmentBytes)
    throw Error(ErrorKind::payload_too_large, "attachment_too_large",
                "附件不能超过 " + std::to_string(kMaxAttachmentBytes) + " 字节",
                "An attachment must not exceed " + std::to_string(kMaxAttachmentBytes) + " bytes", "file");
  const auto sniffed = sniff_content_type(upload.content);
  if (!sniffed)
    throw Error(ErrorKind::unsupported_media, "unsupported_attachment_type",
                "附件只能是 PDF 或图片(PNG、JPEG、GIF、WebP)",
                "An attachment must be a PDF or an image (PNG, JPEG, GIF, WebP)", "file");
  if (upload.declared_type) {
    const auto declared = media_type(*upload.declared_type);
    if (!declared.empty() && declared != "application/octet-stream" && declared != *sniffed)
      throw Error(ErrorKind::unsupported_media, "attachment_type_mismatch",
                  "声明的类型 " + text::clean_utf8(declared, 100) + " 与文件内容(" + *sniffed + ")不符",
                  "The declared type " + text::clean_utf8(declared, 100) + " does not match the content (" +
                      *sniffed + ")",
                  "Content-Type");
  }
  return *sniffed;
}

nlohmann::json add_attachment(store::Connection& c, const auth::Principal& actor, std::int64_t disclosure_id,
                              const Upload& upload) {
  actor.require("disclosure:publication:write");
  const auto type = check_upload(upload);
  const auto filename = clean_filename(upload.filename, type);
  // Hashing 8 MiB takes milliseconds; done before the transaction holds the write lock.
  const auto sha = crypto::sha256_hex(upload.content);
  const auto size = static_cast<std::int64_t>(upload.content.size());
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto d = disclosure_in_scope(tx, actor, disclosure_id);
    require_draft(d);
    const auto n = std::stoll(*tx.scalar("SELECT COUNT(*) FROM disclosure_attachment WHERE disclosure_id = $1",
                                         {disclosure_id}));
    if (n >= kMaxAttachmentsPerDisclosure)
      throw Error(ErrorKind::conflict, "too_many_attachments",
                  "每条公开事项最多 " + std::to_string(kMaxAttachmentsPerDisclosure) + " 个附件",
                  "A disclosure has at most " + std::to_string(kMaxAttachmentsPerDisclosure) + " attachments");
    if (tx.scalar("SELECT id FROM disclosure_attachment WHERE disclosure_id = $1 AND sha256 = $2",
                  {disclosure_id, sha}))
      throw Error(ErrorKind::conflict, "attachment_exists", "该文件已是本公开事项的附件",
                  "This file is already attached to the disclosure");
    const auto at = now_iso();
    store_blob(tx, sha, upload.content);
    const auto id = tx.query("INSERT INTO disclosure_attachment (disclosure_id, filename, content_type, size, sha256, "
                             "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                             {disclosure_id, filename, type, size, sha, at})
                        .front()
                        .get<std::int64_t>(0);
    auto a = attachment_json(tx.query(std::string("SELECT ") + kAttachmentColumns +
                                          " FROM disclosure_attachment a WHERE a.id = $1",
                                      {id})
                                 .front());
    audit::record(tx, actor, "create", "disclosure_attachment", std::to_string(id),
                  d["region_code"].get<std::string>(), {{"after", a}});
    return a;
  });
}

void delete_attachment(store::Connection& c, const auth::Principal& actor, std::int64_t disclosure_id,
                       std::int64_t attachment_id) {
  actor.require("disclosure:publication:write");
  store::with_transaction(c, [&](store::Connection& tx) {
    const auto d = disclosure_in_scope(tx, actor, disclosure_id);
    const auto rs = tx.query(std::string("SELECT ") + kAttachmentColumns +
                                 " FROM disclosure_attachment a WHERE a.id = $1 AND a.disclosure_id = $2",
                             {attachment_id, disclosure_id});
    if (rs.empty()) throw not_found("附件", "Attachment");
    require_draft(d);
    const auto before = attachment_json(rs.front());
    tx.query("DELETE FROM disclosure_attachment WHERE id = $1", {attachment_id});
    drop_blob_if_unused(tx, before["sha256"].get<std::string>());
    audit::record(tx, actor, "delete", "disclosure_attachment", std::to_string(attachment_id),
                  d["region_code"].get<std::string>(), {{"before", before}});
  });
}

nlohmann::json list_attachments(store::Connection& c, std::int64_t disclosure_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.query(std::string("SELECT ") + kAttachmentColumns +
                                   " FROM disclosure_attachment a WHERE a.disclosure_id = $1 ORDER BY a.id",
                               {disclosure_id}))
    out.push_back(attachment_json(r));
  return out;
}

void copy_attachments(store::Connection& c, std::int64_t from, std::int64_t to) {
  c.query("INSERT INTO disclosure_attachment (disclosure_id, filename, content_type, size, sha256, created_at) "
          "SELECT CAST($2 AS BIGINT), filename, content_type, size, sha256, CAST($3 AS TEXT) FROM disclosure_attachment "
          "WHERE disclosure_id = $1 "
          "ORDER BY id",
          {from, to, now_iso()});
}

void delete_all_attachments(store::Connection& c, std::int64_t disclosure_id) {
  std::vector<std::string> hashes;
  for (const auto& r : c.query("SELECT sha256 FROM disclosure_attachment WHERE disclosure_id = $1", {disclosure_id}))
    hashes.push_back(r.get<std::string>(0));
  c.query("DELETE FROM disclosure_attachment WHERE disclosure_id = $1", {disclosure_id});
  for (const auto& h : hashes) drop_blob_if_unused(c, h);
}

StoredFile read_attachment(store::Connection& c, const auth::Principal& actor, std::int64_t disclosure_id,
                           std::int64_t attachment_id) {
  actor.require("disclosure:publication:read");
  disclosure_in_scope(c, actor, disclosure_id);
  const auto rs = c.query(
      "SELECT a.filename, a.content_type, a.sha256, b.content FROM disclosure_attachment a "
      "JOIN attachment_blob b ON b.sha256 = a.sha256 WHERE a.id = $1 AND a.disclosure_id = $2",
      {attachment_id, disclosure_id});
  if (rs.empty()) throw not_found("附件", "Attachment");
  const auto& r = rs.front();
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3)};
}

std::optional<StoredFile> public_attachment(store::Connection& c, const std::string& region_code,
                                                const std::string& sha256) {
  if (!is_sha256_hex(sha256)) return std::nullopt;
  // The newest publication's name for the file, should several cite the same content.
  const auto rs = c.query(
      "SELECT a.filename, a.content_type, a.sha256, b.content FROM disclosure_attachment a "
      "JOIN disclosure d ON d.id = a.disclosure_id JOIN attachment_blob b ON b.sha256 = a.sha256 "
      "WHERE a.sha256 = $1 AND d.region_code = $2 AND d.status = 'published' ORDER BY a.id DESC LIMIT 1",
      {sha256, region_code});
  if (rs.empty()) return std::nullopt;
  const auto& r = rs.front();
  return StoredFile{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3)};
}

bool attachment_withdrawn(store::Connection& c, const std::string& region_code, const std::string& sha256) {
  if (!is_sha256_hex(sha256)) return false;
  return !c.query("SELECT 1 FROM disclosure_attachment a JOIN disclosure d ON d.id = a.disclosure_id "
                  "WHERE a.sha256 = $1 AND d.region_code = $2 AND d.status IN ('withdrawn', 'superseded') LIMIT 1",
                  {sha256, region_code})
              .empty();
}

std::optional<std::string> first_blob_mismatch(store::Connection& c) {
  // One attachment at a time: a blob may be megabytes, so they are not all read at once.
  for (const auto& a : c.query("SELECT a.id, a.disclosure_id, a.size, a.sha256 FROM disclosure_attachment a "
                               "JOIN disclosure d ON d.id = a.disclosure_id WHERE d.status <> 'draft' ORDER BY a.id")) {
    const auto named = "attachment " + std::to_string(a.get<std::int64_t>(0)) + " of disclosure " +
                       std::to_string(a.get<std::int64_t>(1));
    const auto sha = a.get<std::string>(3);
    const auto blob = c.query("SELECT size, content FROM attachment_blob WHERE sha256 = $1", {sha});
    if (blob.empty()) return named + ": its content " + sha + " is missing";
    const auto content = blob.front().get<std::string>(1);
    if (crypto::sha256_hex(content) != sha) return named + ": its content no longer has SHA-256 " + sha;
    if (static_cast<std::int64_t>(content.size()) != a.get<std::int64_t>(2) ||
        blob.front().get<std::int64_t>(0) != a.get<std::int64_t>(2))
      return named + ": its size differs from the stored content";
  }
  return std::nullopt;
}

std::string content_disposition(std::string_view disposition, std::string_view filename) {
  std::string fallback, encoded;
  for (const char ch : filename) {
    const auto u = static_cast<unsigned char>(ch);
    // The quoted fallback is for old clients: printable ASCII minus quote and backslash, one
    // '_' per other character (UTF-8 continuation bytes add none).
    if (u >= 0x20 && u < 0x7f && ch != '"' && ch != '\\')
      fallback += ch;
    else if ((u & 0xc0) != 0x80)
      fallback += '_';
    // RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded.
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
        std::string_view("!#$&+-.^_`|~").find(ch) != std::string_view::npos) {
      encoded += ch;
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[u >> 4];
      encoded += kHex[u & 15];
    }
  }
  return std::string(disposition) + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace ql::disclosure
