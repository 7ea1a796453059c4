#include "ledger/asset.hpp"

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
#include "ledger/asset_common.hpp"
#include "ledger/period.hpp"
#include "store/page_query.hpp"

namespace ql::ledger {
namespace {

constexpr const char* kColumns =
    "a.id, a.region_code, g.name AS region_name, a.code, a.name, a.category, a.original_value_fen, a.acquired_date, "
    "a.location, a.custodian, a.status, a.note, a.disposal_ref, a.created_by, a.created_at, a.updated_at, "
    "(SELECT COUNT(*) FROM contract k WHERE k.asset_id = a.id AND k.status = 'active') AS active_contracts, "
    "(SELECT COUNT(*) FROM asset_photo p WHERE p.asset_id = a.id) AS photo_count";
constexpr const char* kFrom = "asset a JOIN region g ON g.code = a.region_code";

nlohmann::json asset_json(const store::Row& r) {
  return {{"id", r.get<std::int64_t>("id")},
          {"region_code", r.get<std::string>("region_code")},
          {"region_name", r.get<std::string>("region_name")},
          {"code", r.get<std::string>("code")},
          {"name", r.get<std::string>("name")},
          {"category", r.get<std::string>("category")},
          {"original_value_fen", r.get<std::int64_t>("original_value_fen")},
          {"acquired_date", r.get<std::string>("acquired_date")},
          {"location", r.get<std::string>("location")},
          {"custodian", r.get<std::string>("custodian")},
          {"status", r.get<std::string>("status")},
          {"note", r.get<std::string>("note")},
          {"disposal_ref", r.is_null("disposal_ref") ? nlohmann::json() : nlohmann::json(r.get<std::string>("disposal_ref"))},
          {"active_contracts", r.get<std::int64_t>("active_contracts")},
          {"photo_count", r.get<std::int64_t>("photo_count")},
          {"created_at", r.get<std::string>("created_at")},
          {"updated_at", r.get<std::string>("updated_at")}};
}

nlohmann::json photo_list(store::Connection& c, std::int64_t id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.query("SELECT id, asset_id, filename, content_type, size_bytes, sha256, created_at FROM "
                               "asset_photo WHERE asset_id = $1 ORDER BY id",
                               {id}))
    out.push_back({{"id", r.get<std::int64_t>(0)},
                   {"asset_id", r.get<std::int64_t>(1)},
                   {"filename", r.get<std::string>(2)},
                   {"content_type", r.get<std::string>(3)},
                   {"size_bytes", r.get<std::int64_t>(4)},
                   {"sha256", r.get<std::string>(5)},
                   {"created_at", r.get<std::string>(6)}});
  return out;
}

// The asset with its photo list (what single-asset answers carry).
nlohmann::json load(store::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE a.id = $1", {id});
  auto out = asset_json(rs.front());
  out["photos"] = photo_list(c, id);
  return out;
}

nlohmann::json load_checked(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE a.id = $1", {id});
  if (rs.empty()) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("资产", "Asset");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, rs.front().get<std::string>("region_code"));
  return asset_json(rs.front());
}

nlohmann::json audit_view(nlohmann::json a) {
  for (const char* k : {"created_at", "updated_at", "region_name", "active_contracts", "photo_count", "photos"}) a.erase(k);
  return a;
}

Error disposal_requires_deal() {
  return Error(ErrorKind::conflict, "disposal_requires_deal",
               "资产处置须通过三资交易办理,不能直接把状态改为已处置",
               "An asset is disposed of only through an asset deal (三资交易), not by setting its status",
               "status");
}

