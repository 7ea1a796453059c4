// Routes of the funds ledger (三资·资金): /api/v1/ledger/accounts (科目表), /vouchers (记账凭证,
// with reversal, void and scans) and /periods (月结). Reports are in api_ledger_reports.cpp.
#include <chrono>
#include <map>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/export.hpp"
#include "http/input.hpp"
#include "http/list_route.hpp"
#include "http/stored_file.hpp"
#include "ledger/account.hpp"
#include "ledger/period.hpp"
#include "ledger/voucher.hpp"

namespace ql::http {
namespace {

constexpr const char* kRead = ledger::kReadPermission;
constexpr const char* kWrite = ledger::kWritePermission;
constexpr const char* kClose = ledger::kClosePermission;

ledger::LineInput read_line(const nlohmann::json& item, std::size_t i) {
  const auto prefix = "lines[" + std::to_string(i) + "]";
  if (!item.is_object()) throw invalid_field(prefix, "须为对象", "must be an object");
  return nested(prefix, [&] {
    JsonInput in(item);
    ledger::LineInput l;
    l.account_code = in.required_string("account_code", 40);
    l.summary = in.optional_string("summary", 200).value_or("");
    l.debit_fen = in.optional_int("debit_fen", 0, ledger::kMaxAmountFen).value_or(0);
    l.credit_fen = in.optional_int("credit_fen", 0, ledger::kMaxAmountFen).value_or(0);
    l.counterparty = in.optional_string("counterparty", 100).value_or("");
    in.finish();
    return l;
  });
}

// The voucher form's fields (everything but region_code, which only a new voucher names).
ledger::VoucherInput read_voucher(JsonInput& in) {
  ledger::VoucherInput v;
  v.date = in.required_string("date", 10);
  if (auto n = in.optional_int("number", 1, ledger::kMaxVoucherNumber)) v.number = static_cast<int>(*n);
  v.summary = in.required_string("summary", 200);
  v.settlement = in.optional_string("settlement", 20).value_or("none");
  v.counterparty = in.optional_string("counterparty", 100).value_or("");
  v.attachment_count = static_cast<int>(in.optional_int("attachment_count", 0, ledger::kMaxAttachments).value_or(0));
  v.approval_ref = in.optional_string("approval_ref", 64);
  if (v.approval_ref && v.approval_ref->empty()) v.approval_ref.reset();
  if (const auto* ex = in.raw("unapproved_exception")) {
    if (!ex->is_object())
      throw invalid_field("unapproved_exception", "须为对象 {\"reason\": ...}", "must be an object {\"reason\": ...}");
    v.unapproved_reason = nested("unapproved_exception", [&] {
      JsonInput e(*ex);
      auto reason = e.required_string("reason", 200, TextKind::multiline);
      e.finish();
      return reason;
    });
  }
  const auto* lines = in.raw("lines");
  if (!lines) throw invalid_field("lines", "缺少分录", "is required");
  if (!lines->is_array()) throw invalid_field("lines", "须为数组", "must be an array");
  if (lines->size() > ledger::kMaxLines)
    throw invalid_field("lines", "至多 500 行", "must have at most 500 items");
  for (std::size_t i = 0; i < lines->size(); ++i) v.lines.push_back(read_line((*lines)[i], i));
  return v;
}

std::optional<std::string> date_query(const Request& req, const std::string& name) {
  auto text = query_string(req, name, 10);
  if (!text) return std::nullopt;
  return to_date_string(ledger::require_date(name, *text));
}

// The voucher list's download columns (?format=xlsx|csv): one row per voucher, without lines.
std::vector<ExportColumn> voucher_columns() {
  const auto settlement = [](const nlohmann::json& v, bool en) {
    static const std::map<std::string, std::pair<const char*, const char*>> labels = {
        {"none", {"", ""}},           {"cash", {"现金", "cash"}},       {"bank_transfer", {"银行转账", "bank transfer"}},
        {"cheque", {"支票", "cheque"}}, {"online", {"网银", "online"}}, {"other", {"其他", "other"}}};
    const auto it = labels.find(v.value("settlement", ""));
    return it == labels.end() ? v.value("settlement", "") : std::string(en ? it->second.second : it->second.first);
  };
  return {{"date", "日期", "Date", xlsx::ColumnKind::date},
          {"number", "凭证号", "No.", xlsx::ColumnKind::integer},
          {"summary", "摘要", "Summary"},
          {"total_fen", "金额", "Amount", xlsx::ColumnKind::money},
          {"settlement", "结算方式", "Settlement", xlsx::ColumnKind::text, settlement},
          {"counterparty", "往来单位", "Counterparty"},
          {"attachment_count", "附件数", "Attachments", xlsx::ColumnKind::integer},
          {"is_payment", "付款", "Payment"},
          {"approval_ref", "审批编号", "Approval"},
          {"unapproved_reason", "未审批例外原因", "Unapproved exception"},
          {"status", "状态", "Status", xlsx::ColumnKind::text,
           [](const nlohmann::json& v, bool en) {
             if (v.value("status", "") == "void") return std::string(en ? "void" : "已作废");
             if (!v["reversed_by_id"].is_null()) return std::string(en ? "reversed" : "已冲销");
             if (!v["reverses_id"].is_null()) return std::string(en ? "reversal" : "冲销凭证");
             return std::string(en ? "posted" : "已记账");
           }},
          {"region_name", "村社", "Village"}};
}

std::string required_region(const std::optional<std::string>& region) {
  if (!region)
    throw bad_request("invalid_query", "缺少查询参数 region(村或社区代码)",
                      "Query parameter 'region' (a village's code) is required", "region");
  return *region;
}

}  // namespace

void register_ledger_routes(Api& api) {
  // ---- Chart of accounts
  api.route(Method::GET, "/api/v1/ledger/accounts", kRead, [](Call& call) {
    auto region = query_string(call.req, "region", 15);
    auto inactive = query_bool(call.req, "include_inactive").value_or(false);
    return json_response(200, ledger::list_accounts(call.db, call.actor(), required_region(region), inactive));
  });

  api.route(Method::POST, "/api/v1/ledger/accounts/init", kWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto region = in.required_string("region_code", 15);
    in.finish();
    return json_response(201, ledger::init_chart(call.db, call.actor(), region));
  });

