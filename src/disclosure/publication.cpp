#include "disclosure/publication.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "disclosure/attachment.hpp"
#include "store/page_query.hpp"

namespace ql::disclosure {
namespace {

constexpr std::array<std::string_view, 4> kCategories = {"party", "affairs", "finance", "service"};
constexpr std::array<std::string_view, 3> kStages = {"before", "during", "after"};

constexpr const char* kColumns =
    "d.id, d.region_code, g.name AS region_name, d.catalog_item_id, d.period, d.category, d.stage, "
    "d.title, d.body, d.links, d.status, d.supersedes_id, d.log_index, d.published_at, "
    "p.username AS published_by, d.withdrawn_reason, d.withdrawn_at, w.username AS withdrawn_by, "
    "d.created_by, d.created_at, d.updated_at";
constexpr const char* kFrom =
    "disclosure d JOIN region g ON g.code = d.region_code LEFT JOIN app_user p ON p.id = "
    "d.published_by LEFT JOIN app_user w ON w.id = d.withdrawn_by";

template <typename T>
nlohmann::json or_null(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

template <typename T>
std::optional<T> opt(const nlohmann::json& v) {
  if (v.is_null()) return std::nullopt;
  return v.get<T>();
}

nlohmann::json row_json(const store::Row& r) {
  return {{"id", r.get<std::int64_t>("id")},
          {"region_code", r.get<std::string>("region_code")},
          {"region_name", r.get<std::string>("region_name")},
          {"catalog_item_id", or_null(r.opt<std::int64_t>("catalog_item_id"))},
          {"period", or_null(r.opt<std::string>("period"))},
          {"category", r.get<std::string>("category")},
          {"stage", r.get<std::string>("stage")},
          {"title", r.get<std::string>("title")},
          {"body", r.get<std::string>("body")},
          {"links", nlohmann::json::parse(r.get<std::string>("links"))},
          {"status", r.get<std::string>("status")},
          {"supersedes_id", or_null(r.opt<std::int64_t>("supersedes_id"))},
          {"log_index", or_null(r.opt<std::int64_t>("log_index"))},
          {"published_at", or_null(r.opt<std::string>("published_at"))},
          {"published_by", or_null(r.opt<std::string>("published_by"))},
          {"withdrawn_reason", or_null(r.opt<std::string>("withdrawn_reason"))},
          {"withdrawn_at", or_null(r.opt<std::string>("withdrawn_at"))},
          {"withdrawn_by", or_null(r.opt<std::string>("withdrawn_by"))},
          {"created_at", r.get<std::string>("created_at")},
          {"updated_at", r.get<std::string>("updated_at")}};
}

std::optional<nlohmann::json> load(store::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE d.id = $1", {id});
  if (rs.empty()) return std::nullopt;
  return row_json(rs.front());
}

// Loads a disclosure the actor may see; 403 for one outside the scope (as for a missing one,
// unless the actor sees everything).
nlohmann::json load_in_scope(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto d = load(c, id);
  if (!d) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("公开事项", "Disclosure");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, (*d)["region_code"].get<std::string>());
  return *d;
}

void require_status(const nlohmann::json& d, std::string_view status, const char* zh, const char* en) {
  if (d["status"] != status) throw Error(ErrorKind::conflict, "disclosure_frozen", zh, en);
}

void check_links(const nlohmann::json& links) {
  if (!links.is_array() || links.size() > 50)
    throw invalid_field("links", "须为最多 50 项的数组", "must be an array of at most 50 items");
  for (const auto& l : links)
    if (!l.is_object() || l.size() != 2 || !l.contains("type") || !l.contains("id") || !l["type"].is_string() ||
        !l["id"].is_string() || text::char_count(l["type"].get<std::string>()) > 40 ||
        text::char_count(l["id"].get<std::string>()) > 64)
      throw invalid_field("links", "每项须为 {\"type\",\"id\"} 两个字符串", "items must be {\"type\",\"id\"} strings");
}

void check_catalog_item(store::Connection& c, const std::string& region_code,
                        const std::optional<std::int64_t>& item_id) {
  if (!item_id) return;
  // The item must belong to a catalogue of this region (adopted or its own), so that
  // overdue counting attributes the publication to the right community.
  auto rs = c.query(
      "SELECT 1 FROM disclosure_catalog_item i JOIN disclosure_catalog k ON k.id = i.catalog_id "
      "WHERE i.id = $1 AND k.region_code = $2",
      {*item_id, region_code});
  if (rs.empty())
    throw invalid_field("catalog_item_id", "不是本区划公开目录中的事项",
                        "is not an item of this region's catalogue");
}

void require_publish(const auth::Principal& actor) { actor.require("disclosure:publication:publish"); }

}  // namespace

namespace {

void check_category(const std::string& v) {
  if (!among(kCategories, v))
    throw invalid_field("category", "须为 party、affairs、finance 或 service",
                        "must be party, affairs, finance or service");
}

void check_stage(const std::string& v) {
  if (!among(kStages, v))
    throw invalid_field("stage", "须为 before、during 或 after", "must be before, during or after");
}

void check_period(const std::string& v) { text::require_length("period", v, 4, 7); }

// Each field on its own, so a patch is validated before anything is loaded.
void check_patch(const DraftPatch& p) {
  if (p.category) check_category(*p.category);
  if (p.stage) check_stage(*p.stage);
  if (p.title) text::require_length("title", *p.title, 1, 100);
  if (p.body) text::require_length("body", *p.body, 1, 20000);
  if (p.period) check_period(*p.period);
  if (p.links) check_links(*p.links);
}

}  // namespace

void check_content(const Content& c) {
  check_patch({c.category, c.stage, c.title, c.body, c.period, c.catalog_item_id, c.links});
}

namespace {

// Checks scope and catalogue item and inserts a draft; the caller holds the transaction and
// has validated `content`.
std::int64_t insert_draft(store::Connection& tx, const auth::Principal& actor, const std::string& region_code,
                          const Content& content) {
  auth::Scope(actor).require_region(tx, region_code, "region");
  check_catalog_item(tx, region_code, content.catalog_item_id);
  const auto at = now_iso();
  return tx.query("INSERT INTO disclosure (region_code, catalog_item_id, period, category, stage, title, "
                  "body, links, status, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
                  "$6, $7, $8, 'draft', $9, $10, $10) RETURNING id",
                  {region_code, store::to_param(content.catalog_item_id), store::to_param(content.period),
                   content.category, content.stage, content.title, content.body, content.links.dump(),
                   actor.user_id ? store::Param(actor.user_id) : store::Param(), at})
      .front()
      .get<std::int64_t>(0);
}

}  // namespace

nlohmann::json create_draft(store::Connection& c, const auth::Principal& actor,
                            const std::string& region_code, const Content& content) {
  actor.require("disclosure:publication:write");
  check_content(content);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto id = insert_draft(tx, actor, region_code, content);
    auto d = *load(tx, id);
    audit::record(tx, actor, "create", "disclosure", std::to_string(id), region_code, {{"after", d}});
    return d;
  });
}

