#include "http/static_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

namespace ql::http {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

struct FileInfo {
  fs::path path;
  std::uintmax_t size;
  fs::file_time_type mtime;
};

bool has_prefix_dir(std::string_view path, std::string_view dir) {
  return path == dir || (path.starts_with(dir) && path.size() > dir.size() &&
                         path[dir.size()] == '/');
}

// Paths that belong to server handlers, never to the SPA: reaching the fallback there means
// no route matched, a real 404 rather than a client-side route.
bool is_server_path(std::string_view path) {
  return has_prefix_dir(path, "/api") || has_prefix_dir(path, "/p") ||
         has_prefix_dir(path, "/log");
}

// No ".." or "." (traversal), no dot-files (editor and VCS leftovers are not part of a build)
// and no empty segment except a trailing one ("//etc/passwd" would make root/"/etc/passwd"
// an absolute path).
bool is_safe(std::string_view path) {
  std::size_t start = 1;
  while (start < path.size()) {
    const auto slash = path.find('/', start);
    const auto segment = path.substr(start, slash - start);
    if (slash != std::string_view::npos && segment.empty()) return false;
    if (!segment.empty() && segment.front() == '.') return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

bool is_within(const fs::path& root, const fs::path& p) {
  return std::mismatch(root.begin(), root.end(), p.begin(), p.end()).first == root.end();
}

// The regular file at root/rel after resolving symlinks, if it stays inside root.
std::optional<FileInfo> find_file(const fs::path& root, std::string_view rel) {
  std::error_code ec;
  const auto real = fs::canonical(root / rel, ec);
  if (ec || !is_within(root, real) || !fs::is_regular_file(real, ec)) return std::nullopt;
  const auto size = fs::file_size(real, ec);
  if (ec) return std::nullopt;
  const auto mtime = fs::last_write_time(real, ec);
  if (ec) return std::nullopt;
  return FileInfo{real, size, mtime};
}

std::string_view content_type(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::pair<std::string_view, std::string_view> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [e, type] : types) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

// True when an If-None-Match list names etag (weak comparison, as RFC 9110 asks for GET).
bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    auto tag = if_none_match.substr(0, comma);
    if_none_match =
        comma == std::string_view::npos ? std::string_view{} : if_none_match.substr(comma + 1);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

// Files are read at request time rather than cached: a Vite build is a few MiB that the OS
// page cache already keeps in memory, and reading afresh means a `make build` while the
// server runs is picked up at once, with no invalidation logic to get wrong.
std::optional<Response> serve(const Request& req, const FileInfo& file,
                              std::string_view cache_control) {
  // The file clock's epoch is not 1970 (counts can be negative); only change matters here.
  const auto etag = fmt::format("\"{:x}-{:x}\"", file.size,
                                static_cast<std::uint64_t>(file.mtime.time_since_epoch().count()));
  Response r;
  if (const auto inm = req.header("If-None-Match"); inm && etag_matches(*inm, etag)) {
    r.status = 304;
  } else {
    std::ifstream in(file.path, std::ios::binary);
    if (!in) return std::nullopt;  // vanished or unreadable since the stat
    r = Response::text(200, std::string(std::istreambuf_iterator<char>(in), {}),
                       std::string(content_type(file.path)));
  }
  r.headers["ETag"] = etag;
  r.headers["Cache-Control"] = std::string(cache_control);
  return r;
}

Response not_built_page() {
  auto r = Response::text(503,
                          "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                          "<title>清廉 · Qinglian</title></head><body>\n"
                          "<h1>前端尚未构建 / The web app is not built</h1>\n"
                          "<p>请在源码目录运行 <code>make build</code>。 "
                          "Run <code>make build</code> in the source tree.</p>\n"
                          "<p>API: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a></p>\n"
                          "</body></html>\n",
                          "text/html; charset=utf-8");
  r.headers["Cache-Control"] = "no-store";
  return r;
}

}  // namespace

Handler make_static_handler(std::string web_root) {
  return [root = fs::path(std::move(web_root))](Request& req) -> Response {
    if (req.method != Method::GET && req.method != Method::HEAD) throw no_route_error();
    const std::string_view path = req.path;
    if (is_server_path(path) || !is_safe(path)) throw no_route_error();

    // Canonicalised per request (a few syscalls) so a web root created or re-linked after
    // start-up works without a restart, like the files themselves.
    std::error_code ec;
    const auto real_root = fs::canonical(root, ec);
    std::optional<FileInfo> file;
    if (!ec && path.size() > 1 && path.back() != '/') file = find_file(real_root, path.substr(1));
    if (file) {
      const auto cache = has_prefix_dir(path, "/assets") ? kImmutable : kRevalidate;
      if (auto r = serve(req, *file, cache)) return std::move(*r);
    }
    // A missing hashed asset (a stale page after a deploy) must be a 404, not index.html
    // served where the browser expects JavaScript or CSS.
    if (has_prefix_dir(path, "/assets")) throw no_route_error();

    const auto index = ec ? std::nullopt : find_file(real_root, "index.html");
    if (index) {
      if (auto r = serve(req, *index, kRevalidate)) return std::move(*r);
    }
    return not_built_page();
  };
}

}  // namespace ql::http
