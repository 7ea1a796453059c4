#include "power/document.hpp"

#include <map>
#include <set>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "disclosure/attachment.hpp"
#include "power/case.hpp"
#include "power/flow.hpp"

namespace ql::power {
namespace {

struct CaseFacts {
  std::int64_t id = 0;
  std::string region_code, status;
  std::int64_t requester_id = 0, current_seq = 0;
  Flow flow;
};

struct StepFacts {
  std::int64_t seq = 0;
  std::string key, status;
  std::vector<std::string> roles;
};

std::string display_of(const auth::Principal& a) { return a.display_name.empty() ? a.username : a.display_name; }

CaseFacts load_case(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto rs = c.query("SELECT k.region_code, k.status, k.requester_id, k.current_seq, f.flow FROM power_case k "
                    "JOIN power_item_flow f ON f.id = k.flow_id WHERE k.id = $1",
                    {id});
  if (rs.empty()) {
    // Outside an all-regions scope a missing id answers as a forbidden one does: ids do not leak.
    if (actor.data_scope == auth::DataScope::all) throw not_found("办件", "Case");
    throw forbidden();
  }
  const auto& r = rs.front();
  CaseFacts k;
  k.id = id;
  k.region_code = r.get<std::string>(0);
  k.status = r.get<std::string>(1);
  k.requester_id = r.get<std::int64_t>(2);
  k.current_seq = r.get<std::int64_t>(3);
  k.flow = flow_from_json(nlohmann::json::parse(r.get<std::string>(4)));
  auth::Scope(actor).require_region(c, k.region_code);
  return k;
}

StepFacts step_by_key(store::Connection& c, std::int64_t case_id, const std::string& key) {
  auto rs = c.query("SELECT seq, step_key, status, roles FROM power_case_step WHERE case_id = $1 AND step_key = $2",
                    {case_id, key});
  if (rs.empty()) throw invalid_field("step", "不是该办件流程中的环节", "is not a step of this case's route");
  const auto& r = rs.front();
  return {r.get<std::int64_t>(0), r.get<std::string>(1), r.get<std::string>(2),
          nlohmann::json::parse(r.get<std::string>(3)).get<std::vector<std::string>>()};
}

const FlowStep* flow_step(const Flow& flow, const std::string& key) {
  for (const auto& s : flow.steps)
    if (s.key == key) return &s;
  return nullptr;
}

// See the header: the current step of an open case, and the submit step until the step after
// it is decided.
bool step_open(const std::string& case_status, std::int64_t current_seq, std::int64_t seq,
               const std::string& step_status) {
  if (case_status != "in_progress" && case_status != "returned") return false;
  if (step_status == "active") return true;
  return seq == 1 && current_seq <= 2;
}

bool may_upload(const auth::Principal& actor, std::int64_t requester_id, const std::vector<std::string>& roles) {
  if (actor.user_id == requester_id && actor.can(kCaseStart)) return true;
  return actor.can(kCaseAct) && among(roles, actor.role_code);
}

Error step_closed(const std::string& key) {
  return Error(ErrorKind::conflict, "step_closed",
               "环节 " + key + " 未在办理中,材料已封存,不能增删",
               "Step " + key + " is not open: its documents are frozen", "step");
}

constexpr const char* kColumns =
    "id, case_id, seq, step_key, document, filename, content_type, size, sha256, uploaded_by, uploaded_by_name, "
    "created_at";

nlohmann::json document_json(const store::Row& r) {
  return {{"id", r.get<std::int64_t>("id")},
          {"case_id", r.get<std::int64_t>("case_id")},
          {"seq", r.get<std::int64_t>("seq")},
          {"step", r.get<std::string>("step_key")},
          {"document", r.get<std::string>("document")},
          {"filename", r.get<std::string>("filename")},
          {"content_type", r.get<std::string>("content_type")},
          {"size", r.get<std::int64_t>("size")},
          {"sha256", r.get<std::string>("sha256")},
          {"uploaded_by", r.is_null("uploaded_by") ? nlohmann::json() : nlohmann::json(r.get<std::int64_t>("uploaded_by"))},
          {"uploaded_by_name", r.get<std::string>("uploaded_by_name")},
          {"created_at", r.get<std::string>("created_at")}};
}

void add_event(store::Connection& tx, const auth::Principal& actor, std::int64_t case_id, std::int64_t seq,
               const std::string& key, const std::string& action, const std::string& comment,
               const nlohmann::json& detail, const std::string& at) {
  tx.query("INSERT INTO power_case_event (case_id, seq, step_key, action, user_id, user_name, comment, detail, at) "
           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
           {case_id, seq, key, action, actor.user_id ? store::Param(actor.user_id) : store::Param(), display_of(actor),
            comment, detail.dump(), at});
}

}  // namespace

nlohmann::json add_document(store::Connection& c, const auth::Principal& actor, std::int64_t case_id,
                            const DocumentUpload& upload) {
  text::require_length("step", upload.step, 1, 32);
  text::require_length("document", upload.document, 0, kMaxDocumentNameChars);
  const auto type = disclosure::check_upload({upload.filename, upload.declared_type, upload.content});
  const auto filename = disclosure::clean_filename(upload.filename, type);
  // Hashing megabytes before the transaction keeps the write lock short.
  const auto sha = crypto::sha256_hex(upload.content);
  const auto size = static_cast<std::int64_t>(upload.content.size());
  return store::with_transaction(c, [&](store::Connection& tx) {
    // Touching the case row serialises the upload with actions: a step cannot close between
    // the check below and the insert.
    tx.query("UPDATE power_case SET updated_at = updated_at WHERE id = $1", {case_id});
    const auto k = load_case(tx, actor, case_id);
    const auto s = step_by_key(tx, case_id, upload.step);
    if (!upload.document.empty()) {
      const auto* fs = flow_step(k.flow, s.key);
      const auto& names = fs ? fs->attachments : std::vector<std::string>{};
      if (!among(names, upload.document)) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : "、") + n;
        throw invalid_field("document",
                            names.empty() ? "该环节不要求材料,请留空" : "须为该环节要求的材料之一:" + list,
                            names.empty() ? "this step requires no documents; leave it empty"
                                          : "must be one of the step's required documents: " + list);
      }
    }
    if (!may_upload(actor, k.requester_id, s.roles))
      throw Error(ErrorKind::forbidden, "not_step_actor", "只有该环节的办理人或申请人可以上传材料",
                  "Only the step's actors or the requester upload documents to it");
    if (!step_open(k.status, k.current_seq, s.seq, s.status)) throw step_closed(s.key);
    const auto n = std::stoll(*tx.scalar("SELECT COUNT(*) FROM power_case_document WHERE case_id = $1 AND seq = $2",
                                         {case_id, s.seq}));
    if (n >= kMaxDocumentsPerStep)
      throw Error(ErrorKind::conflict, "too_many_documents",
                  "每个环节最多 " + std::to_string(kMaxDocumentsPerStep) + " 份材料",
                  "A step has at most " + std::to_string(kMaxDocumentsPerStep) + " documents");
    if (tx.scalar("SELECT id FROM power_case_document WHERE case_id = $1 AND seq = $2 AND sha256 = $3",
                  {case_id, s.seq, sha}))
      throw Error(ErrorKind::conflict, "document_exists", "该文件已上传到本环节", "This file is already a document of the step",
                  "file");
    const auto at = now_iso();
    disclosure::store_blob(tx, sha, upload.content);
    const auto id = tx.query("INSERT INTO power_case_document (case_id, seq, step_key, document, filename, content_type, "
                             "size, sha256, uploaded_by, uploaded_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                             "$8, $9, $10, $11) RETURNING id",
                             {case_id, s.seq, s.key, upload.document, filename, type, size, sha,
                              actor.user_id ? store::Param(actor.user_id) : store::Param(), display_of(actor), at})
                        .front()
                        .get<std::int64_t>(0);
    auto doc = document_json(
        tx.query(std::string("SELECT ") + kColumns + " FROM power_case_document WHERE id = $1", {id}).front());
    add_event(tx, actor, case_id, s.seq, s.key, "document_add", filename,
              {{"document_id", id}, {"document", upload.document}, {"sha256", sha}, {"size", size}}, at);
    audit::record(tx, actor, "document_add", "power_case", std::to_string(case_id), k.region_code, {{"after", doc}});
    return doc;
  });
}