// Every problem of an asset's fields (categories: the dictionary's enabled values).
std::vector<Problem> check(store::Connection& c, AssetInput& a, Date today) {
  std::vector<Problem> out;
  const auto len = [&](const std::string& field, const std::string& v, std::size_t min, std::size_t max) {
    const auto n = text::char_count(v);
    if (n < min || n > max)
      out.push_back({-1, field, min ? "须为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 个字符"
                                    : "至多 " + std::to_string(max) + " 个字符",
                     min ? "must have " + std::to_string(min) + " to " + std::to_string(max) + " characters"
                         : "must have at most " + std::to_string(max) + " characters"});
  };
  len("code", a.code, 1, 40);
  len("name", a.name, 1, 100);
  len("location", a.location, 0, 100);
  len("custodian", a.custodian, 0, 50);
  len("note", a.note, 0, 500);
  if (auto cat = asset_category(c, a.category)) a.category = *cat;
  else out.push_back({-1, "category", "不是资产类别字典中的类别", "is not a category of the asset_category dictionary"});
  if (a.original_value_fen < 0 || a.original_value_fen > kMaxValueFen)
    out.push_back({-1, "original_value_fen", "须为 0 到 99999999999999 分", "must be from 0 to 99999999999999 fen"});
  if (auto d = parse_date(a.acquired_date); !d)
    out.push_back({-1, "acquired_date", "须为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"});
  else if (*d > today)
    out.push_back({-1, "acquired_date", "不能晚于今天", "must not be in the future"});
  if (a.status == "disposed") out.push_back({-1, "status", "资产处置须通过三资交易办理", "disposal needs an asset deal"});
  else if (a.status != "in_use" && a.status != "idle" && a.status != "leased")
    out.push_back({-1, "status", "须为 in_use、idle 或 leased", "must be in_use, idle or leased"});
  return out;
}

void throw_first(const std::vector<Problem>& p) {
  if (p.empty()) return;
  if (p.front().field == "status" && p.front().en.starts_with("disposal")) throw disposal_requires_deal();
  throw invalid_field(p.front().field, p.front().zh, p.front().en);
}

void require_free_code(store::Connection& c, const std::string& region, const std::string& code, std::int64_t except) {
  if (c.scalar("SELECT COUNT(*) FROM asset WHERE region_code = $1 AND code = $2 AND id <> $3", {region, code, except}) !=
      "0")
    throw Error(ErrorKind::conflict, "duplicate_asset_code", "资产编号 " + code + " 在本村已存在",
                "Asset code " + code + " already exists in this village", "code");
}

std::int64_t insert(store::Connection& tx, const auth::Principal& actor, const AssetInput& a) {
  const auto at = now_iso();
  return tx
      .query("INSERT INTO asset (region_code, code, name, category, original_value_fen, acquired_date, location, "
             "custodian, status, note, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
             "$10, $11, $12, $12) RETURNING id",
             {a.region_code, a.code, a.name, a.category, a.original_value_fen, a.acquired_date, a.location, a.custodian,
              a.status, a.note, actor_param(actor), at})
      .front()
      .get<std::int64_t>(0);
}

}  // namespace

std::optional<std::string> asset_category(store::Connection& c, const std::string& text) {
  auto rs = c.query("SELECT value FROM dict_item WHERE type_code = 'asset_category' AND enabled = 1 AND "
                    "(value = $1 OR label_zh = $1 OR LOWER(label_en) = LOWER($1))",
                    {text});
  if (rs.empty()) return std::nullopt;
  return rs.front().get<std::string>(0);
}

nlohmann::json create_asset(store::Connection& c, const auth::Principal& actor, const AssetInput& in) {
  actor.require(kAssetWritePermission);
  require_village(c, actor, in.region_code, "region_code");
  auto a = in;
  throw_first(check(c, a, business_day(now())));
  return store::with_transaction(c, [&](store::Connection& tx) {
    require_free_code(tx, a.region_code, a.code, 0);
    const auto id = insert(tx, actor, a);
    auto out = load(tx, id);
    audit::record(tx, actor, "create", "asset", std::to_string(id), a.region_code, {{"after", audit_view(out)}});
    return out;
  });
}

nlohmann::json get_asset(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kAssetReadPermission);
  load_checked(c, actor, id);
  return load(c, id);
}

