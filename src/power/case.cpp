#include "power/case.hpp"

#include <chrono>
#include <map>
#include <mutex>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "disclosure/publication.hpp"
#include "disclosure/step_disclosure.hpp"
#include "power/document.hpp"
#include "power/item.hpp"
#include "power/routing.hpp"
#include "region/region.hpp"
#include "store/page_query.hpp"

namespace ql::power {
namespace {

constexpr std::int64_t kMaxAmountFen = 99999999999999;

std::string display_of(const auth::Principal& a) { return a.display_name.empty() ? a.username : a.display_name; }

// The roles that act on a step: meetings and tenders without roles are recorded by the
// defaults below (the secretary or a supervision member minutes a meeting; the clerk or the
// street's trading staff record a tender), so every stored step names who acts.
std::vector<std::string> effective_roles(const FlowStep& s) {
  if (!s.roles.empty()) return s.roles;
  if (s.kind == StepKind::meeting) return {"secretary", "supervisor"};
  if (s.kind == StepKind::tender) return {"clerk", "street_office"};
  return {};
}

// Decisions the requester may never take on their own case.
bool is_decision(const std::string& kind) { return kind == "approve" || kind == "joint" || kind == "meeting"; }

std::string role_zh(const std::string& r) {
  if (r == "clerk") return "村(社区)文书";
  if (r == "secretary") return "村(社区)书记";
  if (r == "supervisor") return "监督委员会成员";
  if (r == "street_office") return "街道工作人员";
  if (r == "discipline") return "纪检监察";
  return r;
}

std::string roles_zh(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : "、") + role_zh(r);
  return out;
}
std::string roles_en(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ", ") + r;
  return out;
}

const char* body_zh(const std::string& b) {
  return b == "two_committees" ? "村两委联席会议" : b == "party_members" ? "党员大会" : "村民代表会议";
}

std::string due_after(const std::string& started, int days) {
  if (days <= 0) return {};
  return to_iso(*parse_iso(started) + std::chrono::hours(24 * days));
}

nlohmann::json opt_text(const store::Row& r, const char* k) {
  return r.is_null(k) ? nlohmann::json() : nlohmann::json(r.get<std::string>(k));
}
nlohmann::json opt_int(const store::Row& r, const char* k) {
  return r.is_null(k) ? nlohmann::json() : nlohmann::json(r.get<std::int64_t>(k));
}

constexpr const char* kCols =
    "k.id, k.region_code, g.name AS region_name, k.number, k.item_id, i.code AS item_code, i.name_zh AS item_name, "
    "i.name_en AS item_name_en, f.version AS flow_version, k.kind, k.band, k.title, k.description, k.amount_fen, "
    "k.counterparty, k.status, k.current_seq, k.steps_total, k.first_approved_at, k.round, k.requester_id, "
    "k.requester_name, k.created_at, k.updated_at, k.completed_at, s.step_key AS current_key, "
    "s.name_zh AS current_name, s.name_en AS current_name_en, s.roles AS current_roles, s.due_at AS current_due";
constexpr const char* kFrom =
    "power_case k JOIN region g ON g.code = k.region_code JOIN power_item i ON i.id = k.item_id "
    "JOIN power_item_flow f ON f.id = k.flow_id LEFT JOIN power_case_step s ON s.case_id = k.id AND s.seq = k.current_seq";

nlohmann::json case_json(const store::Row& r, const std::string& now) {
  const auto status = r.get<std::string>("status");
  const bool open = status == "in_progress" || status == "returned";
  const bool overdue = open && !r.is_null("current_due") && r.get<std::string>("current_due") < now;
  return {{"id", r.get<std::int64_t>("id")},
          {"region_code", r.get<std::string>("region_code")},
          {"region_name", r.get<std::string>("region_name")},
          {"number", r.get<std::string>("number")},
          {"item_id", r.get<std::int64_t>("item_id")},
          {"item_code", r.get<std::string>("item_code")},
          {"item_name", r.get<std::string>("item_name")},
          {"item_name_en", r.get<std::string>("item_name_en")},
          {"flow_version", r.get<std::int64_t>("flow_version")},
          {"kind", r.get<std::string>("kind")},
          {"band", r.get<std::string>("band")},
          {"title", r.get<std::string>("title")},
          {"description", r.get<std::string>("description")},
          {"amount_fen", opt_int(r, "amount_fen")},
          {"counterparty", r.get<std::string>("counterparty")},
          {"status", status},
          {"current_seq", r.get<std::int64_t>("current_seq")},
          {"steps_total", r.get<std::int64_t>("steps_total")},
          {"current_step", open ? opt_text(r, "current_key") : nlohmann::json()},
          {"current_step_name", open ? opt_text(r, "current_name") : nlohmann::json()},
          {"current_step_name_en", open ? opt_text(r, "current_name_en") : nlohmann::json()},
          {"current_roles", open && !r.is_null("current_roles") ? nlohmann::json::parse(r.get<std::string>("current_roles"))
                                                                : nlohmann::json::array()},
          {"current_due_at", open ? opt_text(r, "current_due") : nlohmann::json()},
          {"overdue", overdue},
          {"first_approved_at", opt_text(r, "first_approved_at")},
          {"requester_id", r.get<std::int64_t>("requester_id")},
          {"requester_name", r.get<std::string>("requester_name")},
          {"created_at", r.get<std::string>("created_at")},
          {"updated_at", r.get<std::string>("updated_at")},
          {"completed_at", opt_text(r, "completed_at")}};
}

std::optional<nlohmann::json> find_case(store::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kCols + " FROM " + kFrom + " WHERE k.id = $1", {id});
  if (rs.empty()) return std::nullopt;
  return case_json(rs.front(), now_iso());
}

nlohmann::json load_checked(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto k = find_case(c, id);
  if (!k) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("办件", "Case");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, (*k)["region_code"].get<std::string>());
  return *k;
}

// Risks of the steps come from the flow version the case started with.
std::map<std::string, const FlowStep*> steps_by_key(const Flow& flow) {
  std::map<std::string, const FlowStep*> out;
  for (const auto& s : flow.steps) out[s.key] = &s;
  return out;
}

// Parsing and validating a flow's JSON was most of a case page's CPU (and of the demo's walks
// through its cases). Stored flow versions never change, but ids repeat across databases (the
// tests'), so parsed flows are kept by their text, a bounded handful for the whole process.
Flow flow_of_case(store::Connection& c, std::int64_t id) {
  auto rs = c.query("SELECT f.flow FROM power_case k JOIN power_item_flow f ON f.id = k.flow_id WHERE k.id = $1", {id});
  auto text = rs.front().get<std::string>(0);
  static std::mutex mutex;
  static std::map<std::string, Flow> parsed;
  {
    std::lock_guard lock(mutex);
    if (auto it = parsed.find(text); it != parsed.end()) return it->second;
  }
  auto flow = flow_from_json(nlohmann::json::parse(text));
  std::lock_guard lock(mutex);
  if (parsed.size() >= 64) parsed.clear();
  parsed.emplace(std::move(text), flow);
  return flow;
}