nlohmann::json list_documents(store::Connection& c, const auth::Principal& actor, std::int64_t case_id,
                              const std::optional<std::string>& step) {
  actor.require(kCaseRead);
  load_case(c, actor, case_id);
  nlohmann::json items = nlohmann::json::array();
  std::string sql = std::string("SELECT ") + kColumns + " FROM power_case_document WHERE case_id = $1";
  store::Params params{case_id};
  if (step) {
    text::require_length("step", *step, 1, 32);
    step_by_key(c, case_id, *step);
    sql += " AND step_key = $2";
    params.push_back(*step);
  }
  for (const auto& r : c.query(sql + " ORDER BY seq, id", params)) items.push_back(document_json(r));
  return {{"items", items}};
}

StoredFile read_document(store::Connection& c, const auth::Principal& actor, std::int64_t case_id,
                         std::int64_t document_id) {
  actor.require(kCaseRead);
  load_case(c, actor, case_id);
  const auto rs = c.query("SELECT d.filename, d.content_type, d.sha256, b.content FROM power_case_document d "
                          "JOIN attachment_blob b ON b.sha256 = d.sha256 WHERE d.id = $1 AND d.case_id = $2",
                          {document_id, case_id});
  if (rs.empty()) throw not_found("办件材料", "Case document");
  const auto& r = rs.front();
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3)};
}

