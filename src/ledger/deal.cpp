#include "ledger/deal.hpp"

#include <algorithm>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "disclosure/publication.hpp"
#include "disclosure/step_disclosure.hpp"
#include "ledger/asset.hpp"
#include "ledger/asset_common.hpp"
#include "ledger/contract.hpp"
#include "ledger/period.hpp"
#include "store/page_query.hpp"

namespace ql::ledger {
namespace {

constexpr const char* kColumns =
    "d.id, d.region_code, g.name AS region_name, d.number, d.title, d.kind, d.subject_type, d.subject_id, "
    "COALESCE((SELECT a.code FROM asset a WHERE d.subject_type = 'asset' AND a.id = d.subject_id), "
    "(SELECT r.code FROM resource r WHERE d.subject_type = 'resource' AND r.id = d.subject_id)) AS subject_code, "
    "COALESCE((SELECT a.name FROM asset a WHERE d.subject_type = 'asset' AND a.id = d.subject_id), "
    "(SELECT r.name FROM resource r WHERE d.subject_type = 'resource' AND r.id = d.subject_id)) AS subject_name, "
    "d.reserve_price_fen, d.method, d.description, d.status, d.current_step, d.steps_total, d.template_from, "
    "(SELECT s.role FROM asset_deal_step s WHERE s.deal_id = d.id AND s.seq = d.current_step) AS next_role, "
    "(SELECT s.name FROM asset_deal_step s WHERE s.deal_id = d.id AND s.seq = d.current_step) AS next_step, "
    "d.winner, d.price_fen, d.contract_id, d.contract_number, d.created_by, u.display_name AS created_by_name, "
    "d.created_at, d.updated_at, d.completed_at";
constexpr const char* kFrom = "asset_deal d JOIN region g ON g.code = d.region_code LEFT JOIN app_user u ON u.id = d.created_by";

nlohmann::json opt_text(const store::Row& r, const char* k) {
  return r.is_null(k) ? nlohmann::json() : nlohmann::json(r.get<std::string>(k));
}
nlohmann::json opt_int(const store::Row& r, const char* k) {
  return r.is_null(k) ? nlohmann::json() : nlohmann::json(r.get<std::int64_t>(k));
}

nlohmann::json deal_json(const store::Row& r) {
  return {{"id", r.get<std::int64_t>("id")},
          {"region_code", r.get<std::string>("region_code")},
          {"region_name", r.get<std::string>("region_name")},
          {"number", r.get<std::string>("number")},
          {"title", r.get<std::string>("title")},
          {"kind", r.get<std::string>("kind")},
          {"subject_type", r.get<std::string>("subject_type")},
          {"subject_id", r.get<std::int64_t>("subject_id")},
          {"subject_code", r.is_null("subject_code") ? std::string() : r.get<std::string>("subject_code")},
          {"subject_name", r.is_null("subject_name") ? std::string() : r.get<std::string>("subject_name")},
          {"reserve_price_fen", r.get<std::int64_t>("reserve_price_fen")},
          {"method", r.get<std::string>("method")},
          {"description", r.get<std::string>("description")},
          {"status", r.get<std::string>("status")},
          {"current_step", r.get<std::int64_t>("current_step")},
          {"steps_total", r.get<std::int64_t>("steps_total")},
          {"next_step", opt_text(r, "next_step")},
          {"next_role", opt_text(r, "next_role")},
          {"template_from", opt_text(r, "template_from")},
          {"winner", opt_text(r, "winner")},
          {"price_fen", opt_int(r, "price_fen")},
          {"contract_id", opt_int(r, "contract_id")},
          {"contract_number", opt_text(r, "contract_number")},
          {"created_by", r.get<std::int64_t>("created_by")},
          {"created_by_name", r.is_null("created_by_name") ? std::string() : r.get<std::string>("created_by_name")},
          {"created_at", r.get<std::string>("created_at")},
          {"updated_at", r.get<std::string>("updated_at")},
          {"completed_at", opt_text(r, "completed_at")}};
}

std::optional<nlohmann::json> find(store::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE d.id = $1", {id});
  if (rs.empty()) return std::nullopt;
  return deal_json(rs.front());
}

nlohmann::json load_checked(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto d = find(c, id);
  if (!d) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("三资交易", "Asset deal");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, (*d)["region_code"].get<std::string>());
  return *d;
}

nlohmann::json steps_of(store::Connection& c, std::int64_t id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r :
       c.query("SELECT s.seq, s.name, s.role, s.content, s.output, s.action, s.approval, s.status, s.done_by, "
               "s.done_by_name, s.done_at, s.note, s.attachments, s.disclosure_id, x.log_index FROM asset_deal_step s "
               "LEFT JOIN disclosure x ON x.id = s.disclosure_id WHERE s.deal_id = $1 ORDER BY s.seq",
               {id}))
    out.push_back({{"seq", r.get<std::int64_t>("seq")},
                   {"name", r.get<std::string>("name")},
                   {"role", r.get<std::string>("role")},
                   {"content", r.get<std::string>("content")},
                   {"output", r.get<std::string>("output")},
                   {"action", r.get<std::string>("action")},
                   {"approval", r.get<bool>("approval")},
                   {"status", r.get<std::string>("status")},
                   {"done_by", opt_int(r, "done_by")},
                   {"done_by_name", opt_text(r, "done_by_name")},
                   {"done_at", opt_text(r, "done_at")},
                   {"note", r.get<std::string>("note")},
                   {"attachments", r.get<std::int64_t>("attachments")},
                   {"disclosure_id", opt_int(r, "disclosure_id")},
                   {"log_index", opt_int(r, "log_index")}});
  return out;
}

