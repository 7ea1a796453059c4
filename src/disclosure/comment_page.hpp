#pragma once
// The resident page of one publication (/p/{region}/d/{id}): the publication, its approved
// comments with their public answers, and a plain HTML form to ask a question or leave a
// comment. Server-rendered and usable without JavaScript (elderly residents, WeChat's
// browser), with the large-text mode of the community page and an English variant.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "region/region.hpp"

namespace ql::disclosure {

// What the form shows: the resident's input kept across a failed submission, the message of
// that failure, and whether the previous submission succeeded (Post/Redirect/Get).
struct CommentForm {
  std::string kind = "question";
  std::string body, name;
  bool anonymous = false;
  std::string token;          // CommentKeys::form_token for this publication
  std::string error;          // already in the page's language; empty: none
  std::string error_field;    // kind, body or name: the field the error is about
  bool sent = false;          // show "已提交，审核后公开"
};

struct CommentPage {
  const region::Region& region;
  const nlohmann::json& disclosure;  // public_disclosure()
  const nlohmann::json& comments;    // public_comments()
  std::uint64_t log_size = 0;
  bool large = false;
  bool english = false;
  CommentForm form;
};

// The whole page. The form is shown for a published publication only; a superseded one points
// to its correction, a withdrawn one states the reason.
std::string render_comment_page(const CommentPage& page);

// The page's own URL with its display options (large text, language), for links and redirects;
// `sent` adds the confirmation flag.
std::string comment_page_url(const std::string& region_code, std::int64_t id, bool large, bool english,
                             bool sent = false);

}  // namespace ql::disclosure
