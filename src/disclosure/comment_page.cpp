#include "disclosure/comment_page.hpp"

#include <string_view>

#include "core/clock.hpp"
#include "disclosure/comment.hpp"
#include "disclosure/markdown.hpp"
#include "disclosure/public_page.hpp"

namespace ql::disclosure {
namespace {

// Every string the page shows, in both languages; the publication itself is shown as written.
struct Strings {
  std::string_view subtitle, back, large_on, large_off, other_lang, published_on, period, stage_before,
      stage_during, stage_after, superseded, see_correction, withdrawn, logged, comments, no_comments, question,
      comment, anonymous, answer, awaiting, form_title, kind, body, body_hint, name, name_hint, anonymous_box,
      submit, privacy, sent, closed;
};

constexpr Strings kZh = {
    "三务公开 · 留言提问", "返回本社区公开页", "大字版 A+", "标准字号", "English", "发布于 ", "期间 ", "事前", "事中",
    "事后", "本条已被更正,请查看更正后的内容。", "查看更正后的公开内容", "本条已撤回", "已存证 ✓ 日志 #",
    "居民留言与答复", "暂无公开的留言。", "提问", "留言", "匿名居民", "答复", "待答复", "我要提问或留言", "类型",
    "内容", "2 到 500 字。请勿填写身份证号、电话等个人信息。", "称呼(可不填)", "例如:王大爷、3 号楼住户",
    "匿名提交(不显示称呼)", "提交", "留言经社区监督委员会审核后公开,答复也将在本页公开。每人 10 分钟内最多 5 条。",
    "已提交，审核后公开。感谢您的监督！", "本条不再接受留言。"};

constexpr Strings kEn = {
    "Public affairs · Questions and comments", "Back to the community page", "Large text A+", "Standard text",
    "中文", "Published ", "Period ", "Before", "During", "After",
    "This disclosure was corrected; please read the corrected version.", "Read the correction",
    "Withdrawn", "Logged ✓ entry #", "Residents' questions and answers", "No published comments yet.", "Question",
    "Comment", "Anonymous resident", "Answer", "Awaiting an answer", "Ask a question or leave a comment", "Type",
    "Text", "2 to 500 characters. Do not write ID numbers, phone numbers or other personal data.",
    "Your name (optional)", "e.g. Mr Wang, building 3", "Submit anonymously (no name shown)", "Submit",
    "Comments are published after review by the community's supervision committee; answers appear on this page. "
    "At most 5 submissions per 10 minutes.",
    "Submitted. It will be shown after review. Thank you!", "This disclosure takes no more comments."};

constexpr std::string_view kStyle =
    ".ok{background:#e7f6ec;color:#14532d;padding:.6rem .8rem;border-radius:.4rem;margin:.8rem 0;font-size:1.05rem}"
    ".error{background:#fdecea;color:#8c1d18;padding:.6rem .8rem;border-radius:.4rem;margin:.6rem 0}"
    ".comment{background:#fff;border-radius:.5rem;padding:.7rem 1rem;margin:.6rem 0;box-shadow:0 1px 2px rgba(0,0,0,.12);"
    "overflow-wrap:anywhere}.comment .text,.answer .text{white-space:pre-wrap;margin:.3rem 0}"
    ".kind{display:inline-block;padding:0 .45em;margin-right:.4em;border-radius:.3em;background:#e8eefc;color:#1d3c8c;"
    "font-size:.8rem}.answer{border-left:.25rem solid #1b6e3a;background:#f1f8f3;padding:.4rem .7rem;margin-top:.5rem}"
    ".answer b{color:#1b6e3a}.awaiting{color:#777;font-size:.85rem}"
    "form{background:#fff;border-radius:.5rem;padding:.8rem 1rem;box-shadow:0 1px 2px rgba(0,0,0,.12)}"
    "fieldset{border:0;margin:0 0 .7rem;padding:0}legend,label.field{display:block;font-weight:600;margin:.5rem 0 .3rem}"
    "textarea,input[type=text]{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #999;"
    "border-radius:.3rem}textarea{min-height:8rem}.invalid{border-color:#c0392b;border-width:2px}"
    ".choice{display:inline-flex;align-items:center;gap:.3rem;margin-right:1.2rem;min-height:2.5rem}"
    ".choice input{width:1.3rem;height:1.3rem}.hint{color:#555;font-size:.85rem;margin:.2rem 0}"
    "button{font:inherit;font-size:1.1rem;background:#a61b1b;color:#fff;border:0;border-radius:.4rem;"
    "padding:.6rem 2rem;margin-top:.6rem;min-height:2.8rem}.lang{margin-left:.6rem}";

std::string esc(std::string_view s) { return html_escape(s); }

std::string date_of(const nlohmann::json& iso) {
  if (!iso.is_string()) return {};
  const auto t = parse_iso(iso.get<std::string>());
  return t ? business_date(*t) : esc(iso.get<std::string>());
}

std::string_view stage_label(const Strings& t, const std::string& stage) {
  return stage == "before" ? t.stage_before : stage == "during" ? t.stage_during : t.stage_after;
}

std::string comment_html(const Strings& t, const nlohmann::json& m) {
  const bool question = m["kind"] == "question";
  const auto author = m["author"].get<std::string>();
  std::string out = "<div class=\"comment\"><div class=\"meta\"><span class=\"kind\">" +
                    std::string(question ? t.question : t.comment) + "</span>" +
                    (author.empty() ? std::string(t.anonymous) : esc(author)) + " · " + date_of(m["created_at"]) +
                    "</div><p class=\"text\">" + esc(m["body"].get<std::string>()) + "</p>";
  if (m["answer"].is_string())
    out += "<div class=\"answer\"><b>" + std::string(t.answer) + "</b> <span class=\"meta\">" +
           date_of(m["answered_at"]) + "</span><p class=\"text\">" + esc(m["answer"].get<std::string>()) +
           "</p></div>";
  else if (question)
    out += "<p class=\"awaiting\">" + std::string(t.awaiting) + "</p>";
  return out + "</div>";
}

std::string form_html(const Strings& t, const CommentPage& p, const std::string& action) {
  const auto& f = p.form;
  const auto invalid = [&](std::string_view field) { return f.error_field == field ? " invalid" : ""; };
  const auto radio = [&](std::string_view value, std::string_view label) {
    return "<label class=\"choice\"><input type=\"radio\" name=\"kind\" value=\"" + std::string(value) + "\"" +
           (f.kind == value ? " checked" : "") + "> " + std::string(label) + "</label>";
  };
  std::string out = "<section id=\"ask\"><h2>" + std::string(t.form_title) + "</h2>";
  if (!f.error.empty()) out += "<p class=\"error\" role=\"alert\" id=\"form-error\">" + esc(f.error) + "</p>";
  out += "<form method=\"post\" action=\"" + esc(action) + "\" accept-charset=\"utf-8\">";
  out += "<input type=\"hidden\" name=\"form_token\" value=\"" + esc(f.token) + "\">";
  if (p.large) out += "<input type=\"hidden\" name=\"large\" value=\"1\">";
  if (p.english) out += "<input type=\"hidden\" name=\"lang\" value=\"en\">";
  out += "<fieldset><legend>" + std::string(t.kind) + "</legend>" + radio("question", t.question) +
         radio("comment", t.comment) + "</fieldset>";
  out += "<label class=\"field\" for=\"body\">" + std::string(t.body) + "</label>";
  out += "<textarea id=\"body\" name=\"body\" class=\"" + std::string(invalid("body")) + "\" required minlength=\"" +
         std::to_string(kCommentMinChars) + "\" maxlength=\"" + std::to_string(kCommentMaxChars) +
         "\" aria-describedby=\"body-hint\">" + esc(f.body) + "</textarea>";
  out += "<p class=\"hint\" id=\"body-hint\">" + std::string(t.body_hint) + "</p>";
  out += "<label class=\"field\" for=\"name\">" + std::string(t.name) + "</label>";
  out += "<input type=\"text\" id=\"name\" name=\"name\" class=\"" + std::string(invalid("name")) +
         "\" maxlength=\"" + std::to_string(kAuthorMaxChars) + "\" placeholder=\"" + std::string(t.name_hint) +
         "\" value=\"" + esc(f.name) + "\" autocomplete=\"off\">";
  out += "<label class=\"choice\"><input type=\"checkbox\" name=\"anonymous\" value=\"1\"" +
         std::string(f.anonymous ? " checked" : "") + "> " + std::string(t.anonymous_box) + "</label>";
  out += "<p class=\"hint\">" + std::string(t.privacy) + "</p>";
  out += "<button type=\"submit\">" + std::string(t.submit) + "</button></form></section>";
  return out;
}

}  // namespace

std::string comment_page_url(const std::string& region_code, std::int64_t id, bool large, bool english, bool sent) {
  std::string url = "/p/" + region_code + "/d/" + std::to_string(id);
  std::string query;
  if (sent) query += "&sent=1";
  if (large) query += "&large=1";
  if (english) query += "&lang=en";
  if (!query.empty()) url += "?" + query.substr(1);
  return url;
}

std::string render_comment_page(const CommentPage& p) {
  const Strings& t = p.english ? kEn : kZh;
  const auto& d = p.disclosure;
  const auto id = d["id"].get<std::int64_t>();
  const auto code = p.region.code;
  const auto status = d["status"].get<std::string>();
  const auto title = d["title"].get<std::string>();

  std::string body = "<header><h1>" + esc(p.region.name) + "</h1><p>" + std::string(t.subtitle) + "</p>";
  body += "<a class=\"size\" href=\"" + esc(comment_page_url(code, id, !p.large, p.english)) + "\">" +
          std::string(p.large ? t.large_off : t.large_on) + "</a>";
  body += "<a class=\"size lang\" href=\"" + esc(comment_page_url(code, id, p.large, !p.english)) + "\">" +
          std::string(t.other_lang) + "</a></header><main>";
  body += "<p><a href=\"/p/" + esc(code) + (p.large ? "?large=1" : "") + "\">← " + std::string(t.back) + "</a></p>";
  if (p.form.sent) body += "<p class=\"ok\" role=\"status\" id=\"sent\">" + std::string(t.sent) + "</p>";

  body += status == "withdrawn" ? "<article class=\"withdrawn\">" : "<article>";
  body += "<div class=\"meta\"><span class=\"stage\">" + std::string(stage_label(t, d["stage"].get<std::string>())) +
          "</span>" + std::string(t.published_on) + date_of(d["published_at"]);
  if (d["period"].is_string()) body += " · " + std::string(t.period) + esc(d["period"].get<std::string>());
  body += "</div><h3>" + esc(title) + "</h3>";
  if (status == "withdrawn") {
    body += "<p class=\"note\">" + std::string(t.withdrawn) + " (" + date_of(d["withdrawn_at"]) + "): " +
            esc(d["withdrawn_reason"].is_string() ? d["withdrawn_reason"].get<std::string>() : "") + "</p>";
  } else {
    if (status == "superseded") {
      body += "<p class=\"note\">" + std::string(t.superseded);
      if (d["corrected_by"].is_number())
        body += " <a href=\"" + esc(comment_page_url(code, d["corrected_by"].get<std::int64_t>(), p.large, p.english)) +
                "\">" + std::string(t.see_correction) + "</a>";
      body += "</p>";
    }
    body += "<div class=\"body\">" + markdown_to_html(d["body"].get<std::string>()) + "</div>";
  }
  if (d["log_index"].is_number()) {
    const auto n = std::to_string(d["log_index"].get<std::int64_t>());
    body += "<p class=\"proof\"><a href=\"/log/entries/" + n + "\">" + std::string(t.logged) + n + "</a></p>";
  }
  body += "</article>";

  // Withdrawn content is no longer a matter for discussion on the page.
  if (status != "withdrawn") {
    body += "<section id=\"comments\"><h2>" + std::string(t.comments) + "</h2>";
    if (p.comments.empty()) body += "<p class=\"empty\">" + std::string(t.no_comments) + "</p>";
    for (const auto& m : p.comments) body += comment_html(t, m);
    body += "</section>";
  }
  if (status == "published")
    body += form_html(t, p, "/p/" + code + "/d/" + std::to_string(id) + "/comments");
  else if (status == "superseded")
    body += "<p class=\"empty\">" + std::string(t.closed) + "</p>";
  body += "</main>";
  return resident_document(title + " · " + p.region.name, p.large, kStyle, body, p.english ? "en" : "zh-CN");
}

}  // namespace ql::disclosure
