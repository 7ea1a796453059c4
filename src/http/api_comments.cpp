// Routes: residents' questions and comments (居民留言). The public half is HTML for people
// without JavaScript (/p/{region_code}/d/{id} and its form post, Post/Redirect/Get); the staff
// half is JSON under /api/v1/disclosure/comments (moderation by supervisors, answers by the
// community's secretary or clerk).
#include <cctype>
#include <map>
#include <memory>
#include <string_view>

#include "core/error.hpp"
#include "disclosure/comment.hpp"
#include "disclosure/comment_page.hpp"
#include "disclosure/public_page.hpp"
#include "disclosure/publication_log.hpp"
#include "http/api.hpp"
#include "http/client_address.hpp"
#include "http/input.hpp"
#include "region/region.hpp"

namespace ql::http {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr std::size_t kMaxCodeLength = 15;
// The form has four short fields; anything much larger is not from our page.
constexpr std::size_t kMaxFormBytes = 16 * 1024;

// As the community page's policy, except that the page's own form may post back to us.
Response page(int status, std::string html) {
  auto r = Response::text(status, std::move(html), kHtml);
  r.headers["Cache-Control"] = "no-store";  // the form carries a time-limited token
  r.headers["Content-Security-Policy"] =
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; "
      "form-action 'self'; frame-ancestors 'none'";
  return r;
}

Response not_found_page() { return page(404, disclosure::render_not_found_page()); }

// The region and publication named by the path, as the resident page shows them.
struct Target {
  region::Region region;
  nlohmann::json disclosure;
};

std::optional<Target> target_of(Call& call) {
  const auto& code = call.req.path_param("region_code");
  const auto& id_text = call.req.path_param("id");
  if (code.empty() || code.size() > kMaxCodeLength || id_text.empty() || id_text.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char ch : id_text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    id = id * 10 + (ch - '0');
  }
  auto r = region::find(call.db, code);
  if (!r) return std::nullopt;
  auto d = disclosure::public_disclosure(call.db, r->code, id);
  if (!d) return std::nullopt;
  return Target{*r, *d};
}

// ?lang=en or ?lang=zh wins; otherwise Accept-Language decides, as for the JSON API.
bool english_for(const Request& req, const std::optional<std::string>& lang) {
  if (lang == "en") return true;
  if (lang == "zh") return false;
  return req.prefers_english();
}

std::optional<std::string> lang_param(const Request& req) {
  auto lang = query_string(req, "lang", 20);
  if (lang && *lang != "en" && *lang != "zh")
    throw bad_request("invalid_query", "查询参数 lang 须为 en 或 zh", "Query parameter 'lang' must be en or zh", "lang");
  return lang;
}

// application/x-www-form-urlencoded, as browsers send a form: fields we do not know are
// ignored (a browser may add the button's name), the first value of a field wins.
std::map<std::string, std::string> parse_form(const std::string& body) {
  std::map<std::string, std::string> out;
  std::string_view rest = body;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto piece = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (piece.empty()) continue;
    const auto eq = piece.find('=');
    bool ok = true;
    auto key = percent_decode(piece.substr(0, eq), true, ok);
    auto value = eq == std::string_view::npos ? std::string() : percent_decode(piece.substr(eq + 1), true, ok);
    if (!ok)
      throw bad_request("malformed_form", "表单数据无效,请重新填写", "The form data is malformed; please fill it in again");
    out.emplace(std::move(key), std::move(value));
  }
  return out;
}

bool is_form_media_type(const std::optional<std::string>& type) {
  if (!type) return false;
  std::string media = type->substr(0, type->find(';'));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  for (auto& ch : media) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return media == "application/x-www-form-urlencoded";
}

// A browser names the page that sent a form in Origin; one naming another site is a forged
// post (a page elsewhere making its visitors' browsers submit for it). "null" (privacy
// contexts) and an absent header leave the decision to the form token.
bool cross_site(const Request& req) {
  const auto origin = req.header("Origin");
  if (!origin || origin->empty() || *origin == "null") return false;
  const auto host = req.header("Host").value_or("");
  const auto scheme = origin->find("://");
  if (scheme == std::string::npos || host.empty()) return true;
  std::string a = origin->substr(scheme + 3), b = host;
  for (auto* s : {&a, &b})
    for (auto& ch : *s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return a != b;
}

std::optional<bool> form_flag(const std::map<std::string, std::string>& form, const std::string& key) {
  const auto it = form.find(key);
  if (it == form.end()) return std::nullopt;
  return it->second == "1" || it->second == "on" || it->second == "true";
}

std::string form_value(const std::map<std::string, std::string>& form, const std::string& key) {
  const auto it = form.find(key);
  return it == form.end() ? std::string() : it->second;
}

Response render(Call& call, const Target& t, const disclosure::CommentKeys& keys, bool large, bool english,
                disclosure::CommentForm form, int status) {
  form.token = keys.form_token(t.disclosure["id"].get<std::int64_t>(), now());
  const auto comments = disclosure::public_comments(call.db, t.disclosure["id"].get<std::int64_t>());
  return page(status, disclosure::render_comment_page({t.region, t.disclosure, comments,
                                                       disclosure::log_size(call.db), large, english,
                                                       std::move(form)}));
}

std::int64_t comment_id(const Request& req) { return path_id(req, "id"); }

// Residents read the form's own labels, not field names: "字段 body 长度须为…" becomes
// "内容长度须为…".
std::string resident_message(const Error& e, bool english) {
  struct Label {
    const char *field, *zh, *en;
  };
  static constexpr Label kLabels[] = {{"body", "内容", "The text"}, {"name", "称呼", "The name"},
                                      {"kind", "类型", "The type"}};
  auto message = e.message(english);
  for (const auto& l : kLabels) {
    if (e.field() != l.field) continue;
    const std::string prefix = english ? "Field '" + std::string(l.field) + "' " : "字段 " + std::string(l.field) + " ";
    if (message.starts_with(prefix)) message = (english ? std::string(l.en) + " " : std::string(l.zh)) + message.substr(prefix.size());
  }
  return message;
}

}  // namespace

