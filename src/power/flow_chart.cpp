#include "power/flow_chart.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "core/money.hpp"

namespace ql::power {

namespace svg {

const char* const kFontFamily = "'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif";

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters other than tab/newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n') out += ' ';
        else out += ch;
    }
  }
  return out;
}

std::vector<std::string> wrap(const std::string& text, double max_width, double font_size) {
  std::vector<std::string> lines;
  std::string line;
  double width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
    if (i + len > text.size()) len = text.size() - i;
    const double w = (lead < 0x80 ? 0.55 : 1.0) * font_size;
    if (text[i] == '\n') {
      lines.push_back(line);
      line.clear();
      width = 0;
      ++i;
      continue;
    }
    if (width + w > max_width && !line.empty()) {
      lines.push_back(line);
      line.clear();
      width = 0;
      if (text[i] == ' ') {  // no leading blank on a wrapped line
        ++i;
        continue;
      }
    }
    line.append(text, i, len);
    width += w;
    i += len;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

}  // namespace svg

std::string role_label(const std::string& role, bool en) {
  static const std::map<std::string, std::pair<const char*, const char*>> names = {
      {"clerk", {"文书/报账员", "Clerk"}},
      {"secretary", {"书记(主任)", "Secretary"}},
      {"supervisor", {"监委会", "Supervisor"}},
      {"street_office", {"街道(乡镇)", "Street office"}},
      {"discipline", {"纪工委", "Discipline"}},
      {"resident", {"村民", "Resident"}},
      {"admin", {"管理员", "Administrator"}},
  };
  auto it = names.find(role);
  if (it == names.end()) return role;
  return en ? it->second.second : it->second.first;
}

std::string band_label(AmountBand b, bool en) {
  switch (b) {
    case AmountBand::none: return en ? "No amount" : "不涉及金额";
    case AmountBand::small: return en ? "Small: head approves" : "小额:书记(主任)审批";
    case AmountBand::medium: return en ? "Medium: joint meeting" : "中额:两委联席会议";
    case AmountBand::large: return en ? "Large: four deliberations" : "大额:四议两公开";
    case AmountBand::township: return en ? "Township trading centre" : "乡镇公共资源交易中心";
    case AmountBand::county: return en ? "County trading centre" : "县级公共资源交易中心";
  }
  return "";
}

std::string kind_label(StepKind k, bool en) {
  switch (k) {
    case StepKind::submit: return en ? "Submit" : "申请";
    case StepKind::approve: return en ? "Approve" : "审批";
    case StepKind::joint: return en ? "Joint" : "会签";
    case StepKind::meeting: return en ? "Meeting" : "会议";
    case StepKind::tender: return en ? "Tender" : "招标交易";
    case StepKind::disclose: return en ? "Disclose" : "公开";
    case StepKind::record: return en ? "Record" : "办理";
  }
  return "";
}

std::string level_label(RiskLevel l, bool en) {
  switch (l) {
    case RiskLevel::high: return en ? "High" : "高";
    case RiskLevel::medium: return en ? "Medium" : "中";
    case RiskLevel::low: return en ? "Low" : "低";
  }
  return "";
}

std::string meeting_body_label(const std::string& body, bool en) {
  if (body == "two_committees") return en ? "Two committees" : "两委会议";
  if (body == "party_members") return en ? "Party members' meeting" : "党员大会";
  if (body == "representatives") return en ? "Villagers' representatives" : "村民代表会议";
  return body;
}