nlohmann::json route_of(store::Connection& c, std::int64_t id, std::int64_t round) {
  const auto flow = flow_of_case(c, id);
  const auto by_key = steps_by_key(flow);
  const auto now = now_iso();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.query("SELECT s.seq, s.step_key, s.name_zh, s.name_en, s.kind, s.roles, s.meeting_body, "
                               "s.time_limit_days, s.status, s.started_at, s.due_at, s.done_at, s.done_by, "
                               "s.done_by_name, s.result, s.disclosure_id, x.log_index FROM power_case_step s "
                               "LEFT JOIN disclosure x ON x.id = s.disclosure_id WHERE s.case_id = $1 ORDER BY s.seq",
                               {id})) {
    const auto key = r.get<std::string>("step_key");
    nlohmann::json risks = nlohmann::json::array(), attachments = nlohmann::json::array();
    nlohmann::json disclose = nullptr;
    if (auto it = by_key.find(key); it != by_key.end()) {
      for (const auto& p : it->second->risks)
        risks.push_back({{"text", p.text}, {"level", to_string(p.level)}, {"control", p.control}});
      attachments = it->second->attachments;
      if (it->second->disclose)
        disclose = {{"stage", it->second->disclose->stage}, {"category", it->second->disclose->category}};
    }
    const auto seq = r.get<std::int64_t>("seq");
    nlohmann::json signatures = nlohmann::json::array();
    if (r.get<std::string>("kind") == "joint")
      for (const auto& g : c.query("SELECT role, user_id, user_name, comment, at FROM power_case_signature WHERE "
                                   "case_id = $1 AND seq = $2 AND round = $3 ORDER BY id",
                                   {id, seq, round}))
        signatures.push_back({{"role", g.get<std::string>(0)},
                              {"user_id", g.get<std::int64_t>(1)},
                              {"user_name", g.get<std::string>(2)},
                              {"comment", g.get<std::string>(3)},
                              {"at", g.get<std::string>(4)}});
    nlohmann::json meetings = nlohmann::json::array();
    if (r.get<std::string>("kind") == "meeting")
      for (const auto& m : c.query("SELECT id, body, held_at, members_total, present, attendees, votes_for, "
                                   "votes_against, votes_abstain, passed, resolution, recorded_by_name, recorded_at "
                                   "FROM power_meeting WHERE case_id = $1 AND seq = $2 ORDER BY id",
                                   {id, seq}))
        meetings.push_back({{"id", m.get<std::int64_t>(0)},
                            {"body", m.get<std::string>(1)},
                            {"held_at", m.get<std::string>(2)},
                            {"members_total", m.get<std::int64_t>(3)},
                            {"present", m.get<std::int64_t>(4)},
                            {"attendees", m.get<std::string>(5)},
                            {"votes_for", m.get<std::int64_t>(6)},
                            {"votes_against", m.get<std::int64_t>(7)},
                            {"votes_abstain", m.get<std::int64_t>(8)},
                            {"passed", m.get<bool>(9)},
                            {"resolution", m.get<std::string>(10)},
                            {"recorded_by_name", m.get<std::string>(11)},
                            {"recorded_at", m.get<std::string>(12)}});
    const auto status = r.get<std::string>("status");
    out.push_back({{"seq", seq},
                   {"key", key},
                   {"name_zh", r.get<std::string>("name_zh")},
                   {"name_en", r.get<std::string>("name_en")},
                   {"kind", r.get<std::string>("kind")},
                   {"roles", nlohmann::json::parse(r.get<std::string>("roles"))},
                   {"meeting_body", r.get<std::string>("meeting_body")},
                   {"time_limit_days", r.get<std::int64_t>("time_limit_days")},
                   {"status", status},
                   {"started_at", opt_text(r, "started_at")},
                   {"due_at", opt_text(r, "due_at")},
                   {"overdue", status == "active" && !r.is_null("due_at") && r.get<std::string>("due_at") < now},
                   {"done_at", opt_text(r, "done_at")},
                   {"done_by", opt_int(r, "done_by")},
                   {"done_by_name", opt_text(r, "done_by_name")},
                   {"result", r.is_null("result") ? nlohmann::json() : nlohmann::json::parse(r.get<std::string>("result"))},
                   {"disclosure_id", opt_int(r, "disclosure_id")},
                   {"log_index", opt_int(r, "log_index")},
                   {"attachments", attachments},
                   {"risks", risks},
                   {"disclose", disclose},
                   {"signatures", signatures},
                   {"meetings", meetings}});
  }
  return out;
}

// What the actor could do on the current step (the case page shows buttons only for these).
nlohmann::json can_act(const auth::Principal& actor, const nlohmann::json& k, const nlohmann::json& route) {
  nlohmann::json out = nlohmann::json::array();
  const auto status = k["status"].get<std::string>();
  const bool requester = k["requester_id"].get<std::int64_t>() == actor.user_id;
  if (status == "returned") {
    if (requester && actor.can(kCaseStart)) out.push_back("submit");
    return out;
  }
  if (status != "in_progress" || !actor.can(kCaseAct)) return out;
  const auto seq = k["current_seq"].get<std::int64_t>();
  if (seq < 1 || seq > static_cast<std::int64_t>(route.size())) return out;
  const auto& s = route[static_cast<std::size_t>(seq - 1)];
  const auto kind = s["kind"].get<std::string>();
  const auto roles = s["roles"].get<std::vector<std::string>>();
  if (!among(roles, actor.role_code)) return out;
  if (requester && is_decision(kind)) return out;
  if (kind == "approve") out = {"approve", "return", "reject"};
  else if (kind == "joint") {
    bool signed_already = false;
    for (const auto& g : s["signatures"])
      if (g["role"] == actor.role_code || g["user_id"] == actor.user_id) signed_already = true;
    if (!signed_already) out = {"sign", "return", "reject"};
  } else if (kind == "meeting") out = {"meeting"};
  else if (kind == "tender") out = {"tender"};
  else if (kind == "record") out = {"record"};
  return out;
}

nlohmann::json detail(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto k = *find_case(c, id);
  const auto round = std::stoll(*c.scalar("SELECT round FROM power_case WHERE id = $1", {id}));
  k["route"] = route_of(c, id, round);
  k["can_act"] = can_act(actor, k, k["route"]);
  add_step_documents(c, actor, k);
  nlohmann::json history = nlohmann::json::array();
  for (const auto& r : c.query("SELECT seq, step_key, action, user_id, user_name, comment, detail, at FROM "
                               "power_case_event WHERE case_id = $1 ORDER BY id",
                               {id}))
    history.push_back({{"seq", r.get<std::int64_t>(0)},
                       {"step", r.get<std::string>(1)},
                       {"action", r.get<std::string>(2)},
                       {"user_id", opt_int(r, "user_id")},
                       {"user_name", r.get<std::string>(4)},
                       {"comment", r.get<std::string>(5)},
                       {"detail", r.is_null("detail") ? nlohmann::json() : nlohmann::json::parse(r.get<std::string>(6))},
                       {"at", r.get<std::string>(7)}});
  k["history"] = std::move(history);
  k["disclosures"] = disclosure::step_disclosures(c, "power_case_step", "case_id", id);
  return k;
}

