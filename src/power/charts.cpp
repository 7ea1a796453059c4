#include "power/charts.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "auth/scope.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "power/document.hpp"
#include "power/flow_chart.hpp"
#include "region/region.hpp"

namespace ql::power {

namespace {

PowerItemSpec spec_from_row(const store::Row& r) {
  PowerItemSpec s;
  s.code = r.get<std::string>("code");
  s.name_zh = r.get<std::string>("name_zh");
  s.name_en = r.get<std::string>("name_en");
  s.group = r.get<std::string>("item_group");
  s.kind = r.get<std::string>("kind");
  s.legal_basis = r.get<std::string>("legal_basis");
  s.description = r.get<std::string>("description");
  // Stored flows were validated when saved; parsing again keeps one definition of the shape.
  s.flow = flow_from_json(nlohmann::json::parse(r.get<std::string>("flow")));
  return s;
}

constexpr const char* kItemColumns =
    "i.id, i.code, i.name_zh, i.name_en, i.item_group, i.kind, i.legal_basis, i.description, i.region_code, "
    "f.version, f.flow";

std::string day_start_utc(Date d) {
  // A business day starts at 00:00 Asia/Shanghai (UTC+8, no daylight saving).
  return to_iso(TimePoint(d) - std::chrono::hours(8));
}

}  // namespace

Catalogue catalogue_for(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  const auto region = auth::Scope(actor).require_region(c, region_code);
  Catalogue cat;
  cat.region_code = region.code;
  cat.region_name = region.name;
  // As item.hpp's list_items: the region's own items, then its ancestors' items whose codes it
  // does not override, nearest first; a disabled item still hides an inherited one.
  std::vector<std::string> chain;
  {
    std::string part;
    for (char ch : region.path) {
      if (ch != '/') {
        part += ch;
      } else if (!part.empty()) {
        chain.insert(chain.begin(), part);
        part.clear();
      }
    }
  }
  std::set<std::string> seen;
  std::vector<std::pair<std::int64_t, CatalogueItem>> found;  // (sort, item)
  bool own = false;
  for (const auto& code : chain) {
    auto rows = c.query(std::string("SELECT ") + kItemColumns +
                            ", i.enabled, i.sort FROM power_item i JOIN power_item_flow f ON f.item_id = i.id AND "
                            "f.version = i.flow_version WHERE i.region_code = $1 ORDER BY i.sort, i.id",
                        {code});
    for (const auto& r : rows) {
      if (!seen.insert(r.get<std::string>("code")).second) continue;
      if (code == region.code) own = true;
      if (!r.get<bool>("enabled")) continue;
      found.push_back({r.get<std::int64_t>("sort"), {r.get<std::int64_t>("id"), r.get<int>("version"), spec_from_row(r)}});
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& f : found) cat.items.push_back(std::move(f.second));
  if (seen.empty()) {
    cat.source = "template";
    for (const auto& s : default_power_items()) cat.items.push_back({0, 0, s});
  } else {
    cat.source = own ? "region" : "inherited";
  }
  return cat;
}

ItemWithRegion item_flow(store::Connection& c, const auth::Principal& actor, std::int64_t item_id,
                         std::optional<int> version) {
  auto head = c.query("SELECT region_code, flow_version FROM power_item WHERE id = $1", {item_id});
  if (head.empty()) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("权力事项", "Power item");
    throw forbidden();
  }
  // As item.cpp's load_item: an ancestor's item (the street's list) is readable below it.
  const auto region = region::get(c, head.front().get<std::string>("region_code"));
  if (!(auth::Scope(actor).covers(region) || actor.region_path.starts_with(region.path))) throw forbidden();
  const int v = version.value_or(head.front().get<int>("flow_version"));
  auto rows = c.query(std::string("SELECT ") + kItemColumns +
                          " FROM power_item i JOIN power_item_flow f ON f.item_id = i.id"
                          " WHERE i.id = $1 AND f.version = $2",
                      {item_id, v});
  if (rows.empty()) throw not_found("流程版本", "Flow version");
  ItemWithRegion out;
  out.item = {item_id, v, spec_from_row(rows.front())};
  out.region_code = region.code;
  out.region_name = region.name;
  return out;
}

CatalogueItem chart_item(const Catalogue& cat, const std::string& kind) {
  // 工程变更签证 is also "works" but has no trading steps: an item of the kind that trades is
  // the trading chart, else the first of the kind.
  const auto trades = [](const CatalogueItem& i) {
    return std::any_of(i.spec.flow.steps.begin(), i.spec.flow.steps.end(),
                       [](const FlowStep& s) { return s.kind == StepKind::tender; });
  };
  const CatalogueItem* first = nullptr;
  for (const auto& i : cat.items) {
    if (i.spec.kind != kind) continue;
    if (kind != "spending" && trades(i)) return i;
    if (!first) first = &i;
  }
  if (!first) throw not_found("该类别的权力事项(" + kind + ")", "A power item of kind " + kind);
  return *first;
}

// ---- 党风廉政建设责任一览图 ----------------------------------------------------------------------

namespace {

struct Duty {
  const char* role;
  const char* title_zh;
  const char* title_en;
  const char* duty_zh;
  const char* duty_en;
  bool from_above;  // staff of the street/district above the village
};

const Duty kDuties[] = {
    {"discipline", "街道纪工委(监督责任)", "Street discipline committee (oversight)",
     "履行监督责任:监督检查村级党风廉政建设责任落实和小微权力运行,受理问题线索,开展执纪问责。",
     "Oversees how the village carries its integrity duties and uses its petty powers, takes up leads, "
     "enforces discipline.",
     true},
    {"street_office", "街道(乡镇)联系部门(指导责任)", "Street office (guidance)",
     "指导村级小微权力规范运行,审核大额资金、工程项目和三资交易,三资中心代理记账。",
     "Guides the village's petty powers, reviews large spending, works and asset deals, keeps the books.", true},
    {"secretary", "村党组织书记(第一责任人)", "Party secretary (first responsible person)",
     "对本村党风廉政建设负总责:重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要案件亲自督办。",
     "Answers for the village's integrity work: plans it, follows the major issues, coordinates the key steps.",
     false},
    {"clerk", "村两委委员(一岗双责)", "Committee members (two duties per post)",
     "抓好分管领域的党风廉政建设,如实记账、按目录公开,按流程办理小微权力事项。",
     "Keep their own fields clean, keep true books, disclose by the catalogue, follow the flows.", false},
    {"supervisor", "村务监督委员会(监督责任)", "Village affairs supervision committee (oversight)",
     "监督村务决策和公开、财务收支、工程项目和三资交易,参与会签,列席两委会议,收集群众意见。",
     "Watches decisions and disclosure, finances, works and asset deals; co-signs; sits in on meetings.", false},
};

}  // namespace

nlohmann::json responsibility(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  const auto region = auth::Scope(actor).require_region(c, region_code);
  // Ancestors from the path "/a/b/c/": every code but the village's own.
  std::vector<std::string> above;
  {
    std::string part;
    for (char ch : region.path) {
      if (ch == '/') {
        if (!part.empty() && part != region.code) above.push_back(part);
        part.clear();
      } else {
        part += ch;
      }
    }
  }
  std::string street_name;
  for (auto it = above.rbegin(); it != above.rend() && street_name.empty(); ++it)
    if (auto r = region::find(c, *it); r && r->level == region::Level::street) street_name = r->name;
  if (street_name.empty() && !above.empty())
    if (auto r = region::find(c, above.back())) street_name = r->name;

  std::map<std::string, nlohmann::json> people;
  const auto add = [&](const store::Result& rows) {
    for (const auto& r : rows)
      people[r.get<std::string>("role_code")].push_back({{"id", r.get<std::int64_t>("id")},
                                                         {"name", r.get<std::string>("display_name")},
                                                         {"region_code", r.get<std::string>("region_code")}});
  };
  add(c.query("SELECT id, display_name, role_code, region_code FROM app_user WHERE enabled = 1 AND region_code = $1 "
              "AND role_code IN ('secretary','clerk','supervisor') ORDER BY id",
              {region.code}));
  // The nearest region above with staff of a kind is the one responsible for the village.
  for (const char* role : {"discipline", "street_office"}) {
    for (auto it = above.rbegin(); it != above.rend(); ++it) {
      auto rows = c.query(
          "SELECT id, display_name, role_code, region_code FROM app_user WHERE enabled = 1 AND region_code = $1 "
          "AND role_code = $2 ORDER BY id",
          {*it, std::string(role)});
      if (!rows.empty()) {
        add(rows);
        break;
      }
    }
  }
  auto groups = nlohmann::json::array();
  for (const auto& d : kDuties) {
    auto it = people.find(d.role);
    groups.push_back({{"role", d.role},
                      {"title_zh", d.title_zh},
                      {"title_en", d.title_en},
                      {"duty_zh", d.duty_zh},
                      {"duty_en", d.duty_en},
                      {"people", it == people.end() ? nlohmann::json::array() : it->second}});
  }
  return {{"region_code", region.code}, {"region_name", region.name}, {"street_name", street_name}, {"groups", groups}};
}

std::string responsibility_svg(const nlohmann::json& data, bool en) {
  const double width = 1000, box_w = 300, margin = 24;
  const auto group = [&](const std::string& role) -> const nlohmann::json& {
    for (const auto& g : data.at("groups"))
      if (g.at("role") == role) return g;
    throw Error(ErrorKind::internal, "internal", "缺少责任组", "missing responsibility group");
  };
  struct Box {
    std::string role;
    double x, y;
    std::vector<std::string> title, names, duty;
    double h = 0;
  };
  const auto make_box = [&](const std::string& role, double x, double y) {
    const auto& g = group(role);
    Box b{role, x, y, {}, {}, {}, 0};
    b.title = svg::wrap(g.at(en ? "title_en" : "title_zh").get<std::string>(), box_w - 20, 14);
    std::string names;
    for (const auto& p : g.at("people")) names += (names.empty() ? "" : (en ? ", " : "、")) + p.at("name").get<std::string>();
    if (names.empty()) names = en ? "(nobody assigned)" : "(尚未配备)";
    b.names = svg::wrap(names, box_w - 20, 13);
    b.duty = svg::wrap(g.at(en ? "duty_en" : "duty_zh").get<std::string>(), box_w - 20, 11);
    b.h = 16 + b.title.size() * 19.0 + 6 + b.names.size() * 18.0 + 8 + b.duty.size() * 15.0 + 10;
    return b;
  };
  const double title_h = 70;
  const double row1 = title_h + 20;
  auto disc = make_box("discipline", margin + 40, row1);
  auto street = make_box("street_office", width - margin - 40 - box_w, row1);
  const double row2 = row1 + std::max(disc.h, street.h) + 60;
  auto sec = make_box("secretary", (width - box_w) / 2, row2);
  const double row3 = row2 + sec.h + 60;
  auto clerk = make_box("clerk", margin + 40, row3);
  auto sup = make_box("supervisor", width - margin - 40 - box_w, row3);
  const double height = row3 + std::max(clerk.h, sup.h) + 40;

  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"" +
                    std::to_string(static_cast<int>(height)) + "\" viewBox=\"0 0 1000 " +
                    std::to_string(static_cast<int>(height)) + "\" font-family=\"" + svg::escape(svg::kFontFamily) +
                    "\" role=\"img\">\n";
  const std::string title = data.at("region_name").get<std::string>() + (en ? " — integrity responsibility chart" : "党风廉政建设责任一览图");
  out += "<title>" + svg::escape(title) + "</title>\n";
  out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
         "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8a1c1c\"/></marker></defs>\n";
  out += "<rect width=\"1000\" height=\"" + std::to_string(static_cast<int>(height)) + "\" fill=\"#ffffff\"/>\n";
  const auto text = [&](double x, double y, const std::string& s, int size, const char* anchor, const char* weight,
                        const char* fill) {
    out += "<text x=\"" + std::to_string(static_cast<int>(x)) + "\" y=\"" + std::to_string(static_cast<int>(y)) +
           "\" font-size=\"" + std::to_string(size) + "\" text-anchor=\"" + anchor + "\" font-weight=\"" + weight +
           "\" fill=\"" + fill + "\">" + svg::escape(s) + "</text>\n";
  };
  text(width / 2, 40, title, 22, "middle", "bold", "#8a1c1c");
  if (!data.at("street_name").get<std::string>().empty())
    text(width / 2, 62, data.at("street_name").get<std::string>(), 13, "middle", "normal", "#555");
  const auto line = [&](double x1, double y1, double x2, double y2, const std::string& label) {
    out += "<path d=\"M" + std::to_string(static_cast<int>(x1)) + "," + std::to_string(static_cast<int>(y1)) + " L" +
           std::to_string(static_cast<int>(x2)) + "," + std::to_string(static_cast<int>(y2)) +
           "\" stroke=\"#8a1c1c\" stroke-width=\"1.6\" fill=\"none\" marker-end=\"url(#arrow)\"/>\n";
    text((x1 + x2) / 2 + 6, (y1 + y2) / 2, label, 11, "start", "normal", "#8a1c1c");
  };
  line(disc.x + box_w / 2, disc.y + disc.h, sec.x + 40, sec.y, en ? "oversees" : "监督");
  line(street.x + box_w / 2, street.y + street.h, sec.x + box_w - 40, sec.y, en ? "guides" : "指导");
  line(sec.x + 40, sec.y + sec.h, clerk.x + box_w / 2, clerk.y, en ? "assigns duties" : "分解责任");
  line(disc.x + 20, disc.y + disc.h, sup.x + 20, sup.y, en ? "directs oversight" : "指导监督");
  for (const auto* b : {&disc, &street, &sec, &clerk, &sup}) {
    const bool first = b->role == "secretary";
    out += "<g class=\"duty\" data-role=\"" + b->role + "\">";
    out += "<rect x=\"" + std::to_string(static_cast<int>(b->x)) + "\" y=\"" + std::to_string(static_cast<int>(b->y)) +
           "\" width=\"" + std::to_string(static_cast<int>(box_w)) + "\" height=\"" +
           std::to_string(static_cast<int>(b->h)) + "\" rx=\"8\" fill=\"" + (first ? "#fdf1f1" : "#fbfbfd") +
           "\" stroke=\"#8a1c1c\" stroke-width=\"" + (first ? "2.4" : "1.4") + "\"/>\n";
    double y = b->y + 24;
    for (const auto& l : b->title) {
      text(b->x + box_w / 2, y, l, 14, "middle", "bold", "#8a1c1c");
      y += 19;
    }
    y += 4;
    for (const auto& l : b->names) {
      text(b->x + box_w / 2, y, l, 13, "middle", "bold", "#222");
      y += 18;
    }
    y += 6;
    for (const auto& l : b->duty) {
      text(b->x + 10, y, l, 11, "start", "normal", "#444");
      y += 15;
    }
    out += "</g>\n";
  }
  out += "</svg>\n";
  return out;
}

// ---- 廉政风险点一览表 -------------------------------------------------------------------------

nlohmann::json risk_table(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  const auto cat = catalogue_for(c, actor, region_code);
  auto rows = nlohmann::json::array();
  int counts[3] = {0, 0, 0};
  int no = 0;
  for (const auto& i : cat.items)
    for (const auto& s : i.spec.flow.steps)
      for (const auto& r : s.risks) {
        auto bands = nlohmann::json::array();
        for (auto b : s.bands) bands.push_back(to_string(b));
        rows.push_back({{"no", ++no},
                        {"item_id", i.id},
                        {"item_code", i.spec.code},
                        {"item_name", i.spec.name_zh},
                        {"item_name_en", i.spec.name_en},
                        {"group", i.spec.group},
                        {"step_key", s.key},
                        {"step_name", s.name_zh},
                        {"bands", bands},
                        {"risk", r.text},
                        {"level", to_string(r.level)},
                        {"control", r.control}});
        ++counts[static_cast<int>(r.level)];
      }
  return {{"region_code", cat.region_code},
          {"region_name", cat.region_name},
          {"source", cat.source},
          {"counts", {{"high", counts[2]}, {"medium", counts[1]}, {"low", counts[0]}}},
          {"rows", rows}};
}

// ---- 内审工作核查表 --------------------------------------------------------------------------

nlohmann::json audit_checklist(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                               Date from, Date to, const PaymentFacts& payments) {
  if (to < from) throw invalid_field("to", "结束日期不能早于开始日期", "must not be before 'from'");
  const auth::Scope scope(actor);
  const auto region = scope.require_region(c, region_code);
  store::Params params;
  const auto where = scope.list_condition(c, region.code, "k.region_code", "", params);
  params.push_back(day_start_utc(from));
  const auto p_from = params.size();
  params.push_back(day_start_utc(to + std::chrono::days(1)));
  const auto p_to = params.size();
  const std::string cases = "FROM power_case k JOIN power_item i ON i.id = k.item_id WHERE " + where +
                            " AND k.created_at >= $" + std::to_string(p_from) + " AND k.created_at < $" +
                            std::to_string(p_to);
  const auto checked = c.scalar("SELECT COUNT(*) " + cases, params);

  struct Check {
    const char* code;
    const char* zh;
    const char* en;
  };
  static const Check kChecks[] = {
      {"overdue_step", "环节超时限办理", "Steps past their time limit"},
      {"joint_incomplete", "会签环节签署不全", "Joint steps without every signature"},
      {"meeting_not_passed", "会议环节未形成有效决议(人数或票数不足)", "Meetings without a valid resolution"},
      {"disclosure_missing", "公开环节未实际公开", "Disclose steps that published nothing"},
      {"step_skipped", "已办结事项存在未办理环节", "Completed cases with steps not done"},
      {"missing_attachments", "已办结环节缺少要件材料", "Steps done without their required documents"},
      {"payment_unapproved", "未经审批的例外付款", "Payments flagged as made without approval"},
      {"payment_exceeds_case", "付款超过办件审批金额", "Payments above the approved amount of their case"},
  };
  std::map<std::string, int> findings;
  auto rows = nlohmann::json::array();
  const auto add = [&](const char* code, const store::Row& r, const std::string& zh, const std::string& en) {
    ++findings[code];
    std::string check_zh;
    for (const auto& k : kChecks)
      if (std::string(k.code) == code) check_zh = k.zh;
    rows.push_back({{"check", code},
                    {"check_zh", check_zh},
                    {"case_id", r.get<std::int64_t>("case_id")},
                    {"case_number", r.get<std::string>("number")},
                    {"case_title", r.get<std::string>("title")},
                    {"item_name", r.get<std::string>("item_name")},
                    {"step_name", r.get<std::string>("step_name")},
                    {"detail_zh", zh},
                    {"detail_en", en}});
  };
  const std::string step_cols =
      "SELECT k.id AS case_id, k.number, k.title, k.status AS case_status, i.name_zh AS item_name, s.seq, "
      "s.name_zh AS step_name, s.kind, s.roles, s.status, s.due_at, s.done_at, s.disclosure_id, k.flow_id, "
      "s.step_key ";
  const std::string steps = step_cols + "FROM power_case k JOIN power_item i ON i.id = k.item_id "
                                        "JOIN power_case_step s ON s.case_id = k.id WHERE " +
                            where + " AND k.created_at >= $" + std::to_string(p_from) + " AND k.created_at < $" +
                            std::to_string(p_to);
  const auto now_text = now_iso();
  const auto days_between = [](const std::string& a, const std::string& b) {
    auto ta = parse_iso(a), tb = parse_iso(b);
    if (!ta || !tb) return 0L;
    return static_cast<long>(std::chrono::duration_cast<std::chrono::hours>(*tb - *ta).count() / 24);
  };
  // Required documents come from the flow version each case started with.
  std::map<std::int64_t, Flow> flows;
  const auto required_of = [&](std::int64_t flow_id, const std::string& key) {
    auto it = flows.find(flow_id);
    if (it == flows.end())
      it = flows
               .emplace(flow_id, flow_from_json(nlohmann::json::parse(
                                     *c.scalar("SELECT flow FROM power_item_flow WHERE id = $1", {flow_id}))))
               .first;
    for (const auto& st : it->second.steps)
      if (st.key == key) return st.attachments;
    return std::vector<std::string>{};
  };
  for (const auto& r : c.query(steps + " ORDER BY k.id, s.seq", params)) {
    const auto status = r.get<std::string>("status");
    const auto due = r.opt<std::string>("due_at");
    const auto done = r.opt<std::string>("done_at");
    const auto kind = r.get<std::string>("kind");
    const auto case_status = r.get<std::string>("case_status");
    if (due) {
      if (done && *done > *due) {
        const auto d = days_between(*due, *done);
        add("overdue_step", r, "超时限 " + std::to_string(d) + " 天办结(时限至 " + *due + ")",
            "done " + std::to_string(d) + " days after its limit (" + *due + ")");
      } else if (!done && status == "active" && case_status == "in_progress" && now_text > *due) {
        const auto d = days_between(*due, now_text);
        add("overdue_step", r, "已超时限 " + std::to_string(d) + " 天仍未办理(时限至 " + *due + ")",
            "still open " + std::to_string(d) + " days after its limit (" + *due + ")");
      }
    }
    if (kind == "joint" && status == "done") {
      std::set<std::string> required;
      for (const auto& role : nlohmann::json::parse(r.get<std::string>("roles"))) required.insert(role.get<std::string>());
      // Only the last round counts: a return for changes voids earlier signatures.
      auto sigs = c.query(
          "SELECT role FROM power_case_signature WHERE case_id = $1 AND seq = $2 AND round = "
          "(SELECT MAX(round) FROM power_case_signature WHERE case_id = $1 AND seq = $2)",
          {r.get<std::int64_t>("case_id"), r.get<std::int64_t>("seq")});
      for (const auto& sg : sigs) required.erase(sg.get<std::string>("role"));
      if (!required.empty()) {
        std::string zh, en;
        for (const auto& role : required) {
          zh += (zh.empty() ? "" : "、") + role_label(role);
          en += (en.empty() ? "" : ", ") + role_label(role, true);
        }
        add("joint_incomplete", r, "缺少签署:" + zh, "missing signatures: " + en);
      }
    }
    if (kind == "meeting" && status == "done") {
      auto passed = c.scalar("SELECT COUNT(*) FROM power_meeting WHERE case_id = $1 AND seq = $2 AND passed = 1",
                             {r.get<std::int64_t>("case_id"), r.get<std::int64_t>("seq")});
      if (!passed || *passed == "0")
        add("meeting_not_passed", r, "无到会人数和表决均达标的会议记录", "no meeting record with quorum and majority");
    }
    if (kind == "disclose" && status == "done" && r.is_null("disclosure_id"))
      add("disclosure_missing", r, "环节已办结但未关联公开记录", "done without a disclosure");
    if (case_status == "completed" && status != "done")
      add("step_skipped", r, "事项已办结,该环节状态为 " + status, "the case is completed but this step is " + status);
    if (status == "done") {
      const auto required = required_of(r.get<std::int64_t>("flow_id"), r.get<std::string>("step_key"));
      if (!required.empty()) {
        const auto missing = missing_documents(c, r.get<std::int64_t>("case_id"), r.get<std::int64_t>("seq"), required);
        if (!missing.empty()) {
          std::string zh, en;
          for (const auto& m : missing) {
            zh += (zh.empty() ? "" : "、") + m;
            en += (en.empty() ? "" : "; ") + m;
          }
          add("missing_attachments", r, "缺少材料:" + zh, "missing documents: " + en);
        }
      }
    }
  }
  if (payments.checked) {
    for (const auto& p : payments.unapproved) {
      ++findings["payment_unapproved"];
      const auto label = p.period + " 第 " + std::to_string(p.number) + " 号凭证";
      rows.push_back({{"check", "payment_unapproved"},
                      {"check_zh", "未经审批的例外付款"},
                      {"case_id", nullptr},
                      {"case_number", ""},
                      {"case_title", p.summary},
                      {"item_name", ""},
                      {"step_name", ""},
                      {"voucher_id", p.voucher_id},
                      {"detail_zh", p.region_code + " " + label + "(" + p.date + ")付款 " + money::format_yuan(p.paid_fen) +
                                        " 元未经审批,例外原因:" + p.reason},
                      {"detail_en", p.region_code + " voucher " + p.period + " no. " + std::to_string(p.number) + " (" +
                                        p.date + ") paid " + money::format_yuan(p.paid_fen) +
                                        " without approval; reason: " + p.reason}});
    }
    for (const auto& r : c.query("SELECT k.id AS case_id, k.number, k.title, i.name_zh AS item_name, k.amount_fen, "
                                 "'' AS step_name " + cases + " ORDER BY k.id",
                                 params)) {
      const auto it = payments.paid_by_ref.find(r.get<std::string>("number"));
      if (it == payments.paid_by_ref.end() || it->second <= 0) continue;
      const auto approved = r.opt<std::int64_t>("amount_fen");
      if (approved && it->second <= *approved) continue;
      const auto approved_text = approved ? money::format_yuan(*approved) : std::string("0.00");
      add("payment_exceeds_case", r,
          "引用该办件的付款合计 " + money::format_yuan(it->second) + " 元,超过审批金额 " + approved_text + " 元",
          "payments citing the case total " + money::format_yuan(it->second) + ", above the approved " + approved_text);
    }
  }
  auto checks = nlohmann::json::array();
  for (const auto& k : kChecks) {
    const std::string code = k.code;
    if (!payments.checked && code.starts_with("payment_")) continue;
    checks.push_back({{"code", k.code}, {"title_zh", k.zh}, {"title_en", k.en}, {"findings", findings[k.code]}});
  }
  return {{"region_code", region.code},   {"region_name", region.name},
          {"from", to_date_string(from)}, {"to", to_date_string(to)},
          {"cases_checked", std::stoll(checked.value_or("0"))},
          {"checks", checks},             {"rows", rows}};
}

std::string printable_page(const std::string& title, const std::string& svg_text, bool landscape) {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + svg::escape(title) +
         "</title>\n<style>\n@page { size: A4 " + (landscape ? "landscape" : "portrait") +
         "; margin: 12mm; }\nhtml, body { margin: 0; background: #fff; font-family: " + svg::kFontFamily +
         "; }\n.sheet { max-width: " + (landscape ? "273mm" : "186mm") +
         "; margin: 0 auto; padding: 8px; }\n.sheet svg { width: 100%; height: auto; display: block; }\n"
         ".hint { color: #666; font-size: 12px; margin: 8px 0; }\n"
         "@media print { .hint { display: none; } .sheet { padding: 0; max-width: none; } "
         ".sheet svg { page-break-inside: avoid; max-height: " +
         (landscape ? "180mm" : "265mm") +
         "; } }\n</style></head>\n<body><div class=\"sheet\"><p class=\"hint\">打印或另存为 PDF:Ctrl+P / ⌘P(A4)"
         "</p>\n" +
         svg_text + "</div></body></html>\n";
}

}  // namespace ql::power