nlohmann::json detail(store::Connection& c, std::int64_t id) {
  auto d = *find(c, id);
  d["steps"] = steps_of(c, id);
  nlohmann::json events = nlohmann::json::array();
  for (const auto& r : c.query("SELECT seq, action, user_id, user_name, note, attachments, at FROM asset_deal_event "
                               "WHERE deal_id = $1 ORDER BY id",
                               {id}))
    events.push_back({{"seq", r.get<std::int64_t>(0)},
                      {"action", r.get<std::string>(1)},
                      {"user_id", opt_int(r, "user_id")},
                      {"user_name", r.get<std::string>(3)},
                      {"note", r.get<std::string>(4)},
                      {"attachments", r.get<std::int64_t>(5)},
                      {"at", r.get<std::string>(6)}});
  d["events"] = std::move(events);
  d["disclosures"] = disclosure::step_disclosures(c, "asset_deal_step", "deal_id", id);
  return d;
}

// Region codes of a path "/a/b/c/", nearest first.
std::vector<std::string> ancestors(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start < path.size()) {
    const auto end = path.find('/', start);
    if (end == std::string::npos) break;
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

// The step list in force for a region and where it comes from (nullopt: the default).
std::pair<std::vector<DealStepDef>, std::optional<std::string>> template_for(store::Connection& c,
                                                                             const std::string& path) {
  for (const auto& code : ancestors(path)) {
    auto rs = c.query("SELECT steps FROM asset_deal_template WHERE region_code = $1", {code});
    if (!rs.empty()) return {deal_steps_from_json(nlohmann::json::parse(rs.front().get<std::string>(0))), code};
  }
  return {default_deal_steps(), std::nullopt};
}

std::string yuan(std::int64_t fen) { return money::format_yuan(fen) + " 元"; }

const char* kind_zh(const std::string& k) {
  return k == "disposal" ? "资产处置(出售)" : k == "lease" ? "出租" : "发包";
}
const char* method_zh(const std::string& m) {
  return m == "auction" ? "公开竞价" : m == "tender" ? "招标" : m == "listing" ? "挂牌" : "协议";
}

// The disclosure of a stage: the deal's details, the decisions taken so far, and at the end
// the result, all from the records (nothing typed twice).
disclosure::Content stage_content(const nlohmann::json& d, const nlohmann::json& steps, const std::string& action) {
  disclosure::Content out;
  out.category = "finance";
  const std::string subject = d["subject_name"].get<std::string>() + "(" + d["subject_code"].get<std::string>() + ")";
  std::string heading;
  if (action == "disclose_before") {
    out.stage = "before";
    heading = "交易方案生成前公开";
  } else if (action == "disclose_plan") {
    out.stage = "during";
    heading = "交易方案公示";
  } else {
    out.stage = "after";
    heading = "交易结果公开";
  }
  // Titles are at most 100 characters: a long deal title is shortened, the heading kept.
  out.title = disclosure::step_title("三资交易" + heading + ":" + d["title"].get<std::string>());
  std::vector<std::pair<std::string, std::string>> facts = {
      {"交易编号", d["number"].get<std::string>()},
      {"交易事项", d["title"].get<std::string>()},
      {"交易标的", subject},
      {"交易类型", kind_zh(d["kind"].get<std::string>())},
      {"交易方式", method_zh(d["method"].get<std::string>())},
      {"底价", yuan(d["reserve_price_fen"].get<std::int64_t>())}};
  if (!d["description"].get<std::string>().empty()) facts.emplace_back("说明", d["description"].get<std::string>());
  if (action == "disclose_after") {
    facts.emplace_back("成交人", d["winner"].is_null() ? "" : d["winner"].get<std::string>());
    facts.emplace_back("成交价", d["price_fen"].is_null() ? std::string() : yuan(d["price_fen"].get<std::int64_t>()));
    facts.emplace_back("合同编号", d["contract_number"].is_null() ? "" : d["contract_number"].get<std::string>());
  }
  std::string b = disclosure::facts_table(heading, facts);
  b += disclosure::completed_steps_table(steps, {"环节", "名称"}, "name");
  b += "\n本公开由三资交易第 " + std::to_string(d["current_step"].get<std::int64_t>()) + " 环节自动发布,对交易有异议的,请向村(居)务监督委员会或街道反映。\n";
  out.body = std::move(b);
  out.links = nlohmann::json::array({{{"type", "asset_deal"}, {"id", std::to_string(d["id"].get<std::int64_t>())}}});
  return out;
}

// The step's own permission (ledger:deal:act plus the step's role) authorises the register
// changes it entails (the contract record, the disposal), as it authorises its disclosure:
// the secretary who signs the contract need not also keep the asset register.
auth::Principal step_principal(const auth::Principal& actor) {
  auth::Principal p = actor;
  p.permissions.push_back(kAssetWritePermission);
  return p;
}

Error step_error(const char* code, const std::string& zh, const std::string& en) {
  return Error(ErrorKind::conflict, code, zh, en, "seq");
}

std::string role_zh(const std::string& r) {
  return r == "clerk" ? "村(社区)文书" : r == "secretary" ? "村(社区)书记" : r == "supervisor" ? "监督委员会成员" : "街道工作人员";
}

}  // namespace