void add_event(store::Connection& tx, const auth::Principal& actor, std::int64_t id, std::int64_t seq,
               const std::string& key, const std::string& action, const std::string& comment,
               const nlohmann::json& detail, const std::string& at) {
  tx.query("INSERT INTO power_case_event (case_id, seq, step_key, action, user_id, user_name, comment, detail, at) "
           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
           {id, seq, key, action, actor.user_id ? store::Param(actor.user_id) : store::Param(), display_of(actor), comment,
            detail.is_null() ? store::Param() : store::Param(detail.dump()), at});
}

void insert_steps(store::Connection& tx, std::int64_t id, const std::vector<const FlowStep*>& route, const std::string& at) {
  for (std::size_t i = 0; i < route.size(); ++i) {
    const auto& s = *route[i];
    const bool first = i == 0;
    tx.query("INSERT INTO power_case_step (case_id, seq, step_key, name_zh, name_en, kind, roles, meeting_body, "
             "time_limit_days, status, started_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
             {id, static_cast<std::int64_t>(i + 1), s.key, s.name_zh, s.name_en, std::string(to_string(s.kind)),
              nlohmann::json(effective_roles(s)).dump(), s.meeting_body, s.time_limit_days,
              std::string(first ? "active" : "pending"), first ? store::Param(at) : store::Param(),
              first ? store::to_param(std::optional<std::string>{}) : store::Param()});
  }
}

// The disclosure of a disclose step, written from the records: the matter, its amount, every
// meeting's attendance and votes, the tender result and the steps taken.
disclosure::Content disclosure_content(const nlohmann::json& k, const nlohmann::json& step) {
  disclosure::Content out;
  out.category = step["disclose"].is_null() ? "affairs" : step["disclose"]["category"].get<std::string>();
  out.stage = step["disclose"].is_null() ? "after" : step["disclose"]["stage"].get<std::string>();
  out.title = disclosure::step_title(step["name_zh"].get<std::string>() + ":" + k["title"].get<std::string>());
  std::vector<std::pair<std::string, std::string>> facts = {{"办件编号", k["number"].get<std::string>()},
                                                            {"权力事项", k["item_name"].get<std::string>()},
                                                            {"事项名称", k["title"].get<std::string>()}};
  if (!k["amount_fen"].is_null())
    facts.emplace_back("金额", money::format_yuan(k["amount_fen"].get<std::int64_t>()) + " 元");
  if (!k["description"].get<std::string>().empty()) facts.emplace_back("说明", k["description"].get<std::string>());
  facts.emplace_back("申请人", k["requester_name"].get<std::string>());
  std::string b = disclosure::facts_table(step["name_zh"].get<std::string>(), facts);
  std::string meetings, tender;
  for (const auto& s : k["route"]) {
    for (const auto& m : s["meetings"])
      meetings += "| " + disclosure::markdown_cell(s["name_zh"].get<std::string>()) + " | " +
                  m["held_at"].get<std::string>().substr(0, 10) + " | " + std::to_string(m["members_total"].get<std::int64_t>()) + " | " +
                  std::to_string(m["present"].get<std::int64_t>()) + " | " +
                  std::to_string(m["votes_for"].get<std::int64_t>()) + " | " +
                  std::to_string(m["votes_against"].get<std::int64_t>()) + " | " +
                  std::to_string(m["votes_abstain"].get<std::int64_t>()) + " | " +
                  (m["passed"].get<bool>() ? "通过" : "未通过") + " |\n";
    if (s["kind"] == "tender" && s["status"] == "done" && s["result"].is_object()) {
      const auto& r = s["result"];
      tender += "| " + disclosure::markdown_cell(s["name_zh"].get<std::string>()) + " | " +
                disclosure::markdown_cell(r.value("winner", "")) + " | " +
                (r["price_fen"].is_null() ? std::string() : money::format_yuan(r["price_fen"].get<std::int64_t>()) + " 元") +
                " | " + (r.value("bidders", 0) ? std::to_string(r.value("bidders", 0)) : std::string()) + " |\n";
    }
  }
  if (!meetings.empty())
    b += "\n### 会议表决情况\n\n| 会议 | 日期 | 应到 | 实到 | 赞成 | 反对 | 弃权 | 结果 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n" +
         meetings;
  if (!tender.empty()) b += "\n### 招标(交易)结果\n\n| 环节 | 中标(成交)人 | 中标(成交)价 | 投标人数 |\n| --- | --- | --- | --- |\n" + tender;
  b += disclosure::completed_steps_table(k["route"], {"序号", "环节"}, "name_zh");
  b += "\n本公开由小微权力办件流程自动发布。对该事项有异议的,请向村(居)务监督委员会或街道纪工委反映。\n";
  out.body = std::move(b);
  out.links = nlohmann::json::array({{{"type", "power_case"}, {"id", std::to_string(k["id"].get<std::int64_t>())}}});
  return out;
}

// Moves the case past step `seq` (done): activates the next step, publishing every disclose
// step reached on the way, and completes the case after the last.
void advance(store::Connection& tx, const auth::Principal& actor, const disclosure::LogIdentity& log, std::int64_t id,
             std::int64_t seq, const std::string& at) {
  const auto total = std::stoll(*tx.scalar("SELECT steps_total FROM power_case WHERE id = $1", {id}));
  auto next = seq + 1;
  while (next <= total) {
    auto rs = tx.query("SELECT kind, time_limit_days, step_key, disclosure_id FROM power_case_step WHERE case_id = $1 AND "
                       "seq = $2",
                       {id, next});
    const auto kind = rs.front().get<std::string>(0);
    const int days = rs.front().get<int>(1);
    const auto key = rs.front().get<std::string>(2);
    if (!rs.front().is_null(3)) {
      // Published before the case was returned: a publication is never repeated or undone.
      ++next;
      continue;
    }
    const auto due = due_after(at, days);
    tx.query("UPDATE power_case_step SET status = 'active', started_at = $3, due_at = $4 WHERE case_id = $1 AND seq = $2",
             {id, next, at, due.empty() ? store::Param() : store::Param(due)});
    tx.query("UPDATE power_case SET current_seq = $2, updated_at = $3 WHERE id = $1", {id, next, at});
    if (kind != "disclose") return;
    auto k = detail(tx, actor, id);
    const auto& step = k["route"][static_cast<std::size_t>(next - 1)];
    const auto pub = disclosure::publish_for_step(tx, actor, log, k["region_code"].get<std::string>(),
                                                  disclosure_content(k, step));
    tx.query("UPDATE power_case_step SET status = 'done', done_at = $3, done_by = $4, done_by_name = $5, "
             "disclosure_id = $6 WHERE case_id = $1 AND seq = $2",
             {id, next, at, actor.user_id ? store::Param(actor.user_id) : store::Param(), std::string("系统自动公开"),
              pub["id"].get<std::int64_t>()});
    add_event(tx, actor, id, next, key, "disclose", "",
              {{"disclosure_id", pub["id"]}, {"log_index", pub["log_index"]}, {"title", pub["title"]}}, at);
    ++next;
  }
  tx.query("UPDATE power_case SET status = 'completed', current_seq = $2, completed_at = $3, updated_at = $3 WHERE id = $1",
           {id, total + 1, at});
}

