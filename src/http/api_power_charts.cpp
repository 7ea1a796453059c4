// The 三图三表 of a village (power/charts.hpp) under /api/v1/power/charts/...: the three charts
// as standalone SVG downloads or, with ?format=html, as a printable A4 page the browser prints
// to PDF; the two tables as JSON or ?format=xlsx|csv; and any item's flow chart by id.
#include "core/clock.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/export.hpp"
#include "http/input.hpp"
#include "ledger/payment_audit.hpp"
#include "power/charts.hpp"
#include "power/flow_chart.hpp"
#include "power/routing.hpp"

namespace ql::http {
namespace {

constexpr const char* kChartRead = "power:chart:read";

enum class ChartFormat { svg, html };

// ?format= of the chart routes: svg (default, a download) or html (the printable page).
ChartFormat chart_format(const Request& req) {
  auto f = query_string(req, "format", 20);
  if (!f || *f == "svg") return ChartFormat::svg;
  if (*f == "html") return ChartFormat::html;
  throw bad_request("invalid_query", "format 须为 svg 或 html", "format must be one of: svg, html", "format");
}

std::string required_region(const Request& req) {
  auto region = query_string(req, "region", 15);
  if (!region)
    throw bad_request("invalid_query", "缺少查询参数 region(村或社区代码)",
                      "Query parameter 'region' (a village's code) is required", "region");
  return *region;
}

Response chart_response(ChartFormat format, const std::string& svg_text, const std::string& title,
                        const std::string& file_zh, const std::string& file_en, bool landscape, bool english) {
  if (format == ChartFormat::html)
    return Response::text(200, power::printable_page(title, svg_text, landscape), "text/html; charset=utf-8");
  auto r = Response::text(200, svg_text, "image/svg+xml; charset=utf-8");
  r.headers["Content-Disposition"] =
      content_disposition((english ? file_en : file_zh) + ".svg", file_en + ".svg");
  return r;
}

std::optional<power::AmountBand> band_param(const Request& req) {
  auto b = query_string(req, "band", 20);
  if (!b) return std::nullopt;
  for (auto band : {power::AmountBand::none, power::AmountBand::small, power::AmountBand::medium,
                    power::AmountBand::large, power::AmountBand::township, power::AmountBand::county})
    if (*b == power::to_string(band)) return band;
  throw bad_request("invalid_query", "band 须为 none、small、medium、large、township 或 county",
                    "band must be one of: none, small, medium, large, township, county", "band");
}

// The flow chart of one catalogue item in the region, with the region's thresholds on its lanes.
Response item_chart(Call& call, ChartFormat format, const std::string& region_code, const power::CatalogueItem& item,
                    const std::string& region_name, std::optional<power::AmountBand> band, const std::string& what_zh,
                    const std::string& what_en) {
  power::FlowChartOptions opt;
  opt.english = call.english;
  opt.title = call.english ? region_name + " — " + (item.spec.name_en.empty() ? item.spec.name_zh : item.spec.name_en)
                           : region_name + item.spec.name_zh + what_zh;
  opt.subtitle = (call.english ? "Legal basis: " : "依据:") + item.spec.legal_basis +
                 (item.version > 0 ? (call.english ? "  ·  flow version " : "  ·  流程第 ") + std::to_string(item.version) +
                                         (call.english ? "" : " 版")
                                   : std::string(call.english ? "  ·  template" : "  ·  模板"));
  opt.band = band;
  opt.thresholds = power::thresholds_for(call.db, region_code, item.spec.kind);
  const auto svg = power::render_flow_svg(item.spec.flow, opt);
  return chart_response(format, svg, opt.title, region_name + "-" + item.spec.name_zh + what_zh,
                        region_code + "-" + what_en, true, call.english);
}

Date date_query(const Request& req, const std::string& name, Date fallback) {
  auto text = query_string(req, name, 10);
  if (!text) return fallback;
  auto d = parse_date(*text);
  if (!d) throw bad_request("invalid_query", name + " 须为 YYYY-MM-DD 日期", name + " must be a YYYY-MM-DD date", name);
  return *d;
}

}  // namespace

void register_power_chart_routes(Api& api) {
  api.route(Method::GET, "/api/v1/power/charts/responsibility", kChartRead, [](Call& call) {
    const auto format = chart_format(call.req);
    const auto data = power::responsibility(call.db, call.actor(), required_region(call.req));
    const auto name = data.at("region_name").get<std::string>();
    return chart_response(format, power::responsibility_svg(data, call.english),
                          call.english ? name + " — integrity responsibility chart" : name + "党风廉政建设责任一览图",
                          name + "-党风廉政建设责任一览图",
                          data.at("region_code").get<std::string>() + "-responsibility-chart", false, call.english);
  });

  api.route(Method::GET, "/api/v1/power/charts/approval", kChartRead, [](Call& call) {
    const auto format = chart_format(call.req);
    const auto band = band_param(call.req);
    const auto region = required_region(call.req);
    const auto cat = power::catalogue_for(call.db, call.actor(), region);
    return item_chart(call, format, cat.region_code, power::chart_item(cat, "spending"), cat.region_name, band,
                      "(财务审批流程图)", "financial-approval-chart");
  });

  api.route(Method::GET, "/api/v1/power/charts/trading", kChartRead, [](Call& call) {
    const auto format = chart_format(call.req);
    auto kind = query_string(call.req, "kind", 20).value_or("works");
    if (kind != "works" && kind != "purchase" && kind != "service")
      throw bad_request("invalid_query", "kind 须为 works、purchase 或 service", "kind must be one of: works, purchase, service",
                        "kind");
    const auto band = band_param(call.req);
    const auto region = required_region(call.req);
    const auto cat = power::catalogue_for(call.db, call.actor(), region);
    return item_chart(call, format, cat.region_code, power::chart_item(cat, kind), cat.region_name, band,
                      "(公共资源交易流程图)", "trading-chart-" + kind);
  });

  api.route(Method::GET, "/api/v1/power/charts/flow", kChartRead, [](Call& call) {
    const auto format = chart_format(call.req);
    auto id = query_int(call.req, "item", 1, 999'999'999'999);
    auto version = query_int(call.req, "version", 1, 1'000'000);
    const auto band = band_param(call.req);
    if (!id) throw bad_request("invalid_query", "缺少查询参数 item(权力事项 ID)", "Query parameter 'item' is required", "item");
    const auto found = power::item_flow(call.db, call.actor(), *id,
                                        version ? std::optional<int>(static_cast<int>(*version)) : std::nullopt);
    return item_chart(call, format, found.region_code, found.item, found.region_name, band, "流程图",
                      "flow-" + std::to_string(*id) + "-v" + std::to_string(found.item.version));
  });

  api.route(Method::GET, "/api/v1/power/charts/risks", kChartRead, [](Call& call) {
    const auto format = export_format(call.req);
    const auto data = power::risk_table(call.db, call.actor(), required_region(call.req));
    if (format == ExportFormat::json) return json_response(200, data);
    const auto level = [](const nlohmann::json& r, bool en) {
      const auto l = r.at("level").get<std::string>();
      if (en) return l;
      return std::string(l == "high" ? "高" : l == "medium" ? "中" : "低");
    };
    const auto bands = [](const nlohmann::json& r, bool en) {
      std::string out;
      for (const auto& b : r.at("bands")) {
        for (auto band : {power::AmountBand::none, power::AmountBand::small, power::AmountBand::medium,
                          power::AmountBand::large, power::AmountBand::township, power::AmountBand::county})
          if (b == power::to_string(band)) out += (out.empty() ? "" : en ? "; " : ";") + power::band_label(band, en);
      }
      return out.empty() ? std::string(en ? "All" : "全部") : out;
    };
    auto table = export_table(data.at("rows"),
                              {{"no", "序号", "No.", xlsx::ColumnKind::integer},
                               {"item_name", "权力事项", "Power item"},
                               {"step_name", "环节", "Step"},
                               {"bands", "适用档位", "Bands", xlsx::ColumnKind::text, bands},
                               {"risk", "廉政风险点", "Risk"},
                               {"level", "风险等级", "Level", xlsx::ColumnKind::text, level},
                               {"control", "防控措施", "Control measure"}},
                              call.english, call.english ? "Risks" : "廉政风险点");
    const auto name = data.at("region_name").get<std::string>();
    table.title = call.english ? name + " — integrity risk points" : name + "廉政风险点一览表";
    return export_response(format, table, name + "-廉政风险点一览表",
                           data.at("region_code").get<std::string>() + "-risk-points", call.english);
  });

  api.route(Method::GET, "/api/v1/power/charts/audit", kChartRead, [](Call& call) {
    const auto format = export_format(call.req);
    const auto today = business_day(now());
    const auto y = std::chrono::year_month_day{today}.year();
    const auto to = date_query(call.req, "to", today);
    const auto from = date_query(call.req, "from", std::chrono::sys_days{y / 1 / 1});
    const auto region = required_region(call.req);
    // The payment checks need the books: a reader who may not read them gets the case checks.
    const auto payments = call.actor().can("ledger:fund:read")
                              ? ledger::payment_facts(call.db, call.actor(), region, from, to)
                              : power::PaymentFacts{};
    const auto data = power::audit_checklist(call.db, call.actor(), region, from, to, payments);
    if (format == ExportFormat::json) return json_response(200, data);
    auto table = export_table(data.at("rows"),
                              {{"check_zh", "核查项目", "Check", xlsx::ColumnKind::text,
                                [](const nlohmann::json& r, bool en) {
                                  return en ? r.at("check").get<std::string>() : r.at("check_zh").get<std::string>();
                                }},
                               {"case_number", "事项编号", "Case number"},
                               {"case_title", "事项名称", "Case"},
                               {"item_name", "权力事项", "Power item"},
                               {"step_name", "环节", "Step"},
                               {"detail_zh", "问题描述", "Finding", xlsx::ColumnKind::text,
                                [](const nlohmann::json& r, bool en) {
                                  return r.at(en ? "detail_en" : "detail_zh").get<std::string>();
                                }}},
                              call.english, call.english ? "Internal audit" : "内审工作核查表");
    const auto name = data.at("region_name").get<std::string>();
    table.title = (call.english ? name + " — internal audit checklist " : name + "内审工作核查表 ") +
                  data.at("from").get<std::string>() + " ~ " + data.at("to").get<std::string>();
    return export_response(format, table, name + "-内审工作核查表",
                           data.at("region_code").get<std::string>() + "-internal-audit", call.english);
  });
}

}  // namespace ql::http
