#pragma once
// The resident pages of "一码公开": what a villager sees after scanning the community's QR
// code. Server-rendered HTML that works without JavaScript on any phone, with a large-text
// mode (适老化) for elderly residents, and a printable A4 poster carrying the QR code.
// Everything shown is public by law (村委会组织法 §30), so no login and no data scope: a page
// shows exactly the region's published and withdrawn publications, never drafts.
#include <cstdint>
#include <string>
#include <string_view>

#include "region/region.hpp"
#include "store/database.hpp"

namespace ql::disclosure {

// A validator that changes whenever the page could: every publish, correction and withdrawal
// appends to the log, so the log size identifies the publications; the overdue list also
// depends on the business date and on the region's catalogue (its last change and item
// count); add the region's own last change, the binary's version and the text size mode. One
// small query, no rendering. The server also keeps rendered pages by this tag (page_cache.hpp),
// so anything new that the page shows must change the tag too.
std::string public_page_etag(store::Connection& c, const region::Region& r, std::uint64_t log_size,
                             bool large);

// The community page: current publications by category, newest first, each with its rendered
// Markdown body and a link to its log entry and inclusion proof against `log_size`; then the
// withdrawn ones with their reasons. `large` selects the large-text mode.
std::string render_public_page(store::Connection& c, const region::Region& r, std::uint64_t log_size, bool large);

// The A4 poster for the notice board: community name, the QR code of page_url and the URL.
std::string render_poster(const region::Region& r, const std::string& page_url);

// The 404 page for an unknown community.
std::string render_not_found_page();

// The 410 page for a file whose publication was withdrawn or replaced by a correction: it
// says so and links back to the community's current page (region_code is only digits, as the
// route checked, but it is escaped all the same).
std::string render_attachment_gone_page(const std::string& region_code);

// The shell of every resident page (doctype, viewport, the pages' common style followed by
// extra_style, large-text class) around `body`, which is already HTML; title is escaped.
// lang is the page's language tag (zh-CN or en).
std::string resident_document(std::string_view title, bool large, std::string_view extra_style,
                              std::string_view body, std::string_view lang = "zh-CN");

}  // namespace ql::disclosure