  api.route(Method::POST, "/api/v1/ledger/accounts", kWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    ledger::NewAccount a;
    a.region_code = in.required_string("region_code", 15);
    a.parent_code = in.required_string("parent_code", 40);
    a.code = in.optional_string("code", 40);
    a.name = in.required_string("name", 50);
    a.is_cash = in.optional_bool("is_cash");
    a.is_bank = in.optional_bool("is_bank");
    in.finish();
    if (a.code && a.code->empty()) a.code.reset();
    return json_response(201, ledger::add_account(call.db, call.actor(), a));
  });

  api.route(Method::PATCH, "/api/v1/ledger/accounts/{id}", kWrite, [](Call& call) {
    auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    ledger::AccountPatch p;
    p.name = in.optional_string("name", 50);
    p.active = in.optional_bool("active");
    in.finish();
    if (p.name && p.name->empty()) throw invalid_field("name", "不能为空", "must not be empty");
    return json_response(200, ledger::update_account(call.db, call.actor(), id, p));
  });

  api.route(Method::DELETE, "/api/v1/ledger/accounts/{id}", kWrite, [](Call& call) {
    ledger::delete_account(call.db, call.actor(), path_id(call.req, "id"));
    return Response::no_content();
  });

  // ---- Vouchers
  api.route(Method::GET, "/api/v1/ledger/vouchers", kRead, [](Call& call) {
    auto page = parse_paging(call.req, {"date", "number", "total_fen", "created_at"}, "-date");
    ledger::VoucherFilter f;
    f.region = query_string(call.req, "region", 15);
    f.period = query_string(call.req, "period", 7);
    f.from = date_query(call.req, "from");
    f.to = date_query(call.req, "to");
    f.status = query_string(call.req, "status", 20);
    f.account_code = query_string(call.req, "account", 40);
    f.is_payment = query_bool(call.req, "is_payment");
    f.unapproved = query_bool(call.req, "unapproved");
    f.q = query_string(call.req, "q", 50);
    return list_or_export(
        call.req, call.english, page, [&](const PageRequest& p) { return ledger::list_vouchers(call.db, call.actor(), f, p); },
        {voucher_columns(), "记账凭证", "Vouchers", "记账凭证", "vouchers"});
  });

  api.route(Method::POST, "/api/v1/ledger/vouchers", kWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto region = in.required_string("region_code", 15);
    auto v = read_voucher(in);
    in.finish();
    v.region_code = region;
    return json_response(201, ledger::create_voucher(call.db, call.actor(), v));
  });

  api.route(Method::GET, "/api/v1/ledger/vouchers/{id}", kRead, [](Call& call) {
    return json_response(200, ledger::get_voucher(call.db, call.actor(), path_id(call.req, "id")));
  });

  api.route(Method::PUT, "/api/v1/ledger/vouchers/{id}", kWrite, [](Call& call) {
    auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    auto v = read_voucher(in);
    in.finish();
    return json_response(200, ledger::update_voucher(call.db, call.actor(), id, std::move(v)));
  });

  api.route(Method::POST, "/api/v1/ledger/vouchers/{id}/void", kWrite, [](Call& call) {
    auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    auto reason = in.required_string("reason", 200, TextKind::multiline);
    in.finish();
    return json_response(200, ledger::void_voucher(call.db, call.actor(), id, reason));
  });

  api.route(Method::POST, "/api/v1/ledger/vouchers/{id}/reverse", kWrite, [](Call& call) {
    auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    ledger::ReverseInput r;
    r.date = in.required_string("date", 10);
    if (auto n = in.optional_int("number", 1, ledger::kMaxVoucherNumber)) r.number = static_cast<int>(*n);
    r.summary = in.optional_string("summary", 200);
    in.finish();
    if (r.summary && r.summary->empty()) r.summary.reset();
    return json_response(201, ledger::reverse_voucher(call.db, call.actor(), id, r));
  });

  // Scans are uploaded as the raw file (Content-Type as declared, the name in ?filename=), as
  // publication attachments are.
  api.route(Method::POST, "/api/v1/ledger/vouchers/{id}/scans", kWrite, [](Call& call) {
    auto id = path_id(call.req, "id");
    return json_response(201, ledger::add_scan(call.db, call.actor(), id, upload_filename(call.req),
                                               call.req.header("Content-Type"), std::move(call.req.body)));
  });

  api.route(Method::GET, "/api/v1/ledger/vouchers/{id}/scans/{scan_id}", kRead, [](Call& call) {
    auto id = path_id(call.req, "id");
    auto scan_id = path_id(call.req, "scan_id");
    auto scan = ledger::get_scan(call.db, call.actor(), id, scan_id);
    return stored_file_response(std::move(scan));
  });

  // ---- Periods (月结)
  api.route(Method::GET, "/api/v1/ledger/periods", kRead, [](Call& call) {
    auto region = query_string(call.req, "region", 15);
    auto year = query_int(call.req, "year", 2000, 2100);
    const int this_year = static_cast<int>(std::chrono::year_month_day{business_day(now())}.year());
    return json_response(200, ledger::list_periods(call.db, call.actor(), required_region(region),
                                                   year ? static_cast<int>(*year) : this_year));
  });

  api.route(Method::POST, "/api/v1/ledger/periods/close", kClose, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto region = in.required_string("region_code", 15);
    auto period = in.required_string("period", 7);
    in.finish();
    return json_response(200, ledger::close_period(call.db, call.actor(), region, period, business_day(now())));
  });
}

}  // namespace ql::http