Error step_conflict(const char* code, const std::string& zh, const std::string& en) {
  return Error(ErrorKind::conflict, code, zh, en, "step");
}

void check_case_input(const CaseInput& in) {
  text::require_length("item", in.item, 1, 64);
  text::require_length("region", in.region_code, 1, 20);
  text::require_length("title", in.title, 1, 100);
  text::require_length("description", in.description, 0, 2000);
  text::require_length("counterparty", in.counterparty, 0, 100);
  if (in.amount_fen && (*in.amount_fen < 0 || *in.amount_fen > kMaxAmountFen))
    throw invalid_field("amount_fen", "须为 0 到 99999999999999 分", "must be from 0 to 99999999999999 fen");
}

struct Routed {
  ResolvedItem item;
  Thresholds thresholds;
  AmountBand band;
  std::vector<const FlowStep*> route;
};

Routed route_case(store::Connection& tx, const auth::Principal& actor, const CaseInput& in) {
  Routed r;
  r.item = resolve_item(tx, actor, in.region_code, in.item);
  r.thresholds = thresholds_for(tx, in.region_code, r.item.kind);
  r.band = band_for(r.thresholds, in.amount_fen);
  r.route = route_for(r.item.flow, r.band);
  return r;
}

nlohmann::json route_preview_json(const Routed& r, const std::string& at) {
  nlohmann::json steps = nlohmann::json::array();
  std::int64_t seq = 0;
  for (const auto* s : r.route) {
    auto j = flow_to_json(Flow{{*s}})["steps"][0];
    j["seq"] = ++seq;
    j["roles"] = effective_roles(*s);
    j["due_if_started_now"] = s->time_limit_days > 0 ? nlohmann::json(due_after(at, s->time_limit_days)) : nlohmann::json();
    steps.push_back(std::move(j));
  }
  auto opt = [](const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  return {{"item", {{"id", r.item.id}, {"code", r.item.code}, {"name_zh", r.item.name_zh}, {"name_en", r.item.name_en},
                    {"kind", r.item.kind}, {"region_code", r.item.region_code}}},
          {"flow_version", r.item.flow_version},
          {"band", to_string(r.band)},
          {"thresholds", {{"kind", r.thresholds.kind}, {"medium_from_fen", r.thresholds.medium_from_fen},
                          {"large_from_fen", r.thresholds.large_from_fen},
                          {"township_from_fen", opt(r.thresholds.township_from_fen)},
                          {"county_from_fen", opt(r.thresholds.county_from_fen)}}},
          {"route", std::move(steps)}};
}

void check_village(const region::Region& r) {
  if (r.level != region::Level::community)
    throw invalid_field("region", "办件须在村(社区)发起", "cases are started in a village or community");
}

}  // namespace

nlohmann::json preview_route(store::Connection& c, const auth::Principal& actor, const CaseInput& in) {
  actor.require(kCaseStart);
  text::require_length("item", in.item, 1, 64);
  if (in.amount_fen && (*in.amount_fen < 0 || *in.amount_fen > kMaxAmountFen))
    throw invalid_field("amount_fen", "须为 0 到 99999999999999 分", "must be from 0 to 99999999999999 fen");
  // A preview may copy the template on first use: run it in a transaction that is rolled back.
  store::Transaction tx(c);
  check_village(auth::Scope(actor).require_region(c, in.region_code, "region"));
  return route_preview_json(route_case(c, actor, in), now_iso());
}

nlohmann::json start_case(store::Connection& c, const auth::Principal& actor, const disclosure::LogIdentity& log,
                          const CaseInput& in) {
  actor.require(kCaseStart);
  check_case_input(in);
  return store::with_transaction(c, [&](store::Connection& tx) {
    check_village(auth::Scope(actor).require_region(tx, in.region_code, "region"));
    const auto r = route_case(tx, actor, in);
    const auto at = now_iso();
    const auto year = to_date_string(business_day(now())).substr(0, 4);
    const auto seq = tx.query("INSERT INTO power_case_counter (region_code, year, last_seq) VALUES ($1, $2, 1) ON CONFLICT "
                              "(region_code, year) DO UPDATE SET last_seq = power_case_counter.last_seq + 1 RETURNING last_seq",
                              {in.region_code, std::stoll(year)})
                         .front()
                         .get<std::int64_t>(0);
    auto n = std::to_string(seq);
    const auto number = "QL-" + in.region_code + "-" + year + "-" + std::string(n.size() < 4 ? 4 - n.size() : 0, '0') + n;
    const auto id = tx.query("INSERT INTO power_case (region_code, number, item_id, flow_id, kind, band, title, description, "
                             "amount_fen, counterparty, status, current_seq, steps_total, requester_id, requester_name, "
                             "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'in_progress', 1, $11, "
                             "$12, $13, $14, $14) RETURNING id",
                             {in.region_code, number, r.item.id, r.item.flow_id, r.item.kind, std::string(to_string(r.band)),
                              in.title, in.description, store::to_param(in.amount_fen), in.counterparty,
                              static_cast<std::int64_t>(r.route.size()), actor.user_id, display_of(actor), at})
                        .front()
                        .get<std::int64_t>(0);
    insert_steps(tx, id, r.route, at);
    // The submit step is done by starting the case.
    tx.query("UPDATE power_case_step SET status = 'done', done_at = $2, done_by = $3, done_by_name = $4 WHERE case_id = $1 "
             "AND seq = 1",
             {id, at, actor.user_id, display_of(actor)});
    add_event(tx, actor, id, 1, r.route.front()->key, "submit", "",
              {{"band", to_string(r.band)}, {"amount_fen", in.amount_fen ? nlohmann::json(*in.amount_fen) : nlohmann::json()},
               {"flow_version", r.item.flow_version}},
              at);
    advance(tx, actor, log, id, 1, at);
    audit::record(tx, actor, "create", "power_case", std::to_string(id), in.region_code,
                  {{"after",
                    {{"number", number}, {"item", r.item.code}, {"title", in.title},
                     {"amount_fen", in.amount_fen ? nlohmann::json(*in.amount_fen) : nlohmann::json()},
                     {"band", to_string(r.band)}, {"flow_version", r.item.flow_version}, {"steps", r.route.size()}}}});
    return detail(tx, actor, id);
  });
}

