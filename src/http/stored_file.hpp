#pragma once
// Answers shared by every route that stores uploaded files by content (publication
// attachments, voucher scans, asset photos) and by the resident pages' validators.
#include <optional>
#include <string>
#include <string_view>

#include "core/stored_file.hpp"
#include "http/message.hpp"

namespace ql::http {

// 200 with the stored bytes: the type sniffed at upload (nosniff, so a browser never guesses
// another such as HTML), inline with the original name (RFC 5987), and the content hash as ETag.
Response stored_file_response(StoredFile file);

// The ?filename= of a raw-body upload; 400 naming `filename` when absent or too long.
std::string upload_filename(const Request& req);

// If-None-Match (RFC 9110 §13.1.2) against `etag`: "*" or any listed tag, compared weakly.
bool etag_matches(const std::optional<std::string>& if_none_match, std::string_view etag);

}  // namespace ql::http
