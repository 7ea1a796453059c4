#include "admin/demo_power.hpp"

#include <algorithm>

#include "auth/user.hpp"
#include "core/error.hpp"
#include "power/case.hpp"
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

// Acts on the case's current step as whoever may, until it completes or `stop_at` is current.
nlohmann::json walk(store::Connection& c, const disclosure::LogIdentity& log, std::int64_t id, const People& people,
                    const std::string& stop_at = {}) {
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

std::int64_t start(store::Connection& c, const disclosure::LogIdentity& log, const std::string& region,
                   const std::string& slug, const DemoApproval& a, const std::string& counterparty = {}) {
  power::CaseInput in;
  in.item = a.item_code;
  in.region_code = region;
  in.title = a.title;
  in.amount_fen = a.amount_fen;
  in.counterparty = counterparty;
  return power::start_case(c, as_user(c, slug + ".clerk"), log, in)["id"].get<std::int64_t>();
}

}  // namespace

std::string demo_completed_case(store::Connection& c, const disclosure::LogIdentity& log, const std::string& region,
                                const std::string& slug, const DemoApproval& a) {
  const auto id = start(c, log, region, slug, a);
  auto k = walk(c, log, id, people_of(c, slug));
  if (k["status"] != "completed")
    throw Error(ErrorKind::internal, "demo_case_stuck", "演示办件未办结", "Demo case did not complete");
  return k["number"].get<std::string>();
}

void create_demo_power(store::Connection& c, const disclosure::LogIdentity& log) {
  const std::string hefeng = "339902001001", slug = "hefeng";
  const auto people = people_of(c, slug);
  // A completed 四议两公开 purchase with its resolution, award and result published.
  demo_completed_case(c, log, hefeng, slug, {"collective.purchase", "采购社区居家养老服务中心康复器材", 6'800'000});
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
}

}  // namespace ql::admin
