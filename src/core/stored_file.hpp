#pragma once
// An uploaded file kept by content: publication attachments, voucher scans and asset photos
// are all stored and served the same way, so they share this one shape (the HTTP layer's
// stored_file_response answers with it). It lives in core because several domain modules
// return it and none of them may depend on another for a plain value type.
#include <string>

namespace ql {

struct StoredFile {
  std::string filename;      // the uploader's name, offered again on download
  std::string content_type;  // the type sniffed from the bytes at upload, not the declared one
  std::string sha256;        // lowercase hex SHA-256 of bytes; the download's ETag
  std::string bytes;
};

}  // namespace ql
