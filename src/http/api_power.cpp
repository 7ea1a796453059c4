// Routes of the petty-power module (小微权力): /api/v1/power/items (catalogue and versioned
// flows), /rules (thresholds by amount), /route (preview), /cases (+ actions), /overdue and
// /seal-uses. Design: docs/POWER.md. The 三图三表 are in api_power_charts.cpp.
#include <map>

#include "core/error.hpp"
#include "http/api.hpp"
#include "http/export.hpp"
#include "http/input.hpp"
#include "http/list_route.hpp"
#include "http/stored_file.hpp"
#include "power/case.hpp"
#include "power/document.hpp"
#include "power/item.hpp"

namespace ql::http {
namespace {

constexpr std::int64_t kMaxFen = 99'999'999'999'999;

std::string required_region(const Request& req) {
  auto region = query_string(req, "region", 15);
  if (!region) throw bad_request("invalid_query", "缺少查询参数 region", "Query parameter 'region' is required", "region");
  return *region;
}

const CodeLabels kStatus = {
    {"in_progress", {"办理中", "in progress"}},
    {"returned", {"退回修改", "returned"}},
    {"rejected", {"已驳回", "rejected"}},
    {"completed", {"已办结", "completed"}}};
const CodeLabels kBand = {
    {"none", {"不涉及金额", "no amount"}}, {"small", {"小额", "small"}},
    {"medium", {"联席会议", "joint meeting"}}, {"large", {"四议两公开", "four deliberations"}},
    {"township", {"乡镇交易中心", "township centre"}}, {"county", {"县级交易中心", "county centre"}}};

const std::vector<ExportColumn>& case_columns() {
  using K = xlsx::ColumnKind;
  static const std::vector<ExportColumn> c = {
      {"number", "办件编号", "Number"},
      {"item_name", "权力事项", "Item"},
      {"title", "事项名称", "Title"},
      {"amount_fen", "金额(元)", "Amount", K::money},
      {"band", "审批路径", "Route", K::text, labelled("band", kBand)},
      {"status", "状态", "Status", K::text, labelled("status", kStatus)},
      {"current_step_name", "当前环节", "Current step"},
      {"current_due_at", "办理时限", "Due", K::datetime},
      {"overdue", "超时", "Overdue"},
      {"requester_name", "申请人", "Requester"},
      {"region_name", "所属村社", "Village"},
      {"created_at", "发起时间", "Started", K::datetime},
      {"completed_at", "办结时间", "Closed", K::datetime}};
  return c;
}

power::CaseInput read_case_input(JsonInput& in) {
  power::CaseInput c;
  c.item = in.required_string("item", 64);  // a code, or an id written as digits
  c.region_code = in.required_string("region", 15);
  return c;
}

}  // namespace

void register_power_routes(Api& api, const disclosure::LogIdentity& log) {
  // ---- Catalogue
  api.route(Method::GET, "/api/v1/power/items", power::kItemRead, [](Call& call) {
    const auto enabled = query_bool(call.req, "enabled").value_or(false);
    return json_response(200, power::list_items(call.db, call.actor(), required_region(call.req), enabled));
  });

  api.route(Method::POST, "/api/v1/power/items/init", power::kItemWrite, [](Call& call) {
    return json_response(201, power::init_items(call.db, call.actor(), required_region(call.req)));
  });

  api.route(Method::POST, "/api/v1/power/items", power::kItemWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    power::ItemInput i;
    i.region_code = in.required_string("region", 15);
    i.code = in.required_string("code", 64);
    i.name_zh = in.required_string("name_zh", 50);
    i.name_en = in.optional_string("name_en", 100).value_or("");
    i.group = in.required_string("group", 20);
    i.kind = in.required_string("kind", 20);
    i.legal_basis = in.optional_string("legal_basis", 500, TextKind::multiline).value_or("");
    i.description = in.optional_string("description", 2000, TextKind::multiline).value_or("");
    i.sort = static_cast<int>(in.optional_int("sort", 0, 100000).value_or(0));
    const auto* flow = in.raw("flow");
    if (!flow) throw invalid_field("flow", "不能为空", "is required");
    i.flow = *flow;
    in.finish();
    return json_response(201, power::create_item(call.db, call.actor(), i));
  });

  api.route(Method::GET, "/api/v1/power/items/{id}", power::kItemRead, [](Call& call) {
    const auto v = query_int(call.req, "version", 1, 100000);
    return json_response(200, power::get_item(call.db, call.actor(), path_id(call.req, "id"),
                                              v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt));
  });

