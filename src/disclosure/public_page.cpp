#include "disclosure/public_page.hpp"

#include <array>
#include <map>
#include <string_view>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "disclosure/catalog.hpp"
#include "disclosure/markdown.hpp"
#include "disclosure/qr.hpp"

namespace ql::disclosure {
namespace {

// A community with more overdue items than this has a bigger problem than the page's length;
// the total is still stated.
constexpr int kMaxOverdueShown = 50;

struct Label {
  std::string_view code, zh;
};
constexpr std::array<Label, 4> kCategories = {
    {{"party", "党务"}, {"affairs", "村务·居务"}, {"finance", "财务"}, {"service", "服务"}}};
constexpr std::array<Label, 3> kStages = {{{"before", "事前"}, {"during", "事中"}, {"after", "事后"}}};

template <std::size_t N>
std::string_view label_of(const std::array<Label, N>& labels, std::string_view code) {
  for (const auto& l : labels)
    if (l.code == code) return l.zh;
  return code;  // the schema's CHECK constraints make this unreachable
}

// Residents read dates in Beijing time; stored times are UTC.
std::string local_date(const std::optional<std::string>& iso) {
  if (!iso) return {};
  const auto t = parse_iso(*iso);
  return t ? business_date(*t) : html_escape(*iso);
}

// Kept tiny and inline: the page must load in one round trip on a weak rural connection. The
// root font size is the only thing large mode changes, since every other size is in rem/em.
constexpr std::string_view kStyle =
    "html{font-size:17px;-webkit-text-size-adjust:100%}html.large{font-size:23px}"
    "body{margin:0;font-family:system-ui,-apple-system,\"PingFang SC\",\"Noto Sans CJK SC\","
    "\"Microsoft YaHei\",sans-serif;line-height:1.65;color:#1b1b1b;background:#f3f4f6}"
    "header{background:#a61b1b;color:#fff;padding:1rem 1rem .8rem}"
    "header h1{font-size:1.35rem;margin:0}header p{margin:.2rem 0 0;font-size:.9rem;opacity:.9}"
    "header a{color:#fff}.size{display:inline-block;margin-top:.4rem;padding:.15rem .7rem;border:1px solid #fff;"
    "border-radius:1rem;text-decoration:none}nav{display:flex;flex-wrap:wrap;gap:.4rem;padding:.6rem .75rem;background:#fff;"
    "border-bottom:1px solid #ddd}nav a{padding:.2rem .6rem;border:1px solid #a61b1b;border-radius:1rem;"
    "color:#a61b1b;text-decoration:none;font-size:.9rem}"
    "main{max-width:44rem;margin:0 auto;padding:0 .75rem 2rem}"
    "section>h2{font-size:1.15rem;margin:1.4rem 0 .5rem;padding-left:.5rem;border-left:.3rem solid #a61b1b}"
    ".body h4,.body h5,.body h6{font-size:1rem;margin:.7rem 0 .3rem}"  // body headings: markdown.hpp
    "article{background:#fff;border-radius:.5rem;padding:.8rem 1rem;margin:.7rem 0;"
    "box-shadow:0 1px 2px rgba(0,0,0,.12);overflow-wrap:anywhere}"
    "article h3{font-size:1.05rem;margin:.3rem 0}.meta{color:#555;font-size:.85rem}"
    ".stage{display:inline-block;padding:0 .45em;margin-right:.4em;border-radius:.3em;background:#fde8e6;"
    "color:#8c1d18;font-size:.8rem}.body img{max-width:100%}"
    // GFM tables (budgets, fee lists): on a narrow phone the table scrolls sideways inside the
    // card instead of squeezing every cell to one character; amounts never wrap.
    ".body table{display:block;max-width:100%;overflow-x:auto;border-collapse:collapse;font-size:.9rem;"
    "overflow-wrap:normal;margin:.5rem 0}.body th,.body td{border:1px solid #d4d4d4;padding:.3rem .5rem;"
    "vertical-align:top;min-width:3em}.body th{background:#f6f2f1;white-space:nowrap}"
    ".body td[align=right]{white-space:nowrap;font-variant-numeric:tabular-nums}"
    ".note{background:#fff7e0;padding:.3rem .6rem;border-radius:.3rem;font-size:.9rem}"
    ".proof{font-size:.85rem;margin:.4rem 0 0}.proof a{color:#1b6e3a}.empty{color:#777}"
    ".files{margin:.5rem 0 0;padding-left:1.2rem}.files a{color:#1a4f8b}"
    ".withdrawn h3{text-decoration:line-through;color:#666}footer{text-align:center;color:#777;"
    "font-size:.8rem;padding:1rem}footer a{color:#555}";

// The document shell shared by every page; title and body are already HTML.
std::string document(std::string_view title, std::string_view html_class, std::string_view style,
                     std::string_view body) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\"";
  if (!html_class.empty()) out += " class=\"" + std::string(html_class) + "\"";
  out += "><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
         "<title>";
  out += title;
  out += "</title><style>";
  out += style;
  out += "</style></head><body>";
  out += body;
  out += "</body></html>\n";
  return out;
}

std::string proof_links(std::int64_t index, std::uint64_t log_size) {
  const auto n = std::to_string(index);
  return "<p class=\"proof\"><a href=\"/log/entries/" + n + "\">已存证 ✓ 日志 #" + n +
         "</a> · <a href=\"/api/v1/log/proof/inclusion?index=" + n + "&amp;size=" + std::to_string(log_size) +
         "\">包含证明</a></p>";
}

// "1.2 MB", "35 KB", "512 B": what a resident on a metered connection wants to know first.
std::string human_size(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  const auto tenths = [](std::int64_t n, std::int64_t unit) {
    const auto t = (n * 10 + unit / 2) / unit;
    return std::to_string(t / 10) + (t % 10 ? "." + std::to_string(t % 10) : "");
  };
  if (bytes < 1024 * 1024) return tenths(bytes, 1024) + " KB";
  return tenths(bytes, 1024 * 1024) + " MB";
}

std::string_view type_label(std::string_view content_type) {
  if (content_type == "application/pdf") return "PDF";
  if (content_type == "image/png") return "PNG 图片";
  if (content_type == "image/jpeg") return "JPEG 图片";
  if (content_type == "image/gif") return "GIF 图片";
  if (content_type == "image/webp") return "WebP 图片";
  return content_type;
}

// The attachment list of each current publication of the region, as HTML by disclosure id:
// plain links to the public, content-addressed download, with type and size.
std::map<std::int64_t, std::string> attachment_lists(store::Connection& c, const std::string& region_code) {
  std::map<std::int64_t, std::string> out;
  for (const auto& a : c.query("SELECT a.disclosure_id, a.filename, a.content_type, a.size, a.sha256 "
                               "FROM disclosure_attachment a JOIN disclosure d ON d.id = a.disclosure_id "
                               "WHERE d.region_code = $1 AND d.status = 'published' ORDER BY a.id",
                               {region_code})) {
    auto& html = out[a.get<std::int64_t>(0)];
    if (html.empty()) html = "<ul class=\"files\">";
    html += "<li><a href=\"/p/" + html_escape(region_code) + "/a/" + html_escape(a.get<std::string>(4)) + "\">" +
            html_escape(a.get<std::string>(1)) + "</a> <span class=\"meta\">" +
            std::string(type_label(a.get<std::string>(2))) + " · " + human_size(a.get<std::int64_t>(3)) +
            "</span></li>";
  }
  for (auto& [id, html] : out) html += "</ul>";
  return out;
}

std::string article(const store::Row& d, std::uint64_t log_size, const std::string& files = {}) {
  const bool withdrawn = d.get<std::string>("status") == "withdrawn";
  std::string out = withdrawn ? "<article class=\"withdrawn\">" : "<article>";
  out += "<div class=\"meta\"><span class=\"stage\">" +
         std::string(label_of(kStages, d.get<std::string>("stage"))) + "</span>";
  if (withdrawn) out += std::string(label_of(kCategories, d.get<std::string>("category"))) + " · ";
  out += "发布于 " + local_date(d.opt<std::string>("published_at"));
  if (auto period = d.opt<std::string>("period")) out += " · 期间 " + html_escape(*period);
  out += "</div><h3>" + html_escape(d.get<std::string>("title")) + "</h3>";
  if (withdrawn) {
    out += "<p class=\"note\">已撤回(" + local_date(d.opt<std::string>("withdrawn_at")) +
           "):" + html_escape(d.opt<std::string>("withdrawn_reason").value_or("")) + "</p>";
  } else {
    if (auto old_title = d.opt<std::string>("old_title")) {
      out += "<p class=\"note\">本条为更正:替代 " + local_date(d.opt<std::string>("old_published_at")) +
             " 发布的《" + html_escape(*old_title) + "》";
      if (auto old_index = d.opt<std::int64_t>("old_log_index"))
        out += "(<a href=\"/log/entries/" + std::to_string(*old_index) + "\">日志 #" +
               std::to_string(*old_index) + "</a>)";
      out += "</p>";
    }
    out += "<div class=\"body\">" + markdown_to_html(d.get<std::string>("body")) + "</div>";
    out += files;
  }
  if (auto index = d.opt<std::int64_t>("log_index")) out += proof_links(*index, log_size);
  // Each current publication has its own page, where residents ask about it (no JavaScript).
  if (!withdrawn)
    out += "<p class=\"proof\"><a href=\"/p/" + html_escape(d.get<std::string>("region_code")) + "/d/" +
           std::to_string(d.get<std::int64_t>("id")) + "\">查看详情 · 留言提问</a></p>";
  return out + "</article>";
}

}  // namespace

