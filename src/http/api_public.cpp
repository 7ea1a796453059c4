// Routes: the resident pages of "一码公开" (/p/{region_code}, its QR code and its poster), and
// the publication log as c2sp.org/tlog-tiles static resources (/log/tile/...).
// HTML for people, not JSON: an unknown community gets a 404 page a resident can read.
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "disclosure/log_tiles.hpp"
#include "disclosure/page_cache.hpp"
#include "disclosure/public_page.hpp"
#include "disclosure/publication_log.hpp"
#include "disclosure/qr.hpp"
#include "http/api.hpp"
#include "http/input.hpp"
#include "http/stored_file.hpp"
#include "region/region.hpp"

namespace ql::http {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr std::size_t kMaxCodeLength = 15;  // as the region routes accept

// No login, nothing secret: the pages may be cached, but must be revalidated so a withdrawal
// shows at once. Scripts are never needed, so the policy forbids them outright: even if a
// Markdown body slipped something past the renderer, a browser would not run it.
// In place, and from strings built once: the community page is the busiest route.
void add_page_headers(Response& r) {
  static const std::string kCacheControl = "no-cache";
  static const std::string kPolicy =
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; "
      "form-action 'none'; frame-ancestors 'none'";
  r.headers.insert_or_assign("Cache-Control", kCacheControl);
  r.headers.insert_or_assign("Content-Security-Policy", kPolicy);
}

Response page(int status, std::string html, const char* type = kHtml) {
  auto r = Response::text(status, std::move(html), type);
  add_page_headers(r);
  return r;
}

// The region of the {region_code} path segment, or nullopt for anything that is not one.
std::optional<region::Region> region_of(Call& call) {
  const auto& code = call.req.path_param("region_code");
  if (code.empty() || code.size() > kMaxCodeLength) return std::nullopt;
  return region::find(call.db, code);
}

// The absolute URL of the community page, for its QR code. The Host header is what the phone
// will reach again, so it is preferred; it is attacker-controlled, so only a plain host[:port]
// is taken, anything else falls back to the configured base URL.
std::string page_url(const Call& call, const Api& api, const std::string& code) {
  std::string base = api.settings().public_base_url;
  if (const auto host = call.req.header("Host"); host && !host->empty() && host->size() <= 255) {
    bool plain = true;
    for (char ch : *host)
      plain = plain && ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                        ch == '.' || ch == ':' || ch == '-');
    const bool https = api.settings().secure_cookies || call.req.header("X-Forwarded-Proto") == "https";
    if (plain) base = (https ? "https://" : "http://") + *host;
  }
  while (base.ends_with('/')) base.pop_back();
  return base + "/p/" + code;
}

// A tile or entry bundle of the log, addressed by its tlog-tiles path below /log/. Any
// malformed path is 400 (tlog_malformed_tile_path); one the current tree does not reach is 404.
Response log_tile(Call& call, const std::string& path) {
  const auto tile = tlog::parse_tile_path(path);
  auto data = disclosure::read_published_tile(call.db, tile);
  if (!data) throw not_found("公开日志瓦片", "Log tile");
  auto r = Response::text(200, std::move(*data), "application/octet-stream");
  // A full tile never changes (the log is append-only), so caches may keep it for good. A
  // partial one's bytes never change either, but tlog-tiles lets a log drop it once the full
  // tile exists and clients only ask for it while their checkpoint is recent: a short
  // lifetime keeps mirrors from holding on to it.
  r.headers["Cache-Control"] =
      tile.width == tlog::kTileWidth ? "public, max-age=31536000, immutable" : "public, max-age=60";
  return r;
}

}  // namespace

