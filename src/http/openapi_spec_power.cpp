// OpenAPI documentation of the petty-power routes (api_power.cpp): the item catalogue with
// versioned flows, routing rules, cases and their actions, overdue warnings and the seal log.
#include <string>
#include <vector>

#include "disclosure/attachment.hpp"
#include "http/openapi_list.hpp"
#include "http/openapi_spec.hpp"
#include "power/document.hpp"

namespace ql::http::openapi {
namespace {

constexpr const char* kTag = "Power";
constexpr const char* kScope403 = "forbidden: the region is outside the caller's data scope";
constexpr std::int64_t kMaxFen = 99'999'999'999'999;
const std::vector<std::string> kBands = {"none", "small", "medium", "large", "township", "county"};
const std::vector<std::string> kStatuses = {"in_progress", "returned", "rejected", "completed"};

// An {id} route of a region's rows (the shared by_id() speaks of a village).
Operation& region_by_id(Operation& op, const std::string& what) { return by_id(op, what, kScope403); }

Json region_query() { return described(text(15), "the region (required)"); }

void schemas(Spec& s) {
  const Json flow = described(free_object(),
                              "{\"steps\":[{key, name_zh, name_en, kind, roles, meeting_body, time_limit_days, "
                              "attachments, risks:[{text, level, control}], disclose: null|{stage, category}, bands}]} "
                              "(src/power/flow.hpp)");
  Properties item = {{"id", described(nullable(integer(1)), "null for a template item (nothing initialised)")},
                     {"region_code", nullable(text())},
                     {"code", text()},
                     {"name_zh", text()},
                     {"name_en", text()},
                     {"group", one_of({"collective", "service"})},
                     {"kind", text()},
                     {"legal_basis", text()},
                     {"description", text()},
                     {"enabled", boolean()},
                     {"flow_version", integer(0)},
                     {"sort", integer(0)},
                     {"created_at", nullable(date_time())},
                     {"updated_at", nullable(date_time())},
                     {"inherited", described(boolean(), "the item belongs to a region above (the street's list)")}};
  s.schema("PowerItemRow", record(item));
  s.schema("PowerItemList",
           record({{"region_code", text()},
                   {"source", described(one_of({"region", "inherited", "template"}),
                                        "region: the region has its own items; inherited: only an ancestor's apply; "
                                        "template: nothing initialised up the tree")},
                   {"items", array_of(ref("PowerItemRow"))}}));
  Properties detail = item;
  detail.erase(detail.end() - 1);  // no "inherited"
  detail[0].second = integer(1);
  detail[1].second = text();
  detail[12].second = date_time();
  detail[13].second = date_time();
  detail.push_back({"flow", flow});
  detail.push_back({"current_version", integer(1)});
  s.schema("PowerItem", record(detail));
  s.schema("PowerItemVersions",
           record({{"items", array_of(record({{"version", integer(1)},
                                              {"created_at", date_time()},
                                              {"flow", flow},
                                              {"created_by_name", nullable(text())},
                                              {"cases", described(integer(0), "cases started under this version")}}))}}));
  s.schema("PowerRules",
           record({{"region_code", text()},
                   {"rules", array_of(record({{"kind", text()},
                                              {"medium_from_fen", integer(1)},
                                              {"large_from_fen", integer(1)},
                                              {"township_from_fen", nullable(integer(1))},
                                              {"county_from_fen", nullable(integer(1))},
                                              {"source", described(text(), "region, an ancestor's code, or default")}}))}}));
  const Json thresholds = record({{"kind", text()},
                                  {"medium_from_fen", integer(1)},
                                  {"large_from_fen", integer(1)},
                                  {"township_from_fen", nullable(integer(1))},
                                  {"county_from_fen", nullable(integer(1))}});
  s.schema("PowerRoute", record({{"item", record({{"id", integer(1)},
                                                  {"code", text()},
                                                  {"name_zh", text()},
                                                  {"name_en", text()},
                                                  {"kind", text()},
                                                  {"region_code", text()}})},
                                 {"flow_version", integer(1)},
                                 {"band", one_of(kBands)},
                                 {"thresholds", thresholds},
                                 {"route", described(array_of(free_object()),
                                                     "the flow's steps for the band, each with seq, effective roles and "
                                                     "due_if_started_now")}}));
  Properties kase = {{"id", integer(1)},
                     {"region_code", text()},
                     {"region_name", text()},
                     {"number", described(text(), "QL-<village code>-<year>-<seq>, unique")},
                     {"item_id", integer(1)},
                     {"item_code", text()},
                     {"item_name", text()},
                     {"item_name_en", text()},
                     {"flow_version", described(integer(1), "the flow version the case started with and keeps")},
                     {"kind", text()},
                     {"band", one_of(kBands)},
                     {"title", text()},
                     {"description", text()},
                     {"amount_fen", nullable(integer(0))},
                     {"counterparty", text()},
                     {"status", one_of(kStatuses)},
                     {"current_seq", integer(1)},
                     {"steps_total", integer(1)},
                     {"current_step", described(nullable(text()), "the key of the step to act on; null when closed")},
                     {"current_step_name", nullable(text())},
                     {"current_step_name_en", nullable(text())},
                     {"current_roles", array_of(text())},
                     {"current_due_at", nullable(date_time())},
                     {"overdue", described(boolean(), "the current step is past its time limit (calendar days)")},
                     {"first_approved_at", described(nullable(date_time()), "after it the amount may not rise")},
                     {"requester_id", integer(1)},
                     {"requester_name", text()},
                     {"created_at", date_time()},
                     {"updated_at", date_time()},
                     {"completed_at", nullable(date_time())}};
  s.schema("PowerCaseRow", record(kase));
  Properties full = kase;
  full.push_back({"route", described(array_of(free_object()),
                                     "every step: seq, key, names, kind, roles, status (pending, active, done, rejected), "
                                     "started_at, due_at, overdue, done_at, done_by(_name), result, disclosure_id, "
                                     "log_index, attachments, risks, disclose, signatures, meetings, documents (PowerCaseDocument), "
                                     "missing_documents, documents_open, can_upload")});
  full.push_back({"can_act", described(array_of(text()), "the actions the caller may take now")});
  full.push_back({"history", described(array_of(free_object()), "every action: seq, step, action, user, comment, detail, at")});
  full.push_back({"disclosures", array_of(free_object())});
  std::vector<std::string> required;
  for (const auto& p : full) required.push_back(p.first);
  full.push_back({"meeting", described(free_object(), "after a meeting action: the figures, quorum, majority, passed "
                                                      "and message_zh/message_en")});
  s.schema("PowerCase", object(full, required));
  s.schema("PowerCaseDocument",
           record({{"id", integer(1)},
                   {"case_id", integer(1)},
                   {"seq", integer(1)},
                   {"step", described(text(32), "the step key")},
                   {"document", described(text(power::kMaxDocumentNameChars),
                                          "which of the step's required documents the file is; empty for other material")},
                   {"filename", text(disclosure::kMaxFilenameChars, 1)},
                   {"content_type", one_of({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})},
                   {"size", integer(1)},
                   {"sha256", text(64, 64)},
                   {"uploaded_by", nullable(integer(1))},
                   {"uploaded_by_name", text()},
                   {"created_at", date_time()}}));
  s.schema("PowerSealUse", record({{"id", integer(1)},
                                   {"region_code", text()},
                                   {"region_name", text()},
                                   {"case_id", integer(1)},
                                   {"case_number", text()},
                                   {"case_title", text()},
                                   {"seal_name", text()},
                                   {"document", text()},
                                   {"copies", integer(1)},
                                   {"stamped_by", text()},
                                   {"stamped_at", date_time()},
                                   {"note", text()},
                                   {"created_at", date_time()}}));
}

}  // namespace

void document_power(Spec& s) {
  s.tag(kTag,
        "小微权力: the catalogue of power items with versioned flows, routing rules by amount, cases (办件) routed by "
        "their amount and acted on step by step, overdue warnings and the seal-use log (docs/POWER.md)");
  schemas(s);

  s.add(Method::GET, "/api/v1/power/items", "listPowerItems", "Power items of a region / 小微权力清单", kTag)
      .permission("power:item:read")
      .query("region", region_query(), "the region")
      .query("enabled", boolean(), "true: enabled items only")
      .returns(200, ref("PowerItemList"), "The items that apply in the region")
      .fails(400, "invalid_query: region is missing")
      .fails(403, kScope403);
  s.add(Method::POST, "/api/v1/power/items/init", "initPowerItems", "Copy the template into a region", kTag)
      .permission("power:item:write")
      .query("region", region_query(), "the region")
      .returns(201, ref("PowerItemList"), "The region's new items")
      .fails(400, "invalid_query: region is missing")
      .fails(403, kScope403)
      .fails(409, "catalogue_exists: the region already has items");
  s.add(Method::POST, "/api/v1/power/items", "createPowerItem", "Add a power item", kTag)
      .permission("power:item:write")
      .json_body(object({{"region", text(15)},
                         {"code", described(text(64), "lower-case letters, digits, . _ -")},
                         {"name_zh", text(50)},
                         {"name_en", text(100)},
                         {"group", one_of({"collective", "service"})},
                         {"kind", text(20)},
                         {"legal_basis", text(500)},
                         {"description", text(2000)},
                         {"sort", integer(0, 100000)},
                         {"flow", free_object()}},
                        {"region", "code", "name_zh", "group", "kind", "flow"}))
      .returns(201, ref("PowerItem"), "The item with flow version 1")
      .fails(403, kScope403)
      .fails(409, "item_exists: the region has an item with this code");
  region_by_id(s.add(Method::GET, "/api/v1/power/items/{id}", "getPowerItem", "A power item with its flow", kTag)
                   .permission("power:item:read")
                   .query("version", integer(1, 100000), "a past flow version (default: the current one)")
                   .returns(200, ref("PowerItem"), "The item"),
               "power item");
  region_by_id(s.add(Method::PATCH, "/api/v1/power/items/{id}", "updatePowerItem", "Edit a power item", kTag)
                   .permission("power:item:write")
                   .json_body(object({{"name_zh", text(50)},
                                      {"name_en", text(100)},
                                      {"group", one_of({"collective", "service"})},
                                      {"kind", text(20)},
                                      {"legal_basis", text(500)},
                                      {"description", text(2000)},
                                      {"enabled", boolean()},
                                      {"sort", integer(0, 100000)}},
                                     {}))
                   .returns(200, ref("PowerItem"), "The item"),
               "power item");
  region_by_id(s.add(Method::PUT, "/api/v1/power/items/{id}/flow", "putPowerItemFlow", "Save a new flow version", kTag)
                   .permission("power:item:write")
                   .describe("Validates the flow (400 naming e.g. steps[3].roles) and stores it as the next version; running "
                             "cases keep the version they started with.")
                   .json_body(object({{"flow", free_object()}}, {"flow"}))
                   .returns(200, ref("PowerItem"), "The item with its new version"),
               "power item");
  region_by_id(s.add(Method::GET, "/api/v1/power/items/{id}/versions", "listPowerItemVersions", "Flow versions", kTag)
                   .permission("power:item:read")
                   .returns(200, ref("PowerItemVersions"), "Every version, newest first"),
               "power item");

  s.add(Method::GET, "/api/v1/power/rules", "getPowerRules", "Routing rules in force / 审批权限", kTag)
      .permission("power:item:read")
      .query("region", region_query(), "the region")
      .returns(200, ref("PowerRules"), "One rule per kind: the nearest region's, else the default")
      .fails(400, "invalid_query: region is missing")
      .fails(403, kScope403);
  s.add(Method::PUT, "/api/v1/power/rules", "putPowerRules", "Set a region's routing rules", kTag)
      .permission("power:item:write")
      .query("region", region_query(), "the region")
      .json_body(object({{"rules", described(array_of(free_object(), 20),
                                             "[{kind, medium_from_fen, large_from_fen, township_from_fen?, "
                                             "county_from_fen?} or {kind, inherit: true}]")}},
                        {"rules"}))
      .returns(200, ref("PowerRules"), "The rules now in force")
      .fails(403, kScope403);

  s.add(Method::GET, "/api/v1/power/route", "previewPowerRoute", "The route a case would take", kTag)
      .permission("power:case:start")
      .query("region", region_query(), "the village")
      .query("item", described(text(64), "item code or id (required)"), "the item")
      .query("amount_fen", integer(0, kMaxFen), "the amount")
      .returns(200, ref("PowerRoute"), "The band and its steps")
      .fails(400, "invalid_query / invalid_field: region or item missing, not a village, unknown item")
      .fails(403, kScope403);

  s.add(Method::GET, "/api/v1/power/cases", "listPowerCases", "Cases / 办件", kTag)
      .permission("power:case:read")
      .query("region", text(15), "this region and below")
      .query("status", one_of(kStatuses), "status")
      .query("item", text(64), "item code")
      .query("band", one_of(kBands), "amount band")
      .query("q", text(50), "number, title or counterparty contains")
      .query("overdue", boolean(), "only cases whose current step is overdue")
      .query("mine", boolean(), "only cases the caller started")
      .query("todo", boolean(), "only cases waiting for the caller (their role at the current step, or returned to them)")
      .paging({"created_at", "number", "amount_fen", "updated_at"}, "-created_at")
      .returns(200, page_of("PowerCaseRow"), "A page of cases")
      .exports("the matching cases")
      .fails(403, kScope403);
  s.add(Method::POST, "/api/v1/power/cases", "startPowerCase", "Start a case", kTag)
      .permission("power:case:start")
      .json_body(object({{"item", described(text(64), "item code, or id as digits")},
                         {"region", described(text(15), "a village or community")},
                         {"title", text(100)},
                         {"description", text(2000)},
                         {"amount_fen", integer(0, kMaxFen)},
                         {"counterparty", text(100)}},
                        {"item", "region", "title"}))
      .returns(201, ref("PowerCase"), "The case with its route")
      .fails(403, kScope403);
  region_by_id(s.add(Method::GET, "/api/v1/power/cases/{id}", "getPowerCase", "A case with its route and history", kTag)
            .permission("power:case:read")
            .returns(200, ref("PowerCase"), "The case"),
        "case");
  region_by_id(s.add(Method::PATCH, "/api/v1/power/cases/{id}", "updatePowerCase", "The requester edits a case", kTag)
            .permission("power:case:start")
            .json_body(object({{"title", text(100)},
                               {"description", text(2000)},
                               {"counterparty", text(100)},
                               {"amount_fen", integer(0, kMaxFen)}},
                              {}))
            .returns(200, ref("PowerCase"), "The case")
            .fails(409, "amount_rise: the amount cannot rise after the first approval (start a new case); "
                        "route_changed: the new amount takes another route after a decision; case_closed"),
        "case");
  region_by_id(s.add(Method::POST, "/api/v1/power/cases/{id}/actions", "actOnPowerCase", "Act on the current step", kTag)
            .logged_in()
            .describe("approve, reject, return (to the requester), sign (joint steps: every role, distinct users), "
                      "record, tender (with the result) and meeting (attendance and votes: quorum two thirds present, "
                      "more than half of all members in favour). The requester never decides on their own case; "
                      "steps run in order. Needs power:case:act (power:case:start for the requester's resubmit).")
            .json_body(object({{"step", described(text(32), "the key of the current step")},
                               {"action", text(20)},
                               {"comment", text(500)},
                               {"meeting", described(free_object(),
                                                     "{members_total, present, votes_for, votes_against?, "
                                                     "votes_abstain?, attendees?, held_at?, resolution?}")},
                               {"tender", described(free_object(), "{winner, price_fen?, bidders?}")}},
                              {"step", "action"}))
            .returns(200, ref("PowerCase"), "The case after the action")
            .fails(403, "self_approval / wrong_role: the requester on a decision, or a role the step does not name")
            .fails(409, "step_out_of_order / already_signed / case_rejected / case_completed / case_returned"),
        "case");
  const std::vector<std::string> file_types = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"};
  region_by_id(s.add(Method::POST, "/api/v1/power/cases/{id}/documents", "addPowerCaseDocument",
              "Upload a document to a step / 上传办件材料", kTag)
            .permission("power:case:read")
            .describe("The body is the file itself (PDF or image, type sniffed from the content, at most " +
                      std::to_string(disclosure::kMaxAttachmentBytes) +
                      " bytes), as for publication attachments. Only an open step takes documents (the current "
                      "step; the submit step until the next step is decided), uploaded by one of the step's actors "
                      "(power:case:act and one of its roles) or the requester. Completing a step without every "
                      "required document is allowed; the history and the internal audit checklist record it.")
            .query("step", text(32), "the step key (required)")
            .query("document", text(power::kMaxDocumentNameChars),
                   "one of the step's required documents (its flow's attachments); omit for other material")
            .query("filename", text(disclosure::kMaxFilenameChars, 1), "the file's name (required)")
            .raw_body("application/octet-stream", "the file's bytes; Content-Type may also be its own type")
            .returns(201, ref("PowerCaseDocument"), "Stored")
            .fails(400, "invalid_field / invalid_query: step missing or not on the route, document not required by "
                        "the step, filename missing, file empty")
            .fails(403, "not_step_actor: neither an actor of the step nor the requester")
            .fails(409, "step_closed; document_exists (the same file on the step); too_many_documents")
            .fails(413, "attachment_too_large")
            .fails(415, "unsupported_attachment_type; attachment_type_mismatch"),
        "case");
  region_by_id(s.add(Method::GET, "/api/v1/power/cases/{id}/documents", "listPowerCaseDocuments",
              "A case's documents / 办件材料", kTag)
            .permission("power:case:read")
            .query("step", text(32), "only this step's (empty: all)")
            .returns(200, record({{"items", array_of(ref("PowerCaseDocument"))}}), "By step, then upload order")
            .fails(400, "invalid_field: step is not on the case's route"),
        "case");
  region_by_id(s.add(Method::GET, "/api/v1/power/cases/{id}/documents/{doc_id}", "getPowerCaseDocument",
              "Download a document / 下载办件材料", kTag)
            .permission("power:case:read")
            .path_param("doc_id", integer(1), "document id")
            .returns_file(200, file_types, "The file, Content-Disposition inline"),
        "case");
  region_by_id(s.add(Method::DELETE, "/api/v1/power/cases/{id}/documents/{doc_id}", "deletePowerCaseDocument",
              "Delete a document / 删除办件材料", kTag)
            .permission("power:case:read")
            .path_param("doc_id", integer(1), "document id")
            .describe("Only the uploader, and only while the step is open: once the step is done its documents are "
                      "frozen.")
            .returns_nothing("Deleted")
            .fails(403, "not_uploader")
            .fails(409, "step_closed"),
        "case");

  s.add(Method::GET, "/api/v1/power/overdue", "listPowerOverdue", "Overdue cases / 超时预警", kTag)
      .permission("power:case:read")
      .query("region", region_query(), "this region and below")
      .returns(200, record({{"items", array_of(ref("PowerCaseRow"))}, {"total", integer(0)}}),
               "Open cases whose current step is past its time limit")
      .fails(400, "invalid_query: region is missing")
      .fails(403, kScope403);

  s.add(Method::GET, "/api/v1/power/seal-uses", "listPowerSealUses", "Seal log / 用章登记", kTag)
      .permission("power:case:read")
      .query("region", text(15), "this region and below")
      .query("case_id", integer(1, 999'999'999'999), "one case")
      .paging({"stamped_at", "created_at"}, "-stamped_at")
      .returns(200, page_of("PowerSealUse"), "A page of seal uses")
      .fails(403, kScope403);
  s.add(Method::POST, "/api/v1/power/seal-uses", "recordPowerSealUse", "Record a seal use", kTag)
      .permission("power:seal:write")
      .json_body(object({{"case_id", integer(1, 999'999'999'999)},
                         {"seal_name", text(50)},
                         {"document", text(200)},
                         {"copies", integer(1, 1000)},
                         {"stamped_by", text(50)},
                         {"stamped_at", described(text(30), "ISO time, UTC (default now)")},
                         {"note", text(500)}},
                        {"case_id", "seal_name", "document", "stamped_by"}))
      .returns(201, ref("PowerSealUse"), "The seal use")
      .fails(403, kScope403);
}

}  // namespace ql::http::openapi