nlohmann::json get_case(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kCaseRead);
  load_checked(c, actor, id);
  return detail(c, actor, id);
}

nlohmann::json list_cases(store::Connection& c, const auth::Principal& actor, const CaseFilter& f, const PageRequest& page) {
  actor.require(kCaseRead);
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "k.region_code", "k.requester_id", params);
  auto add = [&](const std::string& cond, store::Param v) {
    params.push_back(std::move(v));
    where += " AND " + cond + std::to_string(params.size());
  };
  if (f.status) {
    if (!among({"in_progress", "returned", "rejected", "completed"}, *f.status))
      throw invalid_field("status", "须为 in_progress、returned、rejected 或 completed",
                          "must be in_progress, returned, rejected or completed");
    add("k.status = $", *f.status);
  }
  if (f.item) add("i.code = $", *f.item);
  if (f.band) {
    if (!among({"none", "small", "medium", "large", "township", "county"}, *f.band))
      throw invalid_field("band", "须为 none、small、medium、large、township 或 county",
                          "must be none, small, medium, large, township or county");
    add("k.band = $", *f.band);
  }
  if (f.overdue) {
    where += " AND k.status = 'in_progress'";
    add("s.due_at < $", now_iso());
  }
  if (f.mine) add("k.requester_id = $", actor.user_id);
  if (f.todo) {
    // The current step names the actor's role (and is not a decision on their own case, nor a
    // joint step they or their role already signed), or the case was returned to them.
    params.push_back(actor.user_id);
    const auto me = std::to_string(params.size());
    params.push_back("%\"" + actor.role_code + "\"%");  // roles is a JSON array of codes
    const auto role = std::to_string(params.size());
    where += " AND ((k.status = 'returned' AND k.requester_id = $" + me +
             ") OR (k.status = 'in_progress' AND s.roles LIKE $" + role + " AND NOT (k.requester_id = $" + me +
             " AND s.kind IN ('approve','joint','meeting')) AND NOT EXISTS (SELECT 1 FROM power_case_signature g WHERE "
             "g.case_id = k.id AND g.seq = k.current_seq AND g.round = k.round AND (g.user_id = $" + me +
             " OR g.role = $" + std::to_string(params.size() + 1) + "))))";
    params.push_back(actor.role_code);
    if (!actor.can(kCaseAct)) where += " AND k.status = 'returned'";
  }
  if (f.q) where += " AND " + store::contains_condition({"k.number", "k.title", "k.counterparty"}, *f.q, params);
  PageRequest p = page;
  p.sort = "k." + (p.sort.empty() ? std::string("created_at") : p.sort);
  auto rows = store::query_page(c, kCols, kFrom, where, std::move(params), p, "k.id");
  nlohmann::json items = nlohmann::json::array();
  const auto now = now_iso();
  for (const auto& r : rows.rows) items.push_back(case_json(r, now));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

