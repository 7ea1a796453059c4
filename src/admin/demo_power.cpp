#include "admin/demo_power.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "auth/user.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "power/case.hpp"
#include "power/document.hpp"
#include "power/item.hpp"

namespace ql::admin {
namespace {

auth::Principal as_user(store::Connection& c, const std::string& username) {
  auto u = auth::load_user_by_name(c, username);
  if (!u) throw Error(ErrorKind::internal, "demo_user_missing", "缺少演示用户 " + username, "Demo user missing: " + username);
  return auth::principal_of(*u, "127.0.0.1");
}

struct People {
  std::map<std::string, std::vector<auth::Principal>> by_role;
};

People people_of(store::Connection& c, const std::string& slug) {
  People p;
  p.by_role["clerk"] = {as_user(c, slug + ".clerk"), as_user(c, slug + ".bookkeeper")};
  p.by_role["secretary"] = {as_user(c, slug + ".secretary")};
  p.by_role["supervisor"] = {as_user(c, slug + ".supervisor")};
  p.by_role["street_office"] = {as_user(c, "street")};
  p.by_role["discipline"] = {as_user(c, "discipline")};
  return p;
}

// Figures of a demo meeting that meets the quorum and passes, by body.
power::MeetingInput passing_meeting(const std::string& body) {
  power::MeetingInput m;
  if (body == "two_committees") m = {7, 7, 7, 0, 0, "", "", "同意"};
  else if (body == "party_members") m = {42, 36, 33, 1, 2, "", "", "同意"};
  else m = {35, 31, 29, 1, 1, "", "", "同意"};
  return m;
}

// A one-page PDF naming the document and the case (ASCII: the standard font has no CJK), so
// each demo document has its own content and the files open in any viewer.
std::string demo_pdf(const std::string& case_number, std::int64_t seq, std::size_t index) {
  const std::string text = "Qinglian demo document: case " + case_number + ", step " + std::to_string(seq) +
                           ", required document " + std::to_string(index + 1);
  const std::string stream = "BT /F1 12 Tf 50 780 Td (" + text + ") Tj ET";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const auto o : offsets) {
    auto n = std::to_string(o);
    pdf += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Uploads the required documents of step `key` as `who` (an actor of the step or the
// requester), except `leave_out` ("<step key>/<document>"), which stays missing.
void upload_documents(store::Connection& c, const auth::Principal& who, const nlohmann::json& k, const std::string& key,
                      const std::string& leave_out) {
  for (const auto& s : k["route"]) {
    if (s["key"] != key || !s["can_upload"].get<bool>()) continue;
    std::size_t i = 0;
    for (const auto& name : s["missing_documents"]) {
      const auto doc = name.get<std::string>();
      if (key + "/" + doc != leave_out)
        power::add_document(c, who, k["id"].get<std::int64_t>(),
                            {key, doc, doc + ".pdf", std::string("application/pdf"),
                             demo_pdf(k["number"].get<std::string>(), s["seq"].get<std::int64_t>(), i)});
      ++i;
    }
  }
}

// Acts on the case's current step as whoever may, until it completes or `stop_at` is current.
// With `documents`, each step's required documents are uploaded by its actor before acting
// (all but `leave_out`, "<step key>/<document>").
nlohmann::json walk(store::Connection& c, const disclosure::LogIdentity& log, std::int64_t id, const People& people,
                    const std::string& stop_at = {}, bool documents = false, const std::string& leave_out = {}) {
  const auto reader = people.by_role.at("secretary").front();
  for (int guard = 0; guard < 60; ++guard) {
    auto k = power::get_case(c, reader, id);
    if (k["status"] != "in_progress") return k;
    const auto step = k["current_step"].get<std::string>();
    if (step == stop_at) return k;
    const nlohmann::json* cur = nullptr;
    for (const auto& s : k["route"])
      if (s["key"] == step) cur = &s;
    const auto kind = (*cur)["kind"].get<std::string>();
    const auto requester = k["requester_id"].get<std::int64_t>();
    bool acted = false;
    for (const auto& role : (*cur)["roles"]) {
      for (const auto& who : people.by_role.at(role.get<std::string>())) {
        if (who.user_id == requester && kind != "tender" && kind != "record") continue;
        bool signed_already = false;
        for (const auto& g : (*cur)["signatures"]) signed_already |= g["role"] == role || g["user_id"] == who.user_id;
        if (signed_already) continue;
        if (documents) upload_documents(c, who, power::get_case(c, who, id), step, leave_out);
        power::ActionInput a;
        a.step = step;
        if (kind == "approve") a.action = "approve";
        else if (kind == "joint") a.action = "sign";
        else if (kind == "record") a.action = "record";
        else if (kind == "tender") {
          a.action = "tender";
          a.tender = power::TenderInput{k["counterparty"].get<std::string>().empty() ? "清河市青禾建设有限公司"
                                                                                     : k["counterparty"].get<std::string>(),
                                        k["amount_fen"].is_null() ? std::nullopt
                                                                  : std::optional<std::int64_t>(k["amount_fen"].get<std::int64_t>()),
                                        3};
        } else if (kind == "meeting") {
          a.action = "meeting";
          a.meeting = passing_meeting((*cur)["meeting_body"].get<std::string>());
        }
        power::act(c, who, log, id, a);
        acted = true;
        break;
      }
      if (acted) break;
    }
    if (!acted)
      throw Error(ErrorKind::internal, "demo_case_stuck", "演示办件无法推进:" + step, "Demo case cannot proceed at " + step);
  }
  throw Error(ErrorKind::internal, "demo_case_stuck", "演示办件环节过多", "Demo case has too many steps");
}

// Starts a case as `<slug>.clerk`; with `documents`, the clerk then uploads the application's
// required documents (the submit step takes them until the next step is decided).
std::int64_t start(store::Connection& c, const disclosure::LogIdentity& log, const std::string& region,
                   const std::string& slug, const DemoApproval& a, const std::string& counterparty = {},
                   bool documents = false) {
  power::CaseInput in;
  in.item = a.item_code;
  in.region_code = region;
  in.title = a.title;
  in.amount_fen = a.amount_fen;
  in.counterparty = counterparty;
  const auto clerk = as_user(c, slug + ".clerk");
  const auto k = power::start_case(c, clerk, log, in);
  const auto id = k["id"].get<std::int64_t>();
  if (documents) upload_documents(c, clerk, power::get_case(c, clerk, id), k["route"][0]["key"].get<std::string>(), {});
  return id;
}

// Runs the demo's services as if it were `back` earlier, so a case started inside has really
// been waiting that long: its times, due dates and history are what the services wrote, and
// the overdue warning is the real computation's. Demo-only (`init` runs before any server);
// restores the real clock when done.
class ClockBack {
 public:
  explicit ClockBack(std::chrono::hours back) {
    const auto real_start = std::chrono::system_clock::now();
    const auto shifted_start = ql::now() - back;
    set_clock_for_testing([=] { return shifted_start + (std::chrono::system_clock::now() - real_start); });
  }
  ~ClockBack() { set_clock_for_testing(nullptr); }
  ClockBack(const ClockBack&) = delete;
  ClockBack& operator=(const ClockBack&) = delete;
};

}  // namespace

std::string demo_completed_case(store::Connection& c, const disclosure::LogIdentity& log, const std::string& region,
                                const std::string& slug, const DemoApproval& a) {
  const auto id = start(c, log, region, slug, a, {}, true);
  auto k = walk(c, log, id, people_of(c, slug), {}, true);
  if (k["status"] != "completed")
    throw Error(ErrorKind::internal, "demo_case_stuck", "演示办件未办结", "Demo case did not complete");
  return k["number"].get<std::string>();
}

void create_demo_power(store::Connection& c, const disclosure::LogIdentity& log) {
  const std::string hefeng = "339902001001", slug = "hefeng";
  const auto people = people_of(c, slug);
  // A completed 四议两公开 purchase with its resolution, award and result published, and its
  // documents uploaded but for the party meeting's sign-in sheet: the 内审工作核查表 finds it.
  {
    const auto done = start(c, log, hefeng, slug, {"collective.purchase", "采购社区居家养老服务中心康复器材", 6'800'000}, {},
                            true);
    walk(c, log, done, people, {}, true, "party_meeting/签到表");
  }
  // A 30,000 元 purchase waiting for the supervision member's joint signature.
  auto id = start(c, log, hefeng, slug, {"collective.purchase", "采购社区文化家园音响设备", 3'000'000}, "青莲电器行");
  walk(c, log, id, people, "joint_meeting");
  power::ActionInput sign{"joint_meeting", "sign", "同意采购", std::nullopt, std::nullopt};
  power::act(c, people.by_role.at("secretary").front(), log, id, sign);
  // A small purchase returned to the clerk for a quotation.
  id = start(c, log, hefeng, slug, {"collective.purchase", "采购会议室桌椅", 180'000}, "青莲家具店");
  walk(c, log, id, people, "head_approve");
  power::act(c, people.by_role.at("secretary").front(), log, id,
             {"head_approve", "return", "请补充三家报价单", std::nullopt, std::nullopt});
  // A works project the representatives voted down.
  id = start(c, log, hefeng, slug, {"collective.works", "新建社区地下停车场", 48'000'000});
  walk(c, log, id, people, "representatives");
  power::ActionInput vote{"representatives", "meeting", "", power::MeetingInput{35, 30, 12, 15, 3, "", "", "不同意"}, std::nullopt};
  power::act(c, people.by_role.at("supervisor").front(), log, id, vote);
  // Office supplies started 12 days ago and still at their first review, whose limit is a few
  // days: GET /api/v1/power/overdue lists it by the real computation.
  {
    const ClockBack twelve_days_ago(std::chrono::hours(24 * 12));
    id = start(c, log, hefeng, slug, {"collective.purchase", "采购社区办公用品(打印纸、硒鼓)", 150'000}, "青莲文具店", true);
  }
}

}  // namespace ql::admin