void register_comment_routes(Api& api, const disclosure::LogIdentity& log) {
  // Shared by the handlers for the server's lifetime; derived once from the log key.
  auto keys = std::make_shared<const disclosure::CommentKeys>(disclosure::CommentKeys::from_log(log));

  api.route(Method::GET, "/p/{region_code}/d/{id}", Api::kPublic, [keys](Call& call) {
    const bool large = query_bool(call.req, "large").value_or(false);
    const bool english = english_for(call.req, lang_param(call.req));
    const bool sent = query_bool(call.req, "sent").value_or(false);
    const auto t = target_of(call);
    if (!t) return not_found_page();
    disclosure::CommentForm form;
    form.sent = sent;
    return render(call, *t, *keys, large, english, std::move(form), 200);
  });

  api.route(Method::POST, "/p/{region_code}/d/{id}/comments", Api::kPublic, [keys, &api](Call& call) {
    const auto t = target_of(call);
    if (!t) return not_found_page();
    const auto id = t->disclosure["id"].get<std::int64_t>();
    bool english = call.req.prefers_english(), large = false;
    disclosure::CommentForm form;
    try {
      if (call.req.body.size() > kMaxFormBytes)
        throw Error(ErrorKind::payload_too_large, "body_too_large", "提交的内容太长", "The submission is too large");
      if (!is_form_media_type(call.req.header("Content-Type")))
        throw Error(ErrorKind::unsupported_media, "unsupported_media_type", "请通过页面上的表单提交",
                    "Please submit through the form on the page");
      const auto fields = parse_form(call.req.body);
      large = form_flag(fields, "large").value_or(false);
      english = english_for(call.req, fields.count("lang") ? std::optional(form_value(fields, "lang")) : std::nullopt);
      form.kind = form_value(fields, "kind");
      form.body = form_value(fields, "body");
      form.name = form_value(fields, "name");
      form.anonymous = form_flag(fields, "anonymous").value_or(false);
      if (cross_site(call.req))
        throw Error(ErrorKind::forbidden, "form_expired", "请在本页面填写并提交", "Please fill in and submit the form on this page");
      disclosure::Submission s{form.kind, form.body, form.anonymous ? std::string() : form.name,
                               form_value(fields, "form_token")};
      disclosure::submit_comment(call.db, *keys, t->region.code, id, s,
                                 client_address(call.req, api.settings().trusted_proxies));
    } catch (const Error& e) {
      // A resident gets the page back with what they typed and the reason, never a JSON error.
      if (e.kind() == ErrorKind::not_found) return not_found_page();
      if (e.kind() == ErrorKind::internal || e.kind() == ErrorKind::unavailable) throw;
      form.error = resident_message(e, english);
      form.error_field = e.field();
      if (form.kind != "comment") form.kind = "question";
      auto r = render(call, *t, *keys, large, english, std::move(form), e.http_status());
      if (e.kind() == ErrorKind::too_many_requests) r.headers["Retry-After"] = "600";
      return r;
    }
    Response r;
    r.status = 303;  // Post/Redirect/Get: reloading the confirmation does not post again
    r.headers["Location"] = disclosure::comment_page_url(t->region.code, id, large, english, true);
    r.headers["Cache-Control"] = "no-store";
    return r;
  });

  api.route(Method::GET, "/api/v1/disclosure/comments", Api::kLoggedIn, [](Call& call) {
    auto page = parse_paging(call.req, {"created_at", "status"}, "-created_at");
    disclosure::CommentFilter f{query_string(call.req, "region", 15), query_string(call.req, "status", 20),
                                query_string(call.req, "kind", 20), query_int(call.req, "disclosure_id", 1, 999'999'999'999'999),
                                query_bool(call.req, "answered")};
    auto r = disclosure::list_comments(call.db, call.actor(), f, page);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });

  api.route(Method::POST, "/api/v1/disclosure/comments/{id}/approve", "disclosure:comment:moderate", [](Call& call) {
    return json_response(200, disclosure::approve_comment(call.db, call.actor(), comment_id(call.req)));
  });

  api.route(Method::POST, "/api/v1/disclosure/comments/{id}/reject", "disclosure:comment:moderate", [](Call& call) {
    const auto id = comment_id(call.req);
    auto in = JsonInput::parse(call.req);
    const auto reason = in.required_string("reason", disclosure::kReasonMaxChars);
    in.finish();
    return json_response(200, disclosure::reject_comment(call.db, call.actor(), id, reason));
  });

  api.route(Method::POST, "/api/v1/disclosure/comments/{id}/answer", "disclosure:comment:answer", [](Call& call) {
    const auto id = comment_id(call.req);
    auto in = JsonInput::parse(call.req);
    const auto answer = in.required_string("answer", disclosure::kAnswerMaxChars, TextKind::multiline);
    in.finish();
    return json_response(200, disclosure::answer_comment(call.db, call.actor(), id, answer));
  });
}

}  // namespace ql::http