nlohmann::json act(store::Connection& c, const auth::Principal& actor, const disclosure::LogIdentity& log, std::int64_t id,
                   const ActionInput& in) {
  static const std::vector<std::string> kActions = {"submit", "approve", "reject", "return", "sign", "record", "tender", "meeting"};
  if (!among(kActions, in.action))
    throw invalid_field("action", "须为 submit、approve、reject、return、sign、record、tender 或 meeting",
                        "must be submit, approve, reject, return, sign, record, tender or meeting");
  text::require_length("step", in.step, 1, 32);
  text::require_length("comment", in.comment, (in.action == "reject" || in.action == "return") ? 2 : 0, 500);
  if (in.action == "submit") actor.require(kCaseStart);
  else actor.require(kCaseAct);
  if (in.meeting && in.action != "meeting")
    throw invalid_field("meeting", "只在记录会议时填写", "is given only with the action meeting");
  if (in.tender && in.action != "tender") throw invalid_field("tender", "只在登记招标结果时填写", "is given only with the action tender");
  if (in.action == "meeting") {
    if (!in.meeting) throw invalid_field("meeting", "须填写会议记录", "the meeting record is required");
    const auto& m = *in.meeting;
    if (m.members_total < 1 || m.members_total > 10000)
      throw invalid_field("meeting.members_total", "须为 1 到 10000", "must be from 1 to 10000");
    if (m.present < 0 || m.present > m.members_total)
      throw invalid_field("meeting.present", "须在 0 到应到人数之间", "must be from 0 to members_total");
    if (m.votes_for < 0 || m.votes_against < 0 || m.votes_abstain < 0)
      throw invalid_field("meeting.votes_for", "票数不能为负", "votes cannot be negative");
    if (m.votes_for + m.votes_against + m.votes_abstain > m.present)
      throw invalid_field("meeting.votes_for", "赞成、反对、弃权票合计不能超过实到人数",
                          "votes for, against and abstaining cannot exceed those present");
    text::require_length("meeting.attendees", m.attendees, 0, 2000);
    text::require_length("meeting.resolution", m.resolution, 0, 2000);
    if (!m.held_at.empty() && !parse_iso(m.held_at) && !parse_date(m.held_at))
      throw invalid_field("meeting.held_at", "须为 ISO 时间或日期", "must be an ISO time or date");
  }
  if (in.action == "tender") {
    if (!in.tender) throw invalid_field("tender", "须填写招标(交易)结果", "the tender result is required");
    text::require_length("tender.winner", in.tender->winner, 1, 100);
    if (in.tender->price_fen && (*in.tender->price_fen < 0 || *in.tender->price_fen > kMaxAmountFen))
      throw invalid_field("tender.price_fen", "须为 0 到 99999999999999 分", "must be from 0 to 99999999999999 fen");
    if (in.tender->bidders < 0 || in.tender->bidders > 1000)
      throw invalid_field("tender.bidders", "须为 0 到 1000", "must be from 0 to 1000");
  }
  return store::with_transaction(c, [&](store::Connection& tx) {
    // Touching the case row first serialises concurrent actions on it (row lock / SQLite's writer).
    const auto at = now_iso();
    tx.query("UPDATE power_case SET updated_at = updated_at WHERE id = $1", {id});
    auto k = load_checked(tx, actor, id);
    const auto status = k["status"].get<std::string>();
    if (status == "rejected") throw step_conflict("case_rejected", "该办件已被驳回,不能再办理", "The case was rejected and takes no further action");
    if (status == "completed") throw step_conflict("case_completed", "该办件已办结", "The case is already completed");
    const auto round = std::stoll(*tx.scalar("SELECT round FROM power_case WHERE id = $1", {id}));
    const auto route = route_of(tx, id, round);
    const auto seq = k["current_seq"].get<std::int64_t>();
    const auto& cur = route[static_cast<std::size_t>(seq - 1)];
    const auto region = k["region_code"].get<std::string>();
    const bool requester = k["requester_id"].get<std::int64_t>() == actor.user_id;
    // The step named must exist on the route and be the current one.
    const nlohmann::json* named = nullptr;
    for (const auto& s : route)
      if (s["key"] == in.step) named = &s;
    if (!named) throw invalid_field("step", "不是该办件流程中的环节", "is not a step of this case's route");
    if (status == "returned") {
      if (in.action != "submit" || in.step != route.front()["key"])
        throw step_conflict("case_returned", "办件已退回申请人修改,须由申请人重新提交(环节:" + route.front()["name_zh"].get<std::string>() + ")",
                            "The case was returned for changes; the requester resubmits it (step " +
                                route.front()["key"].get<std::string>() + ")");
      if (!requester)
        throw Error(ErrorKind::forbidden, "not_requester", "只有申请人可以重新提交", "Only the requester resubmits the case");
      tx.query("UPDATE power_case SET status = 'in_progress', updated_at = $2 WHERE id = $1", {id, at});
      tx.query("UPDATE power_case_step SET status = 'done', done_at = $2, done_by = $3, done_by_name = $4 WHERE case_id = $1 AND seq = 1",
               {id, at, actor.user_id, display_of(actor)});
      const auto missing =
          missing_documents(tx, id, 1, route.front()["attachments"].get<std::vector<std::string>>());
      add_event(tx, actor, id, 1, in.step, "submit", in.comment,
                missing.empty() ? nlohmann::json() : nlohmann::json{{"missing_documents", missing}}, at);
      advance(tx, actor, log, id, 1, at);
      audit::record(tx, actor, "resubmit", "power_case", std::to_string(id), region, {{"comment", in.comment}});
      return detail(tx, actor, id);
    }
    if (in.step != cur["key"]) {
      std::string missing_zh, missing_en;
      if (cur["kind"] == "joint") {
        std::vector<std::string> missing;
        for (const auto& r : cur["roles"]) {
          bool done = false;
          for (const auto& g : cur["signatures"]) done |= g["role"] == r;
          if (!done) missing.push_back(r.get<std::string>());
        }
        missing_zh = ",尚缺会签:" + roles_zh(missing);
        missing_en = "; signatures still missing: " + roles_en(missing);
      }
      throw step_conflict("step_out_of_order",
                          "须按顺序办理:当前环节是「" + cur["name_zh"].get<std::string>() + "」(" + cur["key"].get<std::string>() + ")" + missing_zh,
                          "Steps are taken in order: the current step is " + cur["key"].get<std::string>() + " (" +
                              cur["name_en"].get<std::string>() + ")" + missing_en);
    }
    const auto kind = cur["kind"].get<std::string>();
    const auto roles = cur["roles"].get<std::vector<std::string>>();
    if (kind == "disclose" || kind == "submit")
      throw step_conflict("step_automatic", "该环节自动完成,无需办理", "This step completes by itself");
    if (!among(roles, actor.role_code))
      throw Error(ErrorKind::forbidden, "wrong_role", "该环节须由" + roles_zh(roles) + "办理",
                  "This step is taken by the role(s) " + roles_en(roles));
    if (requester && is_decision(kind))
      throw Error(ErrorKind::forbidden, "self_approval", "申请人不能审批、会签或表决自己的办件",
                  "The requester may not approve, sign or vote on their own case");
    // Which actions each kind of step takes.
    const bool allowed = (kind == "approve" && among({"approve", "reject", "return"}, in.action)) ||
                         (kind == "joint" && among({"sign", "reject", "return"}, in.action)) ||
                         (kind == "meeting" && in.action == "meeting") || (kind == "tender" && in.action == "tender") ||
                         (kind == "record" && in.action == "record");
    if (!allowed) {
      const std::string want = kind == "approve" ? "approve, reject, return" : kind == "joint" ? "sign, reject, return" : kind;
      throw invalid_field("action", "该环节(" + kind + ")可用的操作:" + want, "this " + kind + " step takes: " + want);
    }
    nlohmann::json detail_json = nullptr;
    bool complete = false;
    if (in.action == "reject") {
      tx.query("UPDATE power_case_step SET status = 'rejected', done_at = $3, done_by = $4, done_by_name = $5 WHERE case_id = $1 AND seq = $2",
               {id, seq, at, actor.user_id, display_of(actor)});
      tx.query("UPDATE power_case SET status = 'rejected', updated_at = $2, completed_at = $2 WHERE id = $1", {id, at});
    } else if (in.action == "return") {
      // Back to the requester: every step after the submit starts again on resubmission.
      tx.query("UPDATE power_case_step SET status = 'pending', started_at = NULL, due_at = NULL, done_at = NULL, done_by = NULL, "
               "done_by_name = NULL, result = NULL WHERE case_id = $1 AND seq > 1 AND disclosure_id IS NULL",
               {id});
      tx.query("UPDATE power_case_step SET status = 'active', started_at = $2, done_at = NULL WHERE case_id = $1 AND seq = 1", {id, at});
      tx.query("UPDATE power_case SET status = 'returned', current_seq = 1, round = round + 1, updated_at = $2 WHERE id = $1",
               {id, at});
    } else if (in.action == "sign") {
      for (const auto& g : cur["signatures"]) {
        if (g["user_id"] == actor.user_id)
          throw step_conflict("already_signed", "您已会签该环节;会签须由不同人员完成", "You already signed this step; joint signatures come from different people");
        if (g["role"] == actor.role_code)
          throw step_conflict("already_signed", role_zh(actor.role_code) + "已会签该环节", "The role " + actor.role_code + " already signed this step");
      }
      tx.query("INSERT INTO power_case_signature (case_id, seq, round, role, user_id, user_name, comment, at) VALUES "
               "($1, $2, $3, $4, $5, $6, $7, $8)",
               {id, seq, round, actor.role_code, actor.user_id, display_of(actor), in.comment, at});
      const auto signed_roles = std::stoll(*tx.scalar(
          "SELECT COUNT(*) FROM power_case_signature WHERE case_id = $1 AND seq = $2 AND round = $3", {id, seq, round}));
      complete = signed_roles == static_cast<std::int64_t>(roles.size());
      detail_json = {{"role", actor.role_code}, {"signed", signed_roles}, {"required", roles.size()}};
    } else if (in.action == "meeting") {
      const auto& m = *in.meeting;
      const bool quorum = m.present * 3 >= m.members_total * 2;
      const bool majority = m.votes_for * 2 > m.members_total;
      const auto held = m.held_at.empty() ? at : m.held_at;
      tx.query("INSERT INTO power_meeting (case_id, seq, body, held_at, members_total, present, attendees, votes_for, "
               "votes_against, votes_abstain, passed, resolution, recorded_by, recorded_by_name, recorded_at) VALUES "
               "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
               {id, seq, cur["meeting_body"].get<std::string>(), held, m.members_total, m.present, m.attendees, m.votes_for,
                m.votes_against, m.votes_abstain, store::to_param(quorum && majority), m.resolution, actor.user_id,
                display_of(actor), at});
      detail_json = {{"members_total", m.members_total}, {"present", m.present}, {"votes_for", m.votes_for},
                     {"votes_against", m.votes_against}, {"votes_abstain", m.votes_abstain}, {"quorum", quorum},
                     {"majority", majority}, {"passed", quorum && majority}};
      if (quorum && majority) {
        complete = true;
        tx.query("UPDATE power_case_step SET result = $3 WHERE case_id = $1 AND seq = $2", {id, seq, detail_json.dump()});
      } else if (quorum) {
        // The meeting met and voted the matter down: the proposal fails and the case stops.
        tx.query("UPDATE power_case_step SET status = 'rejected', done_at = $3, done_by = $4, done_by_name = $5, result = $6 "
                 "WHERE case_id = $1 AND seq = $2",
                 {id, seq, at, actor.user_id, display_of(actor), detail_json.dump()});
        tx.query("UPDATE power_case SET status = 'rejected', updated_at = $2, completed_at = $2 WHERE id = $1", {id, at});
      }
      // Below quorum the meeting is void: recorded, and the step waits for a new meeting.
      const std::string body = body_zh(cur["meeting_body"].get<std::string>());
      detail_json["message_zh"] = !quorum ? body + "到会 " + std::to_string(m.present) + "/" + std::to_string(m.members_total) +
                                                " 人,未达到应到人数三分之二,会议无效,须重新召开"
                                  : !majority ? "赞成 " + std::to_string(m.votes_for) + " 票,未超过应到人数 " +
                                                    std::to_string(m.members_total) + " 的半数,事项未通过,办件终止"
                                              : "会议有效,事项获得通过";
      detail_json["message_en"] = !quorum ? "Fewer than two thirds of the members were present (" + std::to_string(m.present) + "/" +
                                                std::to_string(m.members_total) + "): the meeting is void; hold it again"
                                  : !majority ? "Not more than half of all members voted in favour: the matter failed and the case stops"
                                              : "Quorate, and carried";
    } else if (in.action == "tender") {
      const auto& t = *in.tender;
      detail_json = {{"winner", t.winner}, {"price_fen", t.price_fen ? nlohmann::json(*t.price_fen) : nlohmann::json()},
                     {"bidders", t.bidders}};
      tx.query("UPDATE power_case_step SET result = $3 WHERE case_id = $1 AND seq = $2", {id, seq, detail_json.dump()});
      if (t.winner.size()) tx.query("UPDATE power_case SET counterparty = $2 WHERE id = $1", {id, t.winner});
      complete = true;
    } else {  // approve, record
      complete = true;
    }
    if (is_decision(kind) && (in.action == "approve" || in.action == "sign" || (in.action == "meeting" && complete)))
      tx.query("UPDATE power_case SET first_approved_at = COALESCE(first_approved_at, $2) WHERE id = $1", {id, at});
    // Completing a step without every required document is allowed, as offices do, but the
    // history names what was missing (the 内审工作核查表 lists the step too).
    if (complete) {
      const auto missing = missing_documents(tx, id, seq, cur["attachments"].get<std::vector<std::string>>());
      if (!missing.empty()) {
        if (detail_json.is_null()) detail_json = nlohmann::json::object();
        detail_json["missing_documents"] = missing;
      }
    }
    add_event(tx, actor, id, seq, in.step, in.action, in.comment, detail_json, at);
    if (complete) {
      tx.query("UPDATE power_case_step SET status = 'done', done_at = $3, done_by = $4, done_by_name = $5 WHERE case_id = $1 AND seq = $2",
               {id, seq, at, actor.user_id, display_of(actor)});
      advance(tx, actor, log, id, seq, at);
    }
    tx.query("UPDATE power_case SET updated_at = $2 WHERE id = $1", {id, at});
    nlohmann::json changes = {{"step", in.step}, {"action", in.action}, {"seq", seq}};
    if (!in.comment.empty()) changes["comment"] = in.comment;
    if (!detail_json.is_null()) changes["detail"] = detail_json;
    audit::record(tx, actor, "case_" + in.action, "power_case", std::to_string(id), region, changes);
    auto out = detail(tx, actor, id);
    if (in.action == "meeting") out["meeting"] = detail_json;
    return out;
  });
}