nlohmann::json update_draft(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                            const DraftPatch& p) {
  actor.require("disclosure:publication:write");
  check_patch(p);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto before = load_in_scope(tx, actor, id);
    require_status(before, "draft", "已发布的公开事项不能修改,请使用更正", "A published disclosure cannot be edited; publish a correction");
    Content next{p.category.value_or(before["category"].get<std::string>()),
                 p.stage.value_or(before["stage"].get<std::string>()),
                 p.title.value_or(before["title"].get<std::string>()),
                 p.body.value_or(before["body"].get<std::string>()),
                 p.catalog_item_id ? p.catalog_item_id : opt<std::int64_t>(before["catalog_item_id"]),
                 p.period ? p.period : opt<std::string>(before["period"]),
                 p.links.value_or(before["links"])};
    check_content(next);
    check_catalog_item(tx, before["region_code"].get<std::string>(), next.catalog_item_id);
    tx.query("UPDATE disclosure SET category = $2, stage = $3, title = $4, body = $5, catalog_item_id = $6, "
             "period = $7, links = $8, updated_at = $9 WHERE id = $1 AND status = 'draft'",
             {id, next.category, next.stage, next.title, next.body, store::to_param(next.catalog_item_id),
              store::to_param(next.period), next.links.dump(), now_iso()});
    auto after = *load(tx, id);
    audit::record(tx, actor, "update", "disclosure", std::to_string(id), after["region_code"].get<std::string>(),
                  audit::diff(before, after));
    return after;
  });
}

void delete_draft(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require("disclosure:publication:write");
  store::with_transaction(c, [&](store::Connection& tx) {
    auto d = load_in_scope(tx, actor, id);
    require_status(d, "draft", "已发布的公开事项不能删除,只能撤回", "A published disclosure cannot be deleted, only withdrawn");
    delete_all_attachments(tx, id);
    tx.query("DELETE FROM disclosure WHERE id = $1 AND status = 'draft'", {id});
    audit::record(tx, actor, "delete", "disclosure", std::to_string(id), d["region_code"].get<std::string>(),
                  {{"before", d}});
  });
}