nlohmann::json add_asset_photo(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                               const std::string& filename, const std::optional<std::string>& declared_type,
                               std::string bytes) {
  actor.require(kAssetWritePermission);
  disclosure::Upload upload{filename, declared_type, std::move(bytes)};
  const auto type = disclosure::check_upload(upload);
  const auto name = disclosure::clean_filename(upload.filename, type);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto a = load_checked(tx, actor, id);
    if (a["status"] == "disposed") throw conflict("asset_disposed", "该资产已处置", "The asset has been disposed of");
    if (a["photo_count"].get<std::int64_t>() >= kMaxAssetPhotos)
      throw conflict("too_many_photos", "每项资产至多 20 张照片", "An asset has at most 20 photos");
    const auto at = now_iso();
    const auto sha = crypto::sha256_hex(upload.content);
    const auto size = static_cast<std::int64_t>(upload.content.size());
    const auto pid = tx.query("INSERT INTO asset_photo (asset_id, filename, content_type, size_bytes, sha256, data, "
                              "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                              {id, name, type, size, sha, store::Blob{std::move(upload.content)}, actor_param(actor), at})
                         .front()
                         .get<std::int64_t>(0);
    nlohmann::json out = {{"id", pid},           {"asset_id", id},     {"filename", name}, {"content_type", type},
                          {"size_bytes", size},  {"sha256", sha},      {"created_at", at}};
    audit::record(tx, actor, "attach", "asset", std::to_string(id), a["region_code"].get<std::string>(), {{"after", out}});
    return out;
  });
}

StoredFile get_asset_photo(store::Connection& c, const auth::Principal& actor, std::int64_t id, std::int64_t photo_id) {
  actor.require(kAssetReadPermission);
  load_checked(c, actor, id);
  auto rs = c.query("SELECT filename, content_type, sha256, data FROM asset_photo WHERE id = $1 AND asset_id = $2",
                    {photo_id, id});
  if (rs.empty()) throw not_found("资产照片", "Asset photo");
  const auto& r = rs.front();
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3)};
}

nlohmann::json update_asset(store::Connection& c, const auth::Principal& actor, std::int64_t id, const AssetPatch& p) {
  actor.require(kAssetWritePermission);
  if (p.status && *p.status == "disposed") throw disposal_requires_deal();
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto before = load_checked(tx, actor, id);
    if (before["status"] == "disposed")
      throw conflict("asset_disposed", "该资产已处置,不能修改", "The asset has been disposed of and cannot change");
    AssetInput a;
    a.region_code = before["region_code"];
    a.code = p.code.value_or(before["code"].get<std::string>());
    a.name = p.name.value_or(before["name"].get<std::string>());
    a.category = p.category.value_or(before["category"].get<std::string>());
    a.original_value_fen = p.original_value_fen.value_or(before["original_value_fen"].get<std::int64_t>());
    a.acquired_date = p.acquired_date.value_or(before["acquired_date"].get<std::string>());
    a.location = p.location.value_or(before["location"].get<std::string>());
    a.custodian = p.custodian.value_or(before["custodian"].get<std::string>());
    a.note = p.note.value_or(before["note"].get<std::string>());
    a.status = p.status.value_or(before["status"].get<std::string>());
    throw_first(check(tx, a, business_day(now())));
    if (p.code) require_free_code(tx, a.region_code, a.code, id);
    tx.query("UPDATE asset SET code = $2, name = $3, category = $4, original_value_fen = $5, acquired_date = $6, "
             "location = $7, custodian = $8, note = $9, status = $10, updated_at = $11 WHERE id = $1",
             {id, a.code, a.name, a.category, a.original_value_fen, a.acquired_date, a.location, a.custodian, a.note,
              a.status, now_iso()});
    auto after = load(tx, id);
    audit::record(tx, actor, "update", "asset", std::to_string(id), a.region_code,
                  audit::diff(audit_view(before), audit_view(after)));
    return after;
  });
}