std::string public_page_etag(store::Connection& c, const region::Region& r, std::uint64_t log_size,
                             bool large) {
  const auto catalog = c.query(
      "SELECT COUNT(i.id), MAX(i.updated_at), MAX(k.updated_at) FROM disclosure_catalog k "
      "LEFT JOIN disclosure_catalog_item i ON i.catalog_id = k.id WHERE k.region_code = $1",
      {r.code});
  const auto& row = catalog.front();
  std::string stamp;  // digits only, so the tag stays a token
  for (const auto& part : {r.updated_at, to_date_string(business_day(now())), row.opt<std::string>(1).value_or(""),
                           row.opt<std::string>(2).value_or("")})
    for (char ch : part)
      if (ch >= '0' && ch <= '9') stamp += ch;
  return "\"p" + r.code + "-" + std::to_string(log_size) + "-" + std::to_string(row.get<std::int64_t>(0)) + "-" +
         stamp + (large ? "-l" : "") + "-" QL_VERSION "\"";
}

std::string render_public_page(store::Connection& c, const region::Region& r, std::uint64_t log_size, bool large) {
  // Current (published) and withdrawn publications; superseded ones appear only as the note on
  // the correction that replaced them, so a resident sees one current version of each matter.
  const auto rows = c.query(
      "SELECT d.id, d.region_code, d.category, d.stage, d.title, d.body, d.period, d.status, d.log_index, "
      "d.published_at, "
      "d.withdrawn_reason, d.withdrawn_at, o.title AS old_title, o.published_at AS old_published_at, "
      "o.log_index AS old_log_index FROM disclosure d LEFT JOIN disclosure o ON o.id = d.supersedes_id "
      "WHERE d.region_code = $1 AND d.status IN ('published', 'withdrawn') "
      "ORDER BY d.published_at DESC, d.id DESC",
      {r.code});
  const auto files = attachment_lists(c, r.code);

  const auto name = html_escape(r.name);
  const auto self = "/p/" + html_escape(r.code);
  // The size switch is a plain link, so it works without JavaScript and can be bookmarked.
  std::string body = "<header><h1>" + name + "</h1><p>三务公开 · 一码公开</p>";
  body += large ? "<a class=\"size\" href=\"" + self + "\">标准字号</a>"
                : "<a class=\"size\" href=\"" + self + "?large=1\">大字版 A+</a>";
  body += "</header><nav>";
  for (const auto& cat : kCategories)
    body += "<a href=\"#" + std::string(cat.code) + "\">" + std::string(cat.zh) + "</a>";
  body += "</nav><main>";

  for (const auto& cat : kCategories) {
    body += "<section id=\"" + std::string(cat.code) + "\"><h2>" + std::string(cat.zh) + "公开</h2>";
    bool any = false;
    for (const auto& d : rows) {
      if (d.get<std::string>("status") != "published" || d.get<std::string>("category") != cat.code) continue;
      const auto it = files.find(d.get<std::int64_t>("id"));
      body += article(d, log_size, it == files.end() ? std::string() : it->second);
      any = true;
    }
    if (!any) body += "<p class=\"empty\">暂无公开内容</p>";
    body += "</section>";
  }

  // Shown honestly: what the catalogue says is due and has not been published (immediate items
  // have no fixed due date and cannot appear here).
  const auto today = business_day(now());
  const auto overdue = list_overdue(c, auth::system_principal("public"), r.code, today,
                                    PageRequest{1, kMaxOverdueShown, "days_overdue", true});
  if (overdue["total"].get<std::int64_t>() > 0) {
    body += "<section id=\"overdue\"><h2>应公开未公开</h2><p class=\"note\">截至 " + to_date_string(today) + ",共 " +
            std::to_string(overdue["total"].get<std::int64_t>()) + " 项逾期未公开:</p><ul class=\"overdue\">";
    for (const auto& o : overdue["items"])
      body += "<li>" + html_escape(o["item_title"].get<std::string>()) + "(" + html_escape(o["period"].get<std::string>()) +
              ")应于 " + html_escape(o["due_date"].get<std::string>()) + " 前公开,已逾期 " +
              std::to_string(o["days_overdue"].get<std::int64_t>()) + " 天</li>";
    body += "</ul></section>";
  }

  std::string withdrawn;
  for (const auto& d : rows)
    if (d.get<std::string>("status") == "withdrawn") withdrawn += article(d, log_size);
  if (!withdrawn.empty()) body += "<section id=\"withdrawn\"><h2>已撤回</h2>" + withdrawn + "</section>";

  body += "</main><footer>每条公开内容均已写入防篡改公开日志,可凭日志编号核验。<br><a href=\"" + self +
          "/poster\">打印二维码海报</a></footer>";
  return document(name + " · 三务公开", large ? "large" : "", kStyle, body);
}

