#pragma once
// Attachments of publications (PDF and images, 附件). The content is stored once per SHA-256
// (attachment_blob) and cited by each publication's attachment rows; only drafts gain or lose
// attachments, and a published publication's log entry carries every attachment's hash, so the
// files residents download are the files that were logged.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/stored_file.hpp"
#include "store/database.hpp"

namespace ql::disclosure {

// Below the HTTP server's 8 MiB body limit, so every upload the server accepts is checked here
// and answered with a message about the file rather than about the request.
inline constexpr std::int64_t kMaxAttachmentBytes = 8 * 1024 * 1024 - 64 * 1024;
inline constexpr std::int64_t kMaxAttachmentsPerDisclosure = 20;
inline constexpr std::size_t kMaxFilenameChars = 100;

struct Upload {
  std::string filename;                      // as the client named it
  std::optional<std::string> declared_type;  // the request's Content-Type, if any
  std::string content;
};

// The type the bytes are, by their magic numbers: application/pdf, image/png, image/jpeg,
// image/gif or image/webp; nullopt for anything else (we never trust a declared type).
std::optional<std::string> sniff_content_type(std::string_view bytes);

// A filename safe to store and send back: the last path component (browsers may send a full
// path), characters that are reserved on common file systems replaced by '_', leading dots
// dropped, and the type's extension appended when the name lacks a matching one. Throws
// invalid_field("filename") when nothing usable remains or it is over kMaxFilenameChars.
std::string clean_filename(std::string_view name, std::string_view content_type);

// Checks an upload before any database work: empty content is invalid_field("file"), over
// kMaxAttachmentBytes 413 "attachment_too_large", unknown content 415
// "unsupported_attachment_type" (field "file"), a declared type other than the sniffed one
// (application/octet-stream and none are fine) 415 "attachment_type_mismatch" (field
// "Content-Type"). Returns the sniffed type.
std::string check_upload(const Upload& upload);

// The content store shared by publication attachments and power case documents
// (attachment_blob). store_blob keeps `content` under its SHA-256 unless already there;
// drop_blob_if_unused removes it when no publication attachment and no case document cites
// it. Both run inside the caller's transaction, after/before its own rows change.
void store_blob(store::Connection& tx, const std::string& sha256, const std::string& content);
void drop_blob_if_unused(store::Connection& tx, const std::string& sha256);

// Adds an attachment to draft `disclosure_id` (disclosure:publication:write, region in scope;
// 409 disclosure_frozen once published, 409 too_many_attachments beyond the limit, 409
// attachment_exists for the same content twice). Identical content already stored for any
// publication is not stored again. Returns the attachment.
nlohmann::json add_attachment(store::Connection& c, const auth::Principal& actor, std::int64_t disclosure_id,
                              const Upload& upload);

// Removes an attachment from a draft (same rules as adding); its blob goes too when nothing
// else cites it.
void delete_attachment(store::Connection& c, const auth::Principal& actor, std::int64_t disclosure_id,
                       std::int64_t attachment_id);

// The attachments of one disclosure, oldest first, as the API lists them. No access check:
// callers have checked the disclosure.
nlohmann::json list_attachments(store::Connection& c, std::int64_t disclosure_id);

// Copies the attachment rows of `from` to `to` (same blobs), for a correction that keeps its
// predecessor's files. Inside the caller's transaction.
void copy_attachments(store::Connection& c, std::int64_t from, std::int64_t to);

// Removes every attachment row of `disclosure_id` and the blobs nothing else cites, for
// deleting a draft. Inside the caller's transaction.
void delete_all_attachments(store::Connection& c, std::int64_t disclosure_id);

// An attachment of a disclosure the actor may read (disclosure:publication:read, scope), for
// the admin app's download of drafts and published ones alike.
StoredFile read_attachment(store::Connection& c, const auth::Principal& actor, std::int64_t disclosure_id,
                           std::int64_t attachment_id);

// The public copy of a file: only when `sha256` is an attachment of a currently published
// publication of `region_code` (not of a draft, nor of a superseded or withdrawn one); nullopt
// otherwise, so drafts never leak by guessing a hash.
std::optional<StoredFile> public_attachment(store::Connection& c, const std::string& region_code,
                                                const std::string& sha256);

// True when `sha256` was public for `region_code` and no longer is: it is an attachment of a
// withdrawn or superseded publication of the region (and of no current one, which
// public_attachment would have found first). Drafts never count, so a guessed hash of an
// unpublished file stays indistinguishable from an unknown one.
bool attachment_withdrawn(store::Connection& c, const std::string& region_code, const std::string& sha256);

// For `qinglian log verify`: the first attachment of a logged (non-draft) publication whose
// blob is missing or whose content no longer has its recorded size and SHA-256; nullopt when
// every one matches.
std::optional<std::string> first_blob_mismatch(store::Connection& c);

// "attachment; filename=\"<ASCII fallback>\"; filename*=UTF-8''<percent-encoded>" (RFC 6266,
// RFC 5987), so Chinese names survive; disposition is "inline" or "attachment".
std::string content_disposition(std::string_view disposition, std::string_view filename);

}  // namespace ql::disclosure