nlohmann::json create_deal(store::Connection& c, const auth::Principal& actor, const DealInput& in) {
  actor.require(kDealWritePermission);
  require_village(c, actor, in.region_code, "region_code");
  text::require_length("title", in.title, 1, 100);
  text::require_length("description", in.description, 0, 1000);
  if (!among(kDealKinds, in.kind))
    throw invalid_field("kind", "须为 disposal、lease 或 contracting", "must be disposal, lease or contracting");
  if (in.subject_type != "asset" && in.subject_type != "resource")
    throw invalid_field("subject_type", "须为 asset 或 resource", "must be asset or resource");
  if (in.kind == "disposal" && in.subject_type != "asset")
    throw invalid_field("kind", "只有资产可以处置;资源只能发包或出租", "only assets are disposed of; resources are leased or contracted out");
  if (in.kind == "contracting" && in.subject_type != "resource")
    throw invalid_field("kind", "发包的标的须为资源", "contracting applies to resources");
  if (!among(kDealMethods, in.method))
    throw invalid_field("method", "须为 auction、tender、listing 或 negotiation", "must be auction, tender, listing or negotiation");
  if (in.reserve_price_fen < 0 || in.reserve_price_fen > kMaxValueFen)
    throw invalid_field("reserve_price_fen", "须为 0 到 99999999999999 分", "must be from 0 to 99999999999999 fen");
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto region = auth::Scope(actor).require_region(tx, in.region_code, "region_code");
    const std::string table = in.subject_type == "asset" ? "asset" : "resource";
    auto subject = tx.query("SELECT region_code, status FROM " + table + " WHERE id = $1", {in.subject_id});
    if (subject.empty() || subject.front().get<std::string>(0) != in.region_code)
      throw invalid_field("subject_id", "不是本村的" + std::string(in.subject_type == "asset" ? "资产" : "资源"),
                          "is not an " + in.subject_type + " of this village");
    if (in.subject_type == "asset" && subject.front().get<std::string>(1) == "disposed")
      throw conflict("asset_disposed", "该资产已处置", "The asset has been disposed of");
    if (tx.scalar("SELECT COUNT(*) FROM asset_deal WHERE subject_type = $1 AND subject_id = $2 AND status = "
                  "'in_progress'",
                  {in.subject_type, in.subject_id}) != "0")
      throw conflict("deal_in_progress", "该标的已有进行中的三资交易", "The subject already has a deal in progress");
    const auto [steps, from] = template_for(tx, region.path);
    const auto at = now_iso();
    const auto year = to_date_string(business_day(now())).substr(0, 4);
    const auto seq = std::stoll(*tx.scalar("SELECT COUNT(*) FROM asset_deal WHERE region_code = $1 AND number >= $2 "
                                           "AND number < $3",
                                           {in.region_code, "JY-" + year + "-", "JY-" + year + "."})) + 1;
    auto number = std::to_string(seq);
    number = "JY-" + year + "-" + std::string(number.size() < 3 ? 3 - number.size() : 0, '0') + number;
    const auto id = tx.query("INSERT INTO asset_deal (region_code, number, title, kind, subject_type, subject_id, "
                             "reserve_price_fen, method, description, status, current_step, steps_total, template_from, "
                             "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                             "'in_progress', 1, $10, $11, $12, $13, $13) RETURNING id",
                             {in.region_code, number, in.title, in.kind, in.subject_type, in.subject_id,
                              in.reserve_price_fen, in.method, in.description, static_cast<std::int64_t>(steps.size()),
                              store::to_param(from), actor.user_id, at})
                        .front()
                        .get<std::int64_t>(0);
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto& s = steps[i];
      tx.query("INSERT INTO asset_deal_step (deal_id, seq, name, role, content, output, action, approval, status) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending')",
               {id, static_cast<std::int64_t>(i + 1), s.name, s.role, s.content, s.output, s.action,
                store::to_param(s.approval)});
    }
    auto out = detail(tx, id);
    audit::record(tx, actor, "create", "asset_deal", std::to_string(id), in.region_code,
                  {{"after",
                    {{"number", number}, {"title", in.title}, {"kind", in.kind}, {"subject_type", in.subject_type},
                     {"subject_id", in.subject_id}, {"reserve_price_fen", in.reserve_price_fen}, {"method", in.method},
                     {"steps_total", steps.size()}, {"template_from", from ? nlohmann::json(*from) : nlohmann::json()}}}});
    return out;
  });
}