nlohmann::json get_disclosure(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require("disclosure:publication:read");
  auto d = load_in_scope(c, actor, id);
  d["attachments"] = list_attachments(c, id);
  return d;
}

nlohmann::json disclosure_in_scope(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  return load_in_scope(c, actor, id);
}

nlohmann::json list_disclosures(store::Connection& c, const auth::Principal& actor, const ListFilter& f,
                                const PageRequest& page) {
  actor.require("disclosure:publication:read");
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "d.region_code", "d.created_by", params);
  auto eq = [&](const char* column, const std::optional<std::string>& v) {
    if (!v) return;
    params.emplace_back(*v);
    where += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (f.status && *f.status != "draft" && *f.status != "published" && *f.status != "superseded" &&
      *f.status != "withdrawn")
    throw invalid_field("status", "须为 draft、published、superseded 或 withdrawn",
                        "must be draft, published, superseded or withdrawn");
  if (f.category) check_category(*f.category);
  if (f.stage) check_stage(*f.stage);
  eq("d.status", f.status);
  eq("d.category", f.category);
  eq("d.stage", f.stage);
  if (f.q) where += " AND " + store::contains_condition({"d.title"}, *f.q, params);
  auto rows = store::query_page(c, kColumns, kFrom, where, std::move(params),
                                PageRequest{page.page, page.size, "d." + page.sort, page.desc}, "d.id DESC");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(row_json(r));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

nlohmann::json publication_entry(store::Connection& c, std::int64_t id, std::string_view kind) {
  auto d = load(c, id);
  if (!d) throw not_found("公开事项", "Disclosure");
  // Sorted by hash (unique within a publication), in C++ so that no database collation and
  // no row id decides the order: a correction's copied rows give the same array.
  std::vector<nlohmann::json> files;
  for (const auto& a : c.query("SELECT filename, content_type, size, sha256 FROM disclosure_attachment "
                               "WHERE disclosure_id = $1",
                               {id}))
    files.push_back({{"filename", a.get<std::string>(0)}, {"content_type", a.get<std::string>(1)},
                     {"size", a.get<std::int64_t>(2)}, {"sha256", a.get<std::string>(3)}});
  std::sort(files.begin(), files.end(), [](const nlohmann::json& x, const nlohmann::json& y) {
    return x["sha256"].get<std::string>() < y["sha256"].get<std::string>();
  });
  nlohmann::json attachments(std::move(files));
  if (kind == "withdraw")
    return {{"v", 1}, {"kind", "withdraw"}, {"disclosure_id", id}, {"region_code", (*d)["region_code"]},
            {"reason", (*d)["withdrawn_reason"]}, {"withdrawn_at", (*d)["withdrawn_at"]},
            {"withdrawn_by", (*d)["withdrawn_by"]}};
  return {{"v", 1},
          {"kind", kind},
          {"disclosure_id", id},
          {"region_code", (*d)["region_code"]},
          {"catalog_item_id", (*d)["catalog_item_id"]},
          {"period", (*d)["period"]},
          {"category", (*d)["category"]},
          {"stage", (*d)["stage"]},
          {"title", (*d)["title"]},
          {"body", (*d)["body"]},
          {"links", (*d)["links"]},
          {"attachments", attachments},
          {"supersedes_id", (*d)["supersedes_id"]},
          {"published_at", (*d)["published_at"]},
          {"published_by", (*d)["published_by"]}};
}

namespace {

// Freezes draft `id` as published and appends its entry; the caller holds the transaction.
std::uint64_t publish_in(store::Connection& tx, const auth::Principal& actor, const LogIdentity& log,
                         std::int64_t id, std::string_view kind) {
  tx.query("UPDATE disclosure SET status = 'published', published_at = $2, published_by = $3, updated_at = $2 "
           "WHERE id = $1",
           {id, now_iso(), actor.user_id ? store::Param(actor.user_id) : store::Param()});
  const auto index = append_entry(tx, log, kind, id, canonical_json(publication_entry(tx, id, kind)));
  tx.query("UPDATE disclosure SET log_index = $2 WHERE id = $1", {id, static_cast<std::int64_t>(index)});
  return index;
}

}  // namespace

nlohmann::json publish(store::Connection& c, const auth::Principal& actor, const LogIdentity& log,
                       std::int64_t id) {
  require_publish(actor);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto d = load_in_scope(tx, actor, id);
    require_status(d, "draft", "该公开事项已发布", "This disclosure is already published");
    const auto index = publish_in(tx, actor, log, id, "publish");
    audit::record(tx, actor, "publish", "disclosure", std::to_string(id), d["region_code"].get<std::string>(),
                  {{"log_index", index}});
    return *load(tx, id);
  });
}