nlohmann::json list_assets(store::Connection& c, const auth::Principal& actor, const AssetFilter& f,
                           const PageRequest& page) {
  actor.require(kAssetReadPermission);
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "a.region_code", "a.created_by", params);
  const auto add = [&](const std::string& cond, store::Param v) {
    params.push_back(std::move(v));
    where += " AND " + cond + std::to_string(params.size());
  };
  if (f.category) {
    auto cat = asset_category(c, *f.category);
    if (!cat) throw invalid_field("category", "不是资产类别字典中的类别", "is not a category of the asset_category dictionary");
    add("a.category = $", *cat);
  }
  if (f.status) {
    if (!among(kAssetStatuses, *f.status))
      throw invalid_field("status", "须为 in_use、idle、leased 或 disposed", "must be in_use, idle, leased or disposed");
    add("a.status = $", *f.status);
  }
  if (f.q) where += " AND " + store::contains_condition({"a.code", "a.name", "a.location", "a.custodian"}, *f.q, params);
  PageRequest p = page;
  p.sort = "a." + (p.sort.empty() ? std::string("code") : p.sort);
  auto rows = store::query_page(c, kColumns, kFrom, where, std::move(params), p, "a.id");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(asset_json(r));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

nlohmann::json dispose_asset_by_deal(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                                     const std::string& deal_ref) {
  actor.require(kAssetWritePermission);
  if (deal_ref.empty()) throw invalid_field("deal_ref", "须注明三资交易编号", "must cite the asset deal");
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto before = load_checked(tx, actor, id);
    if (before["status"] == "disposed")
      throw conflict("asset_disposed", "该资产已处置", "The asset has already been disposed of");
    tx.query("UPDATE asset SET status = 'disposed', disposal_ref = $2, updated_at = $3 WHERE id = $1",
             {id, deal_ref, now_iso()});
    audit::record(tx, actor, "dispose", "asset", std::to_string(id), before["region_code"].get<std::string>(),
                  {{"status", {{"from", before["status"]}, {"to", "disposed"}}}, {"deal_ref", deal_ref}});
    return load(tx, id);
  });
}

nlohmann::json create_assets(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             const std::vector<AssetInput>& assets) {
  actor.require(kAssetWritePermission);
  require_village(c, actor, region_code, "region");
  static const std::map<std::string, std::string> columns = {
      {"code", "资产编号"},       {"name", "资产名称"},     {"category", "资产类别"},
      {"original_value_fen", "原值"}, {"acquired_date", "取得日期"}, {"location", "存放地点"},
      {"custodian", "保管人"},    {"status", "状态"},       {"note", "备注"}};
  const auto today = business_day(now());
  return store::with_transaction(c, [&](store::Connection& tx) {
    std::vector<RowProblem> problems;
    std::set<std::string> existing, seen;
    for (const auto& r : tx.query("SELECT code FROM asset WHERE region_code = $1", {region_code}))
      existing.insert(r.get<std::string>(0));
    std::vector<AssetInput> checked;
    for (auto a : assets) {
      a.region_code = region_code;
      for (const auto& p : check(tx, a, today)) problems.push_back({a.row, columns.at(p.field), p.zh, p.en});
      if (existing.contains(a.code))
        problems.push_back({a.row, "资产编号", "资产编号 " + a.code + " 在本村已存在", "Asset code " + a.code + " already exists"});
      else if (!seen.insert(a.code).second)
        problems.push_back({a.row, "资产编号", "资产编号 " + a.code + " 在文件中重复", "Asset code " + a.code + " repeats in the file"});
      checked.push_back(std::move(a));
    }
    if (!problems.empty())
      throw Error(bad_request("import_rejected", "导入文件有 " + std::to_string(problems.size()) + " 处错误,未写入任何数据",
                              "The file has " + std::to_string(problems.size()) + " problem(s); nothing was imported",
                              "file"))
          .with_problems(std::move(problems));
    for (const auto& a : checked) insert(tx, actor, a);
    audit::record(tx, actor, "import", "asset", "", region_code, {{"created", checked.size()}});
    return nlohmann::json{{"created", checked.size()}};
  });
}

}  // namespace ql::ledger