void delete_document(store::Connection& c, const auth::Principal& actor, std::int64_t case_id,
                     std::int64_t document_id) {
  store::with_transaction(c, [&](store::Connection& tx) {
    tx.query("UPDATE power_case SET updated_at = updated_at WHERE id = $1", {case_id});
    const auto k = load_case(tx, actor, case_id);
    const auto rs = tx.query(std::string("SELECT ") + kColumns + " FROM power_case_document WHERE id = $1 AND case_id = $2",
                             {document_id, case_id});
    if (rs.empty()) throw not_found("办件材料", "Case document");
    const auto before = document_json(rs.front());
    if (before["uploaded_by"].is_null() || before["uploaded_by"].get<std::int64_t>() != actor.user_id)
      throw Error(ErrorKind::forbidden, "not_uploader", "只有上传人可以删除该材料", "Only the uploader deletes a document");
    const auto s = step_by_key(tx, case_id, before["step"].get<std::string>());
    if (!step_open(k.status, k.current_seq, s.seq, s.status)) throw step_closed(s.key);
    tx.query("DELETE FROM power_case_document WHERE id = $1", {document_id});
    disclosure::drop_blob_if_unused(tx, before["sha256"].get<std::string>());
    add_event(tx, actor, case_id, s.seq, s.key, "document_delete", before["filename"].get<std::string>(),
              {{"document_id", document_id}, {"document", before["document"]}, {"sha256", before["sha256"]}}, now_iso());
    audit::record(tx, actor, "document_delete", "power_case", std::to_string(case_id), k.region_code,
                  {{"before", before}});
  });
}

void add_step_documents(store::Connection& c, const auth::Principal& actor, nlohmann::json& kase) {
  const auto id = kase["id"].get<std::int64_t>();
  std::map<std::int64_t, nlohmann::json> by_seq;
  for (const auto& r : c.query(std::string("SELECT ") + kColumns + " FROM power_case_document WHERE case_id = $1 "
                                                                   "ORDER BY seq, id",
                               {id})) {
    auto d = document_json(r);
    auto& list = by_seq[d["seq"].get<std::int64_t>()];
    if (list.is_null()) list = nlohmann::json::array();
    list.push_back(std::move(d));
  }
  const auto status = kase["status"].get<std::string>();
  const auto current = kase["current_seq"].get<std::int64_t>();
  const auto requester = kase["requester_id"].get<std::int64_t>();
  for (auto& s : kase["route"]) {
    const auto seq = s["seq"].get<std::int64_t>();
    auto docs = by_seq.count(seq) ? by_seq[seq] : nlohmann::json::array();
    std::set<std::string> named;
    for (const auto& d : docs) named.insert(d["document"].get<std::string>());
    nlohmann::json missing = nlohmann::json::array();
    for (const auto& a : s["attachments"])
      if (!named.count(a.get<std::string>())) missing.push_back(a);
    const auto roles = s["roles"].get<std::vector<std::string>>();
    s["documents"] = std::move(docs);
    s["missing_documents"] = std::move(missing);
    const bool open = step_open(status, current, seq, s["status"].get<std::string>());
    s["documents_open"] = open;
    s["can_upload"] = open && may_upload(actor, requester, roles);
  }
}

std::vector<std::string> missing_documents(store::Connection& c, std::int64_t case_id, std::int64_t seq,
                                           const std::vector<std::string>& required) {
  std::set<std::string> named;
  for (const auto& r : c.query("SELECT DISTINCT document FROM power_case_document WHERE case_id = $1 AND seq = $2",
                               {case_id, seq}))
    named.insert(r.get<std::string>(0));
  std::vector<std::string> out;
  for (const auto& a : required)
    if (!named.count(a)) out.push_back(a);
  return out;
}

}  // namespace ql::power
