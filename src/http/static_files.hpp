#pragma once
// Serves the built web app (Vite's web/dist) as the Router's fallback, with SPA routing.
#include <string>

#include "http/router.hpp"

namespace ql::http {

// A fallback handler serving files under web_root for GET and HEAD:
// - /assets/* (content-hashed names) with Cache-Control "public, max-age=31536000, immutable";
//   everything else, index.html included, with "no-cache" (revalidate via ETag).
// - A path that is not a file, outside /api/, /p/ and /log/, gets index.html (client-side
//   routes). Unknown /api/, /p/, /log/ and /assets/ paths and other methods are a 404 JSON
//   error (thrown as no_route_error()).
// - ETag "size-mtime"; a matching If-None-Match gives 304.
// - "..", dot-files and symlinks leading outside web_root are never served.
// - Without web_root/index.html: 503 and a short HTML page saying to run `make build`.
Handler make_static_handler(std::string web_root);

}  // namespace ql::http
