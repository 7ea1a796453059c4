#pragma once
// Markdown bodies of publications rendered for the resident pages. Bodies are typed by clerks
// and shown to anyone, so rendering is safe by construction: raw HTML is dropped and links or
// images with dangerous schemes (javascript:, vbscript:, file:, most data:) lose their target.
#include <string>
#include <string_view>

namespace ql::disclosure {

// CommonMark plus the GitHub tables, ~~strikethrough~~ and autolinks to an HTML fragment with
// no raw HTML and no script-capable URLs. Headings rank below the publication title the pages
// show as <h3>: # is <h4>, ## <h5>, ### and deeper <h6>.
std::string markdown_to_html(std::string_view markdown);

// Text for HTML element content and double-quoted attribute values (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace ql::disclosure
