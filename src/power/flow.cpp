#include "power/flow.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"

namespace ql::power {

namespace {

// Roles a flow step may name: the working roles of DOMAIN.md. resident and admin never act on
// a case (an administrator manages, it does not approve).
const std::vector<std::string> kStepRoles = {"clerk", "secretary", "supervisor", "street_office", "discipline"};
const std::vector<std::string> kMeetingBodies = {"two_committees", "party_members", "representatives"};
const std::vector<std::string> kStages = {"before", "during", "after"};
const std::vector<std::string> kCategories = {"party", "affairs", "finance", "service"};

constexpr std::size_t kMaxSteps = 40;

std::string join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

const nlohmann::json* member(const nlohmann::json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string get_string(const nlohmann::json& obj, const char* name, const std::string& field,
                       std::size_t min_chars, std::size_t max_chars) {
  const auto* v = member(obj, name);
  if (!v) {
    if (min_chars == 0) return {};
    throw invalid_field(field, "不能为空", "is required");
  }
  if (!v->is_string()) throw invalid_field(field, "须为字符串", "must be a string");
  auto s = v->get<std::string>();
  text::require_length(field, s, min_chars, max_chars);
  return s;
}

std::vector<std::string> get_strings(const nlohmann::json& obj, const char* name, const std::string& field,
                                     std::size_t max_items, std::size_t max_chars) {
  std::vector<std::string> out;
  const auto* v = member(obj, name);
  if (!v) return out;
  if (!v->is_array()) throw invalid_field(field, "须为字符串数组", "must be an array of strings");
  if (v->size() > max_items)
    throw invalid_field(field, "至多 " + std::to_string(max_items) + " 项",
                        "must have at most " + std::to_string(max_items) + " entries");
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto f = field + "[" + std::to_string(i) + "]";
    if (!(*v)[i].is_string()) throw invalid_field(f, "须为字符串", "must be a string");
    auto s = (*v)[i].get<std::string>();
    text::require_length(f, s, 1, max_chars);
    out.push_back(std::move(s));
  }
  return out;
}

template <typename E, std::size_t N>
std::optional<E> parse_enum(const std::string& s, const E (&values)[N]) {
  for (auto v : values)
    if (s == to_string(v)) return v;
  return std::nullopt;
}

constexpr RiskLevel kLevels[] = {RiskLevel::low, RiskLevel::medium, RiskLevel::high};
constexpr StepKind kKinds[] = {StepKind::submit, StepKind::approve, StepKind::joint, StepKind::meeting,
                               StepKind::tender, StepKind::disclose, StepKind::record};
constexpr AmountBand kBands[] = {AmountBand::none,  AmountBand::small,    AmountBand::medium,
                                 AmountBand::large, AmountBand::township, AmountBand::county};

bool valid_key(const std::string& k) {
  if (k.empty() || k.size() > 32) return false;
  return std::all_of(k.begin(), k.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

FlowStep parse_step(const nlohmann::json& j, const std::string& f) {
  if (!j.is_object()) throw invalid_field(f, "须为对象", "must be an object");
  static const std::set<std::string> known = {"key",         "name_zh", "name_en",         "kind",
                                              "roles",       "meeting_body", "time_limit_days", "attachments",
                                              "risks",       "disclose", "bands"};
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!known.count(it.key())) throw invalid_field(f + "." + it.key(), "未知字段", "is not a known field");
  FlowStep s;
  s.key = get_string(j, "key", f + ".key", 1, 32);
  if (!valid_key(s.key))
    throw invalid_field(f + ".key", "只能由小写字母、数字和下划线组成(至多 32 个)",
                        "must be 1 to 32 lower-case letters, digits or underscores");
  s.name_zh = get_string(j, "name_zh", f + ".name_zh", 1, 50);
  s.name_en = get_string(j, "name_en", f + ".name_en", 0, 100);
  auto kind = get_string(j, "kind", f + ".kind", 1, 20);
  auto k = parse_enum(kind, kKinds);
  if (!k)
    throw invalid_field(f + ".kind", "须为 submit、approve、joint、meeting、tender、disclose 或 record",
                        "must be submit, approve, joint, meeting, tender, disclose or record");
  s.kind = *k;
  s.roles = get_strings(j, "roles", f + ".roles", 8, 32);
  for (std::size_t i = 0; i < s.roles.size(); ++i) {
    if (!among(kStepRoles, s.roles[i]))
      throw invalid_field(f + ".roles[" + std::to_string(i) + "]", "须为 " + join(kStepRoles) + " 之一",
                          "must be one of " + join(kStepRoles));
    if (std::find(s.roles.begin(), s.roles.begin() + static_cast<std::ptrdiff_t>(i), s.roles[i]) !=
        s.roles.begin() + static_cast<std::ptrdiff_t>(i))
      throw invalid_field(f + ".roles[" + std::to_string(i) + "]", "角色重复", "is listed twice");
  }
  s.meeting_body = get_string(j, "meeting_body", f + ".meeting_body", 0, 32);
  if (!s.meeting_body.empty() && !among(kMeetingBodies, s.meeting_body))
    throw invalid_field(f + ".meeting_body", "须为 " + join(kMeetingBodies) + " 之一",
                        "must be one of " + join(kMeetingBodies));
  if (const auto* t = member(j, "time_limit_days")) {
    if (!t->is_number_integer() || t->get<std::int64_t>() < 0 || t->get<std::int64_t>() > 365)
      throw invalid_field(f + ".time_limit_days", "须为 0 到 365 的整数", "must be an integer from 0 to 365");
    s.time_limit_days = t->get<int>();
  }
  s.attachments = get_strings(j, "attachments", f + ".attachments", 20, 100);
  if (const auto* r = member(j, "risks")) {
    if (!r->is_array()) throw invalid_field(f + ".risks", "须为数组", "must be an array");
    if (r->size() > 20) throw invalid_field(f + ".risks", "至多 20 项", "must have at most 20 entries");
    for (std::size_t i = 0; i < r->size(); ++i) {
      const auto rf = f + ".risks[" + std::to_string(i) + "]";
      const auto& rj = (*r)[i];
      if (!rj.is_object()) throw invalid_field(rf, "须为对象", "must be an object");
      RiskPoint p;
      p.text = get_string(rj, "text", rf + ".text", 1, 200);
      auto lv = parse_enum(get_string(rj, "level", rf + ".level", 1, 10), kLevels);
      if (!lv) throw invalid_field(rf + ".level", "须为 high、medium 或 low", "must be high, medium or low");
      p.level = *lv;
      p.control = get_string(rj, "control", rf + ".control", 0, 300);
      s.risks.push_back(std::move(p));
    }
  }
  if (const auto* d = member(j, "disclose")) {
    if (!d->is_object()) throw invalid_field(f + ".disclose", "须为对象或 null", "must be an object or null");
    StepDisclosure sd;
    sd.stage = get_string(*d, "stage", f + ".disclose.stage", 1, 10);
    if (!among(kStages, sd.stage))
      throw invalid_field(f + ".disclose.stage", "须为 before、during 或 after", "must be before, during or after");
    sd.category = get_string(*d, "category", f + ".disclose.category", 1, 10);
    if (!among(kCategories, sd.category))
      throw invalid_field(f + ".disclose.category", "须为 party、affairs、finance 或 service",
                          "must be party, affairs, finance or service");
    s.disclose = sd;
  }
  if (const auto* b = member(j, "bands")) {
    if (!b->is_array()) throw invalid_field(f + ".bands", "须为数组", "must be an array");
    for (std::size_t i = 0; i < b->size(); ++i) {
      const auto bf = f + ".bands[" + std::to_string(i) + "]";
      if (!(*b)[i].is_string()) throw invalid_field(bf, "须为字符串", "must be a string");
      auto band = parse_enum((*b)[i].get<std::string>(), kBands);
      if (!band)
        throw invalid_field(bf, "须为 none、small、medium、large、township 或 county",
                            "must be none, small, medium, large, township or county");
      if (std::find(s.bands.begin(), s.bands.end(), *band) != s.bands.end())
        throw invalid_field(bf, "档位重复", "is listed twice");
      s.bands.push_back(*band);
    }
  }
  // What each kind needs to be executable by the case engine.
  switch (s.kind) {
    case StepKind::approve:
    case StepKind::record:
      if (s.roles.empty()) throw invalid_field(f + ".roles", "须至少指定一个办理角色", "must name at least one acting role");
      break;
    case StepKind::joint:
      if (s.roles.size() < 2)
        throw invalid_field(f + ".roles", "会签环节须至少两个角色", "a joint step needs at least two roles");
      break;
    case StepKind::meeting:
      if (s.meeting_body.empty())
        throw invalid_field(f + ".meeting_body", "会议环节须指定会议类型", "a meeting step needs its meeting body");
      break;
    case StepKind::disclose:
      if (!s.disclose)
        throw invalid_field(f + ".disclose", "公开环节须指定公开阶段和类别",
                            "a disclose step needs its stage and category");
      break;
    case StepKind::submit:
    case StepKind::tender:
      break;
  }
  if (s.kind != StepKind::meeting && !s.meeting_body.empty())
    throw invalid_field(f + ".meeting_body", "仅会议环节可指定会议类型", "only meeting steps have a meeting body");
  return s;
}

}  // namespace

const char* to_string(RiskLevel l) {
  switch (l) {
    case RiskLevel::low: return "low";
    case RiskLevel::medium: return "medium";
    case RiskLevel::high: return "high";
  }
  return "low";
}

const char* to_string(StepKind k) {
  switch (k) {
    case StepKind::submit: return "submit";
    case StepKind::approve: return "approve";
    case StepKind::joint: return "joint";
    case StepKind::meeting: return "meeting";
    case StepKind::tender: return "tender";
    case StepKind::disclose: return "disclose";
    case StepKind::record: return "record";
  }
  return "approve";
}

const char* to_string(AmountBand b) {
  switch (b) {
    case AmountBand::none: return "none";
    case AmountBand::small: return "small";
    case AmountBand::medium: return "medium";
    case AmountBand::large: return "large";
    case AmountBand::township: return "township";
    case AmountBand::county: return "county";
  }
  return "none";
}

nlohmann::json flow_to_json(const Flow& flow) {
  auto steps = nlohmann::json::array();
  for (const auto& s : flow.steps) {
    auto risks = nlohmann::json::array();
    for (const auto& r : s.risks) risks.push_back({{"text", r.text}, {"level", to_string(r.level)}, {"control", r.control}});
    auto bands = nlohmann::json::array();
    for (auto b : s.bands) bands.push_back(to_string(b));
    nlohmann::json disclose = nullptr;
    if (s.disclose) disclose = {{"stage", s.disclose->stage}, {"category", s.disclose->category}};
    steps.push_back({{"key", s.key},
                     {"name_zh", s.name_zh},
                     {"name_en", s.name_en},
                     {"kind", to_string(s.kind)},
                     {"roles", s.roles},
                     {"meeting_body", s.meeting_body},
                     {"time_limit_days", s.time_limit_days},
                     {"attachments", s.attachments},
                     {"risks", risks},
                     {"disclose", disclose},
                     {"bands", bands}});
  }
  return {{"steps", steps}};
}

Flow flow_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw invalid_field("flow", "须为对象", "must be an object");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "steps") throw invalid_field("flow." + it.key(), "未知字段", "is not a known field");
  auto it = j.find("steps");
  if (it == j.end() || !it->is_array() || it->empty())
    throw invalid_field("steps", "须为非空数组", "must be a non-empty array");
  if (it->size() > kMaxSteps)
    throw invalid_field("steps", "至多 " + std::to_string(kMaxSteps) + " 个环节",
                        "must have at most " + std::to_string(kMaxSteps) + " steps");
  Flow flow;
  std::set<std::string> keys;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto f = "steps[" + std::to_string(i) + "]";
    auto s = parse_step((*it)[i], f);
    if (!keys.insert(s.key).second) throw invalid_field(f + ".key", "环节标识重复", "duplicates another step's key");
    if (i == 0 && s.kind != StepKind::submit)
      throw invalid_field(f + ".kind", "第一个环节须为提交申请(submit)", "the first step must be submit");
    if (i > 0 && s.kind == StepKind::submit)
      throw invalid_field(f + ".kind", "只有第一个环节可为提交申请(submit)", "only the first step may be submit");
    if (i == 0 && !s.bands.empty())
      throw invalid_field(f + ".bands", "提交环节适用于所有档位,不能限定", "the submit step applies to every band");
    flow.steps.push_back(std::move(s));
  }
  return flow;
}

std::vector<const FlowStep*> route_for(const Flow& flow, AmountBand band) {
  std::vector<const FlowStep*> out;
  for (const auto& s : flow.steps)
    if (s.bands.empty() || std::find(s.bands.begin(), s.bands.end(), band) != s.bands.end()) out.push_back(&s);
  return out;
}

}  // namespace ql::power