nlohmann::json update_case(store::Connection& c, const auth::Principal& actor, std::int64_t id, const CasePatch& p) {
  actor.require(kCaseStart);
  if (p.title) text::require_length("title", *p.title, 1, 100);
  if (p.description) text::require_length("description", *p.description, 0, 2000);
  if (p.counterparty) text::require_length("counterparty", *p.counterparty, 0, 100);
  if (p.amount_fen && (*p.amount_fen < 0 || *p.amount_fen > kMaxAmountFen))
    throw invalid_field("amount_fen", "须为 0 到 99999999999999 分", "must be from 0 to 99999999999999 fen");
  return store::with_transaction(c, [&](store::Connection& tx) {
    tx.query("UPDATE power_case SET updated_at = updated_at WHERE id = $1", {id});
    auto before = load_checked(tx, actor, id);
    if (before["requester_id"].get<std::int64_t>() != actor.user_id)
      throw Error(ErrorKind::forbidden, "not_requester", "只有申请人可以修改办件", "Only the requester edits the case");
    const auto status = before["status"].get<std::string>();
    if (status != "in_progress" && status != "returned")
      throw conflict("case_closed", "办件已办结或已驳回,不能修改", "The case is closed and cannot be edited");
    const auto at = now_iso();
    if (p.amount_fen) {
      const auto old = before["amount_fen"].is_null() ? std::optional<std::int64_t>() : before["amount_fen"].get<std::int64_t>();
      if (!old) throw invalid_field("amount_fen", "该办件没有金额", "this case has no amount");
      if (*p.amount_fen > *old && !before["first_approved_at"].is_null())
        throw Error(ErrorKind::conflict, "amount_rise",
                    "办件已经审批,金额不能调高(" + money::format_yuan(*old) + " 元 → " + money::format_yuan(*p.amount_fen) + " 元),请发起新的办件",
                    "The case has been approved; its amount cannot rise (" + money::format_yuan(*old) + " → " +
                        money::format_yuan(*p.amount_fen) + "); start a new case",
                    "amount_fen");
      const auto t = thresholds_for(tx, before["region_code"].get<std::string>(), before["kind"].get<std::string>());
      const auto band = band_for(t, p.amount_fen);
      if (to_string(band) != before["band"].get<std::string>()) {
        const auto done_after_submit = tx.scalar(
            "SELECT COUNT(*) FROM power_case_step WHERE case_id = $1 AND seq > 1 AND status <> 'pending' AND status <> 'active'", {id});
        if (!before["first_approved_at"].is_null() || done_after_submit != "0")
          throw Error(ErrorKind::conflict, "route_changed", "金额变化改变了审批路径,请发起新的办件",
                      "The new amount takes another route; start a new case", "amount_fen");
        // Nothing decided yet: the case takes the new band's route of the same flow version.
        const auto flow = flow_of_case(tx, id);
        const auto route = route_for(flow, band);
        tx.query("DELETE FROM power_case_step WHERE case_id = $1", {id});
        insert_steps(tx, id, route, at);
        tx.query("UPDATE power_case_step SET status = 'done', done_at = $2, done_by = $3, done_by_name = $4 WHERE case_id = $1 AND seq = 1",
                 {id, at, actor.user_id, display_of(actor)});
        tx.query("UPDATE power_case SET band = $2, steps_total = $3 WHERE id = $1",
                 {id, std::string(to_string(band)), static_cast<std::int64_t>(route.size())});
        if (status == "in_progress") {
          // The next step of the new route becomes current (a new route never starts with a disclosure).
          tx.query("UPDATE power_case_step SET status = 'active', started_at = $2 WHERE case_id = $1 AND seq = 2", {id, at});
          tx.query("UPDATE power_case SET current_seq = 2 WHERE id = $1", {id});
        } else {
          tx.query("UPDATE power_case_step SET status = 'active', done_at = NULL WHERE case_id = $1 AND seq = 1", {id});
        }
      }
    }
    tx.query("UPDATE power_case SET title = COALESCE($2, title), description = COALESCE($3, description), counterparty = "
             "COALESCE($4, counterparty), amount_fen = COALESCE($5, amount_fen), updated_at = $6 WHERE id = $1",
             {id, store::to_param(p.title), store::to_param(p.description), store::to_param(p.counterparty),
              store::to_param(p.amount_fen), at});
    auto after = load_checked(tx, actor, id);
    add_event(tx, actor, id, before["current_seq"].get<std::int64_t>(), before["current_step"].is_null() ? std::string() : before["current_step"].get<std::string>(),
              "edit", "", audit::diff(before, after), at);
    audit::record(tx, actor, "update", "power_case", std::to_string(id), before["region_code"].get<std::string>(),
                  audit::diff(before, after));
    return detail(tx, actor, id);
  });
}