// The log identity is not needed yet: pages cite entries by index, and the signed checkpoint
// they can be checked against is served by the log routes.
void register_public_routes(Api& api, const disclosure::LogIdentity&) {
  // Rendered pages by ETag: a repeat visit renders nothing (see page_cache.hpp).
  // A page validated less than a second ago, with no commit since, is served without any
  // query (see FreshPages).
  auto pages = std::make_shared<disclosure::PageCache>();
  auto fresh = std::make_shared<disclosure::FreshPages>();
  // The page lists what is overdue as of the business date, so a new day is a new page. The
  // day's number, not its text: formatting a date costs more than the rest of the key.
  const auto page_key = [](const Request& req, bool large) {
    return req.path_param("region_code") + "/" +
           std::to_string(business_day(ql::now()).time_since_epoch().count()) + (large ? "/large" : "");
  };
  // gzip for the browsers that take it (every phone browser): the ~25 KB page is ~5 KB, which
  // is what an old phone on a weak signal waits for. Each encoding is its own representation,
  // so it has its own validator (the gzip one ends in "-gz") and caches must key on the header.
  const auto respond = [](const Request& req, const disclosure::FreshPages::Page& p) {
    const bool gzip = p.rendered.gzip && req.accepts_gzip();
    std::string etag = p.etag;
    if (gzip && etag.size() >= 2 && etag.back() == '"') etag.insert(etag.size() - 1, "-gz");
    Response out;
    if (etag_matches(req.header("If-None-Match"), etag)) {
      out.status = 304;
      out.headers["Cache-Control"] = "no-cache";
    } else {
      // The cached bytes themselves, not a copy: this is the busiest route.
      out = Response::shared(200, gzip ? p.rendered.gzip : p.rendered.body, kHtml);
      add_page_headers(out);
      if (gzip) out.headers.emplace("Content-Encoding", "gzip");
    }
    out.headers.emplace("Vary", "Accept-Encoding");
    out.headers.emplace("ETag", std::move(etag));
    return out;
  };
  api.public_route(
      Method::GET, "/p/{region_code}",
      [pages, fresh, page_key, respond](Call& call) {
        const bool large = query_bool(call.req, "large").value_or(false);
        const auto key = page_key(call.req, large);
        const auto generation = store::commit_generation();  // before the queries that validate
        const auto now = disclosure::FreshPages::Clock::now();
        if (auto p = fresh->fresh(key, generation, now)) return respond(call.req, *p);

        const auto r = region_of(call);
        if (!r) return page(404, disclosure::render_not_found_page());
        const auto size = disclosure::log_size(call.db);
        disclosure::FreshPages::Page p;
        p.etag = disclosure::public_page_etag(call.db, *r, size, large);
        p.rendered = pages->get_or_render(p.etag, [&] { return disclosure::render_public_page(call.db, *r, size, large); });
        fresh->remember(key, p, generation, now);
        return respond(call.req, p);
      },
      // A page validated less than a second ago, with no commit since, needs no query at all.
      [fresh, page_key, respond](Request& req) -> std::optional<Response> {
        const bool large = query_bool(req, "large").value_or(false);
        auto p = fresh->fresh(page_key(req, large), store::commit_generation(), disclosure::FreshPages::Clock::now());
        if (!p) return std::nullopt;
        return respond(req, *p);
      });

  api.route(Method::GET, "/p/{region_code}/qr.svg", Api::kPublic, [&api](Call& call) {
    const auto r = region_of(call);
    if (!r) return page(404, disclosure::render_not_found_page());
    return page(200, disclosure::qr_svg(page_url(call, api, r->code)).svg, "image/svg+xml");
  });

  api.route(Method::GET, "/p/{region_code}/poster", Api::kPublic, [&api](Call& call) {
    const auto r = region_of(call);
    if (!r) return page(404, disclosure::render_not_found_page());
    return page(200, disclosure::render_poster(*r, page_url(call, api, r->code)));
  });

  // tlog-tiles: anyone holding a checkpoint from /log/checkpoint rebuilds its root and any
  // proof from these, with no account and no dynamic API.
  api.route(Method::GET, "/log/tile/{tile...}", Api::kPublic,
            [](Call& call) { return log_tile(call, "tile/" + call.req.path_param("tile")); });
  api.route(Method::GET, "/log/tile/entries/{bundle...}", Api::kPublic,
            [](Call& call) { return log_tile(call, "tile/entries/" + call.req.path_param("bundle")); });
}

}  // namespace ql::http