  api.route(Method::PATCH, "/api/v1/power/items/{id}", power::kItemWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    power::ItemPatch p;
    p.name_zh = in.optional_string("name_zh", 50);
    p.name_en = in.optional_string("name_en", 100);
    p.group = in.optional_string("group", 20);
    p.kind = in.optional_string("kind", 20);
    p.legal_basis = in.optional_string("legal_basis", 500, TextKind::multiline);
    p.description = in.optional_string("description", 2000, TextKind::multiline);
    p.enabled = in.optional_bool("enabled");
    if (auto s = in.optional_int("sort", 0, 100000)) p.sort = static_cast<int>(*s);
    in.finish();
    return json_response(200, power::update_item(call.db, call.actor(), path_id(call.req, "id"), p));
  });

  api.route(Method::PUT, "/api/v1/power/items/{id}/flow", power::kItemWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    const auto* flow = in.raw("flow");
    if (!flow) throw invalid_field("flow", "不能为空", "is required");
    const auto f = *flow;
    in.finish();
    return json_response(200, power::put_flow(call.db, call.actor(), path_id(call.req, "id"), f));
  });

  api.route(Method::GET, "/api/v1/power/items/{id}/versions", power::kItemRead, [](Call& call) {
    return json_response(200, power::list_versions(call.db, call.actor(), path_id(call.req, "id")));
  });

  // ---- Routing rules
  api.route(Method::GET, "/api/v1/power/rules", power::kItemRead, [](Call& call) {
    return json_response(200, power::get_rules(call.db, call.actor(), required_region(call.req)));
  });

  api.route(Method::PUT, "/api/v1/power/rules", power::kItemWrite, [](Call& call) {
    const auto region = required_region(call.req);
    auto in = JsonInput::parse(call.req);
    const auto* rules = in.raw("rules");
    if (!rules) throw invalid_field("rules", "不能为空", "is required");
    const auto r = *rules;
    in.finish();
    return json_response(200, power::put_rules(call.db, call.actor(), region, r));
  });

  // ---- Cases
  api.route(Method::GET, "/api/v1/power/route", power::kCaseStart, [](Call& call) {
    // Every present parameter is checked before a missing one is reported, so a client fixing
    // its errors one by one never sees a value it sent rejected second.
    power::CaseInput c;
    auto item = query_string(call.req, "item", 64);
    c.amount_fen = query_int(call.req, "amount_fen", 0, kMaxFen);
    c.region_code = required_region(call.req);
    if (!item) throw bad_request("invalid_query", "缺少查询参数 item", "Query parameter 'item' is required", "item");
    c.item = *item;
    return json_response(200, power::preview_route(call.db, call.actor(), c));
  });

  api.route(Method::GET, "/api/v1/power/cases", power::kCaseRead, [](Call& call) {
    auto page = parse_paging(call.req, {"created_at", "number", "amount_fen", "updated_at"}, "-created_at");
    power::CaseFilter f;
    f.region = query_string(call.req, "region", 15);
    f.status = query_string(call.req, "status", 20);
    f.item = query_string(call.req, "item", 64);
    f.band = query_string(call.req, "band", 20);
    f.q = query_string(call.req, "q", 50);
    f.overdue = query_bool(call.req, "overdue").value_or(false);
    f.mine = query_bool(call.req, "mine").value_or(false);
    f.todo = query_bool(call.req, "todo").value_or(false);
    return list_or_export(
        call.req, call.english, page, [&](const PageRequest& p) { return power::list_cases(call.db, call.actor(), f, p); },
        {case_columns(), "小微权力办件", "Cases", "小微权力办件", "power-cases"});
  });

  api.route(Method::POST, "/api/v1/power/cases", power::kCaseStart, [&log](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto c = read_case_input(in);
    c.title = in.required_string("title", 100);
    c.description = in.optional_string("description", 2000, TextKind::multiline).value_or("");
    c.amount_fen = in.optional_int("amount_fen", 0, kMaxFen);
    c.counterparty = in.optional_string("counterparty", 100).value_or("");
    in.finish();
    return json_response(201, power::start_case(call.db, call.actor(), log, c));
  });

  api.route(Method::GET, "/api/v1/power/cases/{id}", power::kCaseRead, [](Call& call) {
    return json_response(200, power::get_case(call.db, call.actor(), path_id(call.req, "id")));
  });

  api.route(Method::PATCH, "/api/v1/power/cases/{id}", power::kCaseStart, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    power::CasePatch p;
    p.title = in.optional_string("title", 100);
    p.description = in.optional_string("description", 2000, TextKind::multiline);
    p.counterparty = in.optional_string("counterparty", 100);
    p.amount_fen = in.optional_int("amount_fen", 0, kMaxFen);
    in.finish();
    return json_response(200, power::update_case(call.db, call.actor(), path_id(call.req, "id"), p));
  });

  // Acting needs power:case:act, except the requester's resubmission (power:case:start): the
  // service checks which one applies, so the route only requires a login.
  api.route(Method::POST, "/api/v1/power/cases/{id}/actions", Api::kLoggedIn, [&log](Call& call) {
    auto in = JsonInput::parse(call.req);
    power::ActionInput a;
    a.step = in.required_string("step", 32);
    a.action = in.required_string("action", 20);
    a.comment = in.optional_string("comment", 500, TextKind::multiline).value_or("");
    if (const auto* m = in.raw("meeting")) {
      if (!m->is_object()) throw invalid_field("meeting", "须为对象", "must be an object");
      a.meeting = nested("meeting", [&] {
        JsonInput j(*m);
        power::MeetingInput r;
        r.members_total = j.required_int("members_total", 1, 10000);
        r.present = j.required_int("present", 0, 10000);
        r.votes_for = j.required_int("votes_for", 0, 10000);
        r.votes_against = j.optional_int("votes_against", 0, 10000).value_or(0);
        r.votes_abstain = j.optional_int("votes_abstain", 0, 10000).value_or(0);
        r.attendees = j.optional_string("attendees", 2000, TextKind::multiline).value_or("");
        r.held_at = j.optional_string("held_at", 30).value_or("");
        r.resolution = j.optional_string("resolution", 2000, TextKind::multiline).value_or("");
        j.finish();
        return r;
      });
    }
    if (const auto* t = in.raw("tender")) {
      if (!t->is_object()) throw invalid_field("tender", "须为对象", "must be an object");
      a.tender = nested("tender", [&] {
        JsonInput j(*t);
        power::TenderInput r;
        r.winner = j.required_string("winner", 100);
        r.price_fen = j.optional_int("price_fen", 0, kMaxFen);
        r.bidders = j.optional_int("bidders", 0, 1000).value_or(0);
        j.finish();
        return r;
      });
    }
    in.finish();
    return json_response(200, power::act(call.db, call.actor(), log, path_id(call.req, "id"), a));
  });

  // ---- Case documents (办件材料). The body is the file itself, as for publication attachments;
  // ?step= names the step, ?document= which of its required documents the file is. Who may
  // upload or delete depends on the step and the uploader, which the service checks.
  api.route(Method::POST, "/api/v1/power/cases/{id}/documents", power::kCaseRead, [](Call& call) {
    // Each parameter given with a bad value is named before any that is missing.
    power::DocumentUpload u;
    auto step = query_string(call.req, "step", 32);
    u.document = query_string(call.req, "document", power::kMaxDocumentNameChars).value_or("");
    const bool named = call.req.query_param("filename").has_value();
    if (named) u.filename = upload_filename(call.req);
    if (!step) throw bad_request("invalid_query", "缺少查询参数 step", "Query parameter 'step' is required", "step");
    u.step = *step;
    if (!named) u.filename = upload_filename(call.req);
    u.declared_type = call.req.header("Content-Type");
    u.content = std::move(call.req.body);
    return json_response(201, power::add_document(call.db, call.actor(), path_id(call.req, "id"), u));
  });

  api.route(Method::GET, "/api/v1/power/cases/{id}/documents", power::kCaseRead, [](Call& call) {
    return json_response(200, power::list_documents(call.db, call.actor(), path_id(call.req, "id"),
                                                    query_string(call.req, "step", 32)));
  });

  api.route(Method::GET, "/api/v1/power/cases/{id}/documents/{doc_id}", power::kCaseRead, [](Call& call) {
    return stored_file_response(
        power::read_document(call.db, call.actor(), path_id(call.req, "id"), path_id(call.req, "doc_id")));
  });

  api.route(Method::DELETE, "/api/v1/power/cases/{id}/documents/{doc_id}", power::kCaseRead, [](Call& call) {
    power::delete_document(call.db, call.actor(), path_id(call.req, "id"), path_id(call.req, "doc_id"));
    return Response::no_content();
  });

  api.route(Method::GET, "/api/v1/power/overdue", power::kCaseRead, [](Call& call) {
    return json_response(200, power::overdue_cases(call.db, call.actor(), required_region(call.req)));
  });

  // ---- Seal use
  api.route(Method::GET, "/api/v1/power/seal-uses", power::kCaseRead, [](Call& call) {
    auto page = parse_paging(call.req, {"stamped_at", "created_at"}, "-stamped_at");
    auto r = power::list_seal_uses(call.db, call.actor(), query_string(call.req, "region", 15),
                                   query_int(call.req, "case_id", 1, 999'999'999'999), page);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });

  api.route(Method::POST, "/api/v1/power/seal-uses", power::kSealWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    power::SealUseInput s;
    s.case_id = in.required_int("case_id", 1, 999'999'999'999);
    s.seal_name = in.required_string("seal_name", 50);
    s.document = in.required_string("document", 200);
    s.copies = in.optional_int("copies", 1, 1000).value_or(1);
    s.stamped_by = in.required_string("stamped_by", 50);
    s.stamped_at = in.optional_string("stamped_at", 30).value_or("");
    s.note = in.optional_string("note", 500, TextKind::multiline).value_or("");
    in.finish();
    return json_response(201, power::record_seal_use(call.db, call.actor(), s));
  });
}

}  // namespace ql::http
