#include "disclosure/markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>
#include <new>

namespace ql::disclosure {

std::string markdown_to_html(std::string_view markdown) {
  // CMARK_OPT_SAFE is the default since cmark 0.29 (and a no-op there); it is named anyway so
  // that a build against an older cmark still drops raw HTML. Never pass CMARK_OPT_UNSAFE.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_SAFE | CMARK_OPT_NOBREAKS),
      &std::free);
  if (!html) throw std::bad_alloc();  // cmark returns null only when out of memory
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