nlohmann::json correct(store::Connection& c, const auth::Principal& actor, const LogIdentity& log,
                       std::int64_t id, const Content& content) {
  require_publish(actor);
  check_content(content);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto old = load_in_scope(tx, actor, id);
    require_status(old, "published", "只能更正已发布且未被更正或撤回的公开事项",
                   "Only a published disclosure that is not superseded or withdrawn can be corrected");
    const auto region_code = old["region_code"].get<std::string>();
    check_catalog_item(tx, region_code, content.catalog_item_id);
    const auto at = now_iso();
    auto new_id = tx.query(
                        "INSERT INTO disclosure (region_code, catalog_item_id, period, category, stage, title, "
                        "body, links, status, supersedes_id, created_by, created_at, updated_at) VALUES ($1, $2, "
                        "$3, $4, $5, $6, $7, $8, 'draft', $9, $10, $11, $11) RETURNING id",
                        {region_code, store::to_param(content.catalog_item_id), store::to_param(content.period),
                         content.category, content.stage, content.title, content.body, content.links.dump(), id,
                         actor.user_id ? store::Param(actor.user_id) : store::Param(), at})
                      .front()
                      .get<std::int64_t>(0);
    copy_attachments(tx, id, new_id);
    tx.query("UPDATE disclosure SET status = 'superseded', updated_at = $2 WHERE id = $1", {id, at});
    const auto index = publish_in(tx, actor, log, new_id, "correct");
    audit::record(tx, actor, "correct", "disclosure", std::to_string(new_id), region_code,
                  {{"supersedes_id", id}, {"log_index", index}});
    return *load(tx, new_id);
  });
}

nlohmann::json correct_with_draft(store::Connection& c, const auth::Principal& actor, const LogIdentity& log,
                                  std::int64_t id, std::int64_t draft_id) {
  require_publish(actor);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto old = load_in_scope(tx, actor, id);
    require_status(old, "published", "只能更正已发布且未被更正或撤回的公开事项",
                   "Only a published disclosure that is not superseded or withdrawn can be corrected");
    const auto region_code = old["region_code"].get<std::string>();
    const auto draft = load(tx, draft_id);
    if (!draft || (*draft)["status"] != "draft" || (*draft)["region_code"] != region_code ||
        !(*draft)["supersedes_id"].is_null())
      throw invalid_field("draft_id", "须为同一区划的草稿", "must be a draft of the same region");
    tx.query("UPDATE disclosure SET supersedes_id = $2, updated_at = $3 WHERE id = $1 AND status = 'draft'",
             {draft_id, id, now_iso()});
    tx.query("UPDATE disclosure SET status = 'superseded', updated_at = $2 WHERE id = $1", {id, now_iso()});
    const auto index = publish_in(tx, actor, log, draft_id, "correct");
    audit::record(tx, actor, "correct", "disclosure", std::to_string(draft_id), region_code,
                  {{"supersedes_id", id}, {"log_index", index}});
    return *load(tx, draft_id);
  });
}

nlohmann::json withdraw(store::Connection& c, const auth::Principal& actor, const LogIdentity& log,
                        std::int64_t id, const std::string& reason) {
  require_publish(actor);
  text::require_length("reason", reason, 2, 500);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto d = load_in_scope(tx, actor, id);
    require_status(d, "published", "只能撤回已发布且未被更正或撤回的公开事项",
                   "Only a published disclosure that is not superseded or withdrawn can be withdrawn");
    const auto at = now_iso();
    tx.query("UPDATE disclosure SET status = 'withdrawn', withdrawn_reason = $2, withdrawn_at = $3, "
             "withdrawn_by = $4, updated_at = $3 WHERE id = $1",
             {id, reason, at, actor.user_id ? store::Param(actor.user_id) : store::Param()});
    const auto index = append_entry(tx, log, "withdraw", id, canonical_json(publication_entry(tx, id, "withdraw")));
    audit::record(tx, actor, "withdraw", "disclosure", std::to_string(id), d["region_code"].get<std::string>(),
                  {{"reason", reason}, {"log_index", index}});
    return *load(tx, id);
  });
}

nlohmann::json publish_for_step(store::Connection& c, const auth::Principal& actor, const LogIdentity& log,
                                const std::string& region_code, const Content& content) {
  check_content(content);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto id = insert_draft(tx, actor, region_code, content);
    const auto index = publish_in(tx, actor, log, id, "publish");
    audit::record(tx, actor, "publish", "disclosure", std::to_string(id), region_code,
                  {{"log_index", index}, {"links", content.links}});
    return *load(tx, id);
  });
}

}  // namespace ql::disclosure
