#include "disclosure/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <memory>
#include <new>
#include <stdexcept>

namespace ql::disclosure {
namespace {

// Safe mode (the default since cmark-gfm 0.29; named so that an older library still drops raw
// HTML): raw HTML becomes a comment and dangerous link schemes lose their target. Never pass
// CMARK_OPT_UNSAFE. Single line breaks stay spaces, as clerks wrap lines in the editor.
constexpr int kOptions = CMARK_OPT_SAFE | CMARK_OPT_NOBREAKS;

// The GitHub extensions clerks use: tables (budgets, fee lists), ~~strikethrough~~ (corrected
// figures) and bare www./https:// links. Not tagfilter: it only matters when raw HTML is let
// through, which safe mode never does.
constexpr std::array<const char*, 3> kExtensions = {"table", "strikethrough", "autolink"};

// The extensions, looked up once: registering the core extensions touches a global registry
// without a lock, so it must not race between request threads. Lookups afterwards only read it.
const std::array<cmark_syntax_extension*, kExtensions.size()>& extensions() {
  static const auto found = [] {
    cmark_gfm_core_extensions_ensure_registered();
    std::array<cmark_syntax_extension*, kExtensions.size()> out{};
    for (std::size_t i = 0; i < kExtensions.size(); ++i) {
      out[i] = cmark_find_syntax_extension(kExtensions[i]);
      if (!out[i]) throw std::logic_error(std::string("cmark-gfm lacks the extension ") + kExtensions[i]);
    }
    return out;
  }();
  return found;
}

// A body sits under its publication's title (<h3> on the resident pages), so its own headings
// rank below it: # becomes <h4>, ## <h5>, and ### or deeper <h6>. Done on the parsed tree, so
// the stored Markdown and everything the renderer escapes stay as they are.
void demote_headings(cmark_node* doc) {
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(doc), &cmark_iter_free);
  if (!it) throw std::bad_alloc();
  for (auto ev = cmark_iter_next(it.get()); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(it.get())) {
    cmark_node* node = cmark_iter_get_node(it.get());
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING)
      cmark_node_set_heading_level(node, std::min(cmark_node_get_heading_level(node) + 3, 6));
  }
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  const auto& exts = extensions();
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(kOptions), &cmark_parser_free);
  if (!parser) throw std::bad_alloc();
  for (auto* ext : exts)
    if (!cmark_parser_attach_syntax_extension(parser.get(), ext)) throw std::bad_alloc();
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(cmark_parser_finish(parser.get()), &cmark_node_free);
  if (!doc) throw std::bad_alloc();
  demote_headings(doc.get());
  // The renderer allocates with the document's allocator, the default one: free it there.
  cmark_mem* mem = cmark_get_default_mem_allocator();
  const auto release = [mem](char* p) { mem->free(p); };
  std::unique_ptr<char, decltype(release)> html(
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get())), release);
  if (!html) throw std::bad_alloc();  // cmark-gfm returns null only when out of memory
  return html.get();
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

}  // namespace ql::disclosure