std::string render_poster(const region::Region& r, const std::string& page_url) {
  // Printed in colour or black and white on A4 and read from a metre away, so big type, the
  // QR code about 12 cm wide, and nothing that depends on screen-only features.
  constexpr std::string_view style =
      "@page{size:A4;margin:15mm}html{font-size:16px}body{margin:0;font-family:\"Noto Sans CJK SC\","
      "\"PingFang SC\",\"Microsoft YaHei\",sans-serif;text-align:center;color:#000}"
      ".sheet{max-width:180mm;margin:0 auto;padding:10mm 0}h1{font-size:2.6rem;margin:0 0 .5rem}"
      "h2{font-size:2rem;margin:0 0 8mm;color:#a61b1b}.qr{width:120mm;max-width:90vw;margin:0 auto}"
      ".qr svg{width:100%;height:auto;display:block}.url{font-size:1.1rem;word-break:break-all;margin-top:6mm}"
      ".hint{font-size:1rem;color:#333;margin-top:4mm}@media print{.noprint{display:none}}";
  const auto name = html_escape(r.name);
  std::string body = "<div class=\"sheet\"><h1>" + name + "</h1><h2>扫码查看三务公开</h2><div class=\"qr\">" +
                     qr_svg(page_url).svg + "</div><p class=\"url\">" + html_escape(page_url) +
                     "</p><p class=\"hint\">党务 · 村务·居务 · 财务 · 服务 公开内容均可核验</p>"
                     "<p class=\"noprint\"><a href=\"/p/" + html_escape(r.code) + "\">返回公开页</a></p></div>";
  return document(name + " · 二维码海报", "", style, body);
}

std::string resident_document(std::string_view title, bool large, std::string_view extra_style,
                              std::string_view body, std::string_view lang) {
  std::string out = document(html_escape(title), large ? "large" : "", std::string(kStyle) + std::string(extra_style), body);
  if (lang != "zh-CN") {
    const std::string from = "<html lang=\"zh-CN\"";
    out.replace(out.find(from), from.size(), "<html lang=\"" + html_escape(lang) + "\"");
  }
  return out;
}

std::string render_not_found_page() {
  return document("未找到", "", kStyle,
                  "<header><h1>未找到该社区</h1></header><main><p>请核对二维码或网址。"
                  "如二维码已损坏,请联系社区居委会或村委会。</p></main>");
}

std::string render_attachment_gone_page(const std::string& region_code) {
  return document("附件已不再公开", "", kStyle,
                  "<header><h1>附件已不再公开</h1></header><main><p>该附件所属的公开事项已撤回或已被更正,"
                  "此文件不再公开。撤回和更正的记录保留在公开日志中。</p><p><a href=\"/p/" +
                      html_escape(region_code) + "\">查看本社区当前的公开内容</a></p></main>");
}

}  // namespace ql::disclosure
