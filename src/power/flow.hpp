#pragma once
// A power item's flow (流程图): the ordered steps a case of the item goes through, who acts at
// each, the time limit, the attachments the step needs, its 廉政风险点 with level and control,
// and what is disclosed there. Which steps a particular case takes depends on its amount band
// (see routing.hpp): a step lists the bands it applies to, so one flow describes the small,
// joint-meeting and 四议两公开 routes of, say, a purchase at once, and the flow chart shows them
// side by side. Flows are stored as JSON (flow_to_json / flow_from_json) and versioned; a
// running case keeps the version it started with.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ql::power {

enum class RiskLevel { low, medium, high };

// A 廉政风险点 marked on a step.
struct RiskPoint {
  std::string text;     // what can go wrong, e.g. "拆分项目规避招标"
  RiskLevel level;
  std::string control;  // the control measure, e.g. "同一事项 12 个月内累计计算金额"
};

// What a step does. The engine treats them as follows:
//   submit   - the requester fills in and submits (always the first step);
//   approve  - one person holding one of `roles` approves, rejects or returns;
//   joint    - every role in `roles` must sign (会签); the step completes on the last signature;
//   meeting  - a meeting of `meeting_body` with attendance and votes recorded (四议两公开);
//              quorum: at least two thirds present, more than half of the members in favour;
//   tender   - the public tender / trading-centre step, recorded with its result;
//   disclose - publishes through the disclosure module (see `disclose`), no human approval;
//   record   - a person holding one of `roles` records that something was done (e.g. seal used,
//              filed); it completes the step without a yes/no decision.
enum class StepKind { submit, approve, joint, meeting, tender, disclose, record };

// Bands an amount falls into, by the region's routing rules for the item's kind (routing.hpp):
//   small (below the head's limit), medium (joint meeting), large (四议两公开 and tender),
//   township (township trading centre), county (county trading centre). `none` is for items
//   without an amount (certificates, seal use). A step with an empty band list applies always.
enum class AmountBand { none, small, medium, large, township, county };

struct StepDisclosure {
  std::string stage;     // before, during, after (disclosure stages)
  std::string category;  // party, affairs, finance, service
};

struct FlowStep {
  std::string key;                  // unique within the flow, [a-z0-9_]{1,32}, e.g. "joint_review"
  std::string name_zh, name_en;
  StepKind kind = StepKind::approve;
  std::vector<std::string> roles;   // acting role codes (DOMAIN.md roles); joint: every one signs
  std::string meeting_body;         // meeting only: "two_committees", "party_members", "representatives"
  int time_limit_days = 0;          // 0 = no limit; otherwise overdue warnings after it
  std::vector<std::string> attachments;  // names of the documents the step requires
  std::vector<RiskPoint> risks;
  std::optional<StepDisclosure> disclose;  // disclose steps (and meetings whose result is public)
  std::vector<AmountBand> bands;    // empty = applies to every band
};

struct Flow {
  std::vector<FlowStep> steps;
};

// Lower-case names used in JSON, the database and the API ("high", "joint", "township", ...).
const char* to_string(RiskLevel);
const char* to_string(StepKind);
const char* to_string(AmountBand);

// JSON shape (the API, the database and the web flow editor all use it):
// {"steps":[{"key","name_zh","name_en","kind","roles":[...],"meeting_body","time_limit_days",
//   "attachments":[...],"risks":[{"text","level","control"}],"disclose":null|{"stage","category"},
//   "bands":[...]}]}
nlohmann::json flow_to_json(const Flow& flow);

// Parses and validates a flow: throws ql::Error invalid_field naming the step and field
// (e.g. "steps[3].roles") for unknown kinds, roles, bands, stages or categories, duplicate keys,
// a first step that is not submit, a joint step with fewer than two roles, a meeting without
// a body, or a disclose step without stage and category.
Flow flow_from_json(const nlohmann::json& j);

// The steps a case in `band` takes, in order.
std::vector<const FlowStep*> route_for(const Flow& flow, AmountBand band);

}  // namespace ql::power
