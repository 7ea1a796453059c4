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
#include "http/stored_file.hpp"

namespace ql::http {
namespace {

constexpr std::size_t kMaxCodeLength = 15;  // as the region routes accept

// How long a cache may keep a public file without asking again. The bytes behind a URL never
// change (it names their hash), but whether they are still public does: a withdrawal must reach
// caches, so no "immutable" year-long lifetime; after this the ETag makes revalidation a 304.
constexpr const char* kPublicFileCaching = "public, max-age=300";

Response not_found_page() {
  auto r = Response::text(404, disclosure::render_not_found_page(), "text/html; charset=utf-8");
  r.headers["Cache-Control"] = "no-cache";
  return r;
}

// A file that was public and is no longer (its publication withdrawn or corrected without it):
// 410 says it is gone for good, so caches and crawlers drop it; no-cache keeps the answer itself
// from being held should the file become current again through a later correction.
Response gone_page(const std::string& region_code) {
  auto r = Response::text(410, disclosure::render_attachment_gone_page(region_code), "text/html; charset=utf-8");
  r.headers["Cache-Control"] = "no-cache";
  return r;
}

}  // namespace

void register_attachment_routes(Api& api) {
  api.route(Method::POST, "/api/v1/disclosures/{id}/attachments", "disclosure:publication:write", [](Call& call) {
    const auto id = path_id(call.req, "id");
    disclosure::Upload upload{upload_filename(call.req), call.req.header("Content-Type"), std::move(call.req.body)};
    return json_response(201, disclosure::add_attachment(call.db, call.actor(), id, upload));
  });

  api.route(Method::GET, "/api/v1/disclosures/{id}/attachments/{attachment_id}", "disclosure:publication:read",
            [](Call& call) {
              const auto id = path_id(call.req, "id");
              const auto attachment_id = path_id(call.req, "attachment_id");
              // Drafts are not public: the no-store the API sets on /api/ stays.
              return stored_file_response(disclosure::read_attachment(call.db, call.actor(), id, attachment_id));
            });

  api.route(Method::DELETE, "/api/v1/disclosures/{id}/attachments/{attachment_id}", "disclosure:publication:write",
            [](Call& call) {
              const auto id = path_id(call.req, "id");
              const auto attachment_id = path_id(call.req, "attachment_id");
              disclosure::delete_attachment(call.db, call.actor(), id, attachment_id);
              return Response::no_content();
            });

  // Public and content-addressed: the URL names the bytes. Only files of current publications
  // of that region are served; one whose publication was withdrawn or corrected away is a 410
  // page, anything else a 404 page.
  api.route(Method::GET, "/p/{region_code}/a/{sha256}", Api::kPublic, [](Call& call) {
    const auto& code = call.req.path_param("region_code");
    const auto& sha = call.req.path_param("sha256");
    if (code.empty() || code.size() > kMaxCodeLength) return not_found_page();
    const auto etag = "\"" + sha + "\"";
    auto file = disclosure::public_attachment(call.db, code, sha);
    if (!file) return disclosure::attachment_withdrawn(call.db, code, sha) ? gone_page(code) : not_found_page();
    Response out;
    if (etag_matches(call.req.header("If-None-Match"), etag)) {
      out.status = 304;
      out.headers["ETag"] = etag;
    } else {
      out = stored_file_response(std::move(*file));
    }
    out.headers["Cache-Control"] = kPublicFileCaching;
    return out;
  });
}

}  // namespace ql::http