nlohmann::json get_deal(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kDealReadPermission);
  load_checked(c, actor, id);
  return detail(c, id);
}

nlohmann::json list_deals(store::Connection& c, const auth::Principal& actor, const DealFilter& f,
                          const PageRequest& page) {
  actor.require(kDealReadPermission);
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "d.region_code", "d.created_by", params);
  if (f.status) {
    if (!among(kDealStatuses, *f.status))
      throw invalid_field("status", "须为 in_progress 或 completed", "must be in_progress or completed");
    params.push_back(*f.status);
    where += " AND d.status = $" + std::to_string(params.size());
  }
  if (f.kind) {
    if (!among(kDealKinds, *f.kind))
      throw invalid_field("kind", "须为 disposal、lease 或 contracting", "must be disposal, lease or contracting");
    params.push_back(*f.kind);
    where += " AND d.kind = $" + std::to_string(params.size());
  }
  if (f.q) where += " AND " + store::contains_condition({"d.number", "d.title"}, *f.q, params);
  PageRequest p = page;
  p.sort = "d." + (p.sort.empty() ? std::string("created_at") : p.sort);
  auto rows = store::query_page(c, kColumns, kFrom, where, std::move(params), p, "d.id");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(deal_json(r));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

nlohmann::json act_on_step(store::Connection& c, const auth::Principal& actor, const disclosure::LogIdentity& log,
                           std::int64_t id, int seq, const StepAct& act) {
  actor.require(kDealActPermission);
  if (act.action != "complete" && act.action != "return")
    throw invalid_field("action", "须为 complete 或 return", "must be complete or return");
  text::require_length("note", act.note, act.action == "return" ? 2 : 0, 500);
  if (act.attachments < 0 || act.attachments > 999)
    throw invalid_field("attachments", "须为 0 到 999", "must be from 0 to 999");
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto d = load_checked(tx, actor, id);
    if (d["status"] == "completed")
      throw step_error("deal_completed", "该交易已完成", "The deal is already completed");
    const auto current = d["current_step"].get<std::int64_t>();
    if (seq != current)
      throw step_error("step_out_of_order", "须按顺序办理:当前应办理第 " + std::to_string(current) + " 个环节",
                       "Steps are taken in order: step " + std::to_string(current) + " is next");
    auto steps = steps_of(tx, id);
    const auto& step = steps[static_cast<std::size_t>(seq - 1)];
    const auto role = step["role"].get<std::string>();
    if (actor.role_code != role)
      throw Error(ErrorKind::forbidden, "wrong_role", "该环节须由" + role_zh(role) + "办理",
                  "This step is taken by the role " + role);
    const auto at = now_iso();
    const auto region = d["region_code"].get<std::string>();
    const auto display = actor.display_name.empty() ? actor.username : actor.display_name;
    nlohmann::json changes = {{"seq", seq}, {"action", act.action}, {"step", step["name"]}};
    if (!act.note.empty()) changes["note"] = act.note;
    if (act.action == "return") {
      if (seq == 1) throw step_error("step_not_returnable", "第一个环节没有可退回的上一环节", "The first step has nothing to return to");
      const auto& prev = steps[static_cast<std::size_t>(seq - 2)];
      if (prev["action"] != "none")
        throw step_error("step_not_returnable", "上一环节已公开或已登记结果,不能退回;如需更正请在三务公开中更正",
                         "The previous step published or recorded its result and cannot be returned to; correct the "
                         "publication instead");
      tx.query("UPDATE asset_deal_step SET status = 'pending', done_by = NULL, done_by_name = NULL, done_at = NULL "
               "WHERE deal_id = $1 AND seq = $2",
               {id, static_cast<std::int64_t>(seq - 1)});
      tx.query("UPDATE asset_deal SET current_step = $2, updated_at = $3 WHERE id = $1 AND current_step = $4",
               {id, static_cast<std::int64_t>(seq - 1), at, current});
    } else {
      if (step["approval"].get<bool>() && d["created_by"].get<std::int64_t>() == actor.user_id)
        throw Error(ErrorKind::forbidden, "self_approval", "交易申请人不能审批自己的交易",
                    "The requester of a deal may not approve it");
      const auto action = step["action"].get<std::string>();
      const auto as_step = step_principal(actor);
      if (action == "record_result") {
        if (!act.winner) throw invalid_field("winner", "须填写成交人", "the winner is required at this step");
        text::require_length("winner", *act.winner, 1, 100);
        if (!act.price_fen) throw invalid_field("price_fen", "须填写成交价(分)", "the price in fen is required at this step");
        if (*act.price_fen < d["reserve_price_fen"].get<std::int64_t>() || *act.price_fen > kMaxValueFen)
          throw invalid_field("price_fen", "成交价不得低于底价 " + yuan(d["reserve_price_fen"].get<std::int64_t>()),
                              "must not be below the reserve price of " + money::format_yuan(d["reserve_price_fen"].get<std::int64_t>()));
        tx.query("UPDATE asset_deal SET winner = $2, price_fen = $3 WHERE id = $1", {id, *act.winner, *act.price_fen});
        changes["winner"] = *act.winner;
        changes["price_fen"] = *act.price_fen;
      } else if (act.winner || act.price_fen) {
        throw invalid_field(act.winner ? "winner" : "price_fen", "只在登记成交结果的环节填写",
                            "is given only at the step that records the result");
      }
      if (action == "sign_contract") {
        if (!act.contract) throw invalid_field("contract", "须填写合同信息", "the contract is required at this step");
        const auto& k = *act.contract;
        text::require_length("contract.number", k.number, 1, 40);
        if (d["kind"] == "disposal") {
          if (!k.start_date.empty() || !k.end_date.empty())
            throw invalid_field("contract.start_date", "处置(出售)合同没有租期", "a disposal contract has no term");
          tx.query("UPDATE asset_deal SET contract_number = $2 WHERE id = $1", {id, k.number});
        } else {
          // Lease and contracting: the contract record of the register, on the deal's terms.
          ContractInput ci;
          ci.region_code = region;
          ci.number = k.number;
          ci.kind = d["kind"] == "lease" ? "lease" : "contracting";
          ci.subject_type = d["subject_type"];
          ci.subject_id = d["subject_id"].get<std::int64_t>();
          ci.counterparty = d["winner"].is_null() ? "" : d["winner"].get<std::string>();
          ci.start_date = k.start_date;
          ci.end_date = k.end_date;
          ci.total_fen = d["price_fen"].is_null() ? 0 : d["price_fen"].get<std::int64_t>();
          ci.note = "三资交易 " + d["number"].get<std::string>();
          if (ci.start_date.empty()) throw invalid_field("contract.start_date", "须填写合同开始日期", "is required");
          if (ci.end_date.empty()) throw invalid_field("contract.end_date", "须填写合同结束日期", "is required");
          const auto made = [&] {
            try {
              return create_contract(tx, as_step, ci);
            } catch (const Error& e) {
              // The contract's own field names, as parts of this step's "contract" input.
              if (e.kind() != ErrorKind::bad_request || e.field().empty()) throw;
              throw Error(e.kind(), e.code(), e.message_zh(), e.message_en(), "contract." + e.field());
            }
          }();
          tx.query("UPDATE asset_deal SET contract_number = $2, contract_id = $3 WHERE id = $1",
                   {id, k.number, made["id"].get<std::int64_t>()});
          changes["contract_id"] = made["id"];
        }
        changes["contract_number"] = k.number;
      } else if (act.contract) {
        throw invalid_field("contract", "只在签订合同的环节填写", "is given only at the contract step");
      }
      tx.query("UPDATE asset_deal_step SET status = 'done', done_by = $3, done_by_name = $4, done_at = $5, note = $6, "
               "attachments = $7 WHERE deal_id = $1 AND seq = $2",
               {id, static_cast<std::int64_t>(seq), actor.user_id, display, at, act.note, act.attachments});
      const bool last = seq == d["steps_total"].get<std::int64_t>();
      const auto moved = tx.query("UPDATE asset_deal SET current_step = $2, updated_at = $3, status = $4, completed_at = "
                                  "$5 WHERE id = $1 AND current_step = $6",
                                  {id, static_cast<std::int64_t>(seq + 1), at, std::string(last ? "completed" : "in_progress"),
                                   last ? store::Param(at) : store::Param(), current});
      if (moved.affected() != 1)
        throw step_error("step_out_of_order", "该环节刚被他人办理,请刷新", "Someone else just took this step; reload");
      if (action.starts_with("disclose_")) {
        auto now_deal = *find(tx, id);
        now_deal["current_step"] = seq;
        const auto pub = disclosure::publish_for_step(tx, actor, log, region, stage_content(now_deal, steps_of(tx, id), action));
        tx.query("UPDATE asset_deal_step SET disclosure_id = $3 WHERE deal_id = $1 AND seq = $2",
                 {id, static_cast<std::int64_t>(seq), pub["id"].get<std::int64_t>()});
        changes["disclosure_id"] = pub["id"];
        changes["log_index"] = pub["log_index"];
      }
      if (last && d["kind"] == "disposal")
        dispose_asset_by_deal(tx, as_step, d["subject_id"].get<std::int64_t>(), d["number"].get<std::string>());
    }
    tx.query("INSERT INTO asset_deal_event (deal_id, seq, action, user_id, user_name, note, attachments, at) VALUES "
             "($1, $2, $3, $4, $5, $6, $7, $8)",
             {id, static_cast<std::int64_t>(seq), act.action, actor.user_id, display, act.note,
              act.action == "complete" ? act.attachments : std::int64_t{0}, at});
    audit::record(tx, actor, act.action == "complete" ? "complete_step" : "return_step", "asset_deal",
                  std::to_string(id), region, changes);
    return detail(tx, id);
  });
}