nlohmann::json overdue_cases(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  CaseFilter f;
  f.region = region_code;
  f.overdue = true;
  PageRequest p;
  p.size = 500;
  p.sort = "created_at";
  return list_cases(c, actor, f, p);
}

nlohmann::json record_seal_use(store::Connection& c, const auth::Principal& actor, const SealUseInput& in) {
  actor.require(kSealWrite);
  text::require_length("seal_name", in.seal_name, 1, 50);
  text::require_length("document", in.document, 1, 200);
  text::require_length("stamped_by", in.stamped_by, 1, 50);
  text::require_length("note", in.note, 0, 500);
  if (in.copies < 1 || in.copies > 1000) throw invalid_field("copies", "须为 1 到 1000", "must be from 1 to 1000");
  std::string stamped_at = in.stamped_at;
  if (stamped_at.empty()) stamped_at = now_iso();
  else if (!parse_iso(stamped_at)) throw invalid_field("stamped_at", "须为 ISO 时间(UTC)", "must be an ISO time (UTC)");
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto k = find_case(tx, in.case_id);
    if (!k) throw invalid_field("case_id", "办件不存在", "no such case");
    auth::Scope(actor).require_region(tx, (*k)["region_code"].get<std::string>(), "case_id");
    const auto status = (*k)["status"].get<std::string>();
    bool at_seal_step = false;
    if (status == "in_progress") {
      const auto key = (*k)["current_step"].is_null() ? std::string() : (*k)["current_step"].get<std::string>();
      const auto name = (*k)["current_step_name"].is_null() ? std::string() : (*k)["current_step_name"].get<std::string>();
      at_seal_step = key.find("seal") != std::string::npos || name.find("用印") != std::string::npos ||
                     name.find("盖章") != std::string::npos || name.find("印章") != std::string::npos;
    }
    if (status != "completed" && !at_seal_step)
      throw invalid_field("case_id", "只有已办结或正处于用印环节的办件才能用印", "the case must be completed or at its seal step");
    const auto at = now_iso();
    const auto id = tx.query("INSERT INTO power_seal_use (region_code, case_id, seal_name, document, copies, stamped_by, "
                             "stamped_at, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                             "RETURNING id",
                             {(*k)["region_code"].get<std::string>(), in.case_id, in.seal_name, in.document, in.copies,
                              in.stamped_by, stamped_at, in.note, actor.user_id ? store::Param(actor.user_id) : store::Param(), at})
                        .front()
                        .get<std::int64_t>(0);
    nlohmann::json out = {{"id", id},
                          {"region_code", (*k)["region_code"]},
                          {"region_name", (*k)["region_name"]},
                          {"case_id", in.case_id},
                          {"case_number", (*k)["number"]},
                          {"case_title", (*k)["title"]},
                          {"seal_name", in.seal_name},
                          {"document", in.document},
                          {"copies", in.copies},
                          {"stamped_by", in.stamped_by},
                          {"stamped_at", stamped_at},
                          {"note", in.note},
                          {"created_at", at}};
    add_event(tx, actor, in.case_id, (*k)["current_seq"].get<std::int64_t>(), "seal", "seal_use", in.document,
              {{"seal_name", in.seal_name}, {"copies", in.copies}, {"seal_use_id", id}}, at);
    audit::record(tx, actor, "create", "power_seal_use", std::to_string(id), (*k)["region_code"].get<std::string>(),
                  {{"after", out}});
    return out;
  });
}

nlohmann::json list_seal_uses(store::Connection& c, const auth::Principal& actor, const std::optional<std::string>& region,
                              std::optional<std::int64_t> case_id, const PageRequest& page) {
  actor.require(kCaseRead);
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, region, "u.region_code", "u.created_by", params);
  if (case_id) {
    params.push_back(*case_id);
    where += " AND u.case_id = $" + std::to_string(params.size());
  }
  PageRequest p = page;
  p.sort = "u." + (p.sort.empty() ? std::string("stamped_at") : p.sort);
  auto rows = store::query_page(c,
                                "u.id, u.region_code, g.name AS region_name, u.case_id, k.number, k.title, u.seal_name, "
                                "u.document, u.copies, u.stamped_by, u.stamped_at, u.note, u.created_at",
                                "power_seal_use u JOIN power_case k ON k.id = u.case_id JOIN region g ON g.code = u.region_code",
                                where, std::move(params), p, "u.id");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows)
    items.push_back({{"id", r.get<std::int64_t>(0)},
                     {"region_code", r.get<std::string>(1)},
                     {"region_name", r.get<std::string>(2)},
                     {"case_id", r.get<std::int64_t>(3)},
                     {"case_number", r.get<std::string>(4)},
                     {"case_title", r.get<std::string>(5)},
                     {"seal_name", r.get<std::string>(6)},
                     {"document", r.get<std::string>(7)},
                     {"copies", r.get<std::int64_t>(8)},
                     {"stamped_by", r.get<std::string>(9)},
                     {"stamped_at", r.get<std::string>(10)},
                     {"note", r.get<std::string>(11)},
                     {"created_at", r.get<std::string>(12)}});
  return {{"items", std::move(items)}, {"total", rows.total}};
}

}  // namespace ql::power
