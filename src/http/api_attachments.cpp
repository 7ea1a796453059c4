// Routes: attachments of publications. Uploads are the raw file as the request body (the
// Content-Type it declares, the name in ?filename=), which the admin app's el-upload sends with
// a custom request and curl with --data-binary; no multipart parsing to get wrong. Downloads:
// authenticated under /api/v1 for the admin app, public under /p/{region_code}/a/{sha256} for
// files of current publications.
#include <string_view>

#include "disclosure/attachment.hpp"
#include "disclosure/public_page.hpp"
#include "http/api.hpp"
#include "http/input.hpp"

namespace ql::http {
namespace {

constexpr std::size_t kMaxCodeLength = 15;  // as the region routes accept

Response file_response(const disclosure::AttachmentFile& f) {
  Response r;
  r.status = 200;
  r.headers["Content-Type"] = f.content_type;
  // inline: a phone shows the PDF or image at once; the name is used when it is saved.
  r.headers["Content-Disposition"] = disclosure::content_disposition("inline", f.filename);
  // The type was sniffed at upload; the browser must not guess another (e.g. HTML).
  r.headers["X-Content-Type-Options"] = "nosniff";
  r.headers["ETag"] = "\"" + f.sha256 + "\"";
  r.body = f.content;
  return r;
}

// If-None-Match (RFC 9110 §13.1.2) against a strong tag: "*" or any listed tag, W/ ignored.
bool matches(const std::optional<std::string>& header, std::string_view etag) {
  if (!header) return false;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    auto tag = rest.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

Response not_found_page() {
  auto r = Response::text(404, disclosure::render_not_found_page(), "text/html; charset=utf-8");
  r.headers["Cache-Control"] = "no-cache";
  return r;
}

}  // namespace

void register_attachment_routes(Api& api) {
  api.route(Method::POST, "/api/v1/disclosures/{id}/attachments", "disclosure:publication:write", [](Call& call) {
    const auto id = path_id(call.req, "id");
    auto filename = query_string(call.req, "filename", disclosure::kMaxFilenameChars);
    if (!filename) throw invalid_field("filename", "不能为空", "is required");
    disclosure::Upload upload{std::move(*filename), call.req.header("Content-Type"), std::move(call.req.body)};
    return json_response(201, disclosure::add_attachment(call.db, call.actor(), id, upload));
  });

  api.route(Method::GET, "/api/v1/disclosures/{id}/attachments/{attachment_id}", "disclosure:publication:read",
            [](Call& call) {
              const auto id = path_id(call.req, "id");
              const auto attachment_id = path_id(call.req, "attachment_id");
              // Drafts are not public: the no-store the API sets on /api/ stays.
              return file_response(disclosure::read_attachment(call.db, call.actor(), id, attachment_id));
            });

  api.route(Method::DELETE, "/api/v1/disclosures/{id}/attachments/{attachment_id}", "disclosure:publication:write",
            [](Call& call) {
              const auto id = path_id(call.req, "id");
              const auto attachment_id = path_id(call.req, "attachment_id");
              disclosure::delete_attachment(call.db, call.actor(), id, attachment_id);
              return Response::no_content();
            });

  // Public, stable and content-addressed: the URL names the bytes, so caches may keep them for
  // good. Only files of current publications of that region are served; the rest is a 404 page.
  api.route(Method::GET, "/p/{region_code}/a/{sha256}", Api::kPublic, [](Call& call) {
    const auto& code = call.req.path_param("region_code");
    const auto& sha = call.req.path_param("sha256");
    if (code.empty() || code.size() > kMaxCodeLength) return not_found_page();
    const auto etag = "\"" + sha + "\"";
    auto file = disclosure::public_attachment(call.db, code, sha);
    if (!file) return not_found_page();
    Response out;
    if (matches(call.req.header("If-None-Match"), etag)) {
      out.status = 304;
      out.headers["ETag"] = etag;
    } else {
      out = file_response(*file);
    }
    out.headers["Cache-Control"] = "public, max-age=31536000, immutable";
    return out;
  });
}

}  // namespace ql::http