nlohmann::json get_deal_template(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  actor.require(kDealReadPermission);
  const auto region = auth::Scope(actor).require_region(c, region_code, "region");
  const auto [steps, from] = template_for(c, region.path);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : steps) list.push_back(to_json(s));
  return {{"region_code", region.code},
          {"inherited_from", from ? nlohmann::json(*from) : nlohmann::json()},
          {"steps", std::move(list)}};
}

nlohmann::json put_deal_template(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                 const std::vector<DealStepDef>& steps) {
  actor.require(kDealTemplatePermission);
  check_deal_steps(steps);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto before = get_deal_template(tx, actor, region_code);
    auth::Scope(actor).require_region(tx, region_code, "region_code");
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : steps) list.push_back(to_json(s));
    tx.query("INSERT INTO asset_deal_template (region_code, steps, updated_by, updated_at) VALUES ($1, $2, $3, $4) ON "
             "CONFLICT (region_code) DO UPDATE SET steps = excluded.steps, updated_by = excluded.updated_by, "
             "updated_at = excluded.updated_at",
             {region_code, list.dump(), actor_param(actor), now_iso()});
    auto after = get_deal_template(tx, actor, region_code);
    audit::record(tx, actor, "update", "asset_deal_template", region_code, region_code,
                  {{"before", before["steps"]}, {"after", after["steps"]}});
    return after;
  });
}

}  // namespace ql::ledger
