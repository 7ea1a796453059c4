#include "http/stored_file.hpp"

#include "core/error.hpp"
#include "disclosure/attachment.hpp"
#include "http/input.hpp"

namespace ql::http {

Response stored_file_response(StoredFile file) {
  Response r;
  r.status = 200;
  r.headers["Content-Type"] = std::move(file.content_type);
  // inline: a phone shows the PDF or image at once; the name is used when it is saved.
  r.headers["Content-Disposition"] = disclosure::content_disposition("inline", file.filename);
  r.headers["X-Content-Type-Options"] = "nosniff";
  r.headers["ETag"] = "\"" + file.sha256 + "\"";
  r.body = std::move(file.bytes);
  return r;
}

std::string upload_filename(const Request& req) {
  auto filename = query_string(req, "filename", disclosure::kMaxFilenameChars);
  if (!filename) throw ql::invalid_field("filename", "不能为空", "is required");
  return std::move(*filename);
}

bool etag_matches(const std::optional<std::string>& if_none_match, std::string_view etag) {
  if (!if_none_match) return false;
  const auto strip = [](std::string_view t) { return t.starts_with("W/") ? t.substr(2) : t; };
  std::string_view rest = *if_none_match;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    auto tag = rest.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*" || strip(tag) == strip(etag)) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace ql::http