namespace {

constexpr double kMargin = 24;
constexpr double kColumnWidth = 236;
constexpr double kSingleColumnWidth = 400;
constexpr double kBoxInset = 10;
constexpr double kNameFont = 13;
constexpr double kInfoFont = 11;
constexpr double kRowGap = 30;
constexpr double kDiamondGap = 86;

const char* level_colour(RiskLevel l) {
  switch (l) {
    case RiskLevel::high: return "#d93025";
    case RiskLevel::medium: return "#f29900";
    case RiskLevel::low: return "#f2c80f";
  }
  return "#999";
}

struct KindStyle {
  const char* fill;
  const char* stroke;
  const char* dash;
};

KindStyle style_of(StepKind k) {
  switch (k) {
    case StepKind::submit: return {"#eef3fb", "#3c6e9f", ""};
    case StepKind::approve: return {"#ffffff", "#3c6e9f", ""};
    case StepKind::joint: return {"#f4eefb", "#7b4fa6", ""};
    case StepKind::meeting: return {"#eaf5ee", "#2e7d4f", ""};
    case StepKind::tender: return {"#fff4e5", "#c77700", ""};
    case StepKind::disclose: return {"#e6f6f8", "#00838f", "5,3"};
    case StepKind::record: return {"#f6f6f6", "#666666", ""};
  }
  return {"#fff", "#333", ""};
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string range_label(AmountBand b, const Thresholds& t, bool en) {
  const auto y = [&](std::int64_t fen) { return money::format_yuan(fen) + (en ? " yuan" : " 元"); };
  switch (b) {
    case AmountBand::small: return "< " + y(t.medium_from_fen);
    case AmountBand::medium: return y(t.medium_from_fen) + " – " + y(t.large_from_fen);
    case AmountBand::large:
      return t.township_from_fen ? y(t.large_from_fen) + " – " + y(*t.township_from_fen) : "≥ " + y(t.large_from_fen);
    case AmountBand::township:
      if (!t.township_from_fen) return "";
      return t.county_from_fen ? y(*t.township_from_fen) + " – " + y(*t.county_from_fen) : "≥ " + y(*t.township_from_fen);
    case AmountBand::county: return t.county_from_fen ? "≥ " + y(*t.county_from_fen) : "";
    case AmountBand::none: return "";
  }
  return "";
}

// One drawn step: the columns it covers (as contiguous runs), its row and its text.
struct Placed {
  const FlowStep* step = nullptr;
  std::vector<int> columns;                   // sorted
  std::vector<std::pair<int, int>> runs;      // [first, last] column of each contiguous run
  int row = 0;
  std::vector<std::string> name_lines, info_lines;
  double height = 0;
  int first_risk_number = 0;
};

std::vector<std::pair<int, int>> runs_of(const std::vector<int>& cols) {
  std::vector<std::pair<int, int>> runs;
  for (int c : cols) {
    if (!runs.empty() && runs.back().second == c - 1) runs.back().second = c;
    else runs.push_back({c, c});
  }
  return runs;
}

class Writer {
 public:
  void text(double x, double y, const std::string& s, double size, const char* anchor = "start",
            const char* weight = "normal", const char* fill = "#222") {
    out_ += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(size) + "\" text-anchor=\"" + anchor +
            "\" font-weight=\"" + weight + "\" fill=\"" + fill + "\">" + svg::escape(s) + "</text>\n";
  }
  void raw(const std::string& s) { out_ += s; }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

}  // namespace

std::string render_flow_svg(const Flow& flow, const FlowChartOptions& opt) {
  const bool en = opt.english;

  // Which steps, and which columns (bands) they are drawn in.
  std::vector<const FlowStep*> steps;
  std::vector<AmountBand> columns;
  if (opt.band) {
    steps = route_for(flow, *opt.band);
    columns = {*opt.band};
  } else {
    for (const auto& s : flow.steps) steps.push_back(&s);
    std::set<AmountBand> used;
    for (const auto& s : flow.steps) used.insert(s.bands.begin(), s.bands.end());
    for (auto b : {AmountBand::none, AmountBand::small, AmountBand::medium, AmountBand::large, AmountBand::township,
                   AmountBand::county})
      if (used.count(b)) columns.push_back(b);
  }
  const bool banded = !columns.empty();
  const int ncols = banded ? static_cast<int>(columns.size()) : 1;
  const double col_w = ncols == 1 ? kSingleColumnWidth : kColumnWidth;
  const double chart_w = ncols * col_w;
  const double width = std::max(chart_w + 2 * kMargin, 680.0);
  const double x0 = (width - chart_w) / 2;
  const auto col_x = [&](int c) { return x0 + c * col_w; };
  const auto run_left = [&](std::pair<int, int> r) { return col_x(r.first) + kBoxInset; };
  const auto run_right = [&](std::pair<int, int> r) { return col_x(r.second) + col_w - kBoxInset; };
  const auto run_mid = [&](std::pair<int, int> r) { return (col_x(r.first) + col_x(r.second) + col_w) / 2; };

  // Place each step in the first row after everything before it in its columns.
  std::vector<Placed> placed;
  std::vector<int> last_row(static_cast<std::size_t>(ncols), -1);
  int risk_number = 1;
  for (const auto* s : steps) {
    Placed p;
    p.step = s;
    for (int c = 0; c < ncols; ++c) {
      const bool applies = opt.band || !banded || s->bands.empty() ||
                           std::find(s->bands.begin(), s->bands.end(), columns[static_cast<std::size_t>(c)]) !=
                               s->bands.end();
      if (applies) p.columns.push_back(c);
    }
    if (p.columns.empty()) continue;  // a band filtered out by the caller
    p.runs = runs_of(p.columns);
    int row = 0;
    for (int c : p.columns) row = std::max(row, last_row[static_cast<std::size_t>(c)] + 1);
    for (int c : p.columns) last_row[static_cast<std::size_t>(c)] = row;
    p.row = row;
    double text_w = 0;
    for (auto r : p.runs) text_w = std::max(text_w, run_right(r) - run_left(r));
    text_w = std::min(text_w, col_w - 2 * kBoxInset) - 16;  // name wraps within one column's width
    p.name_lines = svg::wrap(s->name_zh.empty() || en ? (s->name_en.empty() ? s->name_zh : s->name_en) : s->name_zh,
                             text_w - 4, kNameFont);
    std::string who;
    switch (s->kind) {
      case StepKind::submit: who = en ? "Requester" : "申请人"; break;
      case StepKind::meeting: who = (en ? "Meeting: " : "会议:") + meeting_body_label(s->meeting_body, en); break;
      case StepKind::disclose:
        who = (en ? "Disclose: " : "公开:") + s->disclose->stage + " / " + s->disclose->category;
        break;
      default:
        for (const auto& r : s->roles) who += (who.empty() ? "" : (en ? ", " : "、")) + role_label(r, en);
        if (!who.empty()) who = (s->kind == StepKind::joint ? (en ? "Co-sign: " : "会签:") : (en ? "By: " : "办理:")) + who;
    }
    if (s->kind == StepKind::disclose && !en) {
      static const std::map<std::string, std::string> zh = {{"before", "事前"},  {"during", "事中"},
                                                            {"after", "事后"},   {"party", "党务"},
                                                            {"affairs", "村务"}, {"finance", "财务"},
                                                            {"service", "服务"}};
      who = "公开:" + zh.at(s->disclose->stage) + "·" + zh.at(s->disclose->category);
    }
    for (auto& l : svg::wrap(who, text_w, kInfoFont)) p.info_lines.push_back(l);
    if (s->time_limit_days > 0)
      p.info_lines.push_back(en ? "Time limit: " + std::to_string(s->time_limit_days) + " days"
                                : "时限:" + std::to_string(s->time_limit_days) + " 天");
    if (!s->attachments.empty()) {
      std::string a;
      for (const auto& x : s->attachments) a += (a.empty() ? "" : "、") + x;
      auto lines = svg::wrap((en ? "Documents: " : "材料:") + a, text_w, kInfoFont - 1);
      if (lines.size() > 2) {
        lines.resize(2);
        lines[1] += "…";
      }
      for (auto& l : lines) p.info_lines.push_back(l);
    }
    p.first_risk_number = risk_number;
    risk_number += static_cast<int>(s->risks.size());
    p.height = 24 + p.name_lines.size() * 17.0 + p.info_lines.size() * 15.0 + 6;
    placed.push_back(std::move(p));
  }

  // Successors per step, per column: where each route goes next.
  const int nrows = placed.empty() ? 0 : placed.back().row + 1;
  std::map<std::pair<std::size_t, std::size_t>, std::vector<int>> edges;  // (from, to) -> columns
  for (int c = 0; c < ncols; ++c) {
    std::optional<std::size_t> prev;
    for (std::size_t i = 0; i < placed.size(); ++i) {
      if (!std::binary_search(placed[i].columns.begin(), placed[i].columns.end(), c)) continue;
      if (prev) edges[{*prev, i}].push_back(c);
      prev = i;
    }
  }
  // A step whose routes go on to different next steps is where the amount decides: a diamond.
  std::map<std::size_t, std::set<std::size_t>> successors;
  for (const auto& [e, cols] : edges) successors[e.first].insert(e.second);
  std::set<std::size_t> splits;
  for (const auto& [from, to] : successors)
    if (to.size() > 1) splits.insert(from);

  // Vertical layout.
  double y = kMargin;
  Writer w;
  if (!opt.title.empty()) {
    w.text(width / 2, y + 18, opt.title, 20, "middle", "bold");
    y += 30;
  }
  if (!opt.subtitle.empty()) {
    for (const auto& l : svg::wrap(opt.subtitle, width - 2 * kMargin, 12)) {
      w.text(width / 2, y + 12, l, 12, "middle", "normal", "#555");
      y += 17;
    }
  }
  y += 8;
  const double lanes_top = y;
  if (banded) y += 48;  // column headers
  std::vector<double> row_top(static_cast<std::size_t>(nrows), 0), row_h(static_cast<std::size_t>(nrows), 0);
  std::vector<bool> row_split(static_cast<std::size_t>(nrows), false);
  for (std::size_t i = 0; i < placed.size(); ++i) {
    auto r = static_cast<std::size_t>(placed[i].row);
    row_h[r] = std::max(row_h[r], placed[i].height);
    if (splits.count(i)) row_split[r] = true;
  }
  for (std::size_t r = 0; r < static_cast<std::size_t>(nrows); ++r) {
    row_top[r] = y;
    y += row_h[r] + (row_split[r] ? kDiamondGap : kRowGap);
  }
  const double lanes_bottom = y - kRowGap + 12;

  // Legend of risk points below the chart.
  struct LegendLine {
    int number;
    RiskLevel level;
    std::vector<std::string> lines;
  };
  std::vector<LegendLine> legend;
  const double legend_text_w = width - 2 * kMargin - 40;
  for (const auto& p : placed)
    for (std::size_t k = 0; k < p.step->risks.size(); ++k) {
      const auto& r = p.step->risks[k];
      std::string t = "[" + level_label(r.level, en) + "] " +
                      (en ? (p.step->name_en.empty() ? p.step->name_zh : p.step->name_en) : p.step->name_zh) + ":" +
                      r.text;
      if (!r.control.empty()) t += (en ? " — control: " : " —— 防控措施:") + r.control;
      legend.push_back({p.first_risk_number + static_cast<int>(k), r.level, svg::wrap(t, legend_text_w, 12)});
    }
  double legend_h = 0;
  if (!legend.empty()) {
    legend_h = 60;
    for (const auto& l : legend) legend_h += l.lines.size() * 17.0 + 4;
  } else {
    legend_h = 40;
  }
  const double height = lanes_bottom + 16 + legend_h + kMargin;

  std::string out;
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) + "\" height=\"" + num(height) +
         "\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" font-family=\"" + svg::escape(svg::kFontFamily) +
         "\" role=\"img\">\n";
  out += "<title>" + svg::escape(opt.title.empty() ? (en ? "Flow chart" : "流程图") : opt.title) + "</title>\n";
  out +=
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
      "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n";
  out += "<rect x=\"0\" y=\"0\" width=\"" + num(width) + "\" height=\"" + num(height) + "\" fill=\"#ffffff\"/>\n";
  out += w.str();  // title and subtitle

  // Swimlanes with their headers.
  if (banded) {
    for (int c = 0; c < ncols; ++c) {
      const auto band = columns[static_cast<std::size_t>(c)];
      out += "<rect class=\"lane\" data-band=\"" + std::string(to_string(band)) + "\" x=\"" + num(col_x(c) + 2) +
             "\" y=\"" + num(lanes_top) + "\" width=\"" + num(col_w - 4) + "\" height=\"" +
             num(lanes_bottom - lanes_top) + "\" rx=\"6\" fill=\"" + (c % 2 ? "#f7f9fc" : "#fbfbfd") +
             "\" stroke=\"#dde3ea\"/>\n";
      Writer h;
      h.text(col_x(c) + col_w / 2, lanes_top + 20, band_label(band, en), 13, "middle", "bold", "#1f3b57");
      if (opt.thresholds) {
        auto range = range_label(band, *opt.thresholds, en);
        if (!range.empty()) h.text(col_x(c) + col_w / 2, lanes_top + 38, range, 11, "middle", "normal", "#555");
      }
      out += h.str();
    }
  }

  // Arrows first so boxes sit on top of them.
  std::string arrows;
  const auto bottom_of = [&](std::size_t i) {
    return row_top[static_cast<std::size_t>(placed[i].row)] + placed[i].height;
  };
  const auto top_of = [&](std::size_t i) { return row_top[static_cast<std::size_t>(placed[i].row)]; };
  const auto line = [&](double xa, double ya, double xb, double yb, bool head) {
    arrows += "<path d=\"M" + num(xa) + "," + num(ya) + " L" + num(xb) + "," + num(yb) +
              "\" stroke=\"#555\" stroke-width=\"1.4\" fill=\"none\"" + (head ? " marker-end=\"url(#arrow)\"" : "") +
              "/>\n";
  };
  std::string diamonds;
  for (const auto& [e, cols] : edges) {
    const auto [from, to] = e;
    for (auto run : runs_of(cols)) {
      const double x = run_mid(run);
      if (splits.count(from)) {
        // From the diamond under `from` to this route's next step.
        double from_mid = 0;
        for (auto r : placed[from].runs) from_mid += run_mid(r);
        from_mid /= static_cast<double>(placed[from].runs.size());
        const double dy = bottom_of(from) + 14 + 24;  // diamond centre
        const double bus = dy + 30;
        line(from_mid, dy + 20, from_mid, bus, false);
        line(from_mid, bus, x, bus, false);
        line(x, bus, x, top_of(to), true);
      } else {
        line(x, bottom_of(from), x, top_of(to), true);
      }
    }
  }
  for (auto i : splits) {
    double mid = 0;
    for (auto r : placed[i].runs) mid += run_mid(r);
    mid /= static_cast<double>(placed[i].runs.size());
    const double top = bottom_of(i);
    const double cy = top + 14 + 24;
    line(mid, top, mid, cy - 20, true);
    diamonds += "<polygon class=\"decision\" points=\"" + num(mid) + "," + num(cy - 20) + " " + num(mid + 74) + "," +
                num(cy) + " " + num(mid) + "," + num(cy + 20) + " " + num(mid - 74) + "," + num(cy) +
                "\" fill=\"#fffbe6\" stroke=\"#b58900\" stroke-width=\"1.4\"/>\n";
    Writer d;
    d.text(mid, cy + 4, en ? "By amount" : "按金额分档", 12, "middle", "bold", "#7a5c00");
    diamonds += d.str();
  }
  out += arrows;
  out += diamonds;

  // Step boxes.
  for (const auto& p : placed) {
    const auto st = style_of(p.step->kind);
    const double top = row_top[static_cast<std::size_t>(p.row)];
    for (auto run : p.runs) {
      const double left = run_left(run), right = run_right(run);
      Writer b;
      b.raw("<g class=\"step\" data-key=\"" + svg::escape(p.step->key) + "\" data-kind=\"" + to_string(p.step->kind) +
            "\">\n");
      b.raw("<rect x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(right - left) + "\" height=\"" +
            num(p.height) + "\" rx=\"" + (p.step->kind == StepKind::submit ? "16" : "5") + "\" fill=\"" + st.fill +
            "\" stroke=\"" + st.stroke + "\" stroke-width=\"" + (p.step->kind == StepKind::joint ? "2.4" : "1.4") +
            "\"" + (*st.dash ? std::string(" stroke-dasharray=\"") + st.dash + "\"" : "") + "/>\n");
      const double cx = (left + right) / 2;
      b.text(left + 8, top + 14, kind_label(p.step->kind, en), 10, "start", "bold", st.stroke);
      double ty = top + 24 + 13;
      for (const auto& l : p.name_lines) {
        b.text(cx, ty, l, kNameFont, "middle", "bold");
        ty += 17;
      }
      for (const auto& l : p.info_lines) {
        b.text(cx, ty - 2, l, kInfoFont, "middle", "normal", "#444");
        ty += 15;
      }
      // Risk markers: numbered circles along the top edge, right to left.
      double rx = right - 12;
      for (std::size_t k = 0; k < p.step->risks.size(); ++k) {
        const auto& r = p.step->risks[k];
        b.raw("<g class=\"risk\" data-level=\"" + std::string(to_string(r.level)) + "\"><circle cx=\"" + num(rx) +
              "\" cy=\"" + num(top) + "\" r=\"9\" fill=\"" + level_colour(r.level) +
              "\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>");
        b.text(rx, top + 4, std::to_string(p.first_risk_number + static_cast<int>(k)), 10, "middle", "bold",
               r.level == RiskLevel::low ? "#333" : "#fff");
        b.raw("</g>\n");
        rx -= 21;
      }
      b.raw("</g>\n");
      out += b.str();
    }
  }

  // Legend.
  Writer l;
  double ly = lanes_bottom + 16;
  if (legend.empty()) {
    l.text(kMargin, ly + 16, en ? "No integrity risk points marked." : "本流程未标注廉政风险点。", 12, "start", "normal",
           "#555");
  } else {
    l.text(kMargin, ly + 16, en ? "Integrity risk points" : "廉政风险点", 14, "start", "bold");
    double kx = kMargin + (en ? 170 : 100);
    for (auto lv : {RiskLevel::high, RiskLevel::medium, RiskLevel::low}) {
      l.raw("<circle cx=\"" + num(kx) + "\" cy=\"" + num(ly + 11) + "\" r=\"6\" fill=\"" + level_colour(lv) + "\"/>");
      l.text(kx + 10, ly + 15, en ? level_label(lv, en) + " risk" : level_label(lv, en) + "风险", 11);
      kx += en ? 90 : 70;
    }
    ly += 34;
    for (const auto& item : legend) {
      l.raw("<circle cx=\"" + num(kMargin + 10) + "\" cy=\"" + num(ly + 8) + "\" r=\"9\" fill=\"" +
            level_colour(item.level) + "\"/>");
      l.text(kMargin + 10, ly + 12, std::to_string(item.number), 10, "middle", "bold",
             item.level == RiskLevel::low ? "#333" : "#fff");
      for (const auto& t : item.lines) {
        l.text(kMargin + 28, ly + 12, t, 12);
        ly += 17;
      }
      ly += 4;
    }
  }
  out += l.str();
  out += "</svg>\n";
  return out;
}

}  // namespace ql::power
